"""Checking many courses: one CourseReport per course folder, in the course's language."""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from functools import partial
from multiprocessing import get_context
from pathlib import Path

from builder import check_cache
from builder.findings import CourseReport
from builder.load import find_courses
from builder.model import Course
from builder.profiles import Profile
from builder.rules import areas, check_course

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


def _report_of(course_dir: Path, profile: Profile, lang: str | None, root: Path | None,
               stored: tuple[Path, str] | None = None) -> tuple[Course, CourseReport]:
    course, report = _check_one(course_dir, profile, lang, root)
    course = passport(course)
    if stored is not None:  # (before programmes re-check the hours of the report in place)
        check_cache.write(stored[0], stored[1], course, report)
    return course, report


def _report_task(task: tuple[Path, tuple[Path, str] | None], profile: Profile, lang: str | None,
                 root: Path | None) -> tuple[Course, CourseReport]:
    return _report_of(task[0], profile, lang, root, task[1])


def check_reports(paths: list[Path], profile: Profile, lang: str | None = None,
                  root: Path | None = None) -> list[CourseReport]:
    """The reports of every course under `paths`, checked on every core for an academy."""
    return [report for _, report in check_passports(paths, profile, lang, root)]


def check_passports(paths: list[Path], profile: Profile, lang: str | None = None,
                    root: Path | None = None, cache_root: Path | None = None
                    ) -> list[tuple[Course, CourseReport]]:
    """Every course under `paths` as its passport and report, checked on every core; with
    `cache_root`, a course whose check is cached there (builder.check_cache) is not checked
    again, and each new check is kept there."""
    courses = find_courses(paths)
    out: list[tuple[Course, CourseReport] | None] = [None] * len(courses)
    todo: list[tuple[int, tuple[Path, tuple[Path, str] | None]]] = []
    common = check_cache.common_key(profile, root) if cache_root is not None else ""
    for index, course_dir in enumerate(courses):
        stored = None
        if cache_root is not None:
            stored = (check_cache.entry(cache_root, course_dir),
                      check_cache.key(common, course_dir, root))
            out[index] = check_cache.read(*stored, course_dir, root, lang)
        if out[index] is None:
            todo.append((index, (course_dir, stored)))
    check = partial(_report_task, profile=profile, lang=lang, root=root)
    tasks = [task for _, task in todo]
    if tasks:
        areas()  # imported once, before the workers fork
    jobs = min(os.cpu_count() or 1, len(tasks) // (PARALLEL_FROM // 2) or 1)
    if len(tasks) < PARALLEL_FROM or jobs < 2:
        done = [check(task) for task in tasks]
    else:
        with ProcessPoolExecutor(jobs, mp_context=get_context("fork")) as pool:
            done = list(pool.map(check, tasks, chunksize=8))
    for (index, _), result in zip(todo, done, strict=True):
        out[index] = result
    return [result for result in out if result is not None]
