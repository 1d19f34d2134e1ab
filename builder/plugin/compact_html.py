"""Course pages without the templates' indentation: a third of a page's bytes is the leading
white space of Material's template lines. A line break stays wherever there was white space, so
the page renders the same; preformatted elements keep every character."""

from __future__ import annotations

import re

# Elements whose white space is content.
_KEEP = re.compile(r"(<(pre|textarea)[\s>].*?</\2\s*>)", re.S | re.I)
_INDENT = re.compile(r"\n[ \t\r\n]+")


def collapse(html: str) -> str:
    """`html` with each run of white space that holds a line break made one line break, except
    inside <pre> and <textarea>."""
    parts = _KEEP.split(html)
    # split() with two groups yields: text, whole element, tag name, text, …
    out = []
    for index, part in enumerate(parts):
        kind = index % 3
        if kind == 0:
            out.append(_INDENT.sub("\n", part))
        elif kind == 1:
            out.append(part)
    return "".join(out)
