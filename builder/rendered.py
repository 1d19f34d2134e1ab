"""What a built course site holds: its pages in kit order (order 385 p.6), for print, packages."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class RenderedPage:
    """One HTML page of a built course site."""

    component: str               # syllabus, lectures, …, consultations, extra
    title: str
    html: str                    # path inside the site folder, posix ("lectures/01-x.html")
    attachments: tuple[Path, ...] = ()  # PDFs the page attaches (front matter `slides`), absolute


@dataclass
class RenderedCourse:
    """A course built as its own site folder (portal: site/<slug>/; case kit: the medium root)."""

    slug: str
    site_dir: Path
    pages: list[RenderedPage] = field(default_factory=list)  # kit order: syllabus … extra
    offline: bool = False        # built for file:// (no network, .html links)
    pdf_cache: Path | None = None  # where printed kits of this code are kept (content-keyed)
