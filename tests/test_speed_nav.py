"""Big courses stay linear: a component of many pages is shown as runs of pages, so the
navigation a page carries does not grow with the number of pages in its component."""

from __future__ import annotations

import re
from pathlib import Path

from builder.plugin.navigation import RUN, component
from tests.sites import build, new_course, project

PAGE = "---\ntitle: Lecture {n}\nmodule: M1\n---\n## Text {n}\n\nWords of lecture {n}.\n"


def test_short_components_stay_flat_and_long_ones_become_runs_of_pages() -> None:
    uris = [f"lectures/{n:04d}.md" for n in range(1, RUN + 1)]
    assert component(uris) == uris
    uris = [f"lectures/{n:04d}.md" for n in range(1, 2001)]
    runs = component(uris)
    assert [u for run in runs for u in next(iter(run.values()))] == uris  # order kept, none lost
    assert len(runs) == 40 and next(iter(runs[0])) == "1–50" and next(iter(runs[-1])) == \
        "1951–2000"
    huge = component([f"{n}.md" for n in range(10_000)])
    assert len(huge) == 100 and all(len(next(iter(r.values()))) == 100 for r in huge)


def lecture_links(html: str) -> set[int]:
    return {int(n) for n in re.findall(r'href="[./]*(?:lectures/)?(\d{3})-lecture/"', html)}


def test_a_page_of_a_long_component_links_its_own_run_and_the_first_page_of_the_others(
        tmp_path: Path) -> None:
    root = project(tmp_path)
    count = 2 * RUN + 20
    course = new_course(root, "big", "ru", **{f"lectures/{n:03d}-lecture.md": PAGE.format(n=n)
                                              for n in range(1, count + 1)})
    (course / "lectures/01-introduction.md").unlink()
    site = build(root) / "big"
    html = (site / "lectures/060-lecture/index.html").read_text(encoding="utf-8")
    links = lecture_links(html)
    assert set(range(51, 101)) - {60} <= links           # its run, all of it
    assert {1, 101} <= links                              # the first page of the other runs
    assert not links & (set(range(2, 51)) | set(range(102, count + 1)))
    assert "51–100" in html and "101–120" in html
    assert len(links) < 2 * RUN
    later = lecture_links((site / "lectures/110-lecture/index.html").read_text(encoding="utf-8"))
    assert 115 in later and 70 not in later


def test_course_pages_lose_the_templates_indentation_not_their_preformatted_text(
        tmp_path: Path) -> None:
    root = project(tmp_path)
    new_course(root, "code", "en", **{"lectures/02-code.md": (
        "---\ntitle: Code\nmodule: M1\n---\n## Listing\n\n```\nif x:\n    y = 1\n```\n")})
    html = (build(root) / "code/lectures/02-code/index.html").read_text(encoding="utf-8")
    assert "    y = 1" in html                        # <pre> keeps every space
    outside = re.sub(r"<pre.*?</pre>", "", html, flags=re.S)
    assert not re.search(r"\n[ \t]", outside)         # no indentation elsewhere
    assert "<title>" in html and "md-nav" in html
