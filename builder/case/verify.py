"""`eumk verify`: open a package (folder, zip or ISO image), compare it to its MANIFEST.sha256."""

from __future__ import annotations

import contextlib
import io
import zipfile
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


class Medium(Protocol):
    def files(self) -> list[str]: ...
    def open(self, rel: str) -> contextlib.AbstractContextManager[BinaryIO]: ...
    def close(self) -> None: ...


class FolderMedium:
    """A package folder (a USB stick, an unpacked zip, a mounted disc)."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def files(self) -> list[str]:
        return sorted(p.relative_to(self.root).as_posix()
                      for p in self.root.rglob("*") if p.is_file())

    def open(self, rel: str) -> contextlib.AbstractContextManager[BinaryIO]:
        return open(self.root / rel, "rb")

    def close(self) -> None:
        pass


class ZipMedium:
    """A package zip; its medium root is the folder holding the shallowest MANIFEST.sha256."""

    def __init__(self, path: Path) -> None:
        self.archive = zipfile.ZipFile(path)
        names = [n for n in self.archive.namelist() if not n.endswith("/")]
        manifests = sorted((n for n in names if PurePosixPath(n).name == MANIFEST),
                           key=lambda n: (n.count("/"), n))
        parent = str(PurePosixPath(manifests[0]).parent) if manifests else "."
        self.prefix = "" if parent == "." else parent + "/"
        self.names = {n[len(self.prefix):]: n for n in names if n.startswith(self.prefix)}

    def files(self) -> list[str]:
        return sorted(self.names)

    def open(self, rel: str) -> contextlib.AbstractContextManager[BinaryIO]:
        return self.archive.open(self.names[rel])  # type: ignore[return-value]

    def close(self) -> None:
        self.archive.close()


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
        out = [text(self.lang, f"verify.{kind}", "message", {"path": rel})
               for kind, paths in (("missing", c.missing), ("changed", c.changed),
                                   ("extra", c.extra)) for rel in paths]
        out.append(say(self.lang, "verify.summary", **{
            "package": self.package, "missing": len(c.missing), "changed": len(c.changed),
            "extra": len(c.extra), "count": self.expected}))
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
