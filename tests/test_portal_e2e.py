"""The portal in a real headless Chromium: catalogue → course → lecture, search, .ics download."""

from __future__ import annotations

from pathlib import Path

import pytest
from icalendar import Calendar

from tests.sites import build, chromium, new_course, project, serve
from tests.test_portal import KK_LECTURE

pytestmark = pytest.mark.e2e

RU_LECTURE = """---
title: Основы безопасности
module: M1
---
## Введение

Безопасность жизнедеятельности изучает опасности и защиту от них. «Безопасность» — ключевое
понятие курса, а культура безопасности формируется с первого занятия.
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = project(tmp_path_factory.mktemp("e2e"))
    new_course(root, "kk-course", "kk", **{"lectures/02-fire.md": KK_LECTURE})
    new_course(root, "ru-course", "ru", **{"lectures/02-safety.md": RU_LECTURE})
    return build(root)


def search(page, query: str) -> list[str]:  # noqa: ANN001
    label = page.locator("label.md-header__button[for='__search']").first
    if label.is_visible():  # phones: the search box opens from an icon
        label.click()
    box = page.locator("input.md-search__input")
    box.click()
    if box.input_value():  # the last query's results must go first, or they would be read
        box.fill("")
        box.press("End")
        page.wait_for_selector(".md-search-result__item", state="detached", timeout=15000)
    box.fill(query)      # Cyrillic arrives as text input, without key events…
    box.press("End")     # …so press a key, as a real keyboard would, for Material to search
    page.wait_for_selector(".md-search-result__item", timeout=15000)
    return page.locator(".md-search-result__item a").evaluate_all(
        "els => els.map(e => e.getAttribute('href'))")


def test_student_journey(site: Path, tmp_path: Path) -> None:
    with serve(site) as base, chromium() as browser:
        page = browser.new_page(viewport={"width": 1280, "height": 900}, accept_downloads=True)
        page.goto(base)
        assert page.locator(".eumk-card").count() == 2
        page.screenshot(path=str(tmp_path / "catalogue.png"), full_page=True)
        # filter without a server round-trip
        page.select_option("select[name=language]", "ru")
        assert page.locator(".eumk-card:visible").count() == 1
        page.select_option("select[name=language]", "")

        page.click("a[href='kk-course/']")
        page.wait_for_selector("text=Дәрістер конспектісі")
        page.get_by_role("link", name="Өрт қауіпсіздігі").first.click()
        page.wait_for_url("**/lectures/02-fire/")
        assert "Қауіпсіздік ережелері" in page.content()
        page.screenshot(path=str(tmp_path / "lecture.png"), full_page=True)

        hits = search(page, "қауіпсіздік")
        assert any("lectures/02-fire/" in h for h in hits), hits

        page.goto(base + "kk-course/consultations/")
        with page.expect_download() as info:
            page.click("a[download]")
        data = Path(info.value.path()).read_bytes()
        events = list(Calendar.from_ical(data).walk("VEVENT"))
        assert len(events) == 1 and "Introductory consultation" in str(events[0]["summary"])
    assert (tmp_path / "catalogue.png").stat().st_size > 10_000
    assert (tmp_path / "lecture.png").stat().st_size > 10_000


def test_russian_search_finds_words_as_written(site: Path) -> None:
    with serve(site) as base, chromium() as browser:
        page = browser.new_page()
        page.goto(base + "ru-course/")
        hits = search(page, "безопасность")
        assert any("lectures/02-safety/" in h for h in hits), hits
        hits = search(page, "безопасности")
        assert any("lectures/02-safety/" in h for h in hits), hits
