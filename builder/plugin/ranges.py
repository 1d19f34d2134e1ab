"""HTTP Range requests in the author's preview (`mkdocs serve`, whose server answers every
request with the whole file): a video is served in parts, so a chapter link seeks instead of
restarting the video at 0:00."""

from __future__ import annotations

import mimetypes
import os
import posixpath
import re
from collections.abc import Callable, Iterable
from typing import Any

App = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]
_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")
CHUNK = 1 << 16


def byte_range(header: str, size: int) -> tuple[int, int] | None:
    """(first, last) byte of a single `bytes=` range of a `size`-byte file; None if unsatisfiable
    or not of that form (several ranges are answered with the whole file, as RFC 9110 allows)."""
    found = _RANGE.match(header.strip())
    if not found or not (found[1] or found[2]) or size == 0:
        return None
    if not found[1]:                                  # bytes=-500: the last 500 bytes
        return max(0, size - int(found[2])), size - 1
    first = int(found[1])
    last = min(int(found[2]), size - 1) if found[2] else size - 1
    return (first, last) if first <= last else None


def with_ranges(app: App, root: str, mount_path: str = "/") -> App:
    """`app` (MkDocs' live-reload server), answering GET requests with a Range header for
    files other than pages itself: 206 with the part asked for, 416 when out of bounds."""

    def ranged(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        header = environ.get("HTTP_RANGE", "")
        path = _file(environ, root, mount_path) if header else None
        if path is None or environ.get("REQUEST_METHOD", "GET") not in ("GET", "HEAD"):
            return app(environ, start_response)
        size = os.path.getsize(path)
        if header.replace(" ", "").count(",") or not header.startswith("bytes="):
            return app(environ, start_response)
        part = byte_range(header, size)
        if part is None:
            start_response("416 Range Not Satisfiable",
                           [("Content-Range", f"bytes */{size}"), ("Content-Length", "0")])
            return [b""]
        first, last = part
        kind = mimetypes.guess_type(path)[0] or "application/octet-stream"
        start_response("206 Partial Content", [
            ("Content-Type", kind), ("Content-Length", str(last - first + 1)),
            ("Content-Range", f"bytes {first}-{last}/{size}"), ("Accept-Ranges", "bytes")])
        if environ.get("REQUEST_METHOD") == "HEAD":
            return [b""]
        return _read(path, first, last)

    return ranged


def _file(environ: dict[str, Any], root: str, mount_path: str) -> str | None:
    """The site file a request names (as MkDocs' server resolves it); pages are left to it."""
    path = environ.get("PATH_INFO", "").encode("latin-1").decode("utf-8", "ignore")
    mount = "/" + mount_path.strip("/") + "/" if mount_path.strip("/") else "/"
    if not (path + "/").startswith(mount) or path.endswith("/") or path.endswith(".html"):
        return None
    rel = posixpath.normpath("/" + path[len(mount):]).lstrip("/")
    full = os.path.join(root, rel)
    return full if os.path.isfile(full) else None


def _read(path: str, first: int, last: int) -> Iterable[bytes]:
    with open(path, "rb") as fh:
        fh.seek(first)
        left = last - first + 1
        while left > 0:
            chunk = fh.read(min(CHUNK, left))
            if not chunk:
                break
            left -= len(chunk)
            yield chunk
