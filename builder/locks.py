"""One writer at a time: file locks (filelock) on a site folder, the course cache and a package
in --out; what a killed run left in --out is removed by the next run; SIGTERM unwinds like
Ctrl-C."""

from __future__ import annotations

import contextlib
import hashlib
import shutil
import signal
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from types import FrameType

from builder import messages
from builder.errors import KitError

WAIT = 1800.0        # seconds a run waits for another one writing the same place


def lock_file(target: Path) -> Path:
    """The lock of `target` (a folder or file eumk writes), named by its absolute path in the
    machine's temporary folder: the output folders hold only what eumk makes."""
    name = hashlib.sha256(str(target.resolve()).encode("utf-8", "surrogateescape")).hexdigest()
    return Path(tempfile.gettempdir()) / "eumk-locks" / f"{name[:32]}.lock"


@contextlib.contextmanager
def one_writer(target: Path, lang: str, wait: float = WAIT) -> Iterator[None]:
    """Hold the lock of `target` while the body runs; another run holding it is waited for (a
    line on stderr says so) for at most `wait` seconds, then KitError (exit 1)."""
    from filelock import FileLock, Timeout  # (here: every command imports this module)

    lock_file(target).parent.mkdir(parents=True, exist_ok=True)
    lock = FileLock(lock_file(target))
    try:
        lock.acquire(timeout=0)
    except Timeout:
        print(messages.text(lang, "lock.wait", "message",
                            {"target": target, "seconds": int(wait)}), file=sys.stderr)
        try:
            lock.acquire(timeout=wait)
        except Timeout:
            raise KitError(messages.text(lang, "lock.timeout", "message", {
                "target": target, "seconds": int(wait), "lock": lock_file(target)})) from None
    try:
        yield
    finally:
        lock.release()


def sweep(folder: Path, prefix: str) -> None:
    """Remove `folder/prefix*` left by runs that were killed: call it holding the lock that
    every run writing such names holds, so none of them is in use."""
    for path in folder.glob(f"{glob_escape(prefix)}*"):
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        else:
            with contextlib.suppress(OSError):
                path.unlink()


def glob_escape(text: str) -> str:
    return "".join(f"[{c}]" if c in "*?[]" else c for c in text)


class Stopped(KeyboardInterrupt):
    """SIGTERM or SIGINT: unwinds like Ctrl-C, so every `finally` removes its temporary files."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.exit_code = 128 + signum


@contextlib.contextmanager
def stop_cleanly() -> Iterator[None]:
    """While the body runs, SIGTERM and SIGINT raise `Stopped` (main thread only)."""
    def stop(signum: int, frame: FrameType | None) -> None:
        raise Stopped(signum)

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {s: signal.signal(s, stop) for s in (signal.SIGTERM, signal.SIGINT)}
    try:
        yield
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)
