"""Checks of substance: what students see of final control, guided self-study, empty topics,
the assessment policy (he-2020), on-site practice (moe-349-tvet), the 349 shares' citations and
the precision of their percentages."""

from __future__ import annotations

import pytest

from builder.percent import percent
from tests.conftest import MakeCourse, base_text, edited, line_of, only, run_rules

INSTRUCTOR_ONLY = "---\naudience: instructor\n---\n# Grading guide\n\nHow to grade the exam.\n"


def test_final_control_only_instructors_see_is_missing(make_course: MakeCourse) -> None:
    found = only(run_rules(make_course({"final/exam.md": INSTRUCTOR_ONLY})), "kit.missing")
    assert [(f.component, f.key, f.file, f.clause) for f in found] == [
        ("final", "kit.missing.final", ".", "order 385 p.6.6")]
    assert "exam questions" in found[0].message("en")


def test_final_control_students_see_is_present(make_course: MakeCourse) -> None:
    course = make_course({"final/guide.md": INSTRUCTOR_ONLY})  # exam.md stays, for students
    assert only(run_rules(course), "kit.missing") == []


def test_guided_hours_without_a_guided_page(make_course: MakeCourse) -> None:
    found = only(run_rules(make_course({"self-study/02-guided.md": None})), "kit.guided")
    assert [(f.file, f.line, f.clause, f.severity) for f in found] == [
        ("self-study", None, "order 385 p.6.4", "error")]
    assert found[0].params == {"hours": "6"}


@pytest.mark.parametrize("title", ["СОӨЖ тапсырмалары", "Задания СРСП", "СРОП"])
def test_a_page_titled_as_guided_self_study_counts(make_course: MakeCourse, title: str) -> None:
    course = make_course({"self-study/02-guided.md": f"---\ntitle: {title}\n---\nTasks.\n"})
    assert only(run_rules(course), "kit.guided") == []


def test_no_guided_hours_need_no_guided_page(make_course: MakeCourse) -> None:
    text = base_text("course.yml").replace("guided: 3", "guided: 0").replace(
        "self_study: 8", "self_study: 11")
    course = make_course({"course.yml": text, "self-study/02-guided.md": None})
    assert run_rules(course) == []


def test_a_topic_with_no_hours(make_course: MakeCourse) -> None:
    text = edited("course.yml", "literature:", "      - title: Empty topic\nliterature:")
    found = only(run_rules(make_course({"course.yml": text})), "hours.zero-topic")
    assert [(f.file, f.line, f.params["topic"]) for f in found] == [
        ("course.yml", line_of(text, "- title: Empty topic"), "Empty topic")]


def test_the_assessment_policy_under_he_2020(make_course: MakeCourse) -> None:
    course = make_course({"syllabus.md": "## Description\n\nWhat it is about.\n"})
    found = only(run_rules(course, "he-2020"), "syllabus.assessment")
    assert [(f.file, f.clause) for f in found] == [("syllabus.md", "recommendations 004 p.67.3")]
    assert only(run_rules(course, "mes-385"), "syllabus.assessment") == []


@pytest.mark.parametrize("heading", ["## Бағалау саясаты", "## Политика оценивания",
                                     "### Grading"])
def test_an_assessment_section_in_any_language(make_course: MakeCourse, heading: str) -> None:
    course = make_course({"syllabus.md": f"## About\n\nText.\n\n{heading}\n\n60/40.\n"})
    assert only(run_rules(course, "he-2020"), "syllabus.assessment") == []


def test_an_empty_assessment_section_is_no_policy(make_course: MakeCourse) -> None:
    course = make_course({"syllabus.md": "## About\n\nText.\n\n## Assessment policy\n\n## End\n"})
    assert len(only(run_rules(course, "he-2020"), "syllabus.assessment")) == 1


ONLINE_PRACTICE = (base_text("course.yml").replace("form: full-time", "form: online")
                   .replace("seminar: 2", "practical: 2").replace("sync: 2", "sync: 5"))


def test_online_practicals_all_remote(make_course: MakeCourse) -> None:
    found = only(run_rules(make_course({"course.yml": ONLINE_PRACTICE}), "moe-349-tvet"),
                 "hours.practice-remote")
    assert [(f.line, f.clause, f.params["hours"]) for f in found] == [
        (line_of(ONLINE_PRACTICE, "form: online"), "order 349 annex 2 p.6", "4")]


def test_online_practicals_partly_on_site(make_course: MakeCourse) -> None:
    text = ONLINE_PRACTICE.replace("practical: 2", "practical: 2\n        onsite: 2", 1)
    assert only(run_rules(make_course({"course.yml": text}), "moe-349-tvet"),
                "hours.practice-remote") == []
    assert only(run_rules(make_course({"course.yml": ONLINE_PRACTICE}, slug="b"), "mes-385"),
                "hours.practice-remote") == []


@pytest.mark.parametrize(("form", "clause"), [
    ("full-time", "order 349 annex 1 p.8"), ("part-time", "order 349 annex 1 p.9"),
    ("evening", "order 349 annex 1 p.9"), ("external", "order 349 annex 1 p.9")])
def test_the_distance_cap_cites_the_clause_of_the_form(make_course: MakeCourse, form: str,
                                                      clause: str) -> None:
    text = edited("course.yml", "form: full-time", f"form: {form}\ndistance: 9")
    [found] = only(run_rules(make_course({"course.yml": text}), "moe-349-tvet"),
                   "hours.distance-cap")
    assert found.clause == f"{clause}, annex 1 p.6"
    assert found.severity == "warning"
    assert "whole programme" in found.message("en")


def test_a_share_just_over_the_cap_is_printed_over_it(make_course: MakeCourse) -> None:
    # 6.1 of 30 h = 20.33 %: "20%" would contradict the finding
    text = edited("course.yml", "form: full-time", "form: full-time\ndistance: 6.1")
    [found] = only(run_rules(make_course({"course.yml": text}), "moe-349-tvet"),
                   "hours.distance-cap")
    assert found.params["share"] == "20.3"
    assert "(20.3%)" in found.message("en")


@pytest.mark.parametrize(("part", "whole", "limit", "shown"), [
    (61, 300, 20, "20.3"), (23, 100, 20, "23"), (2997, 10000, 30, "29.97"), (3, 10, 30, "30"),
    (20.001, 100, 20, "20.001"), (13, 100, 30, "13")])
def test_percentages_keep_their_side_of_the_limit(part: float, whole: float, limit: float,
                                                  shown: str) -> None:
    assert percent(part, whole, limit) == shown


def test_a_section_headed_as_guided_self_study_counts(make_course: MakeCourse) -> None:
    page = "---\ntitle: Tasks\n---\n## Self-study\n\nRead.\n\n## Teacher-guided self-study\n\nDo.\n"
    course = make_course({"self-study/01-tasks.md": page, "self-study/02-guided.md": None})
    assert only(run_rules(course), "kit.guided") == []
    plain = page.replace("Teacher-guided self-study", "More")
    course = make_course({"self-study/01-tasks.md": plain, "self-study/02-guided.md": None},
                         slug="plain")
    assert len(only(run_rules(course), "kit.guided")) == 1
