"""Media made at test time with ffmpeg's lavfi sources (no binary fixtures), and a private cache."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

FFMPEG = shutil.which("ffmpeg")
needs_ffmpeg = pytest.mark.skipif(FFMPEG is None, reason="ffmpeg is not installed")


def make_video(path: Path, seconds: float = 3, size: str = "96x64", rate: int = 10,
               audio: bool = True, gop: int | None = None, vcodec: str = "libx264",
               acodec: str = "aac", pix_fmt: str = "yuv420p") -> Path:
    """A small test-pattern video (with a sine tone) at `path`; the container follows the suffix."""
    path.parent.mkdir(parents=True, exist_ok=True)
    args = [FFMPEG or "ffmpeg", "-hide_banner", "-loglevel", "error", "-y",
            "-f", "lavfi", "-i", f"testsrc=size={size}:rate={rate}:duration={seconds}"]
    if audio:
        args += ["-f", "lavfi", "-i", f"sine=frequency=440:sample_rate=8000:duration={seconds}",
                 "-c:a", acodec, "-shortest"]
    args += ["-c:v", vcodec, "-pix_fmt", pix_fmt]
    if vcodec == "libx264":
        args += ["-preset", "ultrafast"]
    if gop:
        args += ["-g", str(gop), "-keyint_min", str(gop), "-sc_threshold", "0"]
    subprocess.run([*args, str(path)], check=True)
    return path


def make_audio(path: Path, seconds: float = 2) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run([FFMPEG or "ffmpeg", "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi",
                    "-i", f"sine=duration={seconds}:sample_rate=8000", str(path)], check=True)
    return path


def vtt(*cues: tuple[str, str, str]) -> str:
    """A WebVTT document of (start, end, text) cues."""
    return "WEBVTT\n\n" + "\n\n".join(f"{a} --> {b}\n{text}" for a, b, text in cues) + "\n"


def make_long_video(folder: Path) -> Path:
    """A real 21-minute video, tiny (64×64, 1 fps, keyframe every 30 s), made in well under 1 s."""
    return make_video(folder / "long.mp4", seconds=21 * 60, size="64x64", rate=1, audio=False,
                      gop=30)


def use_private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point EUMK_CACHE_DIR at a folder of this test (call from an autouse fixture)."""
    folder = tmp_path / "eumk-cache"
    monkeypatch.setenv("EUMK_CACHE_DIR", str(folder))
    return folder
