"""What of a course needs the network: links, embeds, images and videos on the internet."""

from __future__ import annotations

import re
from dataclasses import dataclass

from builder.links import targets
from builder.model import Course, Page

REMOTE = re.compile(r"^(https?:)?//", re.I)


@dataclass(frozen=True)
class OnlinePlace:
    """One place of a page that needs the internet."""

    page: Page
    url: str
    line: int | None


def online_places(page: Page) -> list[OnlinePlace]:
    """The internet addresses a page links, embeds or names in its front matter, in order."""
    found = [OnlinePlace(page, url, line) for url, line in targets(page) if REMOTE.match(url)]
    for key in ("video", "slides"):
        value = getattr(page.meta, key)
        if value and REMOTE.match(value):
            found.append(OnlinePlace(page, value, page.meta_lines.get(key)))
    return sorted(found, key=lambda place: place.line or 0)


def student_online_places(course: Course) -> list[OnlinePlace]:
    """Every place of the pages students get (syllabus included) that needs the internet."""
    pages = ([course.syllabus] if course.syllabus else []) + course.pages
    return [place for page in pages if page.meta.audience == "student"
            for place in online_places(page)]
