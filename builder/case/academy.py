"""`eumk case --all`: every course's kit for one medium, built on every core with one progress
bar, each from the offline site the portal's cache holds (made there when missing)."""

from __future__ import annotations

import os
import sys
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from multiprocessing import get_context
from pathlib import Path

from builder.case import pdf
from builder.case.notice import say
from builder.case.package import build_package
from builder.check import check_paths
from builder.errors import EumkError
from builder.findings import to_text
from builder.messages import ui
from builder.plugin.build import cached_course
from builder.plugin.config import EumkConfig


@dataclass
class KitJob:
    config_file: Path
    options: EumkConfig
    course_dir: Path
    medium: str
    out: Path
    transcode: bool
    progress: bool = False   # the package's own step bars (one course only)


@dataclass
class KitResult:
    slug: str
    ok: bool
    text: str  # "made …" line, or the findings / error that stopped it


def make_kit(job: KitJob) -> KitResult:
    """One course's kit: check it (no kit from a course with errors), take its offline site
    from the cache, assemble the package."""
    [(course, report)] = check_paths([job.course_dir], job.options.rule_profile())
    if report.errors:
        return KitResult(course.slug, False, to_text([report]))
    try:
        rendered = cached_course(job.config_file, job.options, job.course_dir, (course, report))
        paths = build_package(course, rendered, job.medium, job.out, transcode=job.transcode,
                              progress=job.progress, wait=job.options.lock_wait)
    except EumkError as exc:
        return KitResult(course.slug, False, f"{course.slug}: {exc}")
    except OSError as exc:
        where = f"{exc.filename}: " if exc.filename else ""
        return KitResult(course.slug, False, f"{course.slug}: {where}{exc.strerror or exc}")
    medium = ui(course.language)[f"medium_{job.medium}"]
    return KitResult(course.slug, True, say(course.language, "case.done", medium=medium,
                                            slug=course.slug, paths=", ".join(map(str, paths))))


def make_kits(jobs: list[KitJob], workers: int = 0, progress: bool = False) -> list[KitResult]:
    """Every job's kit, `workers` at a time (0: one per core), with one progress bar of courses
    on stderr when `progress`. Results in the order of `jobs`."""
    workers = min(workers or os.cpu_count() or 1, len(jobs))
    if workers <= 1:
        return [make_kit(job) for job in _bar(jobs, progress)]
    results: dict[int, KitResult] = {}
    _JOBS[:] = jobs  # the forked workers find their job by number (options do not pickle)
    pdf.WORKERS = 1  # one pool: a kit's PDF is not split over cores the kits already use
    try:
        with ProcessPoolExecutor(workers, mp_context=get_context("fork")) as pool:
            futures = {pool.submit(_make_kit_number, n): n for n in range(len(jobs))}
            for future in _bar(as_completed(futures), progress, total=len(jobs)):
                results[futures[future]] = future.result()
    finally:
        _JOBS.clear()
        pdf.WORKERS = 0
    return [results[n] for n in range(len(jobs))]


_JOBS: list[KitJob] = []


def _make_kit_number(number: int) -> KitResult:
    return make_kit(_JOBS[number])


def _bar(items, progress: bool, total: int | None = None):  # type: ignore[no-untyped-def]
    if not progress:
        return items
    from tqdm import tqdm

    return tqdm(items, total=total, unit="kit", file=sys.stderr, leave=False)
