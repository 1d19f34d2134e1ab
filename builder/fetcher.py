"""What WeasyPrint may read while printing: files inside the staged kit (and data: URLs), nothing
else — no file: URL outside it, no http(s), no path that leaves it through a symlink."""

from __future__ import annotations

import logging
import mimetypes
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

from weasyprint.urls import URLFetcher, URLFetcherResponse

log = logging.getLogger("eumk.print")


class KitFetcher(URLFetcher):
    """A WeasyPrint URL fetcher serving only files under `roots` (resolved, symlinks followed
    before the test). A refused URL raises ValueError: WeasyPrint leaves the image, stylesheet
    or attachment out and goes on."""

    def __init__(self, roots: Iterable[Path]) -> None:
        super().__init__(allowed_protocols={"file", "data"}, allow_redirects=False)
        self.roots = [Path(r).resolve() for r in roots]
        self.refused: list[str] = []

    def fetch(self, url: str, headers: dict[str, str] | None = None) -> URLFetcherResponse:
        scheme = url.split(":", 1)[0].lower() if ":" in url else ""
        if scheme == "data":
            return super().fetch(url, headers)
        path = self.inside(url) if scheme == "file" else None
        if path is None:
            self.refused.append(url)
            log.debug("eumk: PDF refused %s", url)
            raise ValueError(f"eumk serves the PDF only files of the kit, not {url}")
        kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(path.as_uri(), path.read_bytes(), {"Content-Type": kind})

    def inside(self, url: str) -> Path | None:
        """The file a file: URL names when it lies inside one of the roots, else None."""
        parts = urlsplit(url)
        if parts.netloc not in ("", "localhost"):
            return None
        try:
            path = Path(url2pathname(parts.path)).resolve()
        except (OSError, ValueError, RuntimeError):
            return None
        if any(path.is_relative_to(root) for root in self.roots) and path.is_file():
            return path
        return None
