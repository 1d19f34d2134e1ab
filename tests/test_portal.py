"""The portal: catalogue, course sites in order 385 p.6 order, syllabus, schedule, audiences."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from icalendar import Calendar

from tests.sites import all_text, build, new_course, project

KK_LECTURE = """---
title: Өрт қауіпсіздігі
module: M1
---
## Кіріспе

Өрт қауіпсіздігі — адамдарды өрттен қорғау. Қауіпсіздік ережелері әр ғимаратта орындалады,
ал қауіпсіздік техникасы бойынша нұсқаулық жыл сайын өткізіледі.
"""
INSTRUCTOR_PAGE = """---
title: Examiner guide
audience: instructor
---
SECRET-EXAMINER-MARKER: give full marks only for complete answers.
The [answer key](answer-key.pdf) is printed for the commission.
"""
FINAL_BANK = """title: Exam test
questions:
  - id: f1
    type: single
    module: M1
    text: Which answer is the key?
    options:
      - text: SECRET-ANSWER-KEY-TEXT
        correct: true
      - text: a distractor
"""


def answer_key_pdf(path: Path) -> None:
    """A real PDF that only the instructor page links."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    with open(path, "wb") as fh:
        writer.write(fh)


@pytest.fixture(scope="module")
def portal(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = project(tmp_path_factory.mktemp("portal"))
    new_course(root, "kk-course", "kk", **{
        "lectures/02-fire.md": KK_LECTURE,
        "final/examiner-guide.md": INSTRUCTOR_PAGE,
        "final/exam-test.quiz.yml": FINAL_BANK,
        "final/exam-test.quiz.yml~": FINAL_BANK,       # an editor's backup
    })
    answer_key_pdf(root / "courses/kk-course/final/answer-key.pdf")
    new_course(root, "ru-course", "ru")
    return root


@pytest.fixture(scope="module")
def site(portal: Path) -> Path:
    return build(portal)


def test_catalogue_lists_every_course_with_passport_and_badge(site: Path) -> None:
    html = (site / "index.html").read_text(encoding="utf-8")
    for slug in ("kk-course", "ru-course"):
        assert f'href="{slug}/"' in html
    assert html.count('class="eumk-card"') == 2
    assert 'data-language="kk"' in html and 'data-language="ru"' in html
    assert "eumk-badge--ok" in html
    assert "Surname N.N." in html and "6B00000 Programme name" in html
    assert "Пәндер каталогы" in html  # the portal's UI language is kk
    assert "желілік, кейс" in html  # technologies named in it, not as config values
    home = (site / "ru-course/index.html").read_text(encoding="utf-8")
    assert "очная" in home and "full-time" not in home


def test_course_navigation_follows_order_385(site: Path) -> None:
    html = (site / "kk-course/lectures/01-introduction/index.html").read_text(encoding="utf-8")
    order = ["Силлабус", "Дәрістер конспектісі", "Практикалық және семинар сабақтары",
             "Өзіндік жұмыс", "Аралық бақылау", "Қорытынды бақылау",
             "Қашықтан кеңес беру кестесі", "Қосымша материалдар"]
    nav = html[html.index('md-nav--primary'):]
    positions = [nav.index(title) for title in order]
    assert positions == sorted(positions)
    assert '<html lang="kk"' in html
    assert 'placeholder="Іздеу"' in html


def test_syllabus_page_has_plan_totals_credit_check_and_literature(site: Path) -> None:
    html = (site / "ru-course/syllabus/index.html").read_text(encoding="utf-8")
    assert "Тематический план" in html
    assert "Topic 1 title" in html and "Topic 2 title" in html
    assert "eumk-credit-check--ok" in html
    assert "30 ч = 1 кредитов × 30 ч" in html
    assert "Основная литература" in html and "Title of the textbook" in html
    assert "Assessment policy" in html  # the author's syllabus.md text


def test_consultations_page_and_ics_that_a_calendar_imports(site: Path) -> None:
    html = (site / "kk-course/consultations/index.html").read_text(encoding="utf-8")
    assert "Introductory consultation" in html and "Asia/Almaty" in html
    assert 'href="../consultations.ics"' in html
    cal = Calendar.from_ical((site / "kk-course/consultations.ics").read_bytes())
    events = list(cal.walk("VEVENT"))
    assert len(events) == 1
    start = events[0].decoded("dtstart")
    assert start.hour == 15 and str(start.tzinfo) == "Asia/Almaty"
    assert events[0]["location"] == "https://meet.example.kz/kk-course"
    assert list(cal.walk("VTIMEZONE"))


def test_compliance_page_shows_matrix_and_findings(tmp_path: Path) -> None:
    root = project(tmp_path, strict=False)
    new_course(root, "broken", "ru", **{"lectures/01-introduction.md": "# Только заголовок\n"})
    site = build(root)
    html = (site / "compliance/index.html").read_text(encoding="utf-8")
    assert "kit.missing" in html and "приказ № 385, п. 6.2" in html  # the course's language
    assert "eumk-cell--errors" in html
    assert "Обязательный раздел отсутствует или пуст" in html  # the course's language
    assert "eumk-badge--errors" in (site / "index.html").read_text(encoding="utf-8")


def test_compliance_page_does_not_quote_exam_banks_to_students(tmp_path: Path) -> None:
    root = project(tmp_path, strict=False)
    twice = "      - text: SECRET-DUPLICATE-OPTION\n" * 2
    bank = FINAL_BANK + twice
    new_course(root, "c1", "en", **{"final/exam-test.quiz.yml": bank})
    student = (build(root) / "compliance/index.html").read_text(encoding="utf-8")
    assert "quiz.options" in student and "SECRET-DUPLICATE-OPTION" not in student
    teacher = build(root, audience="instructor", site="site-i") / "compliance/index.html"
    assert "SECRET-DUPLICATE-OPTION" in teacher.read_text(encoding="utf-8")


def test_build_is_strict_by_default_and_relaxed_by_flag(tmp_path: Path) -> None:
    root = project(tmp_path / "strict")
    new_course(root, "broken", "en", **{"syllabus.md": "## Only a heading\n"})
    run = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q"], cwd=root,
                         capture_output=True, text=True)
    assert run.returncode != 0
    output = run.stdout + run.stderr
    assert "kit.missing" in output and "syllabus.md" in output and "order 385 p.6.1" in output
    assert not (root / "site").exists()
    relaxed = project(tmp_path / "draft", strict=False)
    new_course(relaxed, "broken", "en", **{"syllabus.md": "## Only a heading\n"})
    run = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q"], cwd=relaxed,
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert (relaxed / "site/broken/index.html").is_file()


