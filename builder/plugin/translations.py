"""The theme's UI strings for one build: `lang.t(key)` of Material's templates as a dictionary
lookup. Each string is made once by Material's own language macros (the course language's,
else English's, else the key), as partials/language.html makes it, and kept."""

from __future__ import annotations

import jinja2
from markupsafe import Markup, escape


class Translations:
    """`t(key)`: the UI string `key` in `language`, as Material's `lang.t(key)` renders it."""

    def __init__(self, env: jinja2.Environment, language: str) -> None:
        self.env = env
        self.language = language
        self.made: dict[str, Markup] = {}

    def t(self, key: str) -> Markup:
        found = self.made.get(key)
        if found is None:
            found = self.made[key] = self._make(key)
        return found

    def _make(self, key: str) -> Markup:
        lang = self.env.get_template(f"partials/languages/{self.language}.html").module
        fallback = self.env.get_template("partials/languages/en.html").module
        value = lang.t(key) or fallback.t(key) or key  # type: ignore[attr-defined]
        return Markup(escape(value) if self.env.autoescape else value)
