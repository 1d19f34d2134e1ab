"""hours.*: the thematic plan against credits, empty topics, live hours, on-site practice, and
the 349 shares of one course (which apply over the whole programme: builder/rules/programme.py)."""

from __future__ import annotations

from builder.findings import Finding
from builder.model import Course
from builder.percent import percent
from builder.profiles import Profile

SYNC_MIN = 0.30      # order 349 annex 2 p.5
DISTANCE_MAX = 0.20  # order 349 annex 1 p.8 (full-time), p.9 (part-time, evening, external)


def distance_clause(form: str) -> str:
    """The clause of the 20 % cap for a form of study."""
    return "order 349 annex 1 p.8" if form == "full-time" else "order 349 annex 1 p.9"


def _num(value: float) -> str:
    return f"{value:g}"


def check(course: Course, profile: Profile) -> list[Finding]:
    if course.meta_lines is None or not course.meta.modules:
        return []
    meta, lines = course.meta, course.meta_lines
    file = course.where(course.path / "course.yml")
    total = meta.total_hours
    out: list[Finding] = []

    def add(rule: str, line: int | None, clause: str = "", **params: str) -> None:
        out.append(Finding(rule=rule, file=file, line=line, component="syllabus", params=params,
                           clause=clause))

    expected = meta.credits * profile.hours_per_credit
    if meta.credits and abs(total - expected) > 1e-6:
        add("hours.credits", lines.get("credits"), total=_num(total), credits=_num(meta.credits),
            per_credit=_num(profile.hours_per_credit), expected=_num(expected))
    practice = onsite = 0.0
    for module in meta.modules:
        for topic in module.topics:
            contact = topic.total - topic.self_study
            if topic.total == 0:
                add("hours.zero-topic", topic.line, topic=topic.title, module=module.id)
            if topic.sync > contact + 1e-6:
                add("hours.sync-exceeds", topic.line, topic=topic.title, sync=_num(topic.sync),
                    contact=_num(contact))
            practice += topic.practical + topic.lab
            onsite += topic.onsite
    if total and meta.form == "online" and meta.sync_hours / total < SYNC_MIN - 1e-9:
        add("hours.sync-share", lines.get("form"), share=percent(meta.sync_hours, total, 30),
            sync=_num(meta.sync_hours), total=_num(total))
    if total and meta.form != "online" and meta.distance is not None:
        if meta.distance / total > DISTANCE_MAX + 1e-9:
            add("hours.distance-cap", lines.get("distance"),
                f"{distance_clause(meta.form)}, annex 1 p.6", distance=_num(meta.distance),
                total=_num(total), share=percent(meta.distance, total, 20),
                limit=_num(int(total * DISTANCE_MAX)))
    if meta.form == "online" and practice and not onsite:
        add("hours.practice-remote", lines.get("form"), hours=_num(practice))
    return out
