"""Checking many courses: one CourseReport per course folder, in the course's language."""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from functools import partial
from multiprocessing import get_context
from pathlib import Path

from builder.findings import CourseReport
from builder.load import find_courses
from builder.model import Course
from builder.profiles import Profile
from builder.rules import check_course

# Below this many courses one process is faster than starting workers.
PARALLEL_FROM = 24


def _check_one(course_dir: Path, profile: Profile, lang: str | None, root: Path | None
               ) -> tuple[Course, CourseReport]:
    course, findings = check_course(course_dir, profile, root)
    report = CourseReport(slug=course.slug, path=course.where(course_dir),
                          lang=lang or course.language, findings=findings)
    return course, report


def check_paths(paths: list[Path], profile: Profile, lang: str | None = None,
                root: Path | None = None) -> list[tuple[Course, CourseReport]]:
    """Check every course under `paths`; `lang` overrides each course's own language."""
    return [_check_one(d, profile, lang, root) for d in find_courses(paths)]


def passport(course: Course) -> Course:
    """The part of a checked course that programmes and catalogues read: course.yml only."""
    return Course(slug=course.slug, path=course.path, meta=course.meta,
                  meta_found=course.meta_found, meta_lines=course.meta_lines, root=course.root)


def _report_of(course_dir: Path, profile: Profile, lang: str | None, root: Path | None
               ) -> tuple[Course, CourseReport]:
    course, report = _check_one(course_dir, profile, lang, root)
    return passport(course), report


def check_reports(paths: list[Path], profile: Profile, lang: str | None = None,
                  root: Path | None = None) -> list[CourseReport]:
    """The reports of every course under `paths`, checked on every core for an academy."""
    return [report for _, report in check_passports(paths, profile, lang, root)]


def check_passports(paths: list[Path], profile: Profile, lang: str | None = None,
                    root: Path | None = None) -> list[tuple[Course, CourseReport]]:
    """Every course under `paths` as its passport and report, checked on every core."""
    courses = find_courses(paths)
    check = partial(_report_of, profile=profile, lang=lang, root=root)
    jobs = min(os.cpu_count() or 1, len(courses) // (PARALLEL_FROM // 2) or 1)
    if len(courses) < PARALLEL_FROM or jobs < 2:
        return [check(d) for d in courses]
    with ProcessPoolExecutor(jobs, mp_context=get_context("fork")) as pool:
        return list(pool.map(check, courses, chunksize=8))
