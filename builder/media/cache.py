"""The media cache (.cache/eumk or $EUMK_CACHE_DIR): content hashes and entries keyed by them."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from builder.digest import sha256_file as file_sha256
from builder.write import write_text


def cache_root() -> Path:
    """The course-independent cache folder: $EUMK_CACHE_DIR, else .cache/eumk under the cwd."""
    return Path(os.environ.get("EUMK_CACHE_DIR") or ".cache/eumk")



def _index_path() -> Path:
    return cache_root() / "probe" / "files.json"


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def content_hash(path: Path) -> str:
    """sha256 of `path`, remembered by (path, size, mtime_ns) so unchanged files are not re-read."""
    path = Path(path).resolve()
    stat = path.stat()
    stamp = [stat.st_size, stat.st_mtime_ns]
    index_file = _index_path()
    index = _read_json(index_file)
    index = index if isinstance(index, dict) else {}
    known = index.get(str(path))
    if isinstance(known, dict) and known.get("stamp") == stamp and known.get("sha256"):
        return str(known["sha256"])
    sha = file_sha256(path)
    index[str(path)] = {"stamp": stamp, "sha256": sha}
    _save(index_file, index)
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
