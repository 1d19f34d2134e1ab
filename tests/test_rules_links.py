"""link.broken and pdf.unreadable: every file a page links to exists and every PDF opens."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfWriter

from tests.conftest import MakeCourse, only, run_rules

PAGE = "lectures/01-intro.md"
HEAD = "---\ntitle: Lecture 1\nmodule: M1\n---\n"  # the body starts on line 5


def pdf_bytes(password: str | None = None) -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    if password:
        writer.encrypt(password)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def broken(make_course: MakeCourse, body: str, **files: str | bytes) -> list[tuple[str, int]]:
    found = run_rules(make_course({PAGE: HEAD + body, **files}))
    return [(f.file, f.line, f.params["target"]) for f in only(found, "link.broken")]


@pytest.mark.parametrize("body", [
    "Text.\n\nSee [the notes](missing.md) for more.\n",
    "Text.\n\n![A diagram](../media/diagram.png)\n",
    "Text.\n\n[A picture ![icon](../media/icon.png)](missing.md)\n",
    'Text.\n\n<img src="missing.md" alt="x">\n',
    "Text.\n\nSee [the notes][notes].\n\n[notes]: missing.md\n",
])
def test_a_link_to_a_missing_file(make_course: MakeCourse, body: str) -> None:
    found = only(run_rules(make_course({PAGE: HEAD + body})), "link.broken")
    last = 4 + len(body.splitlines())  # every example names its missing file on its last line
    assert [(f.file, f.line, f.component) for f in found][-1] == (PAGE, last, "lectures")
    assert {f.clause for f in found} == {"order 385 p.5"}
    assert {f.params["target"] for f in found} <= {"missing.md", "../media/diagram.png",
                                                  "../media/icon.png"}


def test_inline_link_line_and_target(make_course: MakeCourse) -> None:
    assert broken(make_course, "One.\n\nTwo [x](../seminars/02-none.md#part).\n") == [
        (PAGE, 7, "../seminars/02-none.md#part")]


def test_image_line_and_target(make_course: MakeCourse) -> None:
    assert broken(make_course, "![Fire triangle](../media/fire.svg)\n") == [
        (PAGE, 5, "../media/fire.svg")]


def test_reference_link_line_is_the_definition(make_course: MakeCourse) -> None:
    assert broken(make_course, "See [notes][n].\n\n[n]: ../media/notes.pdf \"Notes\"\n") == [
        (PAGE, 7, "../media/notes.pdf")]


@pytest.mark.parametrize(("key", "value"), [
    ("slides", "../media/slides.pdf"),
    ("subtitles", "{en: ../media/lecture-01.en.vtt}"),
])
def test_front_matter_paths_must_exist(make_course: MakeCourse, key: str, value: str) -> None:
    page = f"---\ntitle: Lecture 1\n{key}: {value}\n---\nText.\n"
    found = only(run_rules(make_course({PAGE: page})), "link.broken")
    assert [(f.file, f.line) for f in found] == [(PAGE, 3)]
    assert found[0].params["target"].startswith("../media/")


def test_front_matter_paths_that_exist_pass(make_course: MakeCourse) -> None:
    page = ("---\ntitle: Lecture 1\nslides: ../media/slides.pdf\n"
            "subtitles: {en: ../media/lecture-01.en.vtt}\n---\nText.\n")
    found = run_rules(make_course({PAGE: page, "media/slides.pdf": pdf_bytes(),
                                   "media/lecture-01.en.vtt": "WEBVTT\n"}))
    assert found == []


@pytest.mark.parametrize("body", [
    "See [the site](https://example.kz/page.md) and [mail](mailto:a@example.kz).\n",
    "See [below](#section) and [protocol-relative](//cdn.example.kz/x.png).\n",
    "Code: `[x](missing.md)` inline.\n",
    "```markdown\n![x](missing.png)\n[y](missing.md)\n```\n",
    "~~~\n[y](missing.md)\n~~~\n",
    "    [indented code](missing.md)\n",
    "<!-- To do: add\n![later](../media/later.png) -->\nText.\n",
    "Existing: [seminar](../seminars/01-seminar.md#tasks) and [syllabus](../syllabus.md).\n",
    "Generated: [schedule](../consultations.md), [calendar](../consultations.ics).\n",
    "Folder: [media](./) and a query [x](01-intro.md?v=1).\n",
])
def test_links_that_are_not_broken(make_course: MakeCourse, body: str) -> None:
    assert broken(make_course, body) == []


@pytest.mark.parametrize("target", ["a%00b.md", "x" * 300 + ".md", "loop/x.md"])
def test_impossible_names_are_broken_links_not_crashes(make_course: MakeCourse,
                                                       target: str) -> None:
    course = make_course({PAGE: HEAD + f"[x]({target})\n"})
    (course / "lectures/loop").symlink_to(course / "lectures/loop")
    found = only(run_rules(course), "link.broken")
    assert [(f.line, f.params["target"]) for f in found] == [(5, target)]


def test_a_link_in_the_syllabus(make_course: MakeCourse) -> None:
    found = run_rules(make_course({"syllabus.md": "## Description\n\nSee [x](nothing.md).\n"}))
    assert [(f.rule, f.file, f.line, f.component) for f in found] == [
        ("link.broken", "syllabus.md", 3, "syllabus")]


@pytest.mark.parametrize(("content", "problem"), [
    (b"%PDF-1.4\nthis is not really a pdf\n", "corrupt"),
    (b"", "corrupt"),
    (pdf_bytes(password="secret"), "encrypted"),
])
def test_an_unreadable_pdf(make_course: MakeCourse, content: bytes, problem: str) -> None:
    body = "Slides: [PDF](../media/slides.pdf).\n"
    found = run_rules(make_course({PAGE: HEAD + body, "media/slides.pdf": content}))
    pdfs = only(found, "pdf.unreadable")
    assert [(f.file, f.line, f.params["target"]) for f in pdfs] == [
        (PAGE, 5, "../media/slides.pdf")]
    assert pdfs[0].params["problem"].startswith(problem)
    assert pdfs[0].clause == "recommendations 004 p.47"
    assert only(found, "link.broken") == []


def test_an_encrypted_pdf_in_front_matter(make_course: MakeCourse) -> None:
    page = "---\ntitle: L\nslides: ../media/slides.pdf\n---\nText.\n"
    found = run_rules(make_course({PAGE: page, "media/slides.pdf": pdf_bytes("pw")}))
    assert [(f.rule, f.line) for f in found] == [("pdf.unreadable", 3)]


def test_a_readable_pdf_passes(make_course: MakeCourse) -> None:
    body = "Slides: [PDF](../media/slides.pdf).\n"
    assert run_rules(make_course({PAGE: HEAD + body, "media/slides.pdf": pdf_bytes()})) == []
