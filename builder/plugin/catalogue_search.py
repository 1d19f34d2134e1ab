"""The portal's search: one document a course — code (as written and without its dash), title,
developer, programme, description, language — whose result opens the course's own site."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import Any

from builder import messages
from builder.plugin.search_index import INDEX, dumps
from builder.write import write_text


def course_docs(cards: list[dict[str, Any]], lang: str) -> list[dict[str, str]]:
    """Search documents of the catalogue's courses (`cards` from pages.course_card)."""
    ui = messages.ui(lang)
    docs = []
    for c in cards:
        code = c["code"] or ""
        variants = " ".join(dict.fromkeys(filter(None, [code, re.sub(r"[\s\-–]+", "", code),
                                                         *re.findall(r"\d+", code)])))
        facts = [variants, c["developer"], c["programme"], c["description"],
                 ui.get(f"lang_{c['language']}", c["language"])]
        docs.append({"location": f"{c['slug']}/",
                     "title": html.escape(" ".join(filter(None, [code, c["title"]]))),
                     "text": "<p>" + html.escape(_sentences(facts)) + "</p>"})
    return docs


def _sentences(facts: list[str]) -> str:
    return " ".join(f if f.endswith((".", "!", "?")) else f + "." for f in facts if f)


def add_courses(site_dir: Path, cards: list[dict[str, Any]], lang: str) -> None:
    """Put the courses into the portal's index written by Material's search plugin."""
    path = site_dir / INDEX
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return  # the search plugin is off
    data["docs"] = [d for d in data.get("docs", []) if not d.get("location", "").startswith("#")]
    data["docs"] += course_docs(cards, lang)
    write_text(path, dumps(data))
