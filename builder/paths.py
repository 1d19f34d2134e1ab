"""Containment: every path a course names is resolved here (symlinks included) and refused when
it leaves the course folder or reaches, through a symlink, what only instructors may see.

Resolving is the costly part of a check (a system call a path component). Inside `scanned(course)`
the course folder is walked once: its symlinks are listed and its own path resolved once, and in a
course without symlinks a path that stays inside it resolves by normalising its name (no
component can redirect it). Everything else — a course with a symlink, a folder that could not be
listed, a path that climbs out of the course with `..` — is resolved by the file system, exactly as
outside a scan."""

from __future__ import annotations

import errno
import hashlib
import os
import posixpath
import re
from collections.abc import Collection, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path, PurePath, PurePosixPath
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


@dataclass
class Scan:
    """One walk of a course folder: every entry that is not a folder (posix path, is a symlink),
    every symlink with its link text, and whether a path in it can be resolved by its name."""

    root: str                 # the course folder as given (str of its Path)
    real: str                 # the course folder, resolved
    entries: list[tuple[str, bool]] = field(default_factory=list)
    links: list[tuple[str, str]] = field(default_factory=list)
    complete: bool = True     # False: a folder could not be listed (it may hide a symlink)
    bases: dict[str, str] = field(default_factory=dict)  # resolved folders findings relate to

    @property
    def plain(self) -> bool:
        """True when no symlink can redirect a path inside the course."""
        return self.complete and not self.links


def walk(root: Path | str) -> Iterator[tuple[str, os.DirEntry[str] | OSError]]:
    """Every entry under `root` as (its posix path in `root`, the entry), a folder's entries in
    name order before the folders below them, as os.walk goes (folder symlinks listed, not
    followed); a folder that cannot be listed gives (its path with a "/", the error)."""
    pending = [("", os.fspath(root))]
    while pending:
        prefix, folder = pending.pop()
        try:
            with os.scandir(folder) as listing:
                items = sorted(listing, key=lambda entry: entry.name)
        except OSError as exc:
            yield prefix, exc
            continue
        below = []
        for entry in items:
            yield prefix + entry.name, entry
            try:
                if entry.is_dir(follow_symlinks=False):
                    below.append((prefix + entry.name + "/", entry.path))
            except OSError:
                pass
        pending.extend(reversed(below))


def scan(course_dir: Path) -> Scan:
    """Walk `course_dir` once (as os.walk would: folder symlinks listed, not followed)."""
    root = Path(course_dir)
    found = Scan(str(root), os.path.realpath(root))
    for rel, entry in walk(root):
        if isinstance(entry, OSError):
            found.complete = False
            continue
        try:
            link = entry.is_symlink()
            is_dir = entry.is_dir()
        except OSError:
            found.complete, link, is_dir = False, False, False
        if link:
            try:
                text = os.readlink(entry.path)
            except OSError:
                text = "?"
            found.links.append((rel, text))
        if not is_dir:
            found.entries.append((rel, link))
    found.links.sort()
    return found


# The courses being checked in this process (by their folder as given), see `scanned`.
_SCANS: dict[str, Scan] = {}


@contextmanager
def scanned(course_dir: Path) -> Iterator[Scan]:
    """Walk `course_dir` once and let the functions of this module use that walk until the block
    ends (a check of one course). Nested blocks of the same course share the first walk."""
    key = str(Path(course_dir))
    if key in _SCANS:
        yield _SCANS[key]
        return
    _SCANS[key] = found = scan(Path(course_dir))
    try:
        yield found
    finally:
        _SCANS.pop(key, None)


def _inside(found: Scan, path: str) -> str | None:
    """`path` (a name under the scanned course, as given) normalised to a posix path inside the
    course ("" for the course itself); None when its name alone cannot tell (it climbs out)."""
    root = found.root
    if path == root:
        rest = ""
    elif root == "." and not os.path.isabs(path):
        rest = path
    elif path.startswith(root + "/") or (root == "/" and path.startswith("/")):
        rest = path[len(root.rstrip("/")) + 1:]
    else:
        return None
    rest = posixpath.normpath(rest) if rest else "."
    if rest == ".." or rest.startswith(("../", "/")):
        return None
    return "" if rest == "." else rest


def _join(real: str, rest: str) -> str:
    return real.rstrip("/") + "/" + rest if rest else real


def _plain(root: Path | str) -> Scan | None:
    """The scan of course `root` when paths in it resolve by their names."""
    if not _SCANS:
        return None
    found = _SCANS.get(os.fspath(root) if isinstance(root, PurePath) else str(Path(root)))
    return found if found is not None and found.plain else None


def real(path: Path) -> str:
    """`path` resolved (as Path.resolve, as text): by its name when it lies in a scanned course
    without symlinks, else by the file system (RuntimeError on a symlink loop, as Path.resolve)."""
    text = str(path)
    for found in tuple(_SCANS.values()):  # (a snapshot: another thread may end its scan)
        if found.plain:
            rest = _inside(found, text)
            if rest is not None and "\0" not in rest:
                return _join(found.real, rest)
    return str(Path(path).resolve())


def real_base(base: Path) -> str:
    """A folder findings are shown relative to (the working folder, a portal), resolved (as
    text); within a scan, resolved once."""
    key = str(base)
    for found in tuple(_SCANS.values()):  # (a snapshot: another thread may end its scan)
        if key not in found.bases:
            found.bases[key] = str(Path(base).resolve())
        return found.bases[key]
    return str(Path(base).resolve())


def has_file_url(text: str) -> bool:
    """True when `text` holds a `file:` URL (FILE_URL_IN_TEXT), found fast in the common case:
    every such URL has a colon followed by a slash, a backslash or a percent sign."""
    return ((":/" in text or ":\\" in text or ":%" in text)
            and FILE_URL_IN_TEXT.search(text) is not None)


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
    found = _plain(root)
    rest = _inside(found, posixpath.join(str(base), clean)) if found is not None else None
    if found is not None and rest is not None:  # no symlink on its way: its name is its place
        path = Path(_join(found.real, rest))
        try:
            os.stat(path)
        except ValueError:  # a NUL byte
            return base / UNUSABLE
        except OSError as exc:  # as Path.exists: only "no such file" means "does not exist"
            if exc.errno not in _MISSING:
                return base / UNUSABLE
        return path
    try:
        path = (base / clean).resolve()
        path.exists()
    except (OSError, ValueError, RuntimeError):
        return base / UNUSABLE
    if contained(root, path) is None:
        return Path(root) / OUTSIDE
    return path


# The errors Path.exists takes for "does not exist" (others: a name no file can have).
_MISSING = frozenset({errno.ENOENT, errno.ENOTDIR, errno.EBADF, errno.ELOOP})


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
    found = _plain(root)
    target = _inside(found, posixpath.join(found.root, rel)) if found is not None else None
    if target is None:
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
    found = _SCANS.get(str(root)) or scan(root)
    out = []
    for rel, link in found.entries:
        if link and refusal(root, rel) is not None:
            continue
        if os.path.isfile(root / rel):
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
    found = _SCANS.get(str(Path(root))) or scan(Path(root))
    return iter(list(found.links))
