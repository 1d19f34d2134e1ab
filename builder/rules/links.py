"""link.broken and pdf.unreadable: every file a page links to exists, every PDF opens."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote

from builder.findings import Finding
from builder.model import Course, Page
from builder.profiles import Profile

INLINE = re.compile(r"!?\[(?:[^\[\]]|\[[^\]]*\])*\]\(\s*<?([^)\s>]+)>?(?:\s+[\"'(].*?[\"')])?\s*\)")
REFERENCE = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+[\"'(].*)?$")
HTML = re.compile(r"""\b(?:src|href)\s*=\s*["']([^"']+)["']""", re.I)
EXTERNAL = re.compile(r"^([a-z][a-z0-9+.-]*:|//|#)", re.I)
CODE_SPAN = re.compile(r"(`+).*?\1")
COMMENT = re.compile(r"<!--.*?-->", re.S)
# Pages the portal generates for every course; links to them are valid.
GENERATED = {"index.md", "consultations.md", "consultations.ics"}
UNUSABLE = "[unusable file name]"


def references(page: Page) -> Iterator[tuple[str, int]]:
    """Local link/image targets of a page's Markdown (not in code), with their file line."""
    fence: str | None = None
    body = COMMENT.sub(lambda m: "\n" * m.group().count("\n"), page.body)  # keep line numbers
    for offset, raw in enumerate(body.splitlines()):
        stripped = raw.lstrip()
        marker = stripped.startswith(("```", "~~~")) and re.match(r"(`{3,}|~{3,})", stripped)
        if marker:
            if fence is None:
                fence = marker.group(1)[0] * 3
            elif stripped.startswith(fence):
                fence = None
            continue
        if fence is not None or raw.startswith("    "):
            continue
        if "](" not in raw and "]:" not in raw and "=" not in raw:
            continue  # no link, image, reference or src/href here (the common case: fast)
        line = CODE_SPAN.sub("", raw)
        targets = [m.group(1) for m in INLINE.finditer(line)]
        targets += [m.group(1) for m in HTML.finditer(line)]
        ref = REFERENCE.match(line)
        if ref:
            targets.append(ref.group(1))
        for target in targets:
            if target and not EXTERNAL.match(target):
                yield target, page.body_line + offset


def front_matter_paths(page: Page) -> Iterator[tuple[str, str, int | None]]:
    """(key, path, line) for file paths named in front matter, except `video` (media rules)."""
    line = page.meta_lines.get
    if page.meta.slides:
        yield "slides", page.meta.slides, line("slides")
    for path in page.meta.subtitles.values():
        yield "subtitles", path, line("subtitles")


def resolve(page: Page, target: str) -> Path:
    """The file a link of `page` points to (fragment and query dropped). A name no file can have
    (a NUL byte, too long, a symlink loop) gives a path that does not exist and is safe to test."""
    clean = unquote(target.split("#", 1)[0].split("?", 1)[0])
    try:
        path = (page.path.parent / clean).resolve()
        path.exists()
    except (OSError, ValueError, RuntimeError):
        return page.path.parent / UNUSABLE
    return path


def pdf_problem(path: Path) -> str | None:
    """Why `path` is not a readable PDF, or None when it is."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(path)
        if reader.is_encrypted:
            return "encrypted (password protected)"
        if len(reader.pages) == 0:
            return "no pages"
        reader.pages[0].extract_text()
    except (PyPdfError, OSError, ValueError, KeyError, TypeError, AttributeError,
            IndexError, RecursionError, AssertionError, ZeroDivisionError) as exc:
        return f"corrupt ({type(exc).__name__}: {str(exc)[:80]})" if str(exc) else "corrupt"
    return None


def check(course: Course, profile: Profile) -> list[Finding]:
    out: list[Finding] = []
    root = course.path.resolve()
    pdfs: dict[Path, str | None] = {}
    pages = ([course.syllabus] if course.syllabus else []) + course.pages
    for page in pages:
        file = course.where(page.path)
        wanted = [(t, line) for t, line in references(page)]
        wanted += [(t, line) for _, t, line in front_matter_paths(page)]
        for target, line in wanted:
            path = resolve(page, target)
            try:
                inside = path.relative_to(root).as_posix()
            except ValueError:
                inside = None
            if not path.exists() and inside not in GENERATED:
                out.append(Finding(rule="link.broken", file=file, line=line,
                                   component=page.component, params={"target": target}))
            elif path.suffix.lower() == ".pdf" and path.is_file():
                if path not in pdfs:
                    pdfs[path] = pdf_problem(path)
                if pdfs[path]:
                    out.append(Finding(rule="pdf.unreadable", file=file, line=line,
                                       component=page.component,
                                       params={"target": target, "problem": pdfs[path]}))
    return out
