"""The start page at a medium's root (START.html / БАСТАУ.html / НАЧАЛО.html, course language)."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

from builder.case.manifest import MANIFEST
from builder.messages import ui
from builder.model import Course
from builder.online import student_online_places
from builder.theme import environment
from builder.write import write_text

HOME = "index.html"
MEDIA = "media"


def start_file(lang: str) -> str:
    """The start page's file name in the course language."""
    return ui(lang)["case_start_file"]


def write_start_page(course: Course, root: Path, pdf_name: str, medium: str) -> Path:
    """Write the start page into `root` (the medium being assembled) and return its path."""
    lang = course.language
    labels = ui(lang)
    entries = []
    if (root / HOME).is_file():
        entries.append({"name": HOME, "href": HOME, "description": labels["case_home"]})
    if (root / pdf_name).is_file():
        entries.append({"name": pdf_name, "href": quote(pdf_name),
                        "description": labels["case_pdf"]})
    if (root / MEDIA).is_dir():
        entries.append({"name": f"{MEDIA}/", "href": f"{MEDIA}/",
                        "description": labels["case_media"]})
    entries.append({"name": MANIFEST, "href": MANIFEST, "description": labels["case_manifest"]})
    count = sum(1 for p in root.rglob("*") if p.is_file()) + 2  # + this page and the manifest
    online: dict[str, dict[str, object]] = {}  # page → its addresses on the internet
    for place in student_online_places(course):
        entry = online.setdefault(place.page.rel, {"title": place.page.title, "urls": []})
        if place.url not in entry["urls"]:  # type: ignore[operator]
            entry["urls"].append(place.url)  # type: ignore[attr-defined]
    page = environment("case").get_template("start.html").render(
        lang=lang, ui=labels, meta=course.meta, entries=entries,
        home=HOME if (root / HOME).is_file() else quote(pdf_name), medium=medium.upper(),
        count=count, online=list(online.values()))
    target = root / start_file(lang)
    write_text(target, page)
    return target
