"""The USB package as a reproducible zip: sorted entries, fixed times and permissions, no owner."""

from __future__ import annotations

import shutil
import time
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

# Already-compressed formats are stored: deflating them again costs time and saves nothing.
STORED = {".mp4", ".webm", ".m4v", ".mkv", ".mp3", ".m4a", ".ogg", ".opus", ".png", ".jpg",
          ".jpeg", ".gif", ".webp", ".woff", ".woff2", ".zip", ".gz", ".pdf"}


# Where a ZipInfo keeps its own deflate level (public as compress_level from Python 3.13).
LEVEL_FIELD = "compress_level" if hasattr(zipfile.ZipInfo(), "compress_level") else "_compresslevel"


def zip_time(epoch: int) -> tuple[int, int, int, int, int, int]:
    """A zip timestamp (UTC, 2-second steps, not before 1980) for SOURCE_DATE_EPOCH."""
    return time.gmtime(max(epoch, 315532800))[:6]


def write_zip(root: Path, fh: BinaryIO, prefix: str, epoch: int,
              advance: Callable[[int], object] | None = None) -> None:
    """Zip every file under `root` into `fh`, under the folder `prefix/` (may be empty)."""
    stamp = zip_time(epoch)
    with zipfile.ZipFile(fh, "w") as archive:
        for path in sorted(root.rglob("*"), key=lambda p: p.relative_to(root).as_posix()):
            if not path.is_file():
                continue
            rel = path.relative_to(root).as_posix()
            info = zipfile.ZipInfo(f"{prefix}/{rel}" if prefix else rel, date_time=stamp)
            info.create_system = 3                    # unix, whatever the host
            info.external_attr = (0o100644 & 0xFFFF) << 16
            stored = path.suffix.lower() in STORED
            info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
            # the fastest deflate: a kit's text is a fifth of level 6's time, 13 % more bytes
            setattr(info, LEVEL_FIELD, 1)
            size = path.stat().st_size
            big = size >= 1 << 31
            with open(path, "rb") as src, archive.open(info, "w", force_zip64=big) as dst:
                shutil.copyfileobj(src, dst, 1 << 20)
            if advance:
                advance(size)
