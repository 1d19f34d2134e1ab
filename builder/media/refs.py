"""Which media a course uses: each page's front matter video and the media files its text links."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from builder.links import references, resolve
from builder.media import vtt
from builder.media.probe import MEDIA_EXT
from builder.model import Course, Page
from builder.paths import is_outside


@dataclass(frozen=True)
class MediaRef:
    """One use of a media file by a page: front matter `video`, or a link/embed in the text."""

    page: Page
    key: str          # "video" (front matter) or "link" (Markdown / HTML in the body)
    target: str       # as written
    path: Path        # resolved, absolute
    line: int | None


def pages(course: Course) -> list[Page]:
    return ([course.syllabus] if course.syllabus else []) + course.pages


def page_video(page: Page) -> MediaRef | None:
    """The page's front matter video, if it names one."""
    if not page.meta.video:
        return None
    path = resolve(page, page.meta.video)
    if is_outside(path):
        return None  # never followed, never probed: path.outside reports it
    return MediaRef(page, "video", page.meta.video, path, page.meta_lines.get("video"))


def media_refs(course: Course) -> list[MediaRef]:
    """Every media file the course's pages use, in page order."""
    out: list[MediaRef] = []
    for page in pages(course):
        ref = page_video(page)
        if ref:
            out.append(ref)
        for target, line in references(page):
            path = resolve(page, target)
            if path.suffix.lower() in MEDIA_EXT and not is_outside(path):
                out.append(MediaRef(page, "link", target, path, line))
    return out


def chapters(page: Page) -> list[tuple[str, float]]:
    """(title, start seconds) of the page's chapters, from front matter or a chapters .vtt file.

    Raises ValueError (VttError, a bad time) or OSError for chapters that cannot be read.
    """
    given = page.meta.chapters
    if isinstance(given, str):
        return [(cue.text.replace("\n", " ").strip(), cue.start)
                for cue in vtt.read(resolve(page, given))]
    return [(chapter.title, chapter.seconds) for chapter in given]


def subtitles(page: Page) -> dict[str, Path]:
    """Language → resolved .vtt path of the page's subtitles."""
    return {lang: resolve(page, target) for lang, target in page.meta.subtitles.items()}
