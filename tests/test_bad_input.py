"""Bad input gets a finding, never a traceback (issue 10 p.7): yaml.duplicate-key naming both
lines, page.too-large, file.name-too-long; their messages in kk, ru and en."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest

from builder import messages, profiles
from builder.cli import main
from builder.marked_yaml import parse
from builder.rules import check_course
from tests.conftest import VALID, MakeCourse, base_text, edited, only, run_rules
from tests.sites import project

BANK = ("title: Test\nquestions:\n  - id: q1\n    type: essay\n    module: M1\n"
        "    text: Explain.\n")


@pytest.mark.parametrize(("rel", "text", "field", "lines"), [
    ("course.yml", base_text("course.yml") + "credits: 5\n", "credits",
     (7, len(base_text("course.yml").splitlines()) + 1)),
    ("course.yml", edited("course.yml", "      - title: Topic one\n        lecture: 2\n",
                          "      - title: Topic one\n        lecture: 2\n        lecture: 4\n"),
     "modules.0.topics.0.lecture", (15, 16)),
    ("lectures/01-intro.md", "---\ntitle: Lecture 1\nmodule: M1\ntitle: Other\n---\nText.\n",
     "title", (2, 4)),
    ("consultations.yml", base_text("consultations.yml").replace(
        "channel: https", "teacher: Other\nchannel: https"), "teacher", (1, 2)),
    ("interim/t.quiz.yml", BANK + "    text: Again.\n", "questions.0.text", (6, 7)),
    ("final/tickets.yml", "count: 3\ncount: 4\n", "count", (1, 2)),
])
def test_a_key_given_twice_names_both_lines(make_course: MakeCourse, rel: str, text: str,
                                            field: str, lines: tuple[int, int]) -> None:
    found = only(run_rules(make_course({rel: text})), "yaml.duplicate-key")
    assert [(f.file, f.line) for f in found] == [(rel, lines[1])]
    params = found[0].params
    assert (params["field"], params["first"], params["second"]) == (field, *lines)
    assert found[0].severity == "error" and found[0].clause == "order 385 p.4"
    for lang in messages.LANGUAGES:
        text = found[0].message(lang)
        assert str(lines[0]) in text and str(lines[1]) in text and field.split(".")[-1] in text


def test_keys_that_are_not_repeated_are_fine(make_course: MakeCourse) -> None:
    found = run_rules(make_course())
    assert only(found, "yaml.duplicate-key") == []
    # the same key in two mappings, and keys merged from an anchor then overridden
    marked = parse("a: {k: 1}\nb: {k: 2}\nbase: &x {p: 1, q: 2}\nc:\n  <<: *x\n  p: 3\n")
    assert marked.duplicates == [] and marked.data["c"] == {"p": 3, "q": 2}


def test_a_key_repeated_in_front_matter_counts_lines_of_the_file() -> None:
    marked = parse("a: 1\nb: 2\na: 3\n", first_line=2)
    assert [(d.loc, d.first, d.line) for d in marked.duplicates] == [(("a",), 2, 4)]


def test_a_page_over_the_limit_is_reported_and_left_out(make_course: MakeCourse) -> None:
    big = "# Big\n\n" + "word " * 300_000   # 1.5 MB
    course = make_course({"lectures/02-big.md": big, "interim/big.quiz.yml": BANK + "#" * 2**21})
    profile = profiles.get("mes-385", 30, page_limit_mb=1)
    loaded, found = check_course(course, profile, root=course)
    too_large = only(found, "page.too-large")
    assert sorted(f.file for f in too_large) == ["interim/big.quiz.yml", "lectures/02-big.md"]
    assert too_large[0].params["limit"] == "1.0 MB"
    assert "lectures/02-big.md" not in [p.rel for p in loaded.pages]
    assert [b.rel for b in loaded.banks] == []
    assert "1.0 MB" in too_large[0].message("kk") and "page_limit_mb" in too_large[0].hint("ru")
    # under the default limit (5 MB) the same files are fine
    assert only(run_rules(course), "page.too-large") == []


@pytest.mark.parametrize(("name", "long"), [
    ("a" * 59 + ".md", False),          # a-….html: 64 characters
    ("a" * 60 + ".md", True),           # 65 characters once published as .html
    ("ә" * 64 + ".pdf", True),          # 68 characters
    ("ә" * 60 + ".pdf", False),         # 64 characters, 123 bytes
    ("😀" * 40 + ".pdf", True),          # 44 characters but 84 UTF-16 units for Joliet
])
def test_names_a_medium_cannot_hold(make_course: MakeCourse, name: str, long: bool) -> None:
    course = make_course({f"extra/{name}": "# Extra\n\nText.\n"})
    found = only(run_rules(course), "file.name-too-long")
    assert [f.file for f in found] == ([f"extra/{name}"] if long else [])
    if long:
        assert found[0].params["name"] == name and found[0].line is None


def test_a_long_folder_name_is_reported_once(make_course: MakeCourse) -> None:
    folder = "extra/" + "ү" * 70
    course = make_course({f"{folder}/a.md": "# A\n\nText.\n", f"{folder}/b.md": "# B\n\nText.\n"})
    found = only(run_rules(course), "file.name-too-long")
    assert [f.file for f in found] == [folder]


def test_case_refuses_a_long_name_with_the_finding(tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    root = project(tmp_path / "p", [VALID])
    name = "ә" * 126 + ".md"   # 255 bytes: the site's .html of it cannot be written
    (root / "courses/valid/extra").mkdir()
    (root / "courses/valid/extra" / name).write_text("# Long\n\nText.\n", encoding="utf-8")
    with contextlib.chdir(root):
        assert main(["case", "valid", "--medium", "usb", "--out", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert "file.name-too-long" in err and "Traceback" not in err
    assert name in err  # the name whole, not cut inside a character
    assert not (tmp_path / "out/valid-usb").exists()
