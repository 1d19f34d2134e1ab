"""Transcoding to browser-safe MP4 (H.264 + AAC, yuv420p, faststart) at a target size or budget."""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from pathlib import Path

import ffmpeg

from builder.errors import KitError
from builder.media.probe import MediaInfo, probe
from builder.media.tool import MediaError, Progress, run


@dataclass(frozen=True)
class Target:
    """An output size: at most `height` lines (never upscaled), a video bitrate cap, audio rate."""

    name: str
    height: int
    video_kbps: int
    audio_kbps: int
    crf: int = 23


TARGETS: dict[str, Target] = {
    "720p": Target("720p", 720, 1800, 128),
    "480p": Target("480p", 480, 900, 96),
    "360p": Target("360p", 360, 500, 64, crf=25),
    "240p": Target("240p", 240, 250, 48, crf=27),
}
MIN_VIDEO_KBPS = 90        # below this even 240p slides are unreadable
CONTAINER_OVERHEAD = 0.04  # mp4 boxes, audio packetisation, rate-control slack


def output_name(src: Path, target: str) -> str:
    """lecture-01.mp4 → lecture-01.720p.mp4 (a part: lecture-01.part1.mp4 → ….part1.720p.mp4)."""
    return f"{Path(src).stem}.{target}.mp4"


def transcode(src: Path, dst: Path, target: str | Target, progress: Progress | None = None,
              video_kbps: int | None = None, audio_kbps: int | None = None,
              start: float | None = None, end: float | None = None,
              preset: str = "medium") -> MediaInfo:
    """Encode `src` (or its `start`–`end` span) to `dst` as H.264/AAC MP4 at `target`.

    Quality is constant (CRF) under a bitrate cap: the target's, or `video_kbps` (to fit a byte
    budget), so simple pictures stay small and none exceeds the cap. `dst` appears atomically.
    Returns the probe of the new file.
    """
    spec = TARGETS[target] if isinstance(target, str) else target
    info = probe(src)
    if not info.playable:
        raise MediaError(f"{src}: {info.error}")
    if not info.has_video:
        raise MediaError(f"{src}: no picture (audio only); nothing to transcode to {spec.name}")
    dst = Path(dst)
    dst.parent.mkdir(parents=True, exist_ok=True)
    tmp = dst.with_name(f".{dst.stem}.tmp.mp4")
    seek = {"ss": start} if start else {}
    source = ffmpeg.input(str(Path(src).resolve()), **seek)
    height = f"trunc(min(ih,{spec.height})/2)*2"  # ffmpeg-python escapes the comma
    video = source["v:0"].filter("scale", -2, height)
    streams = [video] + ([source["a:0"]] if info.has_audio else [])
    rate = video_kbps or spec.video_kbps
    options: dict[str, object] = {
        "c:v": "libx264", "preset": preset, "profile:v": "high", "pix_fmt": "yuv420p",
        "crf": spec.crf, "maxrate": f"{rate}k", "bufsize": f"{rate * 2}k",
        "movflags": "+faststart", "map_metadata": -1, "map_chapters": -1,
        "fflags": "+bitexact", "flags:v": "+bitexact", "flags:a": "+bitexact", "f": "mp4",
    }
    if info.has_audio:
        options.update({"c:a": "aac", "b:a": f"{audio_kbps or spec.audio_kbps}k"})
    if end is not None:
        options["t"] = round(end - (start or 0.0), 3)
    try:
        run(ffmpeg.output(*streams, str(tmp), **options), progress)
        os.replace(tmp, dst)
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()
    return probe(dst)


@dataclass(frozen=True)
class FitPlan:
    """How a set of videos is encoded so that together they fit a byte budget."""

    target: Target
    video_kbps: int
    audio_kbps: int
    seconds: float
    estimated_bytes: int


def estimate(seconds: float, video_kbps: int, audio_kbps: int) -> int:
    return int(seconds * (video_kbps + audio_kbps) * 1000 / 8 * (1 + CONTAINER_OVERHEAD))


def plan_to_fit(videos: list[Path], budget_bytes: int) -> FitPlan:
    """The best target (720p → 240p) and bitrate at which `videos` together fit `budget_bytes`.

    Raises KitError, naming the sizes, when even 240p at the lowest readable bitrate is too big.
    """
    infos = [probe(v) for v in videos]
    seconds = sum(info.duration or 0.0 for info in infos)
    if seconds <= 0:
        raise KitError("no playable video to transcode")
    for target in TARGETS.values():  # the estimate is an upper bound: bitrates are capped
        size = estimate(seconds, target.video_kbps, target.audio_kbps)
        if size <= budget_bytes:
            return FitPlan(target, target.video_kbps, target.audio_kbps, seconds, size)
    lowest = TARGETS["240p"]
    per_second = budget_bytes * 8 / 1000 / (1 + CONTAINER_OVERHEAD) / seconds
    video_kbps = int(per_second - lowest.audio_kbps)
    if video_kbps < MIN_VIDEO_KBPS:
        need = estimate(seconds, MIN_VIDEO_KBPS, lowest.audio_kbps)
        raise KitError(
            f"the videos ({len(videos)}, {seconds / 60:.0f} min in all) need at least "
            f"{need / 1e6:.0f} MB even at 240p, more than the {budget_bytes / 1e6:.0f} MB "
            "left on the medium: use a larger medium or fewer videos")
    return FitPlan(lowest, video_kbps, lowest.audio_kbps, seconds,
                   estimate(seconds, video_kbps, lowest.audio_kbps))


def transcode_to_fit(videos: list[Path], budget_bytes: int, out_dir: Path,
                     progress: Progress | None = None) -> dict[Path, Path]:
    """Transcode `videos` into `out_dir` so that together they fit `budget_bytes`.

    Returns source → new file. `progress` hears seconds encoded (the total is FitPlan.seconds).
    """
    plan = plan_to_fit(videos, budget_bytes)
    out: dict[Path, Path] = {}
    for src in videos:
        dst = Path(out_dir) / output_name(src, plan.target.name)
        transcode(src, dst, plan.target, progress, video_kbps=plan.video_kbps,
                  audio_kbps=plan.audio_kbps)
        out[src] = dst
    return out
