"""A course whose every text field holds markup (script, event handler, quotes, entities), and
the checks that an output shows that markup as text and runs none of it."""

from __future__ import annotations

import html.parser
import re
import shutil
from pathlib import Path

import yaml

from tests.conftest import VALID


def hostile(name: str) -> str:
    """A value that breaks out of text and of any attribute quoting, and shows if escaped twice."""
    return (f"{name}\"'<script>alert('{name}')</script>\"><img src=x onerror=alert('{name}')>"
            f"<b data-injected>&amp;</b>")


def _q(value: str) -> str:
    return yaml.safe_dump(value, default_style='"', width=10**6).strip()


def markup_course(courses: Path, slug: str = "markup") -> Path:
    """The valid base course under `courses/slug`, every text field replaced by `hostile(field)`:
    course.yml, module/topic titles, literature, consultations, page titles and headings, an
    interim bank (title, question, options, feedback)."""
    course = courses / slug
    shutil.copytree(VALID, course)
    meta = yaml.safe_load((course / "course.yml").read_text(encoding="utf-8"))
    for key in ("code", "title", "developer", "programme"):
        meta[key] = hostile(f"course-{key}")
    meta["institution"] = hostile("course-institution")
    meta["description"] = hostile("course-description")
    for m, module in enumerate(meta["modules"]):
        module["title"] = hostile(f"module-{m}")
        for t, topic in enumerate(module["topics"]):
            topic["title"] = hostile(f"topic-{m}-{t}")
    meta["literature"] = {"basic": [hostile("basic")], "additional": [hostile("additional")]}
    (course / "course.yml").write_text(yaml.safe_dump(meta, allow_unicode=True, width=10**6),
                                       encoding="utf-8")
    (course / "consultations.yml").write_text(f"""teacher: {_q(hostile("teacher"))}
channel: {_q("https://meet.example.kz/x?" + hostile("channel"))}
sessions:
  - date: 2026-02-03
    start: "15:00"
    minutes: 60
    topic: {_q(hostile("consultation-topic"))}
  - date: 2026-02-04
    start: "15:00"
    minutes: 60
    topic: {_q(hostile("consultation-topic-2"))}
    channel: {_q(hostile("session-channel"))}
""", encoding="utf-8")
    (course / "lectures/01-intro.md").write_text(f"""---
title: {_q(hostile("front-matter-title"))}
module: M1
---
Text of the lecture. See the [seminar](../seminars/01-seminar.md).
""", encoding="utf-8")
    seminar = (course / "seminars/01-seminar.md").read_text(encoding="utf-8")
    (course / "seminars/01-seminar.md").write_text(
        "# Heading & \"quotes\" 'a' 1 < 2\n\n## Sub & section\n\n" + seminar, encoding="utf-8")
    (course / "interim/self-check.quiz.yml").write_text(f"""title: {_q(hostile("bank-title"))}
questions:
  - id: q1
    type: single
    module: M1
    text: {_q(hostile("question") + " [l](javascript:alert('link'))")}
    options:
      - text: {_q(hostile("right-option"))}
        correct: true
        feedback: {_q(hostile("option-feedback"))}
      - text: {_q(hostile("wrong-option"))}
    feedback: {_q(hostile("question-feedback"))}
  - id: q2
    type: short
    module: M1
    text: {_q(hostile("short-question"))}
    answers: [{_q(hostile("short-answer"))}]
""", encoding="utf-8")
    return course


class _Tags(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []
        self.script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = {name for name, _ in attrs}
        values = dict(attrs)
        if "data-injected" in names or any(n.startswith("on") for n in names):
            self.found.append(f"<{tag} {sorted(names)}>")
        if any((v or "").lstrip().lower().startswith("javascript:") for v in values.values()):
            self.found.append(f"<{tag}> with a javascript: URL")
        self.script = tag == "script"

    def handle_data(self, data: str) -> None:
        if self.script and "alert(" in data:
            self.found.append(f"<script>{data[:40]}")

    def handle_endtag(self, tag: str) -> None:
        self.script = False


def injected(page: str) -> list[str]:
    """Elements, attributes and scripts of `page` that came from the markup in a value."""
    parser = _Tags()
    parser.feed(page)
    return parser.found


def shown(page: str) -> str:
    """The text a page shows (tags dropped, entities decoded), whitespace collapsed."""
    text = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    text = html.unescape(re.sub(r"<[^>]+>", " ", text))
    return " ".join(text.split())