def test_student_build_holds_no_instructor_material(portal: Path, site: Path) -> None:
    secrets = ("SECRET-EXAMINER-MARKER", "SECRET-ANSWER-KEY-TEXT", "Examiner guide")
    for path, text in all_text(site):
        for secret in secrets:
            assert secret not in text, f"{secret} leaked into {path}"
    assert not list(site.rglob("*.yml")) and not list(site.rglob("*.yml~"))
    assert not list(site.rglob("answer-key.pdf"))
    teacher = build(portal, audience="instructor", site="site-instructor")
    found = {s for _, text in all_text(teacher) for s in secrets if s in text}
    assert found == set(secrets)
    assert list(teacher.rglob("answer-key.pdf")) and not list(teacher.rglob("*.yml~"))


def test_courses_folder_is_the_only_source(portal: Path, site: Path) -> None:
    generated = [p for p in (portal / "courses").rglob("*")
                 if p.name in ("index.md", "consultations.md") or p.suffix == ".html"]
    assert generated == []


def test_failed_build_leaves_the_previous_site(tmp_path: Path) -> None:
    root = project(tmp_path)
    course = new_course(root, "c1", "en")
    site = build(root)
    before = (site / "c1/index.html").read_bytes()
    (course / "syllabus.md").write_text("## heading only\n", encoding="utf-8")
    from builder.errors import KitError

    with pytest.raises(KitError):
        build(root)
    assert (site / "c1/index.html").read_bytes() == before
    assert not list(tmp_path.glob("*.eumk-tmp"))


def test_same_input_gives_identical_sites(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                          ) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    root = project(tmp_path)
    new_course(root, "c1", "kk")
    first = {p.relative_to(root / "a"): p.read_bytes() for p in (build(root, site="a")).rglob("*")
             if p.is_file()}
    import shutil

    shutil.rmtree(root / ".cache")
    second = {p.relative_to(root / "b"): p.read_bytes() for p in (build(root, site="b")).rglob("*")
              if p.is_file()}
    assert first.keys() == second.keys()
    assert [k for k in first if first[k] != second[k]] == []
