"""Building sites: the whole portal (`eumk build`), and each course as its own cached site."""

from __future__ import annotations

import copy
import functools
import json
import logging
import os
import shutil
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from multiprocessing import get_context
from pathlib import Path
from typing import Any

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, ConfigurationError
from mkdocs.plugins import PluginCollection

from builder import check_cache, locks, paths
from builder.check import check_paths
from builder.errors import KitError, UsageError
from builder.findings import CourseReport
from builder.load import find_courses
from builder.model import Course
from builder.paths import contained
from builder.plugin.config import EumkConfig
from builder.plugin.fingerprint import (
    STATS,
    Digests,
    code_digest,
    common_key,
    course_key,
    stat_print,
)
from builder.plugin.templates import BYTECODE, ENVS, LISTINGS, theme_env
from builder.profiles import Profile
from builder.rendered import RenderedCourse, RenderedPage
from builder.write import atomic_dir

log = logging.getLogger("mkdocs.plugins.eumk")
# The portal is written beside its site folder and swapped in when complete (see plugin.py).
BUILDING = ".eumk-tmp"


def building(site_dir: str) -> str:
    """Where the portal whose site is `site_dir` is written while it is built."""
    return site_dir.rstrip(os.sep) + BUILDING


def build_site(config_file: Path, audience: str = "student", site_dir: str | None = None) -> int:
    """`eumk build`: the portal, exactly as `mkdocs build` makes it. Returns the exit code."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    if site_dir:
        _site_outside_courses(config_file, Path(config_file).parent / site_dir)
    config = _load(config_file, **({"site_dir": site_dir} if site_dir else {}))
    _site_outside_courses(config_file, Path(config.site_dir))
    try:
        config.plugins["eumk"].config.audience = audience
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
    except ConfigurationError as exc:
        raise UsageError(str(exc)) from None
    except Abort as exc:
        raise KitError(str(exc)) from None
    print(f"portal built in {config.site_dir}/")
    return 0


def _site_outside_courses(config_file: Path, site: Path) -> None:
    """A usage error when the site folder is inside the courses folder: the next build would
    publish the last one (MkDocs refuses it too, but only inside its docs_dir)."""
    from builder.settings import SettingsError, read

    try:
        courses = Path(config_file).parent / read(Path(config_file)).courses_dir
    except SettingsError:
        return  # _load says what is wrong with mkdocs.yml
    if courses.is_dir() and contained(courses, site) is not None:
        raise UsageError(f"site folder {site} is inside {courses}/, whose files the portal "
                         "publishes: choose a site folder outside it (e.g. site/)")


def build_course(config_file: Path, course_dir: Path, site_dir: Path, audience: str = "student",
                 offline: bool = False) -> RenderedCourse:
    """Build one course as its own Material site in `site_dir` (replaced atomically)."""
    with atomic_dir(site_dir) as tmp:
        _build_one(config_file, course_dir, tmp, audience, offline)
    return rendered_course(course_dir, site_dir, offline)


def rendered_course(course_dir: Path, site_dir: Path, offline: bool) -> RenderedCourse:
    """The RenderedCourse of a built course site (from the eumk-pages.json it holds)."""
    data = json.loads((site_dir / "eumk-pages.json").read_text(encoding="utf-8"))
    pages = [RenderedPage(p["component"], p["title"], p["html"],
                          tuple((course_dir / a).resolve() for a in p["attachments"]))
             for p in data]
    return RenderedCourse(course_dir.name, site_dir, pages, offline)


def cached_course(config_file: Path, options: EumkConfig, course_dir: Path,
                  checked: tuple[Course, CourseReport] | None = None,
                  meanwhile: Sequence[Callable[[], object]] = (),
                  then: Callable[[Path], object] | None = None) -> RenderedCourse:
    """The student offline site of a course (for case kits) from the portal's cache, built
    there first when the course, theme, mkdocs.yml or eumk changed; `checked`: its check.
    While a forked worker builds the site, the steps of `meanwhile` run here, in order, until
    it is built (the rest are skipped: they may only do early what is done later anyway), and
    the worker runs `then(site)` once it is built (work for later, done early)."""
    if not Path(config_file).is_file():
        raise UsageError(f"{config_file}: no such file (run eumk in the portal's folder)")
    options.audience = "student"  # a kit is for students, whatever the portal's audience
    plan = SitePlan(config_file, options, offline=True)
    lang = checked[0].language if checked else "en"
    # two runs building this course's kit site: the second waits, then finds it built
    with locks.one_writer((plan.cache_root / "kits" / course_dir.name).resolve(), lang,
                          options.lock_wait):
        job = plan.job(course_dir)
        if job is not None:
            if checked is not None:
                _CHECKED[course_dir.resolve()] = checked
            if not meanwhile:
                _fresh(job[2])
                _cached_build(job)
            else:
                plan.build_aside(job, then)
                for step in meanwhile:
                    if plan.aside_built.done():
                        break
                    step()
                plan.join_aside()
    rendered = rendered_course(course_dir, plan.site(course_dir), offline=True)
    rendered.pdf_cache = plan.cache_root / "pdf" / code_digest()[:16]
    return rendered


def _load(config_file: Path, **overrides: str) -> MkDocsConfig:
    """mkdocs.yml with the eumk plugin, or a usage error saying what is wrong with it."""
    if not config_file.is_file():
        raise UsageError(f"{config_file}: no such file (run eumk in the portal's folder)")
    try:
        config = load_config(str(config_file), **overrides)
    except ConfigurationError as exc:
        raise UsageError(f"{config_file}: {exc}") from None
    except Abort:  # MkDocs logged what is wrong
        raise UsageError(f"{config_file}: a configuration error (above)") from None
    if "eumk" not in config.plugins:
        raise UsageError(f"{config_file}: add the eumk plugin under 'plugins:' (see README)")
    return config


# mkdocs.yml as loaded and validated once a process, by file (path, size, time), with the
# options of the plugins MkDocs keeps for the life of the process: a process builds many courses
# with the one portal configuration. None: a configuration that cannot be copied (hooks).
_CONFIGS: dict[tuple[str, int, int], tuple[MkDocsConfig, dict[str, Any]] | None] = {}


def _course_config(config_file: Path, course_dir: Path, site_dir: Path) -> MkDocsConfig:
    """mkdocs.yml for a build of the course in `course_dir` into `site_dir`, as `_load` gives
    it: a deep copy of the one loaded first, but for the plugins MkDocs keeps for every load in
    a process (those with on_startup: eumk's, Material's search), which are the same instances
    with their options as loaded."""
    docs, site = os.path.abspath(course_dir.resolve()), os.path.abspath(site_dir)
    try:
        stat = config_file.stat()
    except OSError:
        return _load(config_file, docs_dir=docs, site_dir=site)  # _load says what is wrong
    key = (str(config_file.resolve()), stat.st_size, stat.st_mtime_ns)
    if key not in _CONFIGS:
        _CONFIGS.clear()  # an edited mkdocs.yml: the old one is of no more use
        loaded = _load(config_file, docs_dir=docs, site_dir=site)
        kept = {name: copy.deepcopy(plugin.config) for name, plugin in loaded.plugins.items()
                if hasattr(plugin, "on_startup") or hasattr(plugin, "on_shutdown")}
        _CONFIGS[key] = (loaded, kept)
    entry = _CONFIGS[key]
    config = _copied(*entry, docs, site) if entry is not None else None
    if config is None:
        _CONFIGS[key] = None
        return _load(config_file, docs_dir=docs, site_dir=site)
    return config


def _copied(loaded: MkDocsConfig, kept: dict[str, Any], docs: str,
            site: str) -> MkDocsConfig | None:
    """A deep copy of `loaded` for one build (None if it cannot be copied): its plugins in a new
    collection (which registers their events), the kept ones the same instances."""
    try:
        plugins = PluginCollection()
        for name, plugin in loaded.plugins.items():
            if name in kept:
                plugin.config = copy.deepcopy(kept[name])  # as MkDocs loads it again
            else:
                plugin = copy.deepcopy(plugin)
            plugins[name] = plugin
        config = copy.deepcopy(loaded, {id(loaded.plugins): plugins})
    except (TypeError, copy.Error, RecursionError):
        return None
    config.docs_dir, config.site_dir = docs, site  # as MkDocs validates them: absolute
    return config


def _build_one(config_file: Path, course_dir: Path, site_dir: Path, audience: str,
               offline: bool, shared_assets: bool = False) -> None:
    """Build one course site; with `shared_assets` (inside the portal) its pages link the theme's
    assets at the portal's root rather than carrying a copy, and it has no 404 page or sitemap
    of its own."""
    config = _course_config(config_file, course_dir, site_dir)
    shared_assets = shared_assets and not offline
    config.theme.get_env = functools.partial(  # type: ignore[method-assign]
        theme_env, config.theme, shared_assets=shared_assets)
    if shared_assets:  # the portal's 404.html and sitemap serve its course sites too
        config.theme.static_templates.clear()
    plugin = config.plugins["eumk"]
    plugin.course_dir = course_dir.resolve()
    plugin.offline = offline
    plugin.config.audience = audience
    plugin.checked = _CHECKED.get(course_dir.resolve())
    quiet = logging.getLogger("mkdocs.commands.build")  # no "Building…" line per course
    level = quiet.level
    quiet.setLevel(logging.WARNING)
    try:
        build(config)
    finally:
        quiet.setLevel(level)
        # MkDocs reuses plugin instances within a process: leave this one in portal mode
        plugin.course_dir, plugin.checked, plugin.offline = None, None, False


# -- many courses: check results, cache keys, parallel builds --------------------------------

# Full check results of the courses checked in this process (by resolved folder): forked course
# builds reuse them instead of checking their course again.
_CHECKED: dict[Path, tuple[Course, CourseReport]] = {}


def _link_tree(src: Path, dst: Path) -> None:
    """Copy `src` to `dst` with hard links where the file system allows (instant, no space)."""
    source, target = str(src), str(dst)
    for folder, _, names in os.walk(source):
        into = target + folder[len(source):]
        os.makedirs(into, exist_ok=True)
        for name in names:
            made, there = os.path.join(folder, name), os.path.join(into, name)
            try:
                os.link(made, there)
            except OSError:
                shutil.copy2(made, there)


def _previous_site(site_dir: Path) -> Path | None:
    """The site this build replaces (the portal is built in `building(site)`)."""
    if site_dir.name.endswith(BUILDING):
        previous = site_dir.with_name(site_dir.name[: -len(BUILDING)])
        return previous if previous.is_dir() else None
    return None


def _reuse(old: Path | None, cached: Path, target: Path) -> bool:
    """Move an unchanged course folder of the previous site into the new one: it was linked from
    this very cache entry (same inode). Thousands of folders are neither made nor removed."""
    if old is None:
        return False
    try:
        if not os.path.samefile(old / "eumk-pages.json", cached / "eumk-pages.json"):
            return False
        os.replace(old, target)
    except OSError:
        return False
    return True


def _cached_build_then(args: tuple[Path, Path, Path, str, bool],
                       then: Callable[[Path], object] | None) -> str:
    slug = _cached_build(args)
    if then is not None:
        then(args[2])
    return slug


def _cached_build(args: tuple[Path, Path, Path, str, bool]) -> str:
    config_file, course_dir, cache, audience, offline = args
    with atomic_dir(cache) as tmp:
        _build_one(config_file, course_dir, tmp, audience, offline, not offline)
    return course_dir.name


class SitePlan:
    """The course sites a portal build makes: each course's cache key (from one reading of the
    courses' files), and the course builds done right after their check, in the same worker."""

    def __init__(self, config_file: Path, options: EumkConfig, offline: bool = False,
                 skip_errors: bool = False) -> None:
        self.config_file, self.options, self.offline = Path(config_file), options, offline
        self.skip_errors = skip_errors  # strict: a course with errors fails the build anyway
        self.cache_root = self.config_file.parent / options.cache_dir
        BYTECODE.folder = self.cache_root / "templates"  # before any worker forks
        self.digests = Digests(self.cache_root)
        self.common = common_key(self.config_file, options, offline)
        self.keys: dict[Path, str] = {}
        self.aside: ProcessPoolExecutor | None = None  # a course built while the portal renders
        self.aside_built: Future[str]

    def site(self, course_dir: Path) -> Path:
        """The cache folder of the course's site as its files are now."""
        if course_dir not in self.keys:
            self.keys[course_dir] = course_key(self.config_file, course_dir, self.options,
                                               self.offline, self.common, self.digests)
        kind = "kits" if self.offline else "sites"  # each its own: a new version of one
        return self.cache_root / kind / course_dir.name / self.keys[course_dir]  # removes the old

    def __getstate__(self) -> dict[str, object]:
        """What a worker gets of the plan (the aside build stays with this process)."""
        return {k: v for k, v in self.__dict__.items() if not k.startswith("aside")} | {
            "aside": None}

    def build_aside(self, job: tuple[Path, Path, Path, str, bool],
                    then: Callable[[Path], object] | None = None) -> None:
        """Start the build of one course's site in a forked worker (it inherits this
        process's check of the course), which runs `then(site)` after it; `join_aside` waits."""
        _fresh(job[2])
        self.aside = ProcessPoolExecutor(1, mp_context=get_context("fork"))
        self.aside_built = self.aside.submit(_cached_build_then, job, then)

    def join_aside(self) -> None:
        """Wait for the course build started by `build_aside` (its error is raised here)."""
        pool, self.aside = self.aside, None
        if pool is not None:
            try:
                self.aside_built.result()
            finally:
                pool.shutdown()

    def job(self, course_dir: Path) -> tuple[Path, Path, Path, str, bool] | None:
        """The build of the course's site, or None when the cache holds it."""
        cached = self.site(course_dir)
        if (cached / "eumk-pages.json").is_file():
            return None
        return (self.config_file, course_dir, cached, self.options.audience, self.offline)


