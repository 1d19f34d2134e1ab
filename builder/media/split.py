"""Splitting a long lecture at its chapters into parts of at most 20 minutes (p.16, p.24)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import ffmpeg

from builder.errors import KitError
from builder.media import vtt
from builder.media.probe import MediaInfo, probe
from builder.media.tool import MediaError, Progress, probe_json, run
from builder.media.transcode import TARGETS, Target, transcode
from builder.write import write_text

LIMIT_SECONDS = 20 * 60  # recommendations 004 p.24: an online lecture runs at most 20 minutes
COPY_SUFFIXES = frozenset({".mp4", ".m4v", ".webm"})
COPY_CODECS = frozenset({"h264", "vp8", "vp9", "av1"})


class SplitError(KitError):
    """The chapters cannot give parts within the limit; `key`/`params` name why for the UI."""

    def __init__(self, key: str, message: str, **params: Any) -> None:
        super().__init__(message)
        self.key = key
        self.params = params


@dataclass(frozen=True)
class Part:
    """One part of a split video: its span in the source and its chapters (offsets in the part)."""

    index: int
    start: float
    end: float
    chapters: tuple[tuple[str, float], ...] = ()

    @property
    def length(self) -> float:
        return self.end - self.start


@dataclass
class PartFiles:
    """What splitting wrote for one part."""

    part: Part
    video: Path
    chapters: Path | None = None
    subtitles: dict[str, Path] = field(default_factory=dict)
    copied: bool = False  # stream copy (True) or re-encoded


def plan_parts(duration: float, chapters: list[tuple[str, float]],
               limit: float = LIMIT_SECONDS) -> list[Part]:
    """Group consecutive chapters into as few parts as possible, each at most `limit` long.

    A part always starts at a chapter (or at 0:00); SplitError when there are no chapters or a
    single chapter is itself longer than `limit`.
    """
    if not chapters:
        raise SplitError("media_split_no_chapters", "the video has no chapters to cut at")
    titles = {start: title for title, start in sorted(chapters, key=lambda c: c[1])}
    starts = sorted({0.0, *(s for s in titles if 0 < s < duration)})
    spans = list(zip(starts, [*starts[1:], duration], strict=True))
    for begin, end in spans:
        if end - begin > limit:
            title = titles.get(begin, "0:00")
            raise SplitError("media_split_long_chapter",
                             f"the chapter '{title}' alone lasts {(end - begin) / 60:.1f} min",
                             chapter=title, minutes=f"{(end - begin) / 60:.1f}")
    groups: list[list[tuple[float, float]]] = []
    for span in spans:
        if groups and span[1] - groups[-1][0][0] <= limit:
            groups[-1].append(span)
        else:
            groups.append([span])
    return [Part(i, group[0][0], group[-1][1],
                 tuple((titles[b], b - group[0][0]) for b, _ in group if b in titles))
            for i, group in enumerate(groups, start=1)]


def keyframes(src: Path) -> list[float]:
    """Times of the video's keyframes (read from packets, nothing decoded)."""
    raw = probe_json(src, select_streams="v:0", show_entries="packet=pts_time,flags")
    out = []
    for packet in raw.get("packets") or []:
        if "K" in str(packet.get("flags", "")):
            try:
                out.append(float(packet["pts_time"]))
            except (KeyError, TypeError, ValueError):
                continue
    return sorted(out)


def can_copy(src: Path, info: MediaInfo, parts: list[Part]) -> bool:
    """Stream copy is exact when the source plays in browsers and every cut is on a keyframe."""
    if Path(src).suffix.lower() not in COPY_SUFFIXES or info.video_codec not in COPY_CODECS:
        return False
    tolerance = 0.5 / (info.fps or 25)
    keys = keyframes(src)
    return all(any(abs(k - part.start) <= tolerance for k in keys) for part in parts[1:])


def _copy(src: Path, dst: Path, info: MediaInfo, part: Part, progress: Progress | None) -> None:
    source = ffmpeg.input(str(Path(src).resolve()), **({"ss": part.start} if part.start else {}))
    streams = [source["v:0"]] + ([source["a:0"]] if info.has_audio else [])
    tmp = dst.with_name(f".{dst.stem}.tmp{dst.suffix}")
    run(ffmpeg.output(*streams, str(tmp), c="copy", t=round(part.length, 3),
                      avoid_negative_ts="make_zero", map_metadata=-1, map_chapters=-1,
                      **({"movflags": "+faststart"} if dst.suffix != ".webm" else {}),
                      f="webm" if dst.suffix == ".webm" else "mp4"), progress)
    tmp.replace(dst)


def split(src: Path, parts: list[Part], out_dir: Path, subtitles: dict[str, Path] | None = None,
          target: str | None = None, progress: Progress | None = None) -> list[PartFiles]:
    """Write `name.partN.*` for each part into `out_dir`: the video (stream copy when keyframes
    allow and no `target` is asked, else H.264/AAC), its chapters and subtitles as WebVTT."""
    src = Path(src)
    info = probe(src)
    if not info.playable or not info.has_video:
        raise MediaError(f"{src}: {info.error or 'no picture (audio only)'}")
    copy = target is None and can_copy(src, info, parts)
    encode: Target = TARGETS[target] if target else Target(
        "source", info.height or 1080, max(TARGETS["720p"].video_kbps, 2500), 128, crf=20)
    cues = {lang: vtt.read(path) for lang, path in (subtitles or {}).items()}
    out: list[PartFiles] = []
    for part in parts:
        stem = f"{src.stem}.part{part.index}"
        video = Path(out_dir) / (f"{stem}{src.suffix.lower()}" if copy else f"{stem}.mp4")
        video.parent.mkdir(parents=True, exist_ok=True)
        if copy:
            _copy(src, video, info, part, progress)
        else:
            transcode(src, video, encode, progress, start=part.start, end=part.end)
        files = PartFiles(part, video, copied=copy)
        if part.chapters:
            ends = [offset for _, offset in part.chapters[1:]] + [part.length]
            files.chapters = Path(out_dir) / f"{stem}.chapters.vtt"
            write_text(files.chapters, vtt.dump([
                vtt.Cue(offset, end, title)
                for (title, offset), end in zip(part.chapters, ends, strict=True)]))
        for lang, lang_cues in cues.items():
            path = Path(out_dir) / f"{stem}.{lang}.vtt"
            write_text(path, vtt.dump(vtt.cut(lang_cues, part.start, part.end)))
            files.subtitles[lang] = path
        out.append(files)
    return out
