"""The one ffmpeg wrapper: runs ffprobe/ffmpeg, reports progress, turns failures into MediaError."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import ffmpeg

from builder.errors import KitError

Progress = Callable[[float], None]  # called with the seconds of media done since the last call

INSTALL_HINT = "install it (Debian/Ubuntu: sudo apt-get install ffmpeg) and run the command again"


class MediaError(KitError):
    """A media file cannot be read or written (exit 1)."""


class ToolMissing(MediaError):
    """ffmpeg / ffprobe is not installed."""

    def __init__(self, tool: str = "ffmpeg") -> None:
        super().__init__(f"{tool} is not installed or not on PATH: {INSTALL_HINT}")
        self.tool = tool


class ProbeFailed(MediaError):
    """ffprobe could not read a file: not a media file, truncated or corrupt."""


def require(tool: str = "ffmpeg") -> None:
    """Raise ToolMissing unless `tool` can be run."""
    if shutil.which(tool) is None:
        raise ToolMissing(tool)


def _last_line(stderr: bytes | None) -> str:
    # ffmpeg cuts long log lines at a byte count: drop a character cut in two at the end
    text = (stderr or b"").decode("utf-8", "replace")
    lines = [ln.strip().rstrip("\ufffd") for ln in text.splitlines()]
    lines = [ln for ln in lines if ln]
    return lines[-1][:200] if lines else "unreadable"


def probe_json(path: Path, **options: Any) -> dict[str, Any]:
    """ffprobe's JSON for `path` (format + streams, and whatever `options` ask for)."""
    try:
        return ffmpeg.probe(str(Path(path).resolve()), **options)
    except FileNotFoundError:
        raise ToolMissing("ffprobe") from None
    except ffmpeg.Error as exc:
        raise ProbeFailed(_last_line(exc.stderr)) from None
    except (ValueError, UnicodeDecodeError) as exc:  # output that is not JSON
        raise ProbeFailed(str(exc)[:200]) from None


def run(stream: Any, progress: Progress | None = None) -> None:
    """Run an ffmpeg-python output stream; `progress` hears seconds done (`-progress pipe:`)."""
    args = ffmpeg.compile(stream, overwrite_output=True)
    args[1:1] = ["-hide_banner", "-nostdin", "-loglevel", "error", "-nostats",
                 "-progress", "pipe:1"]
    with tempfile.TemporaryFile() as err:
        try:
            proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=err)
        except FileNotFoundError:
            raise ToolMissing("ffmpeg") from None
        done = 0.0
        assert proc.stdout is not None
        for raw in proc.stdout:
            key, _, value = raw.decode("ascii", "replace").strip().partition("=")
            if key == "out_time_us" and value.lstrip("-").isdigit() and progress:
                now = max(int(value), 0) / 1e6
                if now > done:
                    progress(now - done)
                    done = now
        code = proc.wait()
        if code != 0:
            err.seek(0)
            raise MediaError(f"ffmpeg failed: {_last_line(err.read())}")
