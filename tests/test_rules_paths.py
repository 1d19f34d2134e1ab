"""path.outside: symlinks, front matter paths, links, raw-HTML attributes and file: URLs that leave
the course folder (or reach final/ by a symlink) are reported with file and line, never followed."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from builder import paths
from builder.load import load_course
from tests.conftest import MakeCourse, line_of, only, run_rules

PAGE = "lectures/01-intro.md"


def lecture(front: str = "", body: str = "") -> str:
    return f"---\ntitle: Intro\nmodule: M1\n{front}---\n# Intro\n\n{body}\n"


def outside(course: Path) -> list:
    return only(run_rules(course), "path.outside")


def test_a_valid_course_has_no_path_findings(make_course: MakeCourse) -> None:
    assert outside(make_course()) == []


def test_a_file_symlink_out_of_the_course(make_course: MakeCourse) -> None:
    course = make_course()
    (course.parent / "secret.md").write_text("# OUTSIDE-MARKER\n", encoding="utf-8")
    os.symlink("../../secret.md", course / "lectures" / "02-leak.md")
    [found] = outside(course)
    assert (found.key, found.file, found.line) == ("path.link-outside", "lectures/02-leak.md", None)
    assert found.params["target"] == "../../secret.md"
    loaded, _ = load_course(course)
    assert "lectures/02-leak.md" not in loaded.files
    assert all(p.rel != "lectures/02-leak.md" for p in loaded.pages)


def test_a_folder_symlink_to_another_course(make_course: MakeCourse) -> None:
    course = make_course()
    other = make_course(slug="other")
    (course / "media").mkdir()
    os.symlink("../../other/final", course / "media" / "xfinal")
    [found] = outside(course)
    assert (found.key, found.file) == ("path.link-outside", "media/xfinal")
    assert outside(other) == []


@pytest.mark.parametrize("target, link", [
    ("../final/exam.md", "extra/leak.md"),               # the course's own final control
    ("../final", "extra/final-copy"),                     # the whole folder
    ("../course.yml", "extra/data.md"),                   # course data
    ("01-marking.md", "lectures/02-marking.md"),          # an instructor page
])
def test_a_symlink_around_the_audience(make_course: MakeCourse, target: str, link: str) -> None:
    course = make_course({"lectures/01-marking.md":
                          "---\ntitle: M\naudience: instructor\n---\nMarking.\n"})
    (course / link).parent.mkdir(exist_ok=True)
    os.symlink(target, course / link)
    [found] = outside(course)
    assert (found.key, found.file, found.params["target"]) == ("path.link-sealed", link, target)
    assert "only instructors" in found.message("en")


def test_a_symlink_inside_the_course_is_followed(make_course: MakeCourse) -> None:
    course = make_course({"media/scheme.svg": "<svg xmlns='http://www.w3.org/2000/svg'/>"})
    os.symlink("../media/scheme.svg", course / "lectures" / "scheme.svg")
    os.symlink("../media", course / "seminars" / "pictures")
    os.symlink("../final/exam.md", course / "final" / "exam-again.md")  # final to final
    assert outside(course) == []
    assert "lectures/scheme.svg" in load_course(course)[0].files


def test_a_folder_symlink_to_its_own_ancestor(make_course: MakeCourse) -> None:
    course = make_course()
    os.symlink("..", course / "lectures" / "loop")
    [found] = outside(course)
    assert (found.key, found.file) == ("path.link-loop", "lectures/loop")


@pytest.mark.parametrize("key, value", [
    ("video", "../../../../etc/passwd"),
    ("video", "/etc/passwd"),
    ("slides", "../../outside.pdf"),
    ("chapters", "/tmp/chapters.vtt"),
])
def test_front_matter_paths_out_of_the_course(make_course: MakeCourse, monkeypatch, key: str,
                                              value: str) -> None:
    import builder.rules.media as media_rules

    def no_probe(path: Path) -> None:
        raise AssertionError(f"ffprobe ran on {path}")

    monkeypatch.setattr(media_rules, "probe", no_probe)
    text = lecture(f"{key}: {value}\n")
    course = make_course({PAGE: text})
    findings = run_rules(course)
    [found] = only(findings, "path.outside")
    assert (found.key, found.file, found.line) == ("path.outside", PAGE, line_of(text, key + ":"))
    assert found.params["target"] == value
    assert not only(findings, "video.missing") and not only(findings, "link.broken")


def test_subtitles_out_of_the_course(make_course: MakeCourse) -> None:
    course = make_course({PAGE: lecture("subtitles:\n  kk: ../../../x.vtt\n"),
                          "lectures/ok.vtt": "WEBVTT\n"})
    [found] = outside(course)
    assert found.line == 4 and found.params["target"] == "../../../x.vtt"


@pytest.mark.parametrize("snippet", [
    "[the answers](../../other/final/exam.quiz.yml)",
    "![scheme](../../../etc/hostname)",
    '<a rel="attachment" href="../../../etc/hostname">a</a>',
    "<img src='/etc/hostname'>",
    '<img srcset="ok.png 1x, ../../../etc/hostname 2x">',
    '<object data="../../secret.pdf"></object>',
    '<video poster=../../../etc/hostname></video>',
    '<div style="background: url(../../secret.png)">x</div>',
])
def test_body_references_out_of_the_course(make_course: MakeCourse, snippet: str) -> None:
    text = lecture(body=f"Intro.\n\nSee {snippet} here.\n")
    course = make_course({PAGE: text, "lectures/ok.png": b"png"})
    [found] = outside(course)
    assert (found.key, found.file, found.line) == ("path.outside", PAGE, line_of(text, "See "))


@pytest.mark.parametrize("tag", [
    '<img alt="plan"\n     src="../../../etc/hostname">',
    '<a rel="attachment"\n   href="../../other/final/exam.quiz.yml">a</a>',
    '<video controls\n  poster=../../../etc/hostname></video>',
])
def test_attributes_on_a_later_line_of_the_tag(make_course: MakeCourse, tag: str) -> None:
    text = lecture(body=f"Intro.\n\n{tag}\n\nEnd.\n")
    course = make_course({PAGE: text, "lectures/ok.png": b"png"})
    [found] = outside(course)
    assert (found.key, found.file) == ("path.outside", PAGE)
    assert found.line == line_of(text, "../")


def test_a_tag_closed_on_its_line_opens_nothing(make_course: MakeCourse) -> None:
    text = lecture(body='Intro <img src="ok.png"> and\nsrc="../../../etc/hostname" as text.\n')
    assert outside(make_course({PAGE: text, "lectures/ok.png": b"png"})) == []


def test_file_urls_in_pages_and_course_yml(make_course: MakeCourse) -> None:
    text = lecture(body='Intro.\n\n<a rel="attachment" href="file:///etc/hostname">a</a>\n\n'
                        "[home](FILE:/home/u/answers.pdf)\n")
    yml = (course_yml := (make_course() / "course.yml")).read_text(encoding="utf-8")
    title_line = line_of(yml, "title:")
    course = course_yml.parent
    (course / PAGE).write_text(text, encoding="utf-8")
    lines = yml.splitlines()
    lines[title_line - 1] += ' <a rel="attachment" href="file:///tmp/x">x</a>'
    course_yml.write_text("\n".join(lines) + "\n", encoding="utf-8")
    found = sorted(outside(course), key=lambda f: (f.file, f.line or 0))
    assert [(f.key, f.file, f.line) for f in found] == [
        ("path.file-url", "course.yml", title_line),
        ("path.file-url", PAGE, line_of(text, "file:///etc")),
        ("path.file-url", PAGE, line_of(text, "FILE:/home")),
    ]
    assert found[0].params["target"] == "file:///tmp/x"


def test_code_is_not_a_route(make_course: MakeCourse) -> None:
    body = "Intro.\n\n```\n<img src='file:///etc/x'> [a](../../../x)\n```\n\n`[b](/etc/y)`\n"
    assert outside(make_course({PAGE: lecture(body=body)})) == []


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_every_wording_in_every_language(make_course: MakeCourse, lang: str) -> None:
    course = make_course({PAGE: lecture("video: /etc/passwd\n", "[x](file:///etc/x)")})
    os.symlink("/etc", course / "lectures" / "etc")
    os.symlink("..", course / "lectures" / "loop")
    os.symlink("../final/exam.md", course / "lectures" / "exam.md")
    found = outside(course)
    assert {f.key for f in found} == {"path.outside", "path.file-url", "path.link-outside",
                                      "path.link-loop", "path.link-sealed"}
    for finding in found:
        message = finding.message(lang)
        assert message and "{" not in message and finding.hint(lang)
        if lang != "en":
            assert message != finding.message("en")


def test_locate_contains_every_target(tmp_path: Path) -> None:
    root = tmp_path / "c"
    (root / "lectures").mkdir(parents=True)
    base = root / "lectures"
    assert paths.is_outside(paths.locate(root, base, "../../x"))
    assert paths.is_outside(paths.locate(root, base, "file:///etc/x"))
    assert paths.is_outside(paths.locate(root, base, "C:\\Windows\\x"))
    assert paths.locate(root, base, "../media/a%20b.png#x") == (root / "media/a b.png").resolve()
    assert not paths.locate(root, base, "a\0b").exists()


def test_links_in_question_texts(make_course: MakeCourse) -> None:
    bank = ("title: B\nquestions:\n  - id: q1\n    type: single\n    module: M1\n"
            "    text: 'Which? ![scheme](../../../etc/hostname) ![ok](../media/ok.png)'\n"
            "    options:\n      - text: A <img src=\"/etc/passwd\">\n        correct: true\n"
            "      - text: B\n")
    course = make_course({"interim/b.quiz.yml": bank, "media/ok.png": b"png"})
    found = outside(course)
    assert [(f.file, f.line, f.params["target"]) for f in found] == [
        ("interim/b.quiz.yml", 3, "../../../etc/hostname"),
        ("interim/b.quiz.yml", 3, "/etc/passwd")]
