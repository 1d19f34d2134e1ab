"""syllabus.modules, syllabus.literature, page.module (order 385 p.6.1)."""

from __future__ import annotations

import pytest

from tests.conftest import MakeCourse, base_text, edited, line_of, only, run_rules

COURSE_YML = base_text("course.yml")
NO_MODULES = (COURSE_YML[: COURSE_YML.index("modules:")]
              + COURSE_YML[COURSE_YML.index("literature:"):])


def test_no_modules_key(make_course: MakeCourse) -> None:
    found = only(run_rules(make_course({"course.yml": NO_MODULES})), "syllabus.modules")
    assert [(f.file, f.line, f.key) for f in found] == [("course.yml", None, None)]
    assert found[0].clause == "order 385 p.6.1"


def test_an_empty_module_list_points_at_its_line(make_course: MakeCourse) -> None:
    text = NO_MODULES.replace("literature:", "modules: []\nliterature:")
    found = only(run_rules(make_course({"course.yml": text})), "syllabus.modules")
    assert [(f.file, f.line) for f in found] == [("course.yml", line_of(text, "modules: []"))]


def test_a_module_without_topics(make_course: MakeCourse) -> None:
    text = edited("course.yml", "literature:",
                  "  - id: M2\n    title: Empty module\nliterature:")
    found = only(run_rules(make_course({"course.yml": text})), "syllabus.modules")
    assert [(f.file, f.line, f.key, f.params["module"]) for f in found] == [
        ("course.yml", line_of(text, "- id: M2"), "syllabus.modules.no-topics", "M2")]


def test_modules_with_topics_pass(make_course: MakeCourse) -> None:
    assert only(run_rules(make_course()), "syllabus.modules") == []


@pytest.mark.parametrize("kind", ["basic", "additional"])
def test_an_empty_literature_list(make_course: MakeCourse, kind: str) -> None:
    text = base_text("course.yml")
    start = text.index(f"  {kind}:")
    end = text.index("\n", text.index("    - ", start)) + 1
    text = text[:start] + f"  {kind}: []\n" + text[end:]
    found = only(run_rules(make_course({"course.yml": text})), "syllabus.literature")
    assert [(f.file, f.line, f.params["kind"]) for f in found] == [
        ("course.yml", line_of(text, "literature:"), kind)]


def test_no_literature_at_all_names_both_lists(make_course: MakeCourse) -> None:
    text = base_text("course.yml")
    text = text[: text.index("literature:")]
    found = only(run_rules(make_course({"course.yml": text})), "syllabus.literature")
    assert sorted(f.params["kind"] for f in found) == ["additional", "basic"]
    assert {f.line for f in found} == {None}


def test_blank_literature_entries_do_not_count(make_course: MakeCourse) -> None:
    text = edited("course.yml", '    - "Author B. Reader. — City: Publisher, 2023."', '    - "  "')
    found = only(run_rules(make_course({"course.yml": text})), "syllabus.literature")
    assert [f.params["kind"] for f in found] == ["additional"]


def test_a_page_naming_an_unknown_module(make_course: MakeCourse) -> None:
    page = "---\ntitle: Lecture 1\nmodule: M9\n---\nText of the lecture.\n"
    found = only(run_rules(make_course({"lectures/01-intro.md": page})), "page.module")
    assert [(f.file, f.line, f.params["module"]) for f in found] == [
        ("lectures/01-intro.md", 3, "M9")]
    assert found[0].params["known"] == "M1"
    assert found[0].clause == "order 385 p.6.1"


def test_a_page_naming_a_known_module_passes(make_course: MakeCourse) -> None:
    page = "---\nmodule: M1\n---\nText.\n"
    assert only(run_rules(make_course({"lectures/01-intro.md": page})), "page.module") == []
