"""The portal's search finds courses by code (with or without its dash, or its number alone),
title, developer and programme, in kk, ru and en, and a result opens the course."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

import pytest

from builder.plugin.catalogue_search import course_docs
from tests.sites import build, chromium, new_course, project, serve
from tests.test_portal_e2e import search

COURSES = {  # slug: (language, code, title, developer)
    "fire": ("kk", "ТЖ-2104", "Өрт қауіпсіздігі негіздері", "Әлиев Н.Т."),
    "aid": ("ru", "ГЗ-1203", "Первая помощь пострадавшим", "Смагулова А.К."),
    "safety": ("en", "CP-3307", "Civil protection basics", "Baker J.R."),
}


def card(slug: str = "fire", code: str = "ТЖ-2104") -> dict[str, str]:
    return {"slug": slug, "code": code, "title": "Өрт қауіпсіздігі", "developer": "Әлиев Н.Т.",
            "programme": "6B12301 Төтенше жағдайда қорғау", "description": "", "language": "kk"}


def test_one_document_a_course_that_opens_it() -> None:
    [doc] = course_docs([card()], "kk")
    assert doc["location"] == "fire/"               # no anchor: the course's own home page
    assert doc["title"] == "ТЖ-2104 Өрт қауіпсіздігі"
    for word in ("ТЖ-2104", "ТЖ2104", "2104", "Әлиев Н.Т.", "6B12301", "Қазақ тілі"):
        assert word in doc["text"], word
    [doc] = course_docs([card(code="<b>X</b>")], "kk")
    assert "<b>" not in doc["title"] and "&lt;b&gt;" in doc["title"]


@pytest.fixture(scope="module")
def portal(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = project(tmp_path_factory.mktemp("catalogue-search"))
    for slug, (lang, code, title, developer) in COURSES.items():
        yml = new_course(root, slug, lang) / "course.yml"
        text = yml.read_text(encoding="utf-8")
        text = re.sub(r"(?m)^code: .*$", f"code: {code}", text)
        text = re.sub(r"(?m)^title: .*$", f"title: {title}", text)
        text = re.sub(r"(?m)^developer: .*$", f"developer: {developer}", text)
        yml.write_text(text, encoding="utf-8")
    site = build(root)
    index = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))
    assert {d["location"] for d in index["docs"]} >= {f"{s}/" for s in COURSES}
    assert not [d for d in index["docs"] if d["location"].startswith("#")]
    assert "en" in index["config"]["lang"]          # digits and Latin letters are words
    with serve(site) as base:
        yield base


@pytest.mark.e2e
def test_search_finds_codes_numbers_titles_developers_and_opens_the_course(portal: str) -> None:
    wanted = {
        "2104": "fire/", "ТЖ-2104": "fire/", "тж2104": "fire/", "қауіпсіздігі": "fire/",
        "Әлиев": "fire/", "1203": "aid/", "ГЗ-1203": "aid/", "помощь": "aid/",
        "Смагулова": "aid/", "CP-3307": "safety/", "3307": "safety/", "protection": "safety/",
        "Baker": "safety/",
    }
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        page.goto(portal)
        for query, slug in wanted.items():
            hits = search(page, query)
            assert hits and all(h.split("?")[0] == portal + slug for h in hits), (query, hits)
        search(page, "ТЖ-2104")
        page.locator(".md-search-result__item a").first.click()
        page.wait_for_url(portal + "fire/**")
        assert "ТЖ-2104" in page.locator("h1").inner_text()
