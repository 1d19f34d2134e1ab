"""Page and heading titles as plain text, so the theme's autoescaping shows them as typed.

MkDocs hands the templates two kinds of title: plain text (front matter `title:`, nav entries)
and HTML (a title taken from the page's first `#` heading, the table of contents). Escaping every
value in the templates (Jinja autoescape, see `plugin.on_env`) is only right for plain text, so
the HTML ones are turned into the text they show. Material's search index, which the browser
renders as HTML, takes a page's title from its first heading: every page therefore starts with
its title as an escaped `<h1>` with an id (the one Material's `partials/content.html` would
otherwise add).
"""

from __future__ import annotations

import html
import re

from markupsafe import Markup
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink

_H1_FIRST = re.compile(r"\s*<h1[\s>]")


def plain_titles(page: Page, body: str) -> str:
    """Make the page's and its headings' titles plain text; return the body led by its h1."""
    if "title" in page.meta:
        page.meta["title"] = _text(page.meta["title"])
    elif page._title_from_render:  # noqa: SLF001 - MkDocs keeps the heading's HTML here
        page.meta["title"] = Markup(page._title_from_render).striptags()  # noqa: SLF001
    _plain_toc(page.toc.items if page.toc else [])
    if page.meta.get("title") and not _H1_FIRST.match(body):
        title = html.escape(page.meta["title"], quote=False)
        body = f'<h1 id="eumk-title">{title}</h1>\n{body}'  # search takes headings with an id
    return body


def _plain_toc(items: list[AnchorLink]) -> None:
    for item in items:
        item.title = Markup(item.title).striptags()
        _plain_toc(item.children)


def _text(value: object) -> str:
    """A front-matter title as text: YAML may give a number, a date or (by mistake) a list."""
    return value if isinstance(value, str) else str(value)

