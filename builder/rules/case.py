"""case.online: a course given by case technology needs no network (order 385 p.2.2)."""

from __future__ import annotations

from builder.findings import Finding
from builder.model import Course
from builder.online import student_online_places
from builder.profiles import Profile


def check(course: Course, profile: Profile) -> list[Finding]:
    if "case" not in course.meta.technologies:
        return []
    by_page: dict[str, list] = {}
    for place in student_online_places(course):
        by_page.setdefault(place.page.rel, []).append(place)
    out = []
    for places in by_page.values():
        page = places[0].page
        out.append(Finding(rule="case.online", file=course.where(page.path),
                           line=places[0].line, component=page.component,
                           params={"count": len(places),
                                   "places": ", ".join(p.url for p in places)}))
    return out
