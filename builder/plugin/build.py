"""Building sites: the whole portal (`eumk build`), and each course as its own cached site."""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, ConfigurationError

from builder import __name__ as _pkg
from builder.errors import KitError, UsageError
from builder.plugin.config import EumkConfig
from builder.rendered import RenderedCourse, RenderedPage
from builder.write import atomic_dir

log = logging.getLogger("mkdocs.plugins.eumk")
THEME = Path(__file__).parents[2] / "theme"
CODE = Path(__file__).parents[1]
CACHE_FORMAT = "1"


def build_site(config_file: Path, audience: str = "student", site_dir: str | None = None) -> int:
    """`eumk build`: the portal, exactly as `mkdocs build` makes it. Returns the exit code."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    if not config_file.is_file():
        raise UsageError(f"{config_file}: no such file (run eumk in the portal's folder)")
    try:
        overrides = {"site_dir": site_dir} if site_dir else {}
        config = load_config(str(config_file), **overrides)
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
    print(f"portal built: {config.site_dir}/index.html")
    return 0


def build_course(config_file: Path, course_dir: Path, site_dir: Path, audience: str = "student",
                 offline: bool = False) -> RenderedCourse:
    """Build one course as its own Material site in `site_dir` (replaced atomically)."""
    with atomic_dir(site_dir) as tmp:
        _build_one(config_file, course_dir, tmp, audience, offline)
    return rendered_course(course_dir.name, site_dir, offline)


def rendered_course(slug: str, site_dir: Path, offline: bool) -> RenderedCourse:
    """The RenderedCourse of a built course site (from the eumk-pages.json it holds)."""
    import json

    data = json.loads((site_dir / "eumk-pages.json").read_text(encoding="utf-8"))
    pages = [RenderedPage(p["component"], p["title"], p["html"],
                          tuple(Path(a) for a in p["attachments"])) for p in data]
    return RenderedCourse(slug, site_dir, pages, offline)


def _build_one(config_file: Path, course_dir: Path, site_dir: Path, audience: str,
               offline: bool) -> None:
    config = load_config(str(config_file), docs_dir=str(course_dir.resolve()),
                         site_dir=str(site_dir))
    plugin = config.plugins["eumk"]
    plugin.course_dir = course_dir.resolve()
    plugin.offline = offline
    plugin.config.audience = audience
    level = logging.getLogger("mkdocs").level
    logging.getLogger("mkdocs.commands.build").setLevel(logging.WARNING)
    try:
        build(config)
    finally:
        logging.getLogger("mkdocs.commands.build").setLevel(level)


# -- many courses: cache + parallel ----------------------------------------------------------

def _digest_tree(h: "hashlib._Hash", root: Path, skip_data: bool = False) -> None:
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        rel = path.relative_to(root).as_posix()
        if "__pycache__" in rel or rel.startswith("."):
            continue
        h.update(rel.encode() + b"\0")
        with open(path, "rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                h.update(chunk)
        h.update(b"\0")


def course_key(config_file: Path, course_dir: Path, options: EumkConfig, offline: bool) -> str:
    """What a course site depends on: its folder, mkdocs.yml, the theme, eumk's code, options."""
    h = hashlib.sha256(f"{CACHE_FORMAT}|{options.audience}|{offline}|{_pkg}".encode())
    h.update(config_file.read_bytes())
    _digest_tree(h, course_dir)
    _digest_tree(h, THEME)
    _digest_tree(h, CODE)
    return h.hexdigest()[:32]


def _link_tree(src: Path, dst: Path) -> None:
    """Copy `src` to `dst` with hard links where the file system allows (instant, no space)."""
    def link(s: str, d: str) -> None:
        try:
            os.link(s, d)
        except OSError:
            shutil.copy2(s, d)

    shutil.copytree(src, dst, copy_function=link, dirs_exist_ok=True)


def _cached_build(args: tuple[Path, Path, Path, str, bool, Path]) -> str:
    config_file, course_dir, cache, audience, offline, target = args
    _build_one(config_file, course_dir, cache, audience, offline)
    return course_dir.name


def build_courses(config_file: Path, course_dirs: list[Path], site_dir: Path,
                  options: EumkConfig, offline: bool = False) -> None:
    """Build every course into site_dir/<slug>/, reusing cached sites of unchanged courses."""
    cache_root = Path(config_file).parent / options.cache_dir / "sites"
    todo: list[tuple[Path, Path, Path, str, bool, Path]] = []
    ready: list[tuple[Path, Path]] = []
    for course_dir in course_dirs:
        key = course_key(config_file, course_dir, options, offline)
        cached = cache_root / course_dir.name / key
        target = site_dir / course_dir.name
        if not (cached / "eumk-pages.json").is_file():
            todo.append((config_file, course_dir, cached, options.audience, offline, target))
        ready.append((cached, target))
    for job in todo:
        shutil.rmtree(job[2].parent, ignore_errors=True)  # older versions of this course
    jobs = options.jobs or os.cpu_count() or 1
    if len(todo) > 1 and jobs > 1:
        with ProcessPoolExecutor(min(jobs, len(todo)), mp_context=get_context("fork")) as pool:
            for slug in pool.map(_cached_build, todo):
                log.debug("eumk: built course %s", slug)
    else:
        for job in todo:
            _cached_build(job)
    for cached, target in ready:
        _link_tree(cached, target)
