"""The theme's UI strings: `lang.t(key)` of Material's templates as a dictionary lookup. Each
string is made once by Material's own language macros (the language's, else English's, else the
key), as partials/language.html makes it, and kept."""

from __future__ import annotations

import functools
from collections.abc import Callable

import jinja2
from markupsafe import Markup, escape


class Translations:
    """`of(language)(key)`: the UI string `key` in `language`, as Material's `lang.t(key)`
    renders it (partials/language.html asks for the language of the config it renders with)."""

    def __init__(self, env: jinja2.Environment) -> None:
        self.env = env
        self.made: dict[str, dict[str, Markup]] = {}
        self._lookups: dict[str, Callable[[str], Markup]] = {}

    def of(self, language: str) -> Callable[[str], Markup]:
        found = self._lookups.get(language)
        if found is None:
            found = self._lookups[language] = functools.partial(self.t, language)
        return found

    def t(self, language: str, key: str) -> Markup:
        made = self.made.setdefault(language, {})
        found = made.get(key)
        if found is None:
            found = made[key] = self._make(language, key)
        return found

    def _make(self, language: str, key: str) -> Markup:
        lang = self.env.get_template(f"partials/languages/{language}.html").module
        fallback = self.env.get_template("partials/languages/en.html").module
        value = lang.t(key) or fallback.t(key) or key  # type: ignore[attr-defined]
        return Markup(escape(value) if self.env.autoescape else value)
