"""hours.*: the thematic plan against credits, synchronous share and the distance cap."""

from __future__ import annotations

from builder.findings import Finding
from builder.model import Course
from builder.profiles import Profile

SYNC_MIN = 0.30      # order 349 annex 2 p.5
DISTANCE_MAX = 0.20  # order 349 annex 1 p.8


def _num(value: float) -> str:
    return f"{value:g}"


def check(course: Course, profile: Profile) -> list[Finding]:
    if course.meta_lines is None or not course.meta.modules:
        return []
    meta, lines = course.meta, course.meta_lines
    file = course.where(course.path / "course.yml")
    total = meta.total_hours
    out: list[Finding] = []

    def add(rule: str, line: int | None, **params: str) -> None:
        out.append(Finding(rule=rule, file=file, line=line, component="syllabus", params=params))

    expected = meta.credits * profile.hours_per_credit
    if meta.credits and abs(total - expected) > 1e-6:
        add("hours.credits", lines.get("credits"), total=_num(total), credits=_num(meta.credits),
            per_credit=_num(profile.hours_per_credit), expected=_num(expected))
    for module in meta.modules:
        for topic in module.topics:
            contact = topic.total - topic.self_study
            if topic.sync > contact + 1e-6:
                add("hours.sync-exceeds", topic.line, topic=topic.title, sync=_num(topic.sync),
                    contact=_num(contact))
    if total and meta.form == "online" and meta.sync_hours / total < SYNC_MIN - 1e-9:
        add("hours.sync-share", lines.get("form"), share=f"{100 * meta.sync_hours / total:.0f}",
            sync=_num(meta.sync_hours), total=_num(total))
    if total and meta.form != "online" and meta.distance is not None:
        if meta.distance / total > DISTANCE_MAX + 1e-9:
            add("hours.distance-cap", lines.get("distance"), distance=_num(meta.distance),
                total=_num(total), share=f"{100 * meta.distance / total:.0f}",
                limit=_num(int(total * DISTANCE_MAX)))
    return out
