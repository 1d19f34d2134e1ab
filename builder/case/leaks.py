"""Student-only guard: files and secret strings (answer keys, tickets) that must not be packaged."""

from __future__ import annotations

import contextlib
import functools
import html
import json
import os
import re
import shutil
import subprocess
import zipfile
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from builder.audience import instructor_files, never_published
from builder.model import Course

if TYPE_CHECKING:
    from pypdf import PdfReader

# Files never packaged whatever their content: question banks (keys) and exam tickets.
FORBIDDEN_NAMES = re.compile(r"(^|/)([^/]*\.quiz\.ya?ml|tickets\.ya?ml)$")
# Containers whose bytes say nothing: media are not scanned for text.
OPAQUE = {".mp4", ".webm", ".m4v", ".mkv", ".mp3", ".m4a", ".ogg", ".opus", ".png", ".jpg",
          ".jpeg", ".gif", ".webp", ".woff", ".woff2", ".ttf", ".otf", ".ico"}
PEEK = 8192
RUN_FROM = 40  # pages a pdftotext run from which a PDF's text is extracted on every core
MANIFEST_NAME = "MANIFEST.sha256"


@dataclass(frozen=True)
class Hit:
    """A secret string found in a file (`where` = file, or container!member)."""

    where: str
    secret: str


def forbidden_files(course: Course, site_dir: Path) -> list[str]:
    """Files of the site that are banks, tickets, copies of them, backups, or pages and files
    only instructors use."""
    sources = [course.path / p for p in course.files if FORBIDDEN_NAMES.search(p)]
    private = instructor_files(course)
    secret_bytes = {p.read_bytes() for p in [*sources, *private] if p.is_file()}
    sizes = {len(b) for b in secret_bytes}  # a copy under any name is found by its content
    instructor = set()
    for page in course.pages:
        if page.meta.audience == "instructor":
            stem = page.rel[: -len(".md")] if page.rel.endswith(".md") else page.rel
            instructor |= {f"{stem}.html", f"{stem}/index.html", page.rel}
    instructor |= {p.relative_to(course.path.resolve()).as_posix()
                   for p in private if p.is_relative_to(course.path.resolve())}
    found = []
    for path in sorted(p for p in site_dir.rglob("*") if p.is_file()):
        rel = path.relative_to(site_dir).as_posix()
        if FORBIDDEN_NAMES.search(rel) or never_published(rel) or rel in instructor or (
                path.stat().st_size in sizes and path.read_bytes() in secret_bytes):
            found.append(rel)
    return found


def earlier_kits(site_dir: Path) -> list[str]:
    """Files of the site that are (or hold) a case package eumk made: a MANIFEST.sha256, a zip
    with one inside, an ISO image. A kit never packs an earlier kit."""
    found = []
    for path in sorted(p for p in site_dir.rglob("*") if p.is_file()):
        rel = path.relative_to(site_dir).as_posix()
        if path.name == MANIFEST_NAME or (path.suffix.lower() == ".iso" and _iso_kit(path)):
            found.append(rel)
        elif path.suffix.lower() == ".zip" and zipfile.is_zipfile(path):
            with contextlib.suppress(zipfile.BadZipFile, OSError):
                with zipfile.ZipFile(path) as archive:
                    if any(n.rsplit("/", 1)[-1] == MANIFEST_NAME for n in archive.namelist()):
                        found.append(rel)
    return found


def _iso_kit(path: Path) -> bool:
    from pycdlib.pycdlibexception import PyCdlibException

    from builder.case.iso import IsoMedium

    try:
        medium = IsoMedium(path)
    except (PyCdlibException, OSError, ValueError):  # not an image eumk made
        return False
    try:
        return any(rel.rsplit("/", 1)[-1] == MANIFEST_NAME for rel in medium.files())
    finally:
        medium.close()


def forms(secret: str) -> set[str]:
    """The ways a secret can be written in a built site: as is, HTML-escaped, JSON-escaped."""
    plain = _flat(secret)
    return {plain, html.escape(plain, quote=True), html.escape(plain, quote=False),
            json.dumps(plain)[1:-1], json.dumps(plain, ensure_ascii=False)[1:-1]}


def scan(paths: Iterable[Path], secrets: Iterable[str]) -> list[Hit]:
    """Search folders, zips, ISO images, PDFs and plain files for `secrets`; every hit found.
    A PDF's text is extracted (pdftotext, another process) while the other files are read."""
    wanted = {s: forms(s) for s in secrets if s and s.strip()}

    def look(where: str, content: str) -> list[Hit]:
        flat = _flat(content)
        return [Hit(where, secret) for secret, variants in wanted.items()
                if any(v in flat for v in variants)]

    found: list[list[Hit] | tuple[str, Future[str]]] = []  # in the order of the files
    with ThreadPoolExecutor(os.cpu_count() or 1) as pool:
        for path in paths:
            for where, content in _texts(Path(path), pool):
                found.append((where, content) if isinstance(content, Future)
                             else look(where, content))
        return [hit for item in found
                for hit in (look(item[0], item[1].result()) if isinstance(item, tuple)
                            else item)]


def _flat(text: str) -> str:
    """`text` with each run of white space one space, none at its ends (as a secret is sought:
    a line break or a page break in a file is a space; split and join: twice a regex's speed)."""
    return " ".join(text.split())


Peek = Callable[[int], bytes]
Text = str | Future[str]


