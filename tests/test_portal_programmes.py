"""The portal shows programmes: a page a programme (disciplines × components, kits missing, the
349 shares, an offline SVG chart of hours), the catalogue grouped by programme and semester, and
the "What is checked" page generated from the rule registry."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from builder import profiles, registry
from builder.check import check_passports
from builder.plugin.chart import nice_step, stacked_bars
from builder.plugin.programme_pages import programme
from builder.programme_check import check_programmes
from tests.conftest import MakeCourse, edited
from tests.sample_portal import sample_site


def test_the_sample_programme_page() -> None:
    html = (sample_site() / "programmes" / "6B12301" / "index.html").read_text(encoding="utf-8")
    assert "6B12301 · Төтенше жағдайда қорғау" in html
    assert 'href="../../fire-safety/"' in html and 'href="../../first-aid/"' in html
    row = html[html.index("ТЖ-2201 · Азаматтық қорғау"):]
    assert 'eumk-cell--missing' in row[:400] and "кешен жоқ" in row[:400]
    # the seven components of each kit, as the compliance page has them
    assert html.count('class="eumk-cell eumk-cell--ok"') == 14
    start = html.index('<figure class="eumk-chart">')
    chart = html[start:html.index("</figure>", start)]
    assert 'class="eumk-kind eumk-kind--lecture"' in chart
    assert 'class="eumk-kind eumk-kind--unplanned"' in chart  # the discipline without a kit
    assert 'class="eumk-kind eumk-kind--practice"' in chart   # practice, outside the shares
    assert not re.search(r"""(src|href)=["']https?://""", chart)  # static: nothing to fetch
    assert "Қашықтан оқыту" in html and "Синхронды сабақтар" in html


def test_the_catalogue_groups_courses_by_programme_and_semester() -> None:
    html = (sample_site() / "index.html").read_text(encoding="utf-8")
    group = html[html.index('class="eumk-group"'):]
    assert 'href="programmes/6B12301/"' in group
    assert group.index("Семестр 3") < group.index("ТЖ-2104") < group.index("Семестр 4")
    assert group.index("Семестр 4") < group.index("ГЗ-1203")
    assert "ТЖ-2201 · Азаматтық қорғау — кешен жоқ" in group
    assert '<h4 class="eumk-card__title">' in group  # under the h2 programme and h3 semester


def test_what_is_checked_lists_every_rule_of_the_registry() -> None:
    site = sample_site()
    html = (site / "rules" / "index.html").read_text(encoding="utf-8")
    for rule in registry.REGISTRY:
        assert f'id="{rule.id}"' in html
    assert "№385 бұйрық, 6.4-т." in html  # clauses in the portal's language
    for clause in registry.OUT_OF_SCOPE:
        assert registry.out_of_scope(clause, "kk") in html
    # why each rule exists, in the portal's language (English where no translation exists)
    assert "Силлабус пәнді модульдерге бөледі, әрқайсысында тақырыптар бар." in html
    assert 'href="../rules/"' in (site / "compliance" / "index.html").read_text(encoding="utf-8")


def test_shares_and_rows_of_a_programme(tmp_path: Path, make_course: MakeCourse) -> None:
    make_course({"course.yml": edited("course.yml", "form: full-time",
                                      "form: full-time\ndistance: 15")}, slug="a")
    folder = tmp_path / "programmes"
    folder.mkdir()
    (folder / "p.yml").write_text(
        "code: P1\ntitle: P\ndisciplines:\n"
        "  - {code: TS-101, title: A, credits: 1, semester: 1}\n"
        "  - {code: X-2, title: B, credits: 1, semester: 2}\n", encoding="utf-8")
    results = check_passports([tmp_path / "a"], profiles.get("moe-349-tvet", 30), root=tmp_path)
    [checked] = check_programmes(folder, results, profiles.get("moe-349-tvet", 30), root=tmp_path)
    data = programme(checked, results, "en")
    distance, sync = data["shares"]
    # 15 of 60 h (the kit's 30 h and the other discipline's 1 credit × 30 h) = 25 %
    assert (distance["share"], distance["ok"], distance["applies"]) == ("25", False, True)
    assert sync["applies"] is False  # a full-time programme has no synchronous floor
    assert [r["slug"] for r in data["rows"]] == ["a", None]
    assert data["rows"][0]["distance"]["share"] == "50"  # the discipline's own share: information
    assert [m["code"] for m in data["missing"]] == ["X-2"]
    assert data["chart"]["semesters"] == [1, 2]


def test_chart_geometry() -> None:
    assert [nice_step(t) for t in (270, 9, 0, 1000)] == [100, 2, 1, 200]
    chart = stacked_bars({3: {"lecture": 30, "self_study": 90}, 4: {"unplanned": 120}})
    first, second = chart["bars"]
    heights = [s["height"] for s in first["segments"]]
    assert heights[1] == 3 * heights[0]                      # hours to scale
    assert sum(heights) == second["segments"][0]["height"]   # same totals, same heights
    assert first["segments"][0]["y"] + heights[0] == chart["base"]  # stacked from the axis
    assert [t["value"] for t in chart["ticks"]] == ["0", "50", "100", "150"]
    assert [k["kind"] for k in chart["kinds"]] == ["lecture", "self_study", "unplanned"]


def test_programme_errors_fail_a_strict_build_and_a_missing_kit_does_not(tmp_path: Path) -> None:
    from builder.errors import KitError
    from tests.sites import build, new_course, project

    root = project(tmp_path / "p")
    new_course(root, "a")
    (root / "programmes").mkdir()
    curriculum = ("code: P1\ntitle: Programme\ndisciplines:\n"
                  "  - {code: X-1, title: Not yet written, credits: 3, semester: 1}\n")
    (root / "programmes" / "p1.yml").write_text(curriculum, encoding="utf-8")
    site = build(root)  # a discipline without a kit is a warning: the portal is built
    assert "Not yet written" in (site / "programmes" / "p1" / "index.html").read_text(
        encoding="utf-8")
    (root / "programmes" / "p1.yml").write_text(
        curriculum.replace("semester: 1}", "semester: 1, course: nowhere}"), encoding="utf-8")
    with pytest.raises(KitError, match="programme.unknown-course"):
        build(root)


@pytest.mark.e2e
def test_the_programme_page_draws_its_chart_with_no_network() -> None:
    from tests.sites import chromium, serve

    site = sample_site()
    with serve(site) as base, chromium() as browser:
        page = browser.new_page()
        requested: list[str] = []
        page.on("request", lambda r: requested.append(r.url))
        page.goto(base + "programmes/6B12301/")
        chart = page.locator("figure.eumk-chart svg")
        box = chart.bounding_box()
        assert box and box["width"] > 300 and box["height"] > 100
        bars = page.locator("figure.eumk-chart rect.eumk-kind")
        assert bars.count() >= 8  # kinds of three semesters
        tallest = max(bars.nth(i).bounding_box()["height"] for i in range(bars.count()))
        assert tallest > 20
        # the discipline without a kit stands out; every kit links to its site
        assert page.locator("td.eumk-cell--missing").count() == 1
        page.get_by_role("link", name="ТЖ-2104 · Өрт қауіпсіздігі негіздері").click()
        page.wait_for_url(base + "fire-safety/")
    assert all(url.startswith(base) for url in requested), requested
