"""case.online: a case-technology course whose pages need the network, and the kit's start page
listing those pages apart."""

from __future__ import annotations

from pathlib import Path

from builder.case.startpage import write_start_page
from builder.load import load_course
from tests.conftest import MakeCourse, edited, only, run_rules

ONLINE_PAGE = ("---\ntitle: Lecture 1\nvideo: https://videos.example.kz/l1.mp4\n---\n"
               "# Lecture 1\n\nText.\n\n<iframe src=\"https://www.youtube.com/embed/x\"></iframe>\n"
               "\nSee [the law](https://adilet.zan.kz/kaz/docs/Z1400000188) and "
               "![plan](//cdn.example.kz/plan.png).\n\n```\n[not a link](https://in.code)\n```\n")


def test_pages_that_need_the_network_in_a_case_course(make_course: MakeCourse) -> None:
    found = only(run_rules(make_course({"lectures/01-intro.md": ONLINE_PAGE})), "case.online")
    assert [(f.file, f.line, f.severity, f.clause) for f in found] == [
        ("lectures/01-intro.md", 3, "warning", "order 385 p.2.2")]
    assert found[0].params["count"] == 4
    assert found[0].params["places"] == (
        "https://videos.example.kz/l1.mp4, https://www.youtube.com/embed/x, "
        "https://adilet.zan.kz/kaz/docs/Z1400000188, //cdn.example.kz/plan.png")


def test_a_course_without_case_technology_may_use_the_network(make_course: MakeCourse) -> None:
    course = make_course({"lectures/01-intro.md": ONLINE_PAGE,
                          "course.yml": edited("course.yml", "[network, case]", "[network]")})
    assert only(run_rules(course), "case.online") == []


def test_instructor_pages_and_local_links_need_no_network(make_course: MakeCourse) -> None:
    instructor = ONLINE_PAGE.replace("title: Lecture 1", "title: Key\naudience: instructor")
    course = make_course({"lectures/02-key.md": instructor,
                          "lectures/03-local.md": "# L\n\n[Seminar](../seminars/01-seminar.md)\n"})
    assert only(run_rules(course), "case.online") == []


def test_the_start_page_lists_what_needs_the_internet(make_course: MakeCourse,
                                                      tmp_path: Path) -> None:
    course, _ = load_course(make_course({"lectures/01-intro.md": ONLINE_PAGE}))
    root = tmp_path / "medium"
    root.mkdir()
    html = write_start_page(course, root, "course.pdf", "usb").read_text(encoding="utf-8")
    section = html[html.index('id="needs-internet"'):]
    assert "Needs the internet" in section and "Lecture 1" in section
    assert 'href="https://adilet.zan.kz/kaz/docs/Z1400000188"' in section
    plain, _ = load_course(make_course(slug="plain"))
    html = write_start_page(plain, root, "course.pdf", "usb").read_text(encoding="utf-8")
    assert "needs-internet" not in html
