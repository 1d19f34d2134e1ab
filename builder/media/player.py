"""The player's data for a page with a video: sources, poster, subtitle tracks, chapters, labels.

The theme partial `partials/eumk/video.html` renders it from `page.meta.eumk_video`.
"""

from __future__ import annotations

import base64
import posixpath
from collections.abc import Callable
from pathlib import Path
from typing import Any

from builder import messages
from builder.links import resolve
from builder.media.poster import poster_name
from builder.media.probe import VIDEO_EXT, clock
from builder.media.refs import chapters, page_video, subtitles
from builder.media.vtt import VttError
from builder.model import Page
from builder.paths import is_outside

# Each language named in itself, as a subtitle menu shows it.
NATIVE_NAMES = {"kk": "Қазақша", "ru": "Русский", "en": "English", "tr": "Türkçe",
                "uz": "Oʻzbekcha", "ky": "Кыргызча", "de": "Deutsch", "fr": "Français",
                "zh": "中文"}
MIME = {".mp4": "video/mp4", ".m4v": "video/mp4", ".webm": "video/webm", ".ogv": "video/ogg",
        ".mov": "video/quicktime", ".mp3": "audio/mpeg", ".m4a": "audio/mp4",
        ".aac": "audio/aac", ".ogg": "audio/ogg", ".oga": "audio/ogg", ".opus": "audio/ogg",
        ".wav": "audio/wav", ".flac": "audio/flac"}
UrlFor = Callable[[Path], str]


def vtt_data_url(path: Path) -> str:
    """A .vtt file as a data: URL: subtitle tracks then load from file:// too."""
    return "data:text/vtt;charset=utf-8;base64," + base64.b64encode(path.read_bytes()).decode()


def player_data(page: Page, language: str, url_for: UrlFor, *, poster: bool = True,
                inline_tracks: bool = False) -> dict[str, Any] | None:
    """JSON-able data for the player of `page`, or None when the page names no video.

    `url_for(path)` maps a source file of the course to its URL relative to the built page.
    `poster`: the build wrote `make_poster(video, <video's folder in the site>/poster_name(video))`.
    `inline_tracks`: embed subtitles as data: URLs — needed from file:// (case kits), where
    Chromium refuses `<track src="x.vtt">` as cross-origin.
    """
    ref = page_video(page)
    if ref is None:
        return None
    video = ref.path
    src = url_for(video)
    tracks = []
    for lang, path in sorted(subtitles(page).items(), key=lambda item: item[0] != language):
        if not path.is_file():
            continue
        tracks.append({
            "src": vtt_data_url(path) if inline_tracks else url_for(path),
            "srclang": lang,
            "label": NATIVE_NAMES.get(lang, lang),
            "default": lang == language,
        })
    try:
        marks = chapters(page)
    except (ValueError, OSError, UnicodeDecodeError, VttError):
        marks = []  # the media rules report it
    ui = messages.ui(language)
    slides = page.meta.slides
    return {
        "src": src,
        "type": MIME.get(video.suffix.lower(), "video/mp4"),
        "audio_only": video.suffix.lower() not in VIDEO_EXT,
        "poster": (posixpath.join(posixpath.dirname(src), poster_name(video))
                   if poster and video.suffix.lower() in VIDEO_EXT else None),
        "title": page.title,
        "tracks": tracks,
        "chapters": [{"title": title, "seconds": round(start, 3), "label": clock(start)}
                     for title, start in marks],
        "slides": url_for(resolve(page, slides)) if slides and not is_outside(
            resolve(page, slides)) else None,
        "labels": {key: ui[f"video_{key}"]
                   for key in ("chapters", "download", "slides", "no_support", "subtitles")},
    }


def site_poster(page: Page, course_dir: Path, site_dir: Path) -> bool:
    """Write the poster of `page`'s video into a course site that mirrors the course folder
    (site_dir/media/x.poster.jpg for course_dir/media/x.mp4); False when there can be none."""
    from builder.media.poster import make_poster
    from builder.media.tool import MediaError

    ref = page_video(page)
    if ref is None or not ref.path.is_file() or ref.path.suffix.lower() not in VIDEO_EXT:
        return False
    try:
        rel = ref.path.relative_to(Path(course_dir).resolve())
        make_poster(ref.path, Path(site_dir) / rel.parent / poster_name(ref.path))
    except (MediaError, OSError, ValueError):
        return False
    return True
