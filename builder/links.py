"""Where pages point: the local files a page's Markdown and front matter name, resolved."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote

from builder.model import Page

INLINE = re.compile(r"!?\[(?:[^\[\]]|\[[^\]]*\])*\]\(\s*<?([^)\s>]+)>?(?:\s+[\"'(].*?[\"')])?\s*\)")
REFERENCE = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+[\"'(].*)?$")
HTML = re.compile(r"""\b(?:src|href)\s*=\s*["']([^"']+)["']""", re.I)
EXTERNAL = re.compile(r"^([a-z][a-z0-9+.-]*:|//|#)", re.I)
CODE_SPAN = re.compile(r"(`+).*?\1")
COMMENT = re.compile(r"<!--.*?-->", re.S)
UNUSABLE = "[unusable file name]"


def references(page: Page) -> Iterator[tuple[str, int]]:
    """Local link/image targets of a page's Markdown (not in code), with their file line."""
    for target, line in targets(page):
        if not EXTERNAL.match(target):
            yield target, line


def targets(page: Page) -> Iterator[tuple[str, int]]:
    """Every link/image/src target of a page's Markdown (not in code), with its file line."""
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
        found = [m.group(1) for m in INLINE.finditer(line)]
        found += [m.group(1) for m in HTML.finditer(line)]
        ref = REFERENCE.match(line)
        if ref:
            found.append(ref.group(1))
        for target in found:
            if target:
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


def named_files(page: Page) -> Iterator[Path]:
    """Every file `page` uses: its links and images, and the paths of its front matter."""
    for target, _ in references(page):
        yield resolve(page, target)
    for _, target, _ in front_matter_paths(page):
        yield resolve(page, target)
    if page.meta.video:
        yield resolve(page, page.meta.video)
