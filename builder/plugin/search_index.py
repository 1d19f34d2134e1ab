"""The search index as written to a site: compact UTF-8 JSON. Material's search plugin escapes
every character outside ASCII (`\\u0430`: three times the bytes of Kazakh and Russian text);
`write_utf8` makes its index write the same JSON unescaped, once — Material's offline plugin
inlines that text into the `search_index.js` of case kits as it is."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

INDEX = Path("search") / "search_index.json"
# The fields of Material's search settings that its index carries (SearchIndex.generate_...).
CONFIG_KEYS = ("lang", "separator", "pipeline", "fields")


def dumps(data: Any) -> str:
    """JSON as the sites carry it: UTF-8, no spaces; anything else as Material writes it."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=str)


def write_utf8(search: Any) -> None:
    """Have Material's search plugin (`search`, after its on_config) generate its index as
    `dumps` makes it. A `mkdocs serve --dirty` rebuild (a previous index to merge) keeps
    Material's own generation."""
    index = getattr(search, "search_index", None)
    if index is None:
        return
    generate = index.generate_search_index

    def generate_utf8(prev: Any) -> str:
        if prev:
            return generate(prev)
        return dumps({"config": {key: index.config[key] for key in CONFIG_KEYS},
                      "docs": index.entries})

    index.generate_search_index = generate_utf8
