"""A course and a fake offline site of it (tests/fixtures/case-*), to build case packages from."""

from __future__ import annotations

import shutil
from pathlib import Path

from builder.load import load_course
from builder.model import Course
from builder.rendered import RenderedCourse, RenderedPage

FIXTURES = Path(__file__).parent / "fixtures"
KAZAKH_PAGE = "lectures/01-жану.html"
SECRET = "Құпия жауап тотығу реакциясы"   # the correct option of the final bank
PAGES = [  # (component, title, html) in order 385 p.6 order
    ("syllabus", "Силлабус", "syllabus.html"),
    ("lectures", "Жану процесі", KAZAKH_PAGE),
    ("seminars", "Семинар 1", "seminars/01-seminar.html"),
    ("self-study", "СӨЖ тапсырмалары", "self-study/01-tasks.html"),
    ("interim", "Бақылау жұмысы", "interim/01-control.html"),
    ("final", "Емтихан сұрақтары", "final/exam-questions.html"),
    ("consultations", "Кеңестер", "consultations.html"),
]


def slides_pdf(path: Path, pages: int = 2) -> Path:
    """A landscape PDF of `pages` pages reading SLIDE 1, SLIDE 2…"""
    from weasyprint import HTML

    body = "".join(f"<p style='break-before:page'>SLIDE {n}</p>" for n in range(1, pages + 1))
    HTML(string=f"<style>@page{{size:A4 landscape}}</style>{body}").write_pdf(path)
    return path


def make_kit(tmp_path: Path, video: bytes = b"\0" * 4096) -> tuple[Course, RenderedCourse]:
    """The case-course fixture loaded, and its fake rendered site copied into tmp_path/site."""
    site = tmp_path / "site"
    shutil.copytree(FIXTURES / "case-site", site)
    (site / "media" / "lecture-01.mp4").write_bytes(video)
    (site / "eumk-pages.json").write_text("[]")  # build data: never on a medium
    slides = slides_pdf(tmp_path / "slides.pdf")
    course, findings = load_course(FIXTURES / "case-course")
    assert not findings
    pages = [RenderedPage(c, t, h, (slides,) if c == "lectures" else ())
             for c, t, h in PAGES]
    return course, RenderedCourse(course.slug, site, pages, offline=True)
