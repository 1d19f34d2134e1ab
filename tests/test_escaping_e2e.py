"""Escaping in a real Chromium (issue 10 p.3, p.9): every page type of a course whose every text
field holds markup loads with no dialog and no injected element; search results and the
catalogue filter show the values as text."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.markup_course import hostile, markup_course
from tests.sites import build, chromium, project, serve
from tests.test_portal_e2e import search

pytestmark = pytest.mark.e2e

PAGES = ["", "compliance/", "markup/", "markup/syllabus/", "markup/lectures/01-intro/",
         "markup/seminars/01-seminar/", "markup/consultations/", "markup/interim/self-check.quiz/",
         "markup/final/exam/", "markup/404.html", "404.html"]
# What a value's markup would have made: its marked element, a handler, a run script.
INJECTED = "[data-injected], [onerror], a[href^='javascript:'], script:not([src]):not([type])"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = project(tmp_path_factory.mktemp("markup-e2e"))
    markup_course(root / "courses")
    return build(root)


def test_no_page_runs_or_grows_the_markup_of_a_value(site: Path) -> None:
    dialogs: list[str] = []
    with serve(site) as base, chromium() as browser:
        page = browser.new_page()
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        for rel in PAGES:
            page.goto(base + rel)
            page.wait_for_load_state("load")
            scripts = page.locator("script:not([src]):not([type])").evaluate_all(
                "els => els.map(e => e.textContent)")
            assert not [s for s in scripts if "alert(" in s], rel
            injected = page.locator("[data-injected], [onerror], a[href^='javascript:']")
            assert injected.count() == 0, (rel, injected.evaluate_all(
                "els => els.map(e => e.outerHTML)"))
        page.goto(base + "markup/lectures/01-intro/")
        assert hostile("front-matter-title") in page.title()
        assert page.locator("h1").first.inner_text() == hostile("front-matter-title")
        assert page.locator(".eumk-bar__course").inner_text() == (
            f"{hostile('course-code')} · {hostile('course-title')}")
        # the search results render titles as HTML: the index must hold them escaped
        found = search(page, "front")
        assert found
        item = page.locator(".md-search-result__item").first
        assert hostile("front-matter-title") in item.inner_text()
        assert page.locator(INJECTED.replace(", script:not([src]):not([type])", "")).count() == 0
        # the catalogue's programme filter works on the value as typed
        page.goto(base)
        page.select_option("select[name=programme]", hostile("course-programme"))
        assert page.locator(".eumk-card:visible").count() == 1
    assert dialogs == []