def _texts(path: Path, pool: Executor) -> Iterator[tuple[str, Text]]:
    """(where, text) of everything readable inside `path` (a PDF's text: from `pool`)."""
    if path.is_dir():
        for child in sorted(p for p in path.rglob("*") if p.is_file()):
            yield from _member(f"{path}/{child.relative_to(path).as_posix()}", child.suffix,
                               child.read_bytes, pool, functools.partial(_peek_file, child))
    elif zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            for name in sorted(archive.namelist()):
                def peek(size: int, name: str = name) -> bytes:
                    with archive.open(name) as fh:
                        return fh.read(size)
                yield from _member(f"{path}!{name}", Path(name).suffix,
                                   lambda n=name: archive.read(n), pool, peek)
    elif path.suffix.lower() == ".iso":
        from builder.case.iso import IsoMedium

        medium = IsoMedium(path)
        try:
            for rel in medium.files():
                def read(rel: str = rel, size: int = -1) -> bytes:
                    with medium.open(rel) as fh:
                        return fh.read(size)
                yield from _member(f"{path}!{rel}", Path(rel).suffix, read, pool,
                                   lambda size, rel=rel: read(rel, size))
        finally:
            medium.close()
    else:
        yield from _member(str(path), path.suffix, path.read_bytes, pool,
                           functools.partial(_peek_file, path))


def _peek_file(path: Path, size: int) -> bytes:
    with open(path, "rb") as fh:
        return fh.read(size)


def _member(where: str, suffix: str, read: Callable[[], bytes], pool: Executor,
            peek: Peek | None = None) -> Iterator[tuple[str, Text]]:
    """The text of one file. Media are skipped unread, unless they are text under a media name
    (an answer key renamed to .png): real media hold NUL bytes in their first kilobytes."""
    suffix = suffix.lower()
    if suffix in OPAQUE and (peek is None or b"\0" in peek(PEEK)):
        return
    data = read()
    if suffix == ".pdf" or data.startswith(b"%PDF-"):
        yield from _pdf_texts(where, data, pool)
        return
    yield where, data.decode("utf-8", errors="replace")


def _pdf_texts(where: str, data: bytes, pool: Executor, depth: int = 0
               ) -> Iterator[tuple[str, Text]]:
    """The text of a PDF's pages (extracted in `pool`), and of every file it carries: embedded
    files (the document's EmbeddedFiles) and file attachment annotations on its pages, a PDF
    among them read too."""
    import io

    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data))
        pages = len(reader.pages)
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, RecursionError):
        yield where, pool.submit(_pdf_text, data)
        return  # not a PDF pypdf can open: its bytes are read as text
    yield where, _in_runs(pool, data, pages)
    try:
        carried = list(_carried(reader))
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, RecursionError):
        return
    for name, content in carried:
        inner = f"{where}#{name}"
        if content.startswith(b"%PDF-") and depth < 3:
            yield from _pdf_texts(inner, content, pool, depth + 1)
        else:
            yield inner, content.decode("utf-8", errors="replace")


def _carried(reader: PdfReader) -> Iterator[tuple[str, bytes]]:
    """(name, bytes) of every file embedded in the PDF or attached to one of its pages."""
    for name, contents in reader.attachments.items():
        for content in contents:
            yield name, content
    for number, page in enumerate(reader.pages, 1):
        for annotation in page.get("/Annots") or []:
            annotation = annotation.get_object()
            if annotation.get("/Subtype") != "/FileAttachment":
                continue
            spec = annotation.get("/FS")
            spec = spec.get_object() if spec is not None else {}
            stream = (spec.get("/EF") or {}).get("/F") if hasattr(spec, "get") else None
            if stream is not None:
                name = str(spec.get("/UF") or spec.get("/F") or f"page{number}")
                yield f"page{number}:{name}", stream.get_object().get_data()


def _in_runs(pool: Executor, data: bytes, pages: int) -> Future[str]:
    """The text of a PDF of `pages` pages, extracted in runs of pages at once, one a core
    (pdftotext ends every page with a form feed: the runs joined are the whole text)."""
    cores = os.cpu_count() or 1
    if pages < 2 * RUN_FROM or cores < 2 or not shutil.which("pdftotext"):
        return pool.submit(_pdf_text, data)
    size = -(-pages // cores)
    runs = [pool.submit(_pdf_text, data, first, min(first + size - 1, pages))
            for first in range(1, pages + 1, size)]
    return pool.submit(lambda: "".join(run.result() for run in runs))  # queued after them


def _pdf_text(data: bytes, first: int | None = None, last: int | None = None) -> str:
    """The text of a PDF (pages `first` to `last`, or all): poppler's pdftotext (C, a 150-page
    kit in a fraction of a second), else pypdf (pure Python: a minute for the same kit on a
    loaded machine)."""
    exe = shutil.which("pdftotext")
    if exe:
        pages = [] if first is None else ["-f", str(first), "-l", str(last or first)]
        with contextlib.suppress(OSError, subprocess.SubprocessError):
            done = subprocess.run([exe, "-q", "-enc", "UTF-8", *pages, "-", "-"], input=data,
                                  capture_output=True, timeout=600, check=True)
            return done.stdout.decode("utf-8", errors="replace")
    import io

    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    with contextlib.suppress(PyPdfError, ValueError):
        reader = PdfReader(io.BytesIO(data))
        return "\n".join(page.extract_text() or "" for page in reader.pages)
    return data.decode("latin-1")
