"""kit.missing, course.field, course.missing: the mandatory set of order 385 p.6 and course.yml."""

from __future__ import annotations

import pytest

from builder.model import COMPONENTS, FOLDER_COMPONENTS
from builder.profiles import COMPONENT_CLAUSE, PROFILES
from tests.conftest import MakeCourse, base_text, only, run_rules

PAGE = {"lectures": "lectures/01-intro.md", "seminars": "seminars/01-seminar.md",
        "self-study": "self-study/01-tasks.md", "interim": "interim/01-control.md",
        "final": "final/exam.md"}


@pytest.mark.parametrize("profile", sorted(PROFILES))
def test_the_valid_base_course_has_no_findings(make_course: MakeCourse, profile: str) -> None:
    assert run_rules(make_course(), profile) == []


def assert_missing(findings: list, component: str) -> None:
    found = only(findings, "kit.missing")
    assert [f.component for f in found] == [component]
    assert found[0].file == "."
    assert found[0].line is None
    assert found[0].clause == COMPONENT_CLAUSE[component]
    assert found[0].severity == "error"


def test_each_component_has_its_own_clause() -> None:
    assert sorted(COMPONENT_CLAUSE) == sorted(COMPONENTS)
    assert [COMPONENT_CLAUSE[c] for c in COMPONENTS] == [f"order 385 p.6.{i}" for i in range(1, 8)]


@pytest.mark.parametrize("component", FOLDER_COMPONENTS)
def test_a_missing_folder_is_a_missing_component(make_course: MakeCourse, component: str) -> None:
    assert_missing(run_rules(make_course({component: None})), component)


@pytest.mark.parametrize("component", FOLDER_COMPONENTS)
def test_an_empty_folder_is_a_missing_component(make_course: MakeCourse, component: str) -> None:
    course = make_course({component: None})
    (course / component).mkdir()
    assert_missing(run_rules(course), component)


@pytest.mark.parametrize("component", FOLDER_COMPONENTS)
def test_a_page_with_only_a_heading_is_a_missing_component(make_course: MakeCourse,
                                                           component: str) -> None:
    heading_only = "---\ntitle: To do\n---\n# To do\n\n<!-- write this later -->\n\n## Later\n"
    files = {PAGE[component]: heading_only, "self-study/02-guided.md": None}
    assert_missing(run_rules(make_course(files)), component)


@pytest.mark.parametrize("component", ["interim", "final"])
def test_a_question_bank_alone_makes_control_materials_present(make_course: MakeCourse,
                                                               component: str) -> None:
    bank = ("title: Test\nquestions:\n  - id: q1\n    type: essay\n    module: M1\n"
            "    text: Explain the basics.\n")
    found = run_rules(make_course({PAGE[component]: None, f"{component}/t.quiz.yml": bank}))
    assert only(found, "kit.missing") == []


@pytest.mark.parametrize("content", [None, "", "# Syllabus\n", "<!-- to do -->\n# Syllabus\n"])
def test_a_missing_or_empty_syllabus(make_course: MakeCourse, content: str | None) -> None:
    assert_missing(run_rules(make_course({"syllabus.md": content})), "syllabus")


@pytest.mark.parametrize("content", [
    None,                                              # no file
    "",                                                # empty file
    "channel: https://meet.example.kz/x\n",            # no slots
    "channel: https://meet.example.kz/x\nsessions: []\nweekly: []\n",
])
def test_missing_or_empty_consultations(make_course: MakeCourse, content: str | None) -> None:
    assert_missing(run_rules(make_course({"consultations.yml": content})), "consultations")


def test_a_weekly_rule_alone_is_a_consultation_schedule(make_course: MakeCourse) -> None:
    weekly = ("channel: https://meet.example.kz/x\nweekly:\n  - weekday: tue\n    start: '16:00'\n"
              "    from: 2026-02-01\n    until: 2026-03-01\n")
    assert run_rules(make_course({"consultations.yml": weekly})) == []


def test_unparsable_consultations_are_a_syntax_error_not_a_missing_component(
        make_course: MakeCourse) -> None:
    found = run_rules(make_course({"consultations.yml": "sessions: [\n"}))
    assert [f.rule for f in found] == ["yaml.syntax"]


@pytest.mark.parametrize("field", ["code", "title", "language", "developer", "programme",
                                   "approved", "credits"])
def test_course_yml_must_name_each_required_field(make_course: MakeCourse, field: str) -> None:
    text = "".join(line for line in base_text("course.yml").splitlines(keepends=True)
                   if not line.startswith(f"{field}:"))
    found = run_rules(make_course({"course.yml": text}))
    fields = only(found, "course.field")
    assert [(f.file, f.line, f.params["field"]) for f in fields] == [("course.yml", None, field)]
    assert fields[0].clause == "order 385 p.4"


def test_a_folder_without_course_yml(make_course: MakeCourse) -> None:
    found = run_rules(make_course({"course.yml": None}))
    missing = only(found, "course.missing")
    assert [(f.file, f.line, f.component) for f in missing] == [("course.yml", None, "syllabus")]
    # nothing else is guessed from a course.yml that is not there
    assert {f.rule for f in found} == {"course.missing"}
