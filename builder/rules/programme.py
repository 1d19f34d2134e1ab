"""programme.*: every discipline of a curriculum has its kit and the kit follows it (order 385
p.4); the shares of order 349 over the whole programme, practice excluded (annex 1 p.6, p.8,
p.9; annex 2 p.5)."""

from __future__ import annotations

from dataclasses import dataclass, field

from builder.findings import Finding
from builder.model import HOUR_KINDS, Course
from builder.percent import percent
from builder.profiles import Profile
from builder.programme import Discipline, Programme
from builder.rules.hours import DISTANCE_MAX, SYNC_MIN, distance_clause


def _num(value: float) -> str:
    return f"{value:g}"


@dataclass
class Shares:
    """Hours of a programme's disciplines (practice excluded), and by semester and kind."""

    total: float = 0.0
    distance: float = 0.0
    sync: float = 0.0
    by_semester: dict[int, dict[str, float]] = field(default_factory=dict)

    def add(self, semester: int, kind: str, hours: float) -> None:
        if hours:
            row = self.by_semester.setdefault(semester, {})
            row[kind] = row.get(kind, 0.0) + hours


def kits(programme: Programme, courses: dict[str, Course]
         ) -> list[tuple[Discipline, Course | None]]:
    """Each discipline with its kit: the course it names, else the course with its code."""
    by_code = {c.meta.code: c for c in courses.values() if c.meta.code}
    out = []
    for discipline in programme.disciplines:
        if discipline.course is not None:
            out.append((discipline, courses.get(discipline.course)))
        else:
            out.append((discipline, by_code.get(discipline.code)))
    return out


def remote_hours(course: Course) -> float:
    """Hours of a course taught at a distance: all of an online course, else `distance:`."""
    meta = course.meta
    return meta.total_hours if meta.form == "online" else meta.distance or 0.0


def shares(programme: Programme, courses: dict[str, Course], hours_per_credit: float) -> Shares:
    """The programme's hours: a discipline with a kit counts its thematic plan, one without a kit
    its credits × hours per credit (kind "unplanned": none of it known to be remote or live)."""
    out = Shares()
    for discipline, course in kits(programme, courses):
        if course is not None and course.meta.modules:
            meta = course.meta
            hours = meta.total_hours
            out.distance += remote_hours(course)
            out.sync += meta.sync_hours
            for kind in HOUR_KINDS:
                out.add(discipline.semester, kind,
                        sum(getattr(t, kind) for m in meta.modules for t in m.topics))
        else:
            hours = discipline.credits * hours_per_credit
            out.add(discipline.semester, "unplanned", hours)
        out.total += hours
    return out


def check(programme: Programme, courses: dict[str, Course], profile: Profile,
          where: str) -> list[Finding]:
    """Findings of one programme; `courses` by slug; `where`: the file as findings show it."""
    out: list[Finding] = []

    def add(rule: str, line: int | None, clause: str = "", **params: object) -> None:
        out.append(Finding(rule=rule, file=where, line=line, clause=clause, params=params))

    known = ", ".join(sorted(courses)) or "-"
    for discipline, course in kits(programme, courses):
        label = discipline.code or discipline.title
        if discipline.course is not None and course is None:
            add("programme.unknown-course", discipline.line, code=label,
                course=discipline.course, known=known)
            continue
        if course is None:
            add("programme.missing-kit", discipline.line, code=label, title=discipline.title,
                semester=discipline.semester)
            continue
        meta = course.meta
        if discipline.code and meta.code and meta.code != discipline.code:
            add("programme.mismatch", discipline.line, course=course.slug, field="code",
                found=meta.code, expected=discipline.code)
        if discipline.credits and abs(meta.credits - discipline.credits) > 1e-9:
            add("programme.mismatch", discipline.line, course=course.slug, field="credits",
                found=_num(meta.credits), expected=_num(discipline.credits))
        if meta.form != programme.form:
            add("programme.mismatch", discipline.line, course=course.slug, field="form",
                found=meta.form, expected=programme.form)
    hours = shares(programme, courses, profile.hours_per_credit)
    if not hours.total:
        return out
    line = programme.lines.get("form", programme.lines.get("disciplines"))
    if programme.form == "online":
        if hours.sync / hours.total < SYNC_MIN - 1e-9:
            add("programme.sync-share", line, share=percent(hours.sync, hours.total, 30),
                sync=_num(round(hours.sync, 2)), total=_num(round(hours.total, 2)),
                needed=_num(round(hours.total * SYNC_MIN, 2)))
    elif hours.distance / hours.total > DISTANCE_MAX + 1e-9:
        add("programme.distance-cap", line, distance_clause(programme.form),
            share=percent(hours.distance, hours.total, 20),
            distance=_num(round(hours.distance, 2)), total=_num(round(hours.total, 2)),
            limit=_num(int(hours.total * DISTANCE_MAX)))
    return out
