"""The search index as written to a site: UTF-8 JSON (Material writes `\\u` escapes, three times
the bytes of Kazakh and Russian text), and the copy offline kits load from file://."""

from __future__ import annotations

import json
from pathlib import Path

from builder.write import write_text

INDEX = Path("search") / "search_index.json"
# What Material's offline plugin makes of the index for file:// (plugins/offline/plugin.py).
OFFLINE_PREFIX = "var __index = "


def compact(site_dir: Path) -> None:
    """Rewrite the site's search index (and its offline copy) as compact UTF-8 JSON."""
    path = site_dir / INDEX
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return  # no search in this site
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    write_text(path, text)
    offline = path.with_suffix(".js")
    if offline.is_file():
        write_text(offline, OFFLINE_PREFIX + text)
