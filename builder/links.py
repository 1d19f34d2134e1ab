"""Where pages point: the local files a page's Markdown, raw HTML and front matter name,
resolved and contained by builder.paths."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from builder import paths
from builder.model import Page

INLINE = re.compile(r"!?\[(?:[^\[\]]|\[[^\]]*\])*\]\(\s*<?([^)\s>]+)>?(?:\s+[\"'(].*?[\"')])?\s*\)")
REFERENCE = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+[\"'(].*)?$")
# Raw HTML attributes that make a browser or WeasyPrint fetch a file (srcset: several, comma
# separated), quoted or not, and CSS url(…) in a style attribute.
TAG = re.compile(r"<[a-zA-Z][^<>]*>?")
OPEN_TAG = re.compile(r"<[a-zA-Z]")
VALUE = r"""\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))"""
HTML = re.compile(r"(?<![\w-])(?:src|href|data|poster)" + VALUE, re.I)
SRCSET = re.compile(r"(?<![\w-])srcset" + VALUE, re.I)
CSS_URL = re.compile(r"""\burl\(\s*["']?([^"')\s]+)""", re.I)
EXTERNAL = re.compile(r"^([a-z][a-z0-9+.-]*:|//|#)", re.I)
CODE_SPAN = re.compile(r"(`+).*?\1")
COMMENT = re.compile(r"<!--.*?-->", re.S)
UNUSABLE = paths.UNUSABLE


def references(page: Page, file_urls: bool = False) -> Iterator[tuple[str, int]]:
    """Local link/image targets of a page's Markdown and raw HTML (not in code), with their file
    line; with `file_urls`, `file:` URLs too (they are local files to a browser or WeasyPrint)."""
    for target, line in targets(page):
        if not EXTERNAL.match(target) or (file_urls and paths.FILE_URL.match(target)):
            yield target, line


def targets(page: Page) -> Iterator[tuple[str, int]]:
    """Every link/image target of a page's Markdown, and every URL its raw HTML makes a browser
    or WeasyPrint fetch (href, src, srcset, data, poster, CSS url()), not in code, with its line."""
    # Several rules ask for a page's targets: its body is read once (again if it changes).
    known = page._targets
    if known is None or known[0] is not page.body or known[1] != page.body_line:
        known = page._targets = (page.body, page.body_line,
                                 _body_targets(page.body, page.body_line))
    return iter(known[2])


def _body_targets(body: str, body_line: int) -> list[tuple[str, int]]:
    found: list[tuple[str, int]] = []
    fence: str | None = None
    in_tag = False  # a raw HTML tag opened on an earlier line is still open (attributes follow)
    if "<!--" in body:
        body = COMMENT.sub(lambda m: "\n" * m.group().count("\n"), body)  # keep line numbers
    for offset, raw in enumerate(body.splitlines()):
        if "`" in raw or "~" in raw:
            stripped = raw.lstrip()
            marker = stripped.startswith(("```", "~~~")) and re.match(r"(`{3,}|~{3,})", stripped)
            if marker:
                if fence is None:
                    fence = marker.group(1)[0] * 3
                elif stripped.startswith(fence):
                    fence = None
                in_tag = False
                continue
        if fence is not None or (raw.startswith("    ") and not in_tag):
            continue
        if not in_tag and "<" not in raw and "](" not in raw and "]:" not in raw \
                and "=" not in raw:
            continue  # no tag, link, image, reference or src/href here (the common case)
        text = CODE_SPAN.sub("", raw) if "`" in raw else raw
        if in_tag:
            text = "<x " + text  # the tag's attributes, continued on this line
        in_tag = _ends_inside_tag(text)
        if "](" not in raw and "]:" not in raw and "=" not in raw:
            continue  # no link, image, reference or src/href here
        found += [(target, body_line + offset) for target in line_targets(text)]
    return found


def text_targets(text: str) -> list[str]:
    """The targets of a Markdown text without fences (a question, an option), raw HTML tags
    continued over several lines included."""
    found, in_tag = [], False
    for raw in text.splitlines():
        line = ("<x " + raw) if in_tag else raw
        in_tag = _ends_inside_tag(line)
        found += line_targets(line)
    return found


def _ends_inside_tag(text: str) -> bool:
    """True when `text` opens a raw HTML tag that it does not close (`<img` + newline + `src=…`)."""
    if "<" not in text:
        return False
    opened = max((m.start() for m in OPEN_TAG.finditer(text)), default=-1)
    return opened > text.rfind(">")


def line_targets(line: str) -> list[str]:
    """The link/image targets and fetched raw-HTML URLs of one line of Markdown."""
    found = [m.group(1) for m in INLINE.finditer(line)]
    for tag in TAG.findall(line):
        found += [next(filter(None, m.groups()), "") for m in HTML.finditer(tag)]
        for m in SRCSET.finditer(tag):
            found += [c.split()[0] for c in next(filter(None, m.groups()), "").split(",")
                      if c.strip()]
        found += [m.group(1) for m in CSS_URL.finditer(tag)]
    ref = REFERENCE.match(line)
    if ref:
        found.append(ref.group(1))
    return [target for target in found if target]


def front_matter_paths(page: Page) -> Iterator[tuple[str, str, int | None]]:
    """(key, path, line) for file paths named in front matter, except `video` (media rules)
    and `chapters` (a .vtt file or a list)."""
    line = page.meta_lines.get
    if page.meta.slides:
        yield "slides", page.meta.slides, line("slides")
    for path in page.meta.subtitles.values():
        yield "subtitles", path, line("subtitles")


def all_front_matter_paths(page: Page) -> Iterator[tuple[str, str, int | None]]:
    """(key, path, line) for every file path named in front matter."""
    yield from front_matter_paths(page)
    if page.meta.video:
        yield "video", page.meta.video, page.meta_lines.get("video")
    if isinstance(page.meta.chapters, str) and page.meta.chapters:
        yield "chapters", page.meta.chapters, page.meta_lines.get("chapters")


def resolve(page: Page, target: str) -> Path:
    """The file a link of `page` points to (fragment and query dropped), resolved and contained:
    a target outside the course gives a path that does not exist (`paths.is_outside` tells it),
    as does a name no file can have (a NUL byte, too long, a symlink loop)."""
    return paths.locate(paths.page_root(page.path, page.rel), page.path.parent, target)


def named_files(page: Page) -> Iterator[Path]:
    """Every file `page` uses: its links and images, and the paths of its front matter."""
    for target, _ in references(page):
        yield resolve(page, target)
    for _, target, _ in front_matter_paths(page):
        yield resolve(page, target)
    if page.meta.video:
        yield resolve(page, page.meta.video)