Task = tuple[Path, Profile, Path, "Path | None", str, "tuple[Path, Path, Path, str, bool] | None",
             "SitePlan | None", "tuple[Course, CourseReport] | None"]


def _check_task(task: Task) -> tuple[Course, CourseReport]:
    """Check one course (unless its check is cached) and build its site (when the cache lacks
    it) with that check: one worker does both, the course is read once. Returns the passport
    and the report."""
    course_dir, profile, findings_root, stored, stats, job, plan, result = task
    with paths.scanned(course_dir):  # one walk of the course for its check and its build
        if result is None:
            result = check_paths([course_dir], profile, root=findings_root)[0]
            _CHECKED[course_dir.resolve()] = result
            if stored:
                check_cache.write(stored, stats, _catalogue_entry(result[0]), result[1])
        if job is not None and not (plan and plan.skip_errors and result[1].errors):
            _fresh(job[2])
            _cached_build(job)
            _CHECKED.pop(course_dir.resolve(), None)  # built: a worker keeps no academy
    return _catalogue_entry(result[0]), result[1]


def check_courses(root: Path, profile: Profile, findings_root: Path,
                  cache_root: Path | None = None, plan: SitePlan | None = None,
                  jobs: int = 1) -> list[tuple[Course, CourseReport]]:
    """`check_paths([root])`; with `cache_root`, a course whose files (names, sizes, mtimes),
    profile and eumk code are unchanged since the last check reuses that check's result; with
    `plan`, each course's site is built (when not cached) right after its check. With `jobs`
    above 1, courses are checked (and built) on that many cores.

    Results carry only the passport (they serve the catalogue and compliance pages); full
    results of the checks made in this process are kept for its course builds."""
    _CHECKED.clear()  # a new portal build: nothing remembered of the last one may go stale
    STATS.clear()    # (mkdocs serve rebuilds in one process)
    LISTINGS.clear()
    ENVS.clear()
    common = check_cache.common_key(profile, findings_root) if cache_root else ""
    out: list[tuple[Course, CourseReport]] = []
    pending: list[tuple[int, Task]] = []
    for course_dir in find_courses([root]):
        STATS[course_dir] = stat_print(course_dir)
        stats = check_cache.key(common, course_dir, findings_root,
                                STATS[course_dir][0]) if cache_root else ""
        stored = check_cache.entry(cache_root, course_dir) if cache_root else None
        result = check_cache.read(stored, stats, course_dir, findings_root) if stored else None
        job = plan.job(course_dir) if plan else None
        if plan is not None and job is not None and jobs > 1 and plan.aside is None:
            # the first course to build (after an edit, the only one) is checked here and
            # built by a worker at once, while the walk goes on and the portal renders
            out.append(_check_task((course_dir, profile, findings_root, stored, stats, None,
                                    None, result)))
            if not (plan.skip_errors and out[-1][1].errors):
                plan.build_aside(job)
            continue
        if result is None or job is not None:
            pending.append((len(out), (course_dir, profile, findings_root, stored, stats, job,
                                       plan, result)))
        out.append(result)  # type: ignore[arg-type]  # filled in below when pending
    jobs = min(jobs, len(pending))
    if jobs <= 1:  # course builds in this process would reuse the portal's plugin instances
        pending = [(i, (*t[:5], None, None, None)) for i, t in pending if t[7] is None]
    tasks = [task for _, task in pending]  # (build_courses builds the rest later)
    if jobs > 1:
        with ProcessPoolExecutor(jobs, mp_context=get_context("fork")) as pool:
            done = list(pool.map(_check_task, tasks, chunksize=1))
    else:
        done = [_check_task(task) for task in tasks]
    for (index, _), result in zip(pending, done, strict=True):
        out[index] = result
    return out


