"""Probing media files with ffprobe: duration, codecs, resolution, size; cached by content hash."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from builder.media import cache
from builder.media.tool import ProbeFailed, probe_json

CACHE_VERSION = 1
VIDEO_EXT = frozenset({".mp4", ".m4v", ".webm", ".ogv", ".mov", ".mkv", ".avi", ".wmv", ".flv",
                       ".mpg", ".mpeg", ".3gp", ".ts"})
AUDIO_EXT = frozenset({".mp3", ".m4a", ".aac", ".ogg", ".oga", ".opus", ".wav", ".flac", ".wma"})
MEDIA_EXT = VIDEO_EXT | AUDIO_EXT
IMAGE_FORMATS = ("image2", "_pipe", "gif", "apng", "webp")
IMAGE_CODECS = frozenset({"mjpeg", "png", "gif", "bmp", "webp", "tiff", "apng", "svg"})


@dataclass(frozen=True)
class MediaInfo:
    """What ffprobe says about one file; `error` is set when it is not playable media."""

    size: int
    container: str = ""
    duration: float | None = None
    video_codec: str | None = None
    audio_codec: str | None = None
    width: int | None = None
    height: int | None = None
    pix_fmt: str | None = None
    fps: float | None = None
    bit_rate: int | None = None
    error: str | None = None

    @property
    def playable(self) -> bool:
        return self.error is None

    @property
    def has_video(self) -> bool:
        return self.video_codec is not None

    @property
    def has_audio(self) -> bool:
        return self.audio_codec is not None


def clock(seconds: float) -> str:
    """A duration or time as people read it: m:ss, or h:mm:ss past an hour."""
    total = int(round(seconds))
    hours, rest = divmod(total, 3600)
    return (f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours
            else f"{rest // 60}:{rest % 60:02d}")


def _number(value: Any, kind: type = float) -> Any:
    try:
        return kind(float(value)) if value not in (None, "", "N/A") else None
    except (TypeError, ValueError):
        return None


def _fps(rate: Any) -> float | None:
    num, _, den = str(rate or "").partition("/")
    value = _number(num)
    divisor = _number(den) if den else 1.0
    return round(value / divisor, 3) if value and divisor else None


def summarize(raw: dict[str, Any], size: int) -> MediaInfo:
    """Reduce ffprobe's JSON to a MediaInfo; images and stream-less files count as unplayable."""
    fmt = raw.get("format") or {}
    streams = raw.get("streams") or []
    video = next((s for s in streams if s.get("codec_type") == "video"
                  and not (s.get("disposition") or {}).get("attached_pic")), None)
    audio = next((s for s in streams if s.get("codec_type") == "audio"), None)
    container = str(fmt.get("format_name") or "")
    duration = _number(fmt.get("duration")) or _number((video or audio or {}).get("duration"))
    error = None
    if video is None and audio is None:
        error = "no video or audio stream"
    elif audio is None and (str(video.get("codec_name")) in IMAGE_CODECS
                            or any(tag in container for tag in IMAGE_FORMATS)):
        error = f"a still image ({video.get('codec_name')}), not a video"
    elif not duration or duration <= 0:
        error = "no duration (damaged or empty file)"
    return MediaInfo(
        size=size, container=container, duration=duration,
        video_codec=video.get("codec_name") if video else None,
        audio_codec=audio.get("codec_name") if audio else None,
        width=_number(video.get("width"), int) if video else None,
        height=_number(video.get("height"), int) if video else None,
        pix_fmt=video.get("pix_fmt") if video else None,
        fps=_fps(video.get("avg_frame_rate") or video.get("r_frame_rate")) if video else None,
        bit_rate=_number(fmt.get("bit_rate"), int), error=error)


def probe_uncached(path: Path) -> MediaInfo:
    """Run ffprobe on `path` now (raises ToolMissing when ffprobe is absent)."""
    size = Path(path).stat().st_size
    try:
        return summarize(probe_json(path), size)
    except ProbeFailed as exc:
        return MediaInfo(size=size, error=str(exc))


def probe(path: Path) -> MediaInfo:
    """MediaInfo of `path`, from the cache when its content was probed before.

    Raises FileNotFoundError for a missing file and ToolMissing when ffprobe is needed but absent.
    """
    key = cache.content_hash(Path(path))
    entry = cache.get("probe", key)
    if isinstance(entry, dict) and entry.get("v") == CACHE_VERSION:
        try:
            return MediaInfo(**entry["info"])
        except (KeyError, TypeError):
            pass
    info = probe_uncached(path)
    cache.put("probe", key, {"v": CACHE_VERSION, "info": asdict(info)})
    return info
