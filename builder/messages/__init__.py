"""Message catalogues (kk, ru, en): finding texts by rule id, UI strings and headings.

`<lang>.yml` holds the core; an area may add `<area>.<lang>.yml` files (e.g. quiz.kk.yml) with
the same sections, merged in.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

LANGUAGES = ("kk", "ru", "en")
_DIR = Path(__file__).parent
# libyaml when PyYAML has it (the catalogues load ~8× faster: a report needs them at once)
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@cache
def catalogue(lang: str) -> dict[str, Any]:
    """The whole catalogue of `lang` (English when the language is unknown)."""
    if lang not in LANGUAGES:
        lang = "en"
    merged: dict[str, Any] = {"ui": {}, "components": {}, "findings": {}}
    for path in [_DIR / f"{lang}.yml", *sorted(_DIR.glob(f"*.{lang}.yml"))]:
        with open(path, encoding="utf-8") as fh:
            for section, entries in (yaml.load(fh, Loader=_LOADER) or {}).items():
                merged.setdefault(section, {}).update(entries or {})
    return merged


class _Keep(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def text(lang: str, key: str, part: str, params: Any = None) -> str:
    """A finding's `message` or `hint` for rule/message `key`, filled with `params`."""
    for candidate in (lang, "en"):
        entry = catalogue(candidate)["findings"].get(key)
        if entry and part in entry:
            return str(entry[part]).strip().format_map(_Keep(params or {}))
    return "" if part == "hint" else key


def ui(lang: str) -> dict[str, str]:
    """UI strings (report labels, portal headings) of `lang`, English filling any gap."""
    merged = dict(catalogue("en")["ui"])
    merged.update(catalogue(lang)["ui"])
    return merged


def component_titles(lang: str) -> dict[str, str]:
    """Headings of the seven mandatory components and the additional set."""
    merged = dict(catalogue("en")["components"])
    merged.update(catalogue(lang)["components"])
    return merged