def _fresh(cached: Path) -> None:
    """Make room for a course's new site: older versions of it (and files kept beside them)
    leave the cache."""
    for old in cached.parent.glob("*"):
        if old.is_dir() and not old.is_symlink():
            shutil.rmtree(old, ignore_errors=True)
        else:
            old.unlink(missing_ok=True)


def _catalogue_entry(course: Course) -> Course:
    """The part of a checked course the catalogue and compliance pages read: passport only
    (pages and banks would make every later build unpickle the whole academy)."""
    return Course(slug=course.slug, path=course.path, meta=course.meta,
                  meta_found=course.meta_found, meta_lines=course.meta_lines, root=course.root)


def build_courses(config_file: Path, course_dirs: list[Path], site_dir: Path,
                  options: EumkConfig, offline: bool = False,
                  plan: SitePlan | None = None) -> list[str]:
    """Build every course into site_dir/<slug>/, reusing cached sites of unchanged courses
    (`plan`: the one the check used, whose builds are done already).
    Returns the slugs that were built here (not taken from the cache)."""
    plan = plan or SitePlan(config_file, options, offline)
    plan.join_aside()
    todo = [job for job in map(plan.job, course_dirs) if job is not None]
    ready = [(plan.site(course_dir), site_dir / course_dir.name) for course_dir in course_dirs]
    for job in todo:
        _fresh(job[2])
    jobs = min(options.jobs or os.cpu_count() or 1, len(todo))
    if jobs > 1:
        with ProcessPoolExecutor(jobs, mp_context=get_context("fork")) as pool:
            for slug in pool.map(_cached_build, todo, chunksize=1):
                log.debug("eumk: built course %s", slug)
    else:
        for job in todo:
            _cached_build(job)
    previous = _previous_site(site_dir)
    moved: list[tuple[Path, Path]] = []
    try:
        to_link = []
        for cached, target in ready:
            old = previous / target.name if previous else None
            if old is not None and _reuse(old, cached, target):
                moved.append((target, old))
            else:
                to_link.append((cached, target))
        # hard links are system calls, made on every core (os.link lets go of the GIL)
        with ThreadPoolExecutor(max(2, os.cpu_count() or 1)) as threads:
            list(threads.map(lambda pair: _link_tree(*pair), to_link))
        plan.digests.save()
    except BaseException:
        for target, old in reversed(moved):  # a failed build leaves the previous site whole
            os.replace(target, old)
        raise
    STATS.clear()
    return [job[1].name for job in todo]
