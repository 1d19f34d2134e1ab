"""Question Markdown to HTML with the portal's idea of extensions (tables, attributes, formulas),
cleaned of scripts, event handlers and unsafe URLs (banks come from other systems: a question's
text is not trusted like a page body)."""

from __future__ import annotations

import html
import re

import markdown
import nh3

EXTENSIONS = ["tables", "attr_list", "md_in_html", "pymdownx.arithmatex"]
CONFIG = {"pymdownx.arithmatex": {"generic": True}}
# Ammonia's safe list, plus the classes formulas and tables need and a title on anything.
_ATTRIBUTES = {**nh3.ALLOWED_ATTRIBUTES, "*": {"class", "title", "lang", "dir"}}
_PARA = re.compile(r"\A<p>((?:(?!</?p>).)*)</p>\Z", re.S)


def to_html(text: str, inline: bool = False) -> str:
    """`text` as HTML; `inline` unwraps a lone paragraph (option labels, ticket lines)."""
    out = nh3.clean(markdown.markdown(text or "", extensions=EXTENSIONS, extension_configs=CONFIG),
                    attributes=_ATTRIBUTES, link_rel=None)
    found = _PARA.match(out) if inline else None
    return found.group(1) if found else out


def to_plain(text: str) -> str:
    """`text` as plain text, tags dropped (for <option> labels, which cannot hold markup)."""
    return html.unescape(re.sub(r"<[^>]+>", "", to_html(text, inline=True))).strip()
