"""The one hashing helper: SHA-256 of streams, files and sets of files, read in 1 MiB chunks."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import Any, BinaryIO

CHUNK = 1 << 20


def feed(digest: Any, fh: BinaryIO, advance: Callable[[int], object] | None = None) -> None:
    """Add a binary stream to a running hash (`advance(n)` after each chunk, for progress)."""
    while chunk := fh.read(CHUNK):
        digest.update(chunk)
        if advance:
            advance(len(chunk))


def sha256_stream(fh: BinaryIO, advance: Callable[[int], object] | None = None) -> str:
    """Hex SHA-256 of a binary stream."""
    digest = hashlib.sha256()
    feed(digest, fh, advance)
    return digest.hexdigest()


def sha256_file(path: Path, advance: Callable[[int], object] | None = None) -> str:
    """Hex SHA-256 of a file's content."""
    with open(path, "rb") as fh:
        return sha256_stream(fh, advance)


def sha256_text(text: str) -> str:
    """Hex SHA-256 of a text's UTF-8 bytes."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
