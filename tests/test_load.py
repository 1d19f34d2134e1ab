"""The loader: yaml.syntax, yaml.value, file.encoding with file and line; the marked YAML reader."""

from __future__ import annotations

import pytest

from builder.load import find_courses, load_course
from builder.marked_yaml import YamlSyntaxError, parse
from tests.conftest import MakeCourse, base_text, edited, line_of, only, run_rules

BANK = ("title: Test\nquestions:\n  - id: q1\n    type: essay\n    module: M1\n"
        "    text: Explain.\n")


@pytest.mark.parametrize(("rel", "text", "line"), [
    ("course.yml", edited("course.yml", "credits: 1", "credits: 1: 2"), 7),
    ("course.yml", edited("course.yml", "form: full-time", "form:\tfull-time"), 8),
    ("consultations.yml", base_text("consultations.yml") + "  - date: [\n", 8),
    ("consultations.yml", "channel: x\n sessions: y\n", 2),
    ("interim/t.quiz.yml", BANK.replace("    text: Explain.", "    text: [Explain"), 7),
    ("final/tickets.yml", "count: 3\nper_ticket: : 1\n", 2),
])
def test_a_yaml_file_that_does_not_parse(make_course: MakeCourse, rel: str, text: str,
                                         line: int) -> None:
    found = run_rules(make_course({rel: text}))
    syntax = only(found, "yaml.syntax")
    assert [(f.file, f.line) for f in syntax] == [(rel, line)]
    assert syntax[0].params["problem"]
    assert syntax[0].clause == "order 385 p.4"


def test_course_yml_that_does_not_parse_stops_the_course_yml_rules(make_course: MakeCourse) -> None:
    found = run_rules(make_course({"course.yml": "code: [\n"}))
    assert {f.rule for f in found} == {"yaml.syntax"}


def test_front_matter_that_does_not_parse_gives_the_line_in_the_page(
        make_course: MakeCourse) -> None:
    page = "---\ntitle: Lecture 1\nmodule: [M1\n---\nText of the lecture.\n"
    found = run_rules(make_course({"lectures/01-intro.md": page}))
    assert [(f.rule, f.file, f.line) for f in found] == [
        ("yaml.syntax", "lectures/01-intro.md", 4)]  # PyYAML notices at the closing line


def test_front_matter_tab_gives_its_line(make_course: MakeCourse) -> None:
    page = "---\ntitle: Lecture 1\n\tmodule: M1\n---\nText.\n"
    found = only(run_rules(make_course({"lectures/01-intro.md": page})), "yaml.syntax")
    assert [(f.file, f.line) for f in found] == [("lectures/01-intro.md", 3)]


def test_a_page_without_front_matter_is_fine(make_course: MakeCourse) -> None:
    assert run_rules(make_course({"lectures/01-intro.md": "Just text.\n"})) == []


@pytest.mark.parametrize(("old", "new", "needle", "field"), [
    ("credits: 1", "credits: many", "credits:", "credits"),
    ("form: full-time", "form: weekly", "form:", "form"),
    ("language: en", "language: de", "language:", "language"),
    ("approved: 2025-08-28", "approved: yesterday", "approved:", "approved"),
    ("Topic two\n        lecture: 2", "Topic two\n        lecture: -2", "lecture: -2",
     "modules.0.topics.1.lecture"),
    ("technologies: [network, case]", "technologies: [network, radio]", "technologies:",
     "technologies.1"),
])
def test_a_wrong_value_in_course_yml(make_course: MakeCourse, old: str, new: str, needle: str,
                                     field: str) -> None:
    text = edited("course.yml", old, new)
    found = only(run_rules(make_course({"course.yml": text})), "yaml.value")
    assert [(f.file, f.line, f.params["field"]) for f in found] == [
        ("course.yml", line_of(text, needle), field)]
    assert found[0].clause == "order 385 p.4"


@pytest.mark.parametrize(("old", "new", "field"), [
    ('start: "15:00"', 'start: "25:00"', "sessions.0.start"),
    ("minutes: 60", "minutes: 0", "sessions.0.minutes"),
    ("date: 2026-02-03", "date: someday", "sessions.0.date"),
])
def test_a_wrong_value_in_consultations(make_course: MakeCourse, old: str, new: str,
                                        field: str) -> None:
    text = edited("consultations.yml", old, new)
    found = only(run_rules(make_course({"consultations.yml": text})), "yaml.value")
    assert [(f.file, f.line, f.params["field"]) for f in found] == [
        ("consultations.yml", line_of(text, new), field)]


def test_an_impossible_date_is_reported_at_its_line(make_course: MakeCourse) -> None:
    text = edited("consultations.yml", "date: 2026-02-03", "date: 2026-02-30")
    found = only(run_rules(make_course({"consultations.yml": text})), "yaml.syntax")
    assert [(f.file, f.line) for f in found] == [("consultations.yml", 4)]


def test_an_unknown_time_zone_folder(make_course: MakeCourse) -> None:
    found = run_rules(make_course({"consultations.yml": "timezone: America\n" +
                                   base_text("consultations.yml")}))
    assert [(f.rule, f.line, f.params["field"]) for f in found] == [("yaml.value", 1, "timezone")]


