"""The rules: each area module exposes check(course, profile) -> list[Finding]."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path

from builder import paths as paths_of
from builder.findings import Finding
from builder.load import load_course
from builder.model import Course
from builder.profiles import Profile

Check = Callable[[Course, Profile], list[Finding]]


@cache
def areas() -> list[Check]:
    """The areas, in the order they run (imported when a course is first checked: a check
    answered from the cache needs none of them)."""
    from builder.rules import (
        case,
        consultations,
        hours,
        kit,
        links,
        media,
        names,
        paths,
        quiz,
        syllabus,
    )

    return [paths.check, kit.check, syllabus.check, hours.check, consultations.check,
            links.check, quiz.check, media.check, case.check, names.check]


def check_course(course_dir: Path, profile: Profile, root: Path | None = None
                 ) -> tuple[Course, list[Finding]]:
    """Load and check one course folder: all findings, profile severities and clauses applied."""
    with paths_of.scanned(course_dir):  # one walk of the folder serves every rule
        course, found = load_course(course_dir, root, profile.page_limit)
        for area in areas():
            found.extend(area(course, profile))
    return course, [profile.apply(f) for f in found if profile.runs(f.rule)]
