"""Inline patterns that skip text they cannot match: a Python-Markdown extension eumk adds last.

Python-Markdown runs every inline pattern over every run of text. Two of them start with a
look-behind alternation, which the regular-expression engine tries at every character: the code
span (`backtick`) and pymdownx.arithmatex's inline maths. They are two fifths of a lecture's
Markdown time, and most paragraphs hold neither a backtick nor a dollar sign nor a backslash.
Each guarded pattern keeps its own regular expression; the guard only answers "no match" at once
for text that has none of the characters every match needs.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from markdown import Extension, Markdown

# pattern name → characters every match of it contains (or looks ahead to):
# backtick: an unescaped "`", or escaped backslashes before one;
# arithmatex-inline: "$…$", or "\(…\)" (and escaped backslashes before either).
NEEDS = {"backtick": "`", "arithmatex-inline": "$\\"}


class Guarded:
    """A compiled pattern that matches nothing in text lacking all of `needs`."""

    def __init__(self, compiled: re.Pattern[str], needs: str) -> None:
        self.compiled = compiled
        self.needs = needs

    def _may_match(self, data: str, pos: int) -> bool:
        return any(data.find(char, pos) != -1 for char in self.needs)

    def finditer(self, data: str, pos: int = 0, *args: Any) -> Iterator[re.Match[str]]:
        if not self._may_match(data, pos):
            return iter(())
        return self.compiled.finditer(data, pos, *args)

    def search(self, data: str, pos: int = 0, *args: Any) -> re.Match[str] | None:
        return self.compiled.search(data, pos, *args) if self._may_match(data, pos) else None

    def match(self, data: str, pos: int = 0, *args: Any) -> re.Match[str] | None:
        return self.compiled.match(data, pos, *args) if self._may_match(data, pos) else None

    def __getattr__(self, name: str) -> Any:
        return getattr(self.compiled, name)


class GuardsExtension(Extension):
    """Put the guards on the inline patterns of `NEEDS` that the other extensions registered."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's name
        for name, needs in NEEDS.items():
            if name in md.inlinePatterns:
                pattern = md.inlinePatterns[name]
                compiled = getattr(pattern, "compiled_re", None)
                if isinstance(compiled, re.Pattern):
                    pattern.compiled_re = Guarded(compiled, needs)


def makeExtension(**kwargs: Any) -> GuardsExtension:  # noqa: N802 - Python-Markdown's name
    return GuardsExtension(**kwargs)