def test_a_wrong_value_in_front_matter(make_course: MakeCourse) -> None:
    page = "---\ntitle: Lecture 1\naudience: everybody\n---\nText.\n"
    found = run_rules(make_course({"lectures/01-intro.md": page}))
    assert [(f.rule, f.file, f.line) for f in found] == [
        ("yaml.value", "lectures/01-intro.md", 3)]


def test_invalid_utf8_names_file_and_line(make_course: MakeCourse) -> None:
    page = b"---\ntitle: Lecture 1\n---\nText in cp1251: " + "Дәріс".encode("cp1251", "replace")
    found = run_rules(make_course({"lectures/01-intro.md": page + b"\n"}))
    enc = only(found, "file.encoding")
    assert [(f.file, f.line) for f in enc] == [("lectures/01-intro.md", 4)]
    assert enc[0].clause == "order 385 p.4"


def test_invalid_utf8_in_course_yml(make_course: MakeCourse) -> None:
    data = base_text("course.yml").encode().replace(b"Smith J.", b"Smith \xff.")
    found = run_rules(make_course({"course.yml": data}))
    assert [(f.rule, f.file, f.line) for f in found] == [("file.encoding", "course.yml", 4)]


@pytest.mark.parametrize("rel", ["course.yml", "consultations.yml", "lectures/01-intro.md"])
def test_a_byte_order_mark_is_tolerated(make_course: MakeCourse, rel: str) -> None:
    assert run_rules(make_course({rel: "\ufeff" + base_text(rel)})) == []


def test_utf16_is_not_utf8(make_course: MakeCourse) -> None:
    found = run_rules(make_course({"syllabus.md": base_text("syllabus.md").encode("utf-16")}))
    assert [f.rule for f in found if f.rule != "kit.missing"] == ["file.encoding"]


def test_a_course_loads_with_lines(make_course: MakeCourse) -> None:
    course, found = load_course(make_course())
    assert found == []
    assert course.meta.credits == 1 and course.meta.total_hours == 30
    assert course.meta_lines and course.meta_lines["credits"] == 7
    assert course.meta.modules[0].topics[1].line == line_of(base_text("course.yml"), "Topic two")
    assert course.consultations and course.consultations.sessions[0].line == 4
    assert course.pages_of("lectures")[0].meta_lines["module"] == 3
    assert course.pages_of("lectures")[0].body_line == 5
    # an unquoted "City: Publisher" stays the line of text it was meant to be
    assert course.meta.literature.basic == ["Author A. Textbook. — City: Publisher, 2024."]


def test_editor_and_hidden_files_are_not_pages(make_course: MakeCourse) -> None:
    course = make_course({"lectures/.#01-intro.md": "x\n", "lectures/01-intro.md~": "x\n",
                          "lectures/_draft.md": b"\xff\n"})
    assert run_rules(course) == []


def test_find_courses_in_a_folder_of_courses(make_course: MakeCourse) -> None:
    course = make_course()
    (course.parent / "notes").mkdir()
    assert find_courses([course.parent]) == [course]
    assert find_courses([course]) == [course]


def test_a_course_folder_given_by_path_without_course_yml_is_still_a_course(
        make_course: MakeCourse) -> None:
    course = make_course({"course.yml": None})
    assert find_courses([course]) == [course]


class TestMarkedYaml:
    def test_lines_of_keys_and_items(self) -> None:
        marked = parse("a: 1\nb:\n  - x\n  - c: 2\n", first_line=3)
        assert marked.data == {"a": 1, "b": ["x", {"c": 2}]}
        assert marked.line(("a",)) == 3
        assert marked.line(("b", 1)) == 6
        assert marked.line(("b", 1, "c")) == 6
        assert marked.line(("b", 1, "nope")) == 6  # nearest marked ancestor

    def test_syntax_error_line_counts_from_first_line(self) -> None:
        with pytest.raises(YamlSyntaxError) as err:
            parse("a: 1\nb: [\n", first_line=2)
        assert err.value.line == 4 - 1 + 1  # end of the text: line 3 of the text → 4 of the file

    @pytest.mark.parametrize("text", [
        "a: &x [*x]\n",                                  # an alias inside itself
        "a: " + "[" * 5000 + "]" * 5000 + "\n",          # nesting deeper than the stack
        "a: " + "[" * 100 + "]" * 100 + "\n",            # deeper than any course file
        "d: 2026-02-30\n",                               # not a date
    ])
    def test_hostile_documents_are_syntax_errors(self, text: str) -> None:
        with pytest.raises(YamlSyntaxError):
            parse(text)

    def test_many_aliases_do_not_blow_up(self) -> None:
        text = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
        for level in "bcdefgh":
            prev = chr(ord(level) - 1)
            text += f"{level}: &{level} [" + ", ".join([f"*{prev}"] * 10) + "]\n"
        with pytest.raises(YamlSyntaxError, match="too many"):
            parse(text)

    def test_lone_surrogate_escapes_become_printable(self) -> None:
        data = parse('a: "\\ud800 ok"\nb: "\\ud83d\\ude00"\n').data
        assert data == {"a": "\ufffd ok", "b": "😀"}
        "".join(data.values()).encode("utf-8")
