"""Escaping (issue 10 p.3): every value from course.yml, consultations, banks and front matter
reaches the portal, its search indexes and the kit PDF as text, shown exactly as typed."""

from __future__ import annotations

import contextlib
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from builder.cli import main
from builder.quiz.markup import to_html, to_plain
from tests.markup_course import hostile, injected, markup_course, shown
from tests.sites import build, project


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = project(tmp_path_factory.mktemp("escaping"))
    markup_course(root / "courses")
    return build(root)


def _page(site: Path, rel: str) -> str:
    return (site / rel).read_text(encoding="utf-8")


def test_no_value_becomes_markup_on_any_page(site: Path) -> None:
    pages = sorted(site.rglob("*.html"))
    assert len(pages) >= 10
    for page in pages:
        assert injected(_page(site, str(page.relative_to(site)))) == [], page


@pytest.mark.parametrize(("rel", "fields"), [
    ("index.html", ["course-title", "course-developer", "course-description"]),
    ("markup/index.html", ["course-title", "course-programme", "course-institution"]),
    ("markup/syllabus/index.html", ["module-0", "topic-0-0", "topic-0-1", "basic", "additional"]),
    ("markup/consultations/index.html", ["teacher", "consultation-topic", "session-channel"]),
    ("markup/lectures/01-intro/index.html", ["front-matter-title"]),
    ("markup/interim/self-check.quiz/index.html", ["bank-title"]),
])
def test_values_show_exactly_as_typed(site: Path, rel: str, fields: list[str]) -> None:
    text = shown(_page(site, rel))
    for field in fields:
        assert hostile(field) in text, field
    assert "&amp;amp;amp;" not in _page(site, rel)  # the typed "&amp;" escaped once, not twice


def test_bank_texts_are_markdown_without_scripts(site: Path) -> None:
    """Question texts are Markdown (HTML allowed, as Moodle's are): formatting stays, scripts,
    handlers and javascript: links go."""
    page = _page(site, "markup/interim/self-check.quiz/index.html")
    for field in ("question", "right-option", "wrong-option", "question-feedback",
                  "option-feedback", "short-question"):
        assert f"{field}\"'" in shown(page), field
    assert injected(page) == [] and "javascript:" not in page


def test_attributes_hold_the_value_whole(site: Path) -> None:
    catalogue = _page(site, "index.html")
    assert f'data-programme="{_attr(hostile("course-programme"))}"' in catalogue
    assert f'<option value="{_attr(hostile("course-programme"))}">' in catalogue
    course = _page(site, "markup/lectures/01-intro/index.html")
    name = _attr(f"{hostile('course-code')} {hostile('course-title')}")
    assert f'aria-label="{name}"' in course


def _attr(value: str) -> str:
    """`value` as Jinja's autoescape writes it into an attribute."""
    return (value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&#34;").replace("'", "&#39;"))


def test_titles_from_headings_are_not_escaped_twice(site: Path) -> None:
    page = _page(site, "markup/seminars/01-seminar/index.html")
    assert "&amp;amp;amp;" not in page and "&amp;lt;" not in page
    assert "<title>Heading &amp; &#34;quotes&#34; &#39;a&#39; 1 &lt; 2 - " in page
    nav = re.findall(r'class="md-ellipsis">\s*(Heading[^<]*)<', page)
    assert nav and all(n.strip() == "Heading &amp; &#34;quotes&#34; &#39;a&#39; 1 &lt; 2"
                       for n in nav)


def test_search_indexes_hold_escaped_text(site: Path) -> None:
    course = json.loads(_page(site, "markup/search/search_index.json"))["docs"]
    portal = json.loads(_page(site, "search/search_index.json"))["docs"]
    for doc in course + portal:  # Material's search shows title and text as HTML
        assert injected(doc["title"]) == [] and injected(doc["text"]) == [], doc["location"]
    titles = {shown(d["title"]) for d in course + portal}
    assert hostile("front-matter-title") in titles
    assert f"{hostile('course-code')} {hostile('course-title')}" in titles
    assert "Heading & \"quotes\" 'a' 1 < 2" in titles
    assert "Sub & section" in titles


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext not installed")
def test_kit_pdf_prints_values_as_typed(tmp_path: Path) -> None:
    root = project(tmp_path / "p")
    markup_course(root / "courses")
    with contextlib.chdir(root):
        assert main(["case", "markup", "--medium", "paper", "--out", str(tmp_path / "out")]) == 0
    pdf = tmp_path / "out/markup-paper/markup.pdf"
    # -layout: no dehyphenation (it would drop a typed '-' that ends a line)
    text = "".join(subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                                  text=True, check=True).stdout.split())
    text = text.replace("\u2010", "").replace("\u00ad", "")  # hyphens of hyphenated lines
    for field in ("course-title", "course-programme", "course-developer", "module-0", "teacher",
                  "front-matter-title"):
        assert "".join(hostile(field).split()) in text, field
    shutil.rmtree(root)


def test_bank_markdown_keeps_formatting_and_drops_scripts() -> None:
    out = to_html("**b** $x$ <script>alert(1)</script><img src=x onerror=alert(2)> "
                  "[l](javascript:alert(3)) <a href='https://x.kz'>k</a>")
    assert "<strong>b</strong>" in out and 'class="arithmatex"' in out
    assert injected(out) == [] and "<script" not in out
    assert '<a href="https://x.kz">k</a>' in out
    assert to_plain("A &amp; <b>B</b> \"q\"") == 'A & B "q"'
