"""Fingerprints and cache keys of course sites: what a built course depends on, read cheaply."""

from __future__ import annotations

import functools
import hashlib
import json
from pathlib import Path

from builder.check_cache import course_scan
from builder.digest import feed
from builder.paths import links_print
from builder.plugin.config import EumkConfig
from builder.theme import THEME
from builder.write import write_text

CODE = Path(__file__).parents[1]
CACHE_FORMAT = "3"

# Fingerprints taken by the check of this build, reused by its course builds (cleared at the
# start of a check and the end of the course builds: never seen by the next build).
STATS: dict[Path, tuple[str, list[Path]]] = {}


def stat_print(root: Path) -> tuple[str, list[Path]]:
    """A cheap fingerprint of a folder and its files, from one walk that reads no file: the
    check cache's `course_print` (every entry's name, type, size, times and inode, every
    symlink's text and target), which changes whenever anything a build reads may have."""
    if root in STATS:
        return STATS[root]
    return course_scan(root)


def content_digest(root: Path, files: list[Path]) -> str:
    """What the files hold (names and bytes) and the folder's symlinks (paths.links_print)."""
    h = hashlib.sha256(links_print(root).encode())
    for path in files:
        h.update(path.relative_to(root).as_posix().encode() + b"\0")
        with open(path, "rb") as fh:
            feed(h, fh)
        h.update(b"\0")
    return h.hexdigest()


class Digests:
    """Content digests of folders, reused while a folder's file stats are unchanged
    (kept in `<cache>/digests.json`): unchanged courses are never read again."""

    def __init__(self, cache_root: Path) -> None:
        self.file = cache_root / "digests.json"
        try:
            self.known: dict[str, list[str]] = json.loads(self.file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self.known = {}
        self.seen: dict[str, list[str]] = {}

    def of(self, folder: Path) -> str:
        name = str(folder.resolve())
        stats, files = stat_print(folder)
        known = self.known.get(name)
        digest = known[1] if known and known[0] == stats else content_digest(folder, files)
        self.seen[name] = [stats, digest]
        return digest

    def save(self) -> None:
        write_text(self.file, json.dumps(self.seen, sort_keys=True))


def common_key(config_file: Path, options: EumkConfig, offline: bool) -> str:
    """What every course site depends on: mkdocs.yml, the theme, eumk's code, the options."""
    h = hashlib.sha256(f"{CACHE_FORMAT}|{options.audience}|{offline}|{options.profile}|"
                       f"{options.hours_per_credit}|{options.words_per_video_minute}".encode())
    h.update(Path(config_file).read_bytes())
    for theme in theme_dirs(Path(config_file)):
        h.update(content_digest(theme, stat_print(theme)[1]).encode())
    h.update(code_digest().encode())
    return h.hexdigest()


def course_key(config_file: Path, course_dir: Path, options: EumkConfig, offline: bool,
               common: str | None = None, digests: Digests | None = None) -> str:
    """What a course site depends on: its folder and everything in `common_key`."""
    common = common or common_key(config_file, options, offline)
    folder = digests.of(course_dir) if digests else content_digest(
        course_dir, stat_print(course_dir)[1])
    return hashlib.sha256(f"{common}|{folder}".encode()
                          ).hexdigest()[:32]


def theme_dirs(config_file: Path) -> list[Path]:
    """eumk's theme and the portal's custom_dir (when it is another folder)."""
    from builder.marked_yaml import YamlSyntaxError, load

    try:
        theme = (load(config_file).data or {}).get("theme") or {}
    except (OSError, UnicodeDecodeError, YamlSyntaxError):
        theme = {}
    custom = theme.get("custom_dir") if isinstance(theme, dict) else None
    dirs = [THEME]
    if isinstance(custom, str) and (config_file.parent / custom).resolve() != THEME.resolve():
        dirs.append((config_file.parent / custom).resolve())
    return [d for d in dirs if d.is_dir()]


@functools.cache
def code_digest() -> str:
    return content_digest(CODE, stat_print(CODE)[1])
