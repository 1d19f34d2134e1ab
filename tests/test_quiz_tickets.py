"""eumk tickets: deterministic, balanced draws covering modules; refusals; the PDF itself."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from pypdf import PdfReader

from builder.cli import main
from builder.errors import KitError
from builder.load import load_course
from builder.model import Course
from builder.quiz.draw import Shortage, draw
from builder.quiz.tickets import drawn
from tests.conftest import FIXTURES, MakeCourse

TICKETS = (FIXTURES / "quiz-course" / "final" / "tickets.yml").read_text(encoding="utf-8")


def course_with(make_course: MakeCourse, slug: str = "course", **changes: str) -> Course:
    text = TICKETS
    for key, value in changes.items():
        text = "\n".join(f"{key}: {value}" if line.startswith(f"{key}:") else line
                         for line in text.splitlines())
    course, _ = load_course(make_course({"final/tickets.yml": text}, overlay="quiz-course",
                                         slug=slug))
    return course


def ids(tickets: list) -> list[list[str]]:
    return [[q.id for q in t] for t in tickets]


@pytest.mark.parametrize(("count", "per_ticket"), [(5, 2), (7, 3), (3, 2), (12, 2), (4, 7)])
def test_constraints_hold(make_course: MakeCourse, count: int, per_ticket: int) -> None:
    course = course_with(make_course, count=str(count), per_ticket=str(per_ticket))
    tickets = draw(course, course.tickets)
    assert not isinstance(tickets, Shortage), tickets
    assert len(tickets) == count
    module = {q.id: q.module for b in course.banks for q in b.questions}
    for ticket in ids(tickets):
        assert len(ticket) == per_ticket == len(set(ticket))  # no question twice in a ticket
        assert {"M1", "M2"} <= {module[q] for q in ticket}  # every ticket covers the modules
    uses = Counter(q for t in ids(tickets) for q in t)
    every = [uses.get(f"eq-{n}", 0) for n in range(1, 8)]
    assert max(every) - min(every) <= 1  # balanced


def test_same_seed_same_tickets_other_seed_other(make_course: MakeCourse) -> None:
    first = ids(drawn(course_with(make_course)))
    assert ids(drawn(course_with(make_course, "again"))) == first
    assert ids(drawn(course_with(make_course, "other", seed="1"))) != first


def test_refuses_naming_the_short_module(make_course: MakeCourse) -> None:
    course = course_with(make_course, count="20")
    with pytest.raises(KitError) as caught:
        drawn(course)
    message = str(caught.value)
    assert "final/tickets.yml" in message and "M2" in message and "20" in message


def test_cli_refusal_exit_1(make_course: MakeCourse, capsys: pytest.CaptureFixture[str]) -> None:
    course = course_with(make_course, per_ticket="9")
    out = course.path.parent / "t.pdf"  # not in the course: that is a usage error (exit 2)
    assert main(["tickets", str(course.path), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert "7" in err and "9" in err and "Traceback" not in err
    assert not out.exists()


def test_pdf_one_ticket_a_page_kazakh_text(make_course: MakeCourse, tmp_path: Path) -> None:
    course = course_with(make_course)
    (course.path / "course.yml").write_text(
        (course.path / "course.yml").read_text(encoding="utf-8").replace("language: en",
                                                                         "language: kk"),
        encoding="utf-8")
    out = tmp_path / "tickets.pdf"
    assert main(["tickets", str(course.path), "--out", str(out)]) == 0
    reader = PdfReader(out)
    assert len(reader.pages) == 5
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "ЕМТИХАН БИЛЕТІ" in text and "Кафедра меңгерушісі" in text
    assert "Өрт сөндіргіштің түрлері мен қолданылуы" in text
    assert "ACADEMY OF CIVIL PROTECTION" in text.upper() and "TS-101" in text
    assert "protocol No. 1" in reader.pages[0].extract_text()
