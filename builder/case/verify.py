"""`eumk verify`: open a package (folder, zip or ISO image), compare it to its MANIFEST.sha256."""

from __future__ import annotations

import contextlib
import io
import os
import re
import zipfile
from collections import Counter
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from typing import BinaryIO, Protocol

from pycdlib.pycdlibexception import PyCdlibException

from builder.case.manifest import MANIFEST, Comparison, compare, parse
from builder.case.notice import say
from builder.digest import sha256_stream
from builder.errors import KitError, UsageError
from builder.messages import LANGUAGES, text

# Why an entry of a package is refused whatever the manifest says (a kit holds none of these).
UNSAFE = ("outside", "absolute", "parent", "duplicate", "symlink")
S_IFMT, S_IFLNK = 0o170000, 0o120000


class Medium(Protocol):
    def files(self) -> list[str]: ...
    def unsafe(self) -> list[tuple[str, str]]: ...
    def open(self, rel: str) -> contextlib.AbstractContextManager[BinaryIO]: ...
    def close(self) -> None: ...


class FolderMedium:
    """A package folder (a USB stick, an unpacked zip, a mounted disc). Symlinks are neither
    listed nor followed: each is an unsafe entry."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.found: list[str] = []
        self.links: list[tuple[str, str]] = []
        for dirpath, dirnames, names in os.walk(root):
            for name in [*dirnames, *names]:
                path = Path(dirpath) / name
                rel = path.relative_to(root).as_posix()
                if path.is_symlink():
                    self.links.append((rel, "symlink"))
                elif name in names and path.is_file():
                    self.found.append(rel)

    def files(self) -> list[str]:
        return sorted(self.found)

    def unsafe(self) -> list[tuple[str, str]]:
        return sorted(self.links)

    def open(self, rel: str) -> contextlib.AbstractContextManager[BinaryIO]:
        return open(self.root / rel, "rb")

    def close(self) -> None:
        pass


class ZipMedium:
    """A package zip; its medium root is the folder holding the shallowest MANIFEST.sha256.
    A member outside that folder, absolute, with `..`, given twice or a symlink is unsafe and
    never opened."""

    def __init__(self, path: Path) -> None:
        self.archive = zipfile.ZipFile(path)
        infos = self.archive.infolist()
        names = [i.filename for i in infos]
        manifests = sorted((n for n in names if PurePosixPath(n).name == MANIFEST
                            and not _zip_problem(n, self.archive.getinfo(n))),
                           key=lambda n: (n.count("/"), n))
        parent = str(PurePosixPath(manifests[0]).parent) if manifests else "."
        self.prefix = "" if parent == "." else parent + "/"
        counts = Counter(names)
        self.problems: list[tuple[str, str]] = []
        self.names: dict[str, str] = {}
        for info in infos:
            name = info.filename
            problem = _zip_problem(name, info) or (
                "duplicate" if counts[name] > 1 else None) or (
                None if name.startswith(self.prefix) else "outside")
            if problem:
                if (name, problem) not in self.problems:
                    self.problems.append((name, problem))
            elif not name.endswith("/"):
                self.names[name[len(self.prefix):]] = name

    def files(self) -> list[str]:
        return sorted(self.names)

    def unsafe(self) -> list[tuple[str, str]]:
        return sorted(self.problems)

    def open(self, rel: str) -> contextlib.AbstractContextManager[BinaryIO]:
        return self.archive.open(self.names[rel])  # type: ignore[return-value]

    def close(self) -> None:
        self.archive.close()


def _zip_problem(name: str, info: zipfile.ZipInfo) -> str | None:
    """Why a zip member may not be in a package, from its name and mode alone."""
    if name.startswith(("/", "\\")) or (len(name) > 1 and name[1] == ":"):
        return "absolute"
    if ".." in re.split(r"[/\\]", name):
        return "parent"
    if (info.external_attr >> 16) & S_IFMT == S_IFLNK:
        return "symlink"
    return None


def open_medium(path: Path, lang: str = "en") -> Medium:
    """The package at `path`: a folder, a zip or an ISO image (UsageError when there is none)."""
    if not path.exists():
        raise UsageError(text(lang, "verify.not-found", "message", {"package": str(path)}))
    if path.is_dir():
        return FolderMedium(path)
    try:
        if zipfile.is_zipfile(path):
            return ZipMedium(path)
        from builder.case.iso import IsoMedium

        return IsoMedium(path)
    except (OSError, zipfile.BadZipFile, PyCdlibException) as exc:
        raise KitError(say(lang, "verify.unreadable", package=str(path),
                           error=str(exc)[:200])) from None


@dataclass
class Verdict:
    package: str
    lang: str
    expected: int
    comparison: Comparison

    def lines(self) -> list[str]:
        """The report a person reads, in `lang`."""
        c = self.comparison
        if c.intact:
            return [text(self.lang, "verify.ok", "message",
                         {"package": self.package, "count": self.expected})]
        out = [text(self.lang, f"verify.{reason}", "message", {"path": rel})
               for rel, reason in c.unsafe]
        out += [text(self.lang, f"verify.{kind}", "message", {"path": rel})
                for kind, paths in (("missing", c.missing), ("changed", c.changed),
                                    ("extra", c.extra)) for rel in paths]
        out.append(say(self.lang, "verify.summary", **{
            "package": self.package, "missing": len(c.missing), "changed": len(c.changed),
            "extra": len(c.extra), "count": self.expected}))
        if c.unsafe:
            out.append(text(self.lang, "verify.unsafe-summary", "message",
                            {"package": self.package, "count": len(c.unsafe)}))
        return out


def verify(path: Path, lang: str | None = None) -> Verdict:
    """Check every file of the package at `path` against its manifest."""
    medium = open_medium(path, lang or "en")
    try:
        lang = lang or package_language(medium)
        present = medium.files()
        if MANIFEST not in present:
            raise KitError(say(lang, "verify.no-manifest", **{"package": str(path)}))
        with medium.open(MANIFEST) as fh:
            expected = parse(fh.read(), lang)

        def digest(rel: str) -> str:
            with medium.open(rel) as fh:
                return sha256_stream(fh)

        try:
            comparison = compare(expected, present, digest)
            comparison.unsafe = medium.unsafe()
        except (OSError, zipfile.BadZipFile, PyCdlibException) as exc:
            raise KitError(say(lang, "verify.unreadable", package=str(path),
                               error=str(exc)[:200])) from None
        return Verdict(str(path), lang, len(expected), comparison)
    finally:
        medium.close()


class _HtmlLang(HTMLParser):
    lang = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "html" and not self.lang:
            self.lang = (dict(attrs).get("lang") or "").split("-")[0].lower()


def package_language(medium: Medium) -> str:
    """The course language a package shows (`<html lang>` of its index.html); English if unknown."""
    with contextlib.suppress(OSError, KeyError, PyCdlibException, zipfile.BadZipFile):
        with medium.open("index.html") as fh:
            parser = _HtmlLang()
            parser.feed(fh.read(65536).decode("utf-8", "replace"))
            if parser.lang in LANGUAGES:
                return parser.lang
    return _pdf_language(medium)


def _pdf_language(medium: Medium) -> str:
    """A paper package has no index.html: the language its PDF declares (/Lang), else English."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    for rel in sorted(r for r in medium.files() if r.endswith(".pdf") and "/" not in r):
        with contextlib.suppress(OSError, KeyError, PyPdfError, ValueError, PyCdlibException,
                                 zipfile.BadZipFile):
            with medium.open(rel) as fh:
                lang = str(PdfReader(io.BytesIO(fh.read())).trailer["/Root"].get("/Lang", ""))
            if lang.split("-")[0].lower() in LANGUAGES:
                return lang.split("-")[0].lower()
    return "en"
