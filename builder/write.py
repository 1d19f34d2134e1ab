"""The one place output is written: atomic files and folders, reproducible timestamps."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path


def source_date_epoch(default: int = 315532800) -> int:
    """SOURCE_DATE_EPOCH when set (reproducible builds), else 1980-01-01 (earliest zip time)."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "")
    return int(value) if value.isdigit() else default


def build_time() -> dt.datetime:
    """'Now' for what a build writes: SOURCE_DATE_EPOCH when set, so output is reproducible."""
    now = int(dt.datetime.now(dt.UTC).timestamp())
    return dt.datetime.fromtimestamp(source_date_epoch(now), dt.UTC)


def published(path: Path | str) -> None:
    """Give a temporary file or folder the mode a normal one gets (mkstemp/mkdtemp make them
    private: 0600/0700), so a web server or another user can read what eumk publishes."""
    mask = os.umask(0)
    os.umask(mask)
    os.chmod(path, (0o777 if os.path.isdir(path) else 0o666) & ~mask)


def write_bytes(path: Path, data: bytes) -> None:
    """Write `data` to `path` atomically: readers see the old file or the new one, never half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        published(tmp)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def write_text(path: Path, text: str) -> None:
    write_bytes(path, text.encode("utf-8"))


@contextlib.contextmanager
def atomic_dir(target: Path) -> Iterator[Path]:
    """Yield a temporary folder beside `target`; on success it replaces `target` in one step.

    On any error the temporary folder is removed and an existing `target` stays untouched.
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"))
    published(tmp)
    try:
        yield tmp
        old = None
        if target.exists():
            old = target.parent / f".{target.name}.old.{os.getpid()}"
            os.replace(target, old)
        os.replace(tmp, target)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)


@contextlib.contextmanager
def atomic_file(target: Path) -> Iterator[Path]:
    """Yield a temporary path beside `target` to write (a big zip, an ISO); on success it replaces
    `target` in one step, on any error it is removed and an existing `target` stays untouched."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    os.close(fd)
    try:
        yield Path(tmp)
        published(tmp)
        os.replace(tmp, target)
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
