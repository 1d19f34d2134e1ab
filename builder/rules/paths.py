"""path.outside: no symlink, front matter path, link, raw-HTML attribute or `file:` URL of a
course leaves its folder, or reaches final/, course data or an instructor page by a symlink."""

from __future__ import annotations

import re
from pathlib import Path

from builder import paths
from builder.findings import Finding
from builder.links import EXTERNAL, all_front_matter_paths, references, resolve, text_targets
from builder.model import Bank, Course, Page, Where
from builder.profiles import Profile

FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
# Course files whose values may hold a `file:` URL that reaches a page or the PDF.
DATA_FILES = ("course.yml", "consultations.yml")


def check(course: Course, profile: Profile) -> list[Finding]:
    out: list[Finding] = []
    pages = ([course.syllabus] if course.syllabus else []) + course.pages
    private = {p.rel for p in course.pages if p.meta.audience == "instructor"}
    base = course.where(course.path)
    for link in paths.refused_links(course.path, private):
        out.append(Finding(rule="path.outside", key=f"path.link-{link.reason}",
                           file=link.rel if base in ("", ".") else f"{base}/{link.rel}", line=None,
                           params={"path": link.rel, "target": link.target}))
    for page in pages:
        out.extend(_page(course, page))
    for bank in course.banks:
        out.extend(_bank(course, bank))
    data = [*DATA_FILES, *(rel for rel in course.files if rel.endswith(".quiz.yml")),
            "final/tickets.yml"]
    for rel in dict.fromkeys(data):
        out.extend(_file_urls(course, course.path / rel))
    return out


def _page(course: Course, page: Page) -> list[Finding]:
    out = []
    file = Where(course, page.path)
    seen: set[int | None] = set()
    named = [(t, line) for t, line in references(page, file_urls=True)]
    named += [(t, line) for _, t, line in all_front_matter_paths(page)]
    for target, line in named:
        if paths.FILE_URL.match(target):
            key = "path.file-url"
        elif paths.is_outside(resolve(page, target)):
            key = "path.outside"
        else:
            continue
        seen.add(line)
        out.append(Finding(rule="path.outside", key=key, file=str(file), line=line,
                           component=page.component, params={"target": target}))
    text = page.text()
    if text is None:
        text = _text(page.path)
    if not paths.has_file_url(text):
        return out  # (the common case: no line to look at)
    fence: str | None = None
    for line, raw in enumerate(text.splitlines(), 1):
        marker = FENCE.match(raw)
        if marker:
            if fence is None:
                fence = marker.group(1)[0] * 3
            elif raw.strip().startswith(fence):
                fence = None
            continue
        found = paths.FILE_URL_IN_TEXT.search(raw)
        if fence is None and found and line not in seen:
            out.append(Finding(rule="path.outside", key="path.file-url", file=str(file),
                               line=line, component=page.component,
                               params={"target": _around(raw, found)}))
    return out


def _bank(course: Course, bank: Bank) -> list[Finding]:
    """Links and images in a bank's question texts (relative to the bank's file) that leave the
    course: a self-check quiz page, the printed kit and an LMS export would carry them."""
    out = []
    for question in bank.questions:
        texts = [question.text, question.feedback or "",
                 *(o.text for o in question.options), *(o.feedback or "" for o in question.options),
                 *(a.text for a in question.answers), *(p.left for p in question.pairs)]
        for text in texts:
            for target in text_targets(str(text)):
                if EXTERNAL.match(target):
                    continue  # a web address; a file: URL is _file_urls' (with its line)
                if paths.is_outside(paths.locate(course.path, bank.path.parent, target)):
                    out.append(Finding(rule="path.outside", key="path.outside",
                                       file=course.where(bank.path), line=question.line,
                                       component=bank.component, params={"target": target}))
    return out


def _file_urls(course: Course, path: Path) -> list[Finding]:
    """A `file:` URL anywhere in a course data file (titles reach pages and the PDF)."""
    if paths.refusal(course.path, path.relative_to(course.path).as_posix()) or not path.is_file():
        return []
    text = _text(path)
    if not paths.has_file_url(text):
        return []
    return [Finding(rule="path.outside", key="path.file-url", file=course.where(path), line=n,
                    params={"target": _around(raw, found)})
            for n, raw in enumerate(text.splitlines(), 1)
            if (found := paths.FILE_URL_IN_TEXT.search(raw))]


def _around(line: str, found: re.Match[str]) -> str:
    """The URL a match starts, as written (up to a quote, space or bracket)."""
    rest = re.match(r"[^\s\"'<>)\]]*", line[found.start():])
    return rest.group() if rest else found.group()


def _text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""
