"""A hostile portal made by code: a course that tries every containment route (symlinks, `..` and
absolute paths, links, raw-HTML attributes, `file:` URLs) to reach files outside its folder,
another course's answer keys, and its own final control; markers tell if anything got through."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from tests.sites import new_course, project

# Strings that must never appear in any student output.
OUTSIDE = "HOSTILE-OUTSIDE-7f3a"     # files beside the portal, outside courses/
VICTIM = "HOSTILE-VICTIM-51c2"       # another course's final control (bank, tickets, a PDF)
OWN_KEY = "HOSTILE-OWN-KEY-9d0e"     # the hostile course's own answer key and instructor page
MARKERS = (OUTSIDE, VICTIM, OWN_KEY)

BANK = f"""title: Exam test
questions:
  - id: q1
    type: single
    module: M1
    text: Which one?
    options:
      - text: "{OWN_KEY} right"
        correct: true
      - text: wrong
"""
INSTRUCTOR_PAGE = f"---\ntitle: Marking\naudience: instructor\n---\n# Marking\n\n{OWN_KEY}\n"


@dataclass(frozen=True)
class Route:
    """One attempt: where it is written, and the finding `eumk check` must give for it."""

    file: str            # posix path in the hostile course
    line: int | None     # line of the finding (None: a symlink)
    key: str             # path.outside wording (path.outside, path.file-url, path.link-…)


@dataclass(frozen=True)
class Hostile:
    root: Path           # the portal project
    course: Path         # courses/hostile
    victim: Path         # courses/victim
    outside: Path        # a folder beside courses/ holding OUTSIDE files
    routes: list[Route]


def pdf_with(path: Path, text: str) -> Path:
    from weasyprint import HTML

    HTML(string=f"<p>{text}</p>").write_pdf(path)
    return path


def make_hostile(tmp: Path) -> Hostile:
    """The project in `tmp/portal` (strict: false, so the build goes on past the findings)."""
    root = project(tmp / "portal", strict=False)
    outside = root / "outside"
    outside.mkdir()
    for name in ("outside.txt", "page.md", "clip.mp4", "subs.vtt", "chapters.vtt"):
        prefix = "WEBVTT\n\n00:00.000 --> 00:01.000\n" if name.endswith(".vtt") else ""
        (outside / name).write_text(f"{prefix}{OUTSIDE}\n", encoding="utf-8")
    pdf_with(outside / "slides.pdf", OUTSIDE)
    victim = new_course(root, "victim", **{
        "final/exam-test.quiz.yml": BANK.replace(OWN_KEY, VICTIM),
        "final/tickets.yml": f"# {VICTIM}\n",
    })
    pdf_with(victim / "final" / "answers.pdf", VICTIM)
    course = new_course(root, "hostile", **{
        "final/exam-test.quiz.yml": BANK,
        "lectures/09-marking.md": INSTRUCTOR_PAGE,
        "interim/attempts.quiz.yml": BANK.replace(f"{OWN_KEY} right", "right").replace(
            "Which one?", "'Which one? ![k](../../../outside/outside.txt)'"),
    })
    abs_outside = outside.resolve().as_uri()  # file:///…/outside
    front = ("---\ntitle: Attempts\n"
             "video: ../../../outside/clip.mp4\n"              # line 3
             "subtitles:\n  en: ../../../outside/subs.vtt\n"   # line 4
             "slides: /" + str(outside.resolve() / "slides.pdf").lstrip("/") + "\n"  # line 6
             "chapters: ../../../outside/chapters.vtt\n"       # line 7
             "---\n")
    body = [
        "# Attempts",                                                              # 9
        "",
        "[text](../../../outside/outside.txt)",                                    # 11
        "![key](../../victim/final/answers.pdf)",                                  # 12
        '<a href="../../../outside/page.md">a</a>',                                # 13
        "<img src='../../../outside/outside.txt'>",                                # 14
        '<img srcset="../../../outside/outside.txt 1x">',                          # 15
        '<object data="../../victim/final/answers.pdf"></object>',                 # 16
        "<video poster=../../../outside/outside.txt></video>",                     # 17
        '<a rel="attachment" href="../../../outside/outside.txt">r</a>',           # 18
        f'<a rel="attachment" href="{abs_outside}/outside.txt">f</a>',             # 19
        f'<img src="{abs_outside}/slides.pdf">',                                   # 20
        f'<a rel="attachment" href="{victim.resolve().as_uri()}/final/answers.pdf">v</a>',  # 21
        "",
    ]
    (course / "extra" / "attempts.md").write_text(front + "\n".join(body) + "\n", "utf-8")
    yml = course / "course.yml"
    text = yml.read_text(encoding="utf-8")
    assert text.count("title: Module 1 title") == 1
    module = text[: text.index("title: Module 1 title")].count("\n") + 1
    yml.write_text(text.replace("title: Module 1 title", "title: 'Module 1 <a rel=\"attachment\" "
                                f'href=\"{abs_outside}/outside.txt\">m</a>\''), encoding="utf-8")
    links = {
        "extra/leak.md": "../final/exam-test.quiz.yml",    # own final bank as a page
        "extra/marking.md": "../lectures/09-marking.md",   # an instructor page for students
        "interim/copy.quiz.yml": "../final/exam-test.quiz.yml",  # the final key as self-check
        "media/xfinal": "../../victim/final",              # another course's final control
        "media/outdir": "../../../outside",                # a folder outside courses/
        "media/o.txt": "../../../outside/outside.txt",     # a file outside courses/
        "lectures/02-outside.md": "../../../outside/page.md",
        "lectures/loop": "..",                             # the course inside itself, forever
    }
    for link, target in links.items():
        (course / link).parent.mkdir(parents=True, exist_ok=True)
        os.symlink(target, course / link)
    sealed = {"extra/leak.md", "extra/marking.md", "interim/copy.quiz.yml"}
    routes = [Route(link, None, "path.link-sealed" if link in sealed else
                    "path.link-loop" if target == ".." else "path.link-outside")
              for link, target in links.items()]
    page = "extra/attempts.md"
    routes += [Route(page, n, "path.outside") for n in (3, 4, 6, 7, 11, 12, 13, 14, 15, 16, 17,
                                                         18)]
    routes += [Route(page, n, "path.file-url") for n in (19, 20, 21)]
    routes.append(Route("course.yml", module, "path.file-url"))
    routes.append(Route("interim/attempts.quiz.yml", 3, "path.outside"))  # a question's image
    return Hostile(root, course, victim, outside, routes)
