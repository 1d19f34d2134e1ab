"""A case/verify message for people: the catalogue text in the reader's language, then its hint."""

from __future__ import annotations

from builder.messages import text


def say(lang: str, key: str, **params: object) -> str:
    message, hint = text(lang, key, "message", params), text(lang, key, "hint", params)
    return f"{message}\n  {hint}" if hint else message
