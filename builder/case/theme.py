"""Where the case templates live (theme/print, theme/case) and the Jinja environment over them."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import jinja2

THEME = Path(__file__).resolve().parents[2] / "theme"


@cache
def environment(folder: str) -> jinja2.Environment:
    """Jinja over theme/<folder>/ (print or case), HTML-autoescaped."""
    return jinja2.Environment(loader=jinja2.FileSystemLoader(THEME / folder),
                              autoescape=True, undefined=jinja2.StrictUndefined,
                              keep_trailing_newline=True)
