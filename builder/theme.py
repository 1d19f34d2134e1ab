"""Where eumk's templates live (theme/), and the Jinja environments over its print, case and
tickets folders (the web pages are rendered by MkDocs through Material)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import jinja2

THEME = Path(__file__).resolve().parents[1] / "theme"


@cache
def environment(folder: str) -> jinja2.Environment:
    """Jinja over theme/<folder>/ (print, case or tickets), HTML-autoescaped."""
    return jinja2.Environment(loader=jinja2.FileSystemLoader(THEME / folder),
                              autoescape=True, undefined=jinja2.StrictUndefined,
                              keep_trailing_newline=True)
