"""Checking many courses: one CourseReport per course folder, in the course's language."""

from __future__ import annotations

from pathlib import Path

from builder.findings import CourseReport
from builder.load import find_courses
from builder.model import Course
from builder.profiles import Profile
from builder.rules import check_course


def check_paths(paths: list[Path], profile: Profile, lang: str | None = None,
                root: Path | None = None) -> list[tuple[Course, CourseReport]]:
    """Check every course under `paths`; `lang` overrides each course's own language."""
    out = []
    for course_dir in find_courses(paths):
        course, findings = check_course(course_dir, profile, root)
        report = CourseReport(slug=course.slug, path=course.where(course_dir),
                              lang=lang or course.language, findings=findings)
        out.append((course, report))
    return out
