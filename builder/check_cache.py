"""The check cache: the result of checking one course (its passport and report), kept in
`<cache>/check/<slug>.pickle` under a key of everything that result depends on, and shared by
`eumk check` and the portal build.

The key holds: every entry of the course folder by name (files, folders and symlinks, hidden
ones too) with each file's type, size, inode and change times, each symlink's text and where it
resolves, the folder's own place (given and resolved); the folder findings are shown relative
to; the rule profile; eumk's code, the libraries a check uses and the time zone database. Any
change to one of them makes another key, and the course is checked again. The stored result
does not depend on the language of the messages (a report carries its language, set when
read). A result that depends on the machine (ffprobe missing) is not stored. A cache that cannot
be read is no cache."""

from __future__ import annotations

import dataclasses
import hashlib
import os
import pickle
import sys
from pathlib import Path
from typing import Any

from builder.findings import CourseReport
from builder.model import Course
from builder.paths import walk
from builder.profiles import Profile

# What a cache file holds: (FORMAT, key, passport, report). A new format is a new key.
FORMAT = "check-1"
# Findings that say the machine lacks a tool: the same course checks otherwise elsewhere.
MACHINE_RULES = frozenset({"video.tool"})

Result = tuple[Course, CourseReport]


def course_print(course_dir: Path) -> str:
    """A digest of the course folder as a check sees it, read from the file system's listing
    and stats (no file is read): one walk, hidden files and folders included."""
    return course_scan(course_dir)[0]


def course_scan(course_dir: Path) -> tuple[str, list[Path]]:
    """`course_print` of the folder, and (from the same walk) its files as a site is built from
    them: regular files outside hidden folders and __pycache__, hidden files and symlinks left
    out, in walk order."""
    h = hashlib.sha256()
    root = os.fspath(course_dir)
    h.update(f"R{os.path.abspath(root)}\0{os.path.realpath(root)}\0".encode())
    files: list[Path] = []
    for rel, entry in walk(root):
        if isinstance(entry, OSError):
            h.update(f"!{rel}\0{entry.errno}\0".encode())
            continue
        try:
            if entry.is_symlink():
                h.update(f"l{rel}\0{os.readlink(entry.path)}\0"
                         f"{os.path.realpath(entry.path)}\0".encode())
            elif entry.is_dir(follow_symlinks=False):
                h.update(f"d{rel}\0".encode())
            else:
                st = entry.stat(follow_symlinks=False)
                h.update(f"f{rel}\0{st.st_mode}\0{st.st_size}\0{st.st_mtime_ns}\0"
                         f"{st.st_ctime_ns}\0{st.st_ino}\0{st.st_dev}\0".encode())
                if _built_from(rel):
                    files.append(Path(entry.path))
        except (OSError, ValueError) as exc:
            h.update(f"!{rel}\0{getattr(exc, 'errno', None)}\0".encode())
    return h.hexdigest(), files


def _built_from(rel: str) -> bool:
    """Whether a site is built from the course file at `rel`: not hidden, not in a hidden folder
    or __pycache__."""
    *folders, name = rel.split("/")
    return not any(part.startswith(".") for part in [*folders, name]) \
        and "__pycache__" not in folders


def profile_key(profile: Profile) -> str:
    """The profile's every field, in an order that does not change from run to run (the repr
    of a frozenset of strings does, with Python's hash seed)."""
    def stable(value: Any) -> Any:
        if isinstance(value, set | frozenset):
            return sorted(map(repr, value))
        if isinstance(value, dict):
            return sorted((repr(k), stable(v)) for k, v in value.items())
        return repr(value)

    return repr([(f.name, stable(getattr(profile, f.name))) for f in dataclasses.fields(profile)])


def common_key(profile: Profile, findings_root: Path | None) -> str:
    """The part of every course's key that is the same for all the courses of one check."""
    import pydantic
    import yaml

    from builder.plugin.fingerprint import code_digest

    base = Path.cwd() if findings_root is None else Path(findings_root)
    parts = [FORMAT, profile_key(profile), str(base.resolve()), code_digest(), sys.version,
             pydantic.VERSION, yaml.__version__, str(getattr(yaml, "__with_libyaml__", False)),
             _version("pypdf"), _time_zones()]
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def _time_zones() -> str:
    """The time zone databases consultations.yml's `timezone` is looked up in (a new release
    may know a zone the last one did not)."""
    import zoneinfo

    found = [_version("tzdata")]
    for folder in zoneinfo.TZPATH:
        try:
            st = os.stat(os.path.join(folder, "tzdata.zi"))
            found.append(f"{folder}:{st.st_size}:{st.st_mtime_ns}")
        except OSError:
            found.append(f"{folder}:-")
    return "|".join(found)


def _version(dist: str) -> str:
    from importlib import metadata

    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "-"


def key(common: str, course_dir: Path, findings_root: Path | None,
        printed: str | None = None) -> str:
    """The key of `course_dir`'s check (`printed`: its `course_print`, when taken already).
    Findings name files relative to the findings root when the course lies in it; else as the
    course folder was given, which the key then holds too."""
    base = Path.cwd() if findings_root is None else Path(findings_root)
    given = "" if _below(os.path.abspath(course_dir), os.path.abspath(base)) else str(course_dir)
    printed = printed or course_print(course_dir)
    return hashlib.sha256(f"{common}\0{printed}\0{given}".encode()).hexdigest()


def _below(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def entry(cache_root: Path, course_dir: Path) -> Path:
    """The cache file of a course's check."""
    return Path(cache_root) / "check" / f"{Path(course_dir).name}.pickle"


def read(stored: Path, wanted: str, course_dir: Path, findings_root: Path | None,
         lang: str | None = None) -> Result | None:
    """The cached check of `course_dir` when `stored` holds it under key `wanted`, with the
    course's folder as given and its report in `lang` (default: the course's language); None
    when it does not (missing, another key, unreadable, another format)."""
    try:
        with open(stored, "rb") as fh:
            found = pickle.load(fh)  # noqa: S301 — eumk's own cache, beside its site cache
        fmt, stored_key, course, report = found
    except Exception:  # noqa: BLE001 — a cache that cannot be read is no cache
        return None
    if fmt != FORMAT or stored_key != wanted or not isinstance(course, Course) \
            or not isinstance(report, CourseReport):
        return None
    course.path, course.root = Path(course_dir), findings_root
    report.lang = lang or course.language
    return course, report


def write(stored: Path, wanted: str, course: Course, report: CourseReport) -> None:
    """Keep a course's check (its passport and report, language-neutral) under `wanted`; a
    cache that cannot be written only costs time next time."""
    from builder.write import write_bytes

    if any(f.rule in MACHINE_RULES for f in report.findings):
        return
    neutral = dataclasses.replace(report, lang=course.language, findings=list(report.findings))
    try:
        write_bytes(stored, pickle.dumps((FORMAT, wanted, course, neutral),
                                         protocol=pickle.HIGHEST_PROTOCOL))
    except OSError:
        pass
