"""Containment: every path a course names is resolved here (symlinks included) and refused when
it leaves the course folder or reaches, through a symlink, what only instructors may see."""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import unquote

# Stand-ins for a target that must not be followed: paths that never exist inside the course.
OUTSIDE = "[outside the course]"
UNUSABLE = "[unusable file name]"
FILE_URL = re.compile(r"^\s*file:", re.I)
# A `file:` URL inside any text (course.yml values, raw HTML in a title).
FILE_URL_IN_TEXT = re.compile(r"\bfile:(?:/|\\|%2f|%5c)", re.I)
# What only instructors get, whatever their page says: final control and the course's data.
SEALED_FOLDERS = ("final",)
SEALED_SUFFIXES = (".yml", ".yaml")


@dataclass(frozen=True)
class Refusal:
    """A symlink of the course that is never followed, and why."""

    rel: str      # the symlink, posix path inside the course
    target: str   # what it points to, as written in the link
    reason: str   # "outside" (another course, the system…), "sealed" (instructor-only), "loop"


def contained(root: Path, path: Path) -> str | None:
    """The posix path of `path` (resolved) inside `root` (resolved); None when it is outside."""
    try:
        rel = Path(path).resolve().relative_to(Path(root).resolve())
    except (ValueError, OSError, RuntimeError):
        return None
    return "" if rel == Path(".") else rel.as_posix()


def is_outside(path: Path) -> bool:
    """True for the stand-in `locate` gives a target that leaves the course."""
    return path.name == OUTSIDE


def locate(root: Path, base: Path, target: str) -> Path:
    """The file `target` (as written in a page or its front matter, relative to folder `base`)
    names, resolved. A `file:` URL, an absolute path or one that leaves `root` gives
    `root/OUTSIDE`; a name no file can have (NUL byte, too long, a symlink loop) gives
    `base/UNUSABLE`: neither exists, so both are safe to test."""
    if FILE_URL.match(target):
        return Path(root) / OUTSIDE
    clean = unquote(target.split("#", 1)[0].split("?", 1)[0])
    if clean.startswith(("/", "\\")) or re.match(r"^[a-zA-Z]:[\\/]", clean):
        return Path(root) / OUTSIDE
    try:
        path = (base / clean).resolve()
        path.exists()
    except (OSError, ValueError, RuntimeError):
        return base / UNUSABLE
    if contained(root, path) is None:
        return Path(root) / OUTSIDE
    return path


def page_root(page_path: Path, page_rel: str) -> Path:
    """The course folder of a page at `page_path` whose posix path in the course is `page_rel`."""
    return page_path.parents[len(PurePosixPath(page_rel).parts) - 1]


def sealed(rel: str, private: Collection[str] = ()) -> bool:
    """True for a course file only instructors may get: final control, course data (banks,
    tickets), and the `private` files (pages marked `audience: instructor`)."""
    return (rel.split("/", 1)[0] in SEALED_FOLDERS or rel.endswith(SEALED_SUFFIXES)
            or rel in private)


def refusal(root: Path, rel: str, private: Collection[str] = ()) -> str | None:
    """Why the course entry at `rel` (its name inside `root`) may not be used as what it
    resolves to: "outside", "sealed" (a way around the audience of final/, data or an
    instructor page), "loop" (a folder link to its own ancestor); None when it may."""
    root = Path(root).resolve()
    target = contained(root, root / rel)
    if target is None:
        return "outside"
    if target == rel:
        return None
    if target == "" or (rel + "/").startswith(target + "/"):
        return "loop"
    in_final = target.split("/", 1)[0] in SEALED_FOLDERS
    if in_final and rel.split("/", 1)[0] not in SEALED_FOLDERS:
        return "sealed"  # e.g. interim/self-check.quiz.yml → ../final/exam.quiz.yml
    if sealed(target, private) and not sealed(rel):
        return "sealed"
    return None


def refused_links(course_dir: Path, private: Collection[str] = ()) -> list[Refusal]:
    """Every symlink in the course (file or folder) that must not be followed, sorted."""
    out = []
    for rel, link in _links(Path(course_dir)):
        reason = refusal(course_dir, rel, private)
        if reason:
            out.append(Refusal(rel, link, reason))
    return out


def files(course_dir: Path) -> list[str]:
    """The course's files (posix, sorted): regular files, and file symlinks that may be followed.
    Folder symlinks are not walked; refused links are left out."""
    root = Path(course_dir)
    out = []
    for dirpath, dirnames, names in os.walk(root):
        dirnames.sort()
        base = Path(dirpath)
        for name in names:
            path = base / name
            rel = path.relative_to(root).as_posix()
            if path.is_symlink() and refusal(root, rel) is not None:
                continue
            if path.is_file():
                out.append(rel)
    return sorted(out)


def links_print(course_dir: Path) -> str:
    """A digest of the course's symlinks (name, link text, where it resolves): adding, changing
    or removing one changes it, so caches keyed on the course see the change."""
    h = hashlib.sha256()
    for rel, link in _links(Path(course_dir)):
        h.update(f"{rel}\0{link}\0{os.path.realpath(Path(course_dir) / rel)}\0".encode())
    return h.hexdigest()


def _links(root: Path) -> Iterator[tuple[str, str]]:
    """(posix path in the course, link text) of every symlink under `root`, sorted."""
    found = []
    for dirpath, dirnames, names in os.walk(root):
        dirnames.sort()
        for name in [*dirnames, *names]:
            path = Path(dirpath) / name
            if path.is_symlink():
                try:
                    link = os.readlink(path)
                except OSError:
                    link = "?"
                found.append((path.relative_to(root).as_posix(), link))
    return iter(sorted(found))
