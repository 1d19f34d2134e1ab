"""video.*: videos are found and play in browsers; lecture videos last ≤ 20 minutes and come
with the lecture's text; subtitles and chapters (order 385 p.6.2; recommendations 004 p.16,
p.24, p.44, p.47)."""

from __future__ import annotations

import re
from pathlib import Path

from builder.findings import Finding
from builder.links import resolve
from builder.media import vtt
from builder.media.probe import MediaInfo, clock, probe
from builder.media.refs import MediaRef, chapters, media_refs
from builder.media.split import LIMIT_SECONDS
from builder.media.tool import ToolMissing
from builder.model import Course, Page
from builder.paths import is_outside
from builder.profiles import MIN_LECTURE_WORDS, Profile

CHAPTERS_FROM_SECONDS = 10 * 60  # 004 p.16 (good practice): navigation by section
BROWSER_CONTAINERS = frozenset({".mp4", ".m4v", ".webm", ".ogv", ".mp3", ".m4a", ".ogg", ".oga",
                                ".opus", ".wav", ".flac", ".aac"})
BROWSER_VIDEO = frozenset({"h264", "vp8", "vp9", "av1"})
BROWSER_AUDIO = frozenset({"aac", "mp3", "opus", "vorbis", "flac", "pcm_s16le", "pcm_u8"})
BROWSER_PIX = frozenset({"yuv420p", "yuvj420p"})


def codec_problem(path: Path, info: MediaInfo) -> str | None:
    """What keeps a browser from playing the file, or None."""
    problems = []
    if path.suffix.lower() not in BROWSER_CONTAINERS or "avi" in info.container:
        problems.append(f"{path.suffix.lower() or info.container} container")
    if info.video_codec and info.video_codec not in BROWSER_VIDEO:
        problems.append(f"{info.video_codec} video")
    elif info.video_codec == "h264" and info.pix_fmt and info.pix_fmt not in BROWSER_PIX:
        problems.append(f"h264 {info.pix_fmt} video")
    if info.audio_codec and info.audio_codec not in BROWSER_AUDIO:
        problems.append(f"{info.audio_codec} audio")
    return ", ".join(problems) or None


def word_count(page: Page) -> int:
    """Words of the page's text, without headings, comments and front matter."""
    text = re.sub(r"<!--.*?-->", "", page.body, flags=re.S)
    lines = [ln for ln in text.splitlines() if not ln.lstrip().startswith("#")]
    return len(re.findall(r"\w+", "\n".join(lines)))


class MediaCheck:
    """Collects the findings of one course."""

    def __init__(self, course: Course, profile: Profile) -> None:
        self.course = course
        self.profile = profile
        self.out: list[Finding] = []
        self.tool_missing = False

    def add(self, rule: str, ref: MediaRef, key: str | None = None, line: int | None = None,
            **params: object) -> None:
        self.out.append(Finding(
            rule=rule, key=key, file=self.course.where(ref.page.path),
            line=line if line is not None else ref.line, component=ref.page.component,
            params={"target": ref.target, "slug": self.course.slug,
                    "limit": LIMIT_SECONDS // 60, **params}))

    def info(self, ref: MediaRef) -> MediaInfo | None:
        """Probe `ref`, or report why it cannot be (missing / ffprobe absent)."""
        if not ref.path.is_file():
            if ref.key == "video":  # a missing linked file is link.broken's to report
                self.add("video.missing", ref)
            return None
        if self.tool_missing:
            return None
        try:
            info = probe(ref.path)
        except ToolMissing:
            self.tool_missing = True
            self.add("video.tool", ref)
            return None
        except OSError as exc:
            self.add("video.missing", ref, key="video.unreadable", problem=exc.strerror or exc)
            return None
        if not info.playable:
            self.add("video.missing", ref, key="video.undecodable", problem=info.error)
            return None
        problem = codec_problem(ref.path, info)
        if problem:
            self.add("video.codec", ref, problem=problem,
                     suggested=f"{Path(ref.target).stem}.720p.mp4")
        return info

    def page_video(self, ref: MediaRef, info: MediaInfo | None) -> None:
        """The rules for a page's own video (front matter)."""
        page = ref.page
        lecture = page.component == "lectures"  # 004 p.24 speaks of online lectures
        if lecture and info and info.duration and info.duration > LIMIT_SECONDS:
            self.add("video.duration", ref, duration=clock(info.duration))
        lang = self.course.language
        if lang not in page.meta.subtitles:
            self.add("video.subtitles", ref, line=page.meta_lines.get("subtitles", ref.line),
                     language=lang)
        for code, target in page.meta.subtitles.items():
            path = resolve(page, target)
            if not path.is_file():
                continue  # link.broken reports it
            try:
                vtt.read(path)
            except (vtt.VttError, UnicodeDecodeError, OSError) as exc:
                self.add("video.subtitles", ref, key="video.subtitles-format",
                         line=page.meta_lines.get("subtitles"), language=code,
                         subtitles=target, problem=str(exc))
        self.chapters(ref, info)
        if lecture and not page.meta.slides:
            minimum = self.words_expected(info)
            words = word_count(page)
            if words < minimum:
                self.add("video.text", ref, words=words, minimum=minimum,
                         ratio=f"{self.profile.words_per_video_minute:g}")

    def words_expected(self, info: MediaInfo | None) -> int:
        """Words of text a lecture video needs: the profile's words per video minute, at least
        MIN_LECTURE_WORDS (also when the length is unknown)."""
        minutes = info.duration / 60 if info and info.duration else 0
        return max(MIN_LECTURE_WORDS, round(minutes * self.profile.words_per_video_minute))

    def chapters(self, ref: MediaRef, info: MediaInfo | None) -> None:
        page = ref.page
        line = page.meta_lines.get("chapters", ref.line)
        if not page.meta.chapters:
            if info and info.duration and info.duration > CHAPTERS_FROM_SECONDS:
                self.add("video.chapters", ref, duration=clock(info.duration),
                         minutes=CHAPTERS_FROM_SECONDS // 60)
            return
        if isinstance(page.meta.chapters, str) and is_outside(resolve(page, page.meta.chapters)):
            return  # path.outside reports it
        try:
            marks = chapters(page)
        except (ValueError, OSError, UnicodeDecodeError) as exc:
            self.add("video.chapters", ref, key="video.chapters-invalid", line=line,
                     problem=getattr(exc, "strerror", None) or str(exc))
            return
        starts = [start for _, start in marks]
        end = info.duration if info and info.duration else None
        if starts != sorted(starts) or (end is not None and any(s >= end for s in starts)):
            self.add("video.chapters", ref, key="video.chapters-order", line=line,
                     duration=clock(end) if end else "?")


def check(course: Course, profile: Profile) -> list[Finding]:
    run = MediaCheck(course, profile)
    for ref in media_refs(course):
        info = run.info(ref)
        if ref.key == "video":
            run.page_video(ref, info)
    return run.out
