"""What a library said (PyYAML's parser, pydantic's validators) in the course's language: the
English text of a library never reaches a kk or ru finding (catalogues `problems.<lang>.yml`)."""

from __future__ import annotations

import re
from functools import cache

from builder import messages


@cache
def _patterns(lang: str) -> list[tuple[re.Pattern[str], str]]:
    entries = messages.catalogue(lang).get("problems", {}).get("yaml", []) or []
    return [(re.compile(pattern), template) for pattern, template in entries]


def yaml_problem(problem: str, lang: str) -> str:
    """PyYAML's (or eumk's YAML loader's) English `problem` said in `lang`; English as it is."""
    if lang == "en" or lang not in messages.LANGUAGES:
        return problem
    for pattern, template in _patterns(lang):
        found = pattern.search(problem)
        if found:
            return template.replace("{0}", found.group(1)) if found.groups() else template
    return str(messages.catalogue(lang)["problems"]["yaml_other"])


def value_problem(kind: str, problem: str, lang: str) -> str:
    """pydantic's English message of error type `kind` said in `lang`; English as it is."""
    if lang == "en" or lang not in messages.LANGUAGES or not kind:
        return problem
    table = messages.catalogue(lang).get("problems", {})
    value = table.get("value", {}) or {}
    if kind in value:
        return str(value[kind])
    for prefix, text in value.items():
        if kind.startswith(prefix + "_"):
            return str(text)
    return str(table["value_other"])
