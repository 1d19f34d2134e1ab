"""Poster frames: one JPEG still of a video, extracted by ffmpeg, cached by content hash."""

from __future__ import annotations

import tempfile
from pathlib import Path

import ffmpeg

from builder.media import cache
from builder.media.probe import probe
from builder.media.tool import MediaError, run
from builder.write import write_bytes

MAX_WIDTH = 1280
DEFAULT_AT = 10.0  # seconds: past a black lead-in, still on the title slide of most lectures


def poster_name(video: Path) -> str:
    """The poster's file name beside the video in a site: lecture-01.mp4 → lecture-01.poster.jpg."""
    return f"{Path(video).stem}.poster.jpg"


def poster_time(duration: float | None, at_seconds: float | None = None) -> float:
    """Where the poster is taken: `at_seconds` or a tenth in (≤ 10 s), always inside the video."""
    end = duration or 0.0
    at = at_seconds if at_seconds is not None else min(end / 10, DEFAULT_AT)
    return round(max(0.0, min(at, end - 0.1)), 3)


def _extract(video: Path, at: float) -> bytes:
    with tempfile.TemporaryDirectory(prefix="eumk-poster-") as tmp:
        out = Path(tmp) / "poster.jpg"
        stream = (ffmpeg.input(str(video.resolve()), ss=at)
                  .video.filter("scale", f"min(iw,{MAX_WIDTH})", -2)
                  .output(str(out), vframes=1, **{"q:v": 3, "map_metadata": -1,
                                                  "fflags": "+bitexact",
                                                  "flags:v": "+bitexact"}))
        run(stream)
        data = out.read_bytes() if out.is_file() else b""
    if not data:
        raise MediaError(f"{video}: no picture at {at:.1f} s")
    return data


def make_poster(video: Path, out: Path, at_seconds: float | None = None) -> None:
    """Write a poster frame of `video` to `out` (JPEG); the same video gives the same bytes."""
    video = Path(video)
    info = probe(video)
    if not info.has_video or not info.playable:
        raise MediaError(f"{video}: {info.error or 'no picture (audio only)'}")
    at = poster_time(info.duration, at_seconds)
    key = f"{cache.content_hash(video)}-{at:.3f}.jpg"
    stored = cache.cache_root() / "poster" / key
    if stored.is_file() and stored.stat().st_size:
        write_bytes(Path(out), stored.read_bytes())
        return
    try:
        data = _extract(video, at)
    except MediaError:
        if at == 0:
            raise
        data = _extract(video, 0.0)
    try:
        write_bytes(stored, data)
    except OSError:
        pass  # a read-only cache only costs time
    write_bytes(Path(out), data)
