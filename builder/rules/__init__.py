"""The rules: each area module exposes check(course, profile) -> list[Finding]."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from builder import paths as paths_of
from builder.findings import Finding
from builder.load import load_course
from builder.model import Course
from builder.profiles import Profile
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

Check = Callable[[Course, Profile], list[Finding]]

# Areas run in this order.
AREAS: list[Check] = [paths.check, kit.check, syllabus.check, hours.check, consultations.check,
                      links.check, quiz.check, media.check, case.check, names.check]


def check_course(course_dir: Path, profile: Profile, root: Path | None = None
                 ) -> tuple[Course, list[Finding]]:
    """Load and check one course folder: all findings, profile severities and clauses applied."""
    with paths_of.scanned(course_dir):  # one walk of the folder serves every rule
        course, found = load_course(course_dir, root, profile.page_limit)
        for area in AREAS:
            found.extend(area(course, profile))
    return course, [profile.apply(f) for f in found if profile.runs(f.rule)]
