"""link.broken also for links that work on disk but not on the site: to files students never get
(course data, backups, instructor pages); a link outside the course is path.outside's."""

from __future__ import annotations

from tests.conftest import MakeCourse, line_of, only, run_rules

PAGE = "lectures/01-intro.md"
INSTRUCTOR = "---\ntitle: Marking\naudience: instructor\n---\nMarking scheme.\n"


def page(link: str) -> str:
    return f"---\ntitle: Intro\nmodule: M1\n---\nSee [this]({link}) for more.\n"


def test_a_link_out_of_the_course_folder(make_course: MakeCourse) -> None:
    course = make_course({PAGE: page("../../outside.txt")})
    (course.parent / "outside.txt").write_text("shared file", encoding="utf-8")
    findings = run_rules(course)
    [found] = only(findings, "path.outside")  # builder.paths refuses it; not link.broken too
    assert not only(findings, "link.broken")
    text = (course / PAGE).read_text(encoding="utf-8")
    assert found.key == "path.outside" and found.line == line_of(text, "See [this]")
    assert "course folder" in found.message("en")


def test_links_to_files_students_never_get(make_course: MakeCourse) -> None:
    course = make_course({
        PAGE: page("../final/marking.md") + "And [the bank](../interim/b.quiz.yml).\n",
        "final/marking.md": INSTRUCTOR,
        "interim/b.quiz.yml": "title: B\nquestions: []\n",
    })
    found = only(run_rules(course), "link.broken")
    assert [f.key for f in found] == ["link.unpublished", "link.unpublished"]
    assert found[0].message("ru").startswith("Ссылка «../final/marking.md»")


def test_an_instructor_page_may_link_instructor_material(make_course: MakeCourse) -> None:
    course = make_course({
        "final/marking.md": INSTRUCTOR + "Compare with [the guide](guide.md).\n",
        "final/guide.md": INSTRUCTOR,
    })
    assert only(run_rules(course), "link.broken") == []
