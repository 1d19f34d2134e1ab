"""consultations.*: the remote consultation schedule (order 385 p.6.7, p.14)."""

from __future__ import annotations

from builder.findings import Finding
from builder.model import Course
from builder.profiles import Profile
from builder.schedule import first_day, overlaps, slots


def check(course: Course, profile: Profile) -> list[Finding]:
    if course.consultations is None:
        return []
    file = course.where(course.path / "consultations.yml")
    schedule = slots(course.consultations)
    out: list[Finding] = []
    for earlier, later in overlaps(schedule):
        out.append(Finding(
            rule="consultations.overlap", file=file, line=later.line, component="consultations",
            params={"date": later.start.date().isoformat(), "start": later.start.strftime("%H:%M"),
                    "other_start": earlier.start.strftime("%H:%M"), "other_file": file,
                    "other_line": earlier.line}))
    for rule in course.consultations.weekly:
        if first_day(rule) > rule.until:
            out.append(Finding(
                rule="consultations.empty-rule", file=file, line=rule.line,
                component="consultations",
                params={"weekday": rule.weekday, "from": rule.from_.isoformat(),
                        "until": rule.until.isoformat()}))
    reported: set[int | None] = set()
    for slot in schedule:
        if not (slot.channel or "").strip() and slot.line not in reported:
            reported.add(slot.line)
            out.append(Finding(
                rule="consultations.channel", file=file, line=slot.line, component="consultations",
                params={"date": slot.start.date().isoformat(),
                        "start": slot.start.strftime("%H:%M")}))
    return out
