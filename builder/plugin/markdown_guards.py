"""Patterns that skip text they cannot match: a Python-Markdown extension eumk adds last.

Python-Markdown runs every inline pattern over every run of text and asks every block processor
about every block. Some of their regular expressions start with a look-behind or a line-start
alternation, which the engine tries at every character: the code span (`backtick`) and
pymdownx.arithmatex's inline maths alone were two fifths of a lecture's Markdown time, though
most paragraphs hold no backtick, dollar sign or backslash. Each guarded pattern keeps its own
regular expression; the guard only answers "no match" at once for text that has none of the
characters every match needs.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from markdown import Extension, Markdown
from markdown.treeprocessors import InlineProcessor

# Every inline pattern of the portal's extensions → what each of its matches contains: a text
# holding none of them is left as it is by all of them (see SkippingInline).
INLINE_NEEDS = {
    "backtick": ("`",), "arithmatex-inline": ("$", "\\"), "escape": ("\\",),
    "footnote": ("[",), "reference": ("[",), "link": ("[",), "short_reference": ("[",),
    "image_link": ("[",), "image_reference": ("[",), "short_image_ref": ("[",),
    "autolink": ("<",), "automail": ("<",), "html": ("<",), "entity": ("&",),
    "linebreak": ("  \n",), "em_strong": ("*", "_"), "em_strong2": ("*", "_"),
    "not_strong": ("*", "_"), "strong": ("*", "_"), "emphasis": ("*", "_"),
    "delimiter": ("=", "^", "~"), "mark": ("=",), "caret": ("^",), "tilde": ("~",),
}
# The inline patterns whose own searches are guarded too (for texts that hold some mark, where
# every pattern is asked): backtick needs an unescaped "`" (or escaped backslashes before one),
# arithmatex-inline "$…$" or "\(…\)" (and escaped backslashes before either).
NEEDS = {name: "".join(INLINE_NEEDS[name]) for name in ("backtick", "arithmatex-inline")}
# block processor name → (its regular expression's attribute, characters every match contains)
BLOCK_NEEDS = {
    "quote": ("RE", ">"),            # (^|\n)[ ]{0,3}>
    "hashheader": ("RE", "#"),       # (^|\n)#{1,6}
    "setextheader": ("RE", "=-"),    # a line of = or -
    "deflist": ("RE", ":"),          # (^|\n)[ ]{0,3}:
    "admonition": ("RE", "!"),       # !!! type
    "details": ("START", "?"),       # ??? or ???+
    "tabbed": ("START", "="),        # === or ===!
}


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


class SkippingInline(InlineProcessor):
    """Python-Markdown's inline tree processor, which hands a text to no pattern when it holds
    nothing any registered pattern needs (`INLINE_NEEDS`): most paragraphs of a lecture are
    words and punctuation, and each pattern asked in turn costs more than all its searches.
    With a pattern it does not know registered, it asks every pattern, as Python-Markdown does."""

    def _needs(self) -> tuple[str, ...] | None:
        names = tuple(self.inlinePatterns._data)  # noqa: SLF001 - the registered names
        if names != getattr(self, "_for", None):
            self._for = names
            known = all(name in INLINE_NEEDS for name in names)
            self._all = tuple(dict.fromkeys(n for name in names for n in INLINE_NEEDS[name])) \
                if known else None
        return self._all

    def run(self, tree: Any, ancestors: list[str] | None = None) -> Any:
        self.needs = self._needs()
        return super().run(tree, ancestors)

    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:  # noqa: N802, N803 - the method it replaces
        if self.needs is not None and not any(need in data for need in self.needs):
            return data  # what every pattern would leave it
        return super()._InlineProcessor__handleInline(data, patternIndex)  # type: ignore[misc]


class GuardsExtension(Extension):
    """Guard the patterns of `NEEDS` and `BLOCK_NEEDS` that the other extensions registered,
    and skip texts no inline pattern can match."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's name
        for name, needs in NEEDS.items():
            if name in md.inlinePatterns:
                _guard(md.inlinePatterns[name], "compiled_re", needs)
        for name, (attribute, needs) in BLOCK_NEEDS.items():
            if name in md.parser.blockprocessors:
                _guard(md.parser.blockprocessors[name], attribute, needs)
        if "inline" in md.treeprocessors and type(md.treeprocessors["inline"]) is InlineProcessor:
            priority = next(item.priority for item in md.treeprocessors._priority  # noqa: SLF001
                            if item.name == "inline")
            md.treeprocessors.register(SkippingInline(md), "inline", priority)


def _guard(owner: object, attribute: str, needs: str) -> None:
    compiled = getattr(owner, attribute, None)
    if isinstance(compiled, re.Pattern):
        setattr(owner, attribute, Guarded(compiled, needs))


def makeExtension(**kwargs: Any) -> GuardsExtension:  # noqa: N802 - Python-Markdown's name
    return GuardsExtension(**kwargs)
