"""The media cache (.cache/eumk or $EUMK_CACHE_DIR): content hashes and entries keyed by them."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

from builder.digest import sha256_file as file_sha256
from builder.write import write_text


def cache_root() -> Path:
    """The course-independent cache folder: $EUMK_CACHE_DIR, else .cache/eumk under the cwd."""
    return Path(os.environ.get("EUMK_CACHE_DIR") or ".cache/eumk")


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def content_hash(path: Path) -> str:
    """sha256 of `path`, remembered by (path, size, mtime_ns) so unchanged files are not re-read.

    One small entry a file (not one index of all files): an academy's thousands of videos cost
    one read and at most one write each."""
    path = Path(path).resolve()
    stat = path.stat()
    stamp = [stat.st_size, stat.st_mtime_ns]
    key = hashlib.sha256(str(path).encode()).hexdigest()
    known = get("stamps", key)
    if isinstance(known, dict) and known.get("stamp") == stamp and known.get("sha256"):
        return str(known["sha256"])
    sha = file_sha256(path)
    put("stamps", key, {"path": str(path), "stamp": stamp, "sha256": sha})
    return sha


def get(kind: str, key: str) -> Any:
    """The cached JSON entry `key` of `kind` (probe, …), or None."""
    return _read_json(cache_root() / kind / f"{key}.json")


def put(kind: str, key: str, value: Any) -> None:
    _save(cache_root() / kind / f"{key}.json", value)


def _save(path: Path, value: Any) -> None:
    try:
        write_text(path, json.dumps(value, ensure_ascii=False, sort_keys=True))
    except OSError:
        pass  # a read-only cache only costs time
