"""Question Markdown to HTML with the portal's idea of extensions (tables, attributes, formulas)."""

from __future__ import annotations

import re

import markdown

EXTENSIONS = ["tables", "attr_list", "md_in_html", "pymdownx.arithmatex"]
CONFIG = {"pymdownx.arithmatex": {"generic": True}}
_PARA = re.compile(r"\A<p>((?:(?!</?p>).)*)</p>\Z", re.S)


def to_html(text: str, inline: bool = False) -> str:
    """`text` as HTML; `inline` unwraps a lone paragraph (option labels, ticket lines)."""
    html = markdown.markdown(text or "", extensions=EXTENSIONS, extension_configs=CONFIG)
    found = _PARA.match(html) if inline else None
    return found.group(1) if found else html


def to_plain(text: str) -> str:
    """`text` without HTML tags (for <option> labels, which cannot hold markup)."""
    return re.sub(r"<[^>]+>", "", to_html(text, inline=True)).strip()
