"""The navigation rendered once a course build: a nav item that is not the current page's own
renders the same wherever its links, relative to the page, are the same.

Material renders the whole primary navigation into every page (with `navigation.sections`,
every page of every component). The template `partials/nav-item.html` (theme/) asks
`eumk_nav` for each item that is not active; the memo keys the item's HTML on what that HTML
can depend on besides the item itself: its place in the tree (path, level, whether its parent is
active) and the URLs it links, made relative to the page as MkDocs' `url` filter makes them.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from markupsafe import Markup
from mkdocs.utils import normalize_url


def _links(item: Any) -> Iterator[str]:
    """The URL of every page and link under `item` (itself included), in nav order."""
    if getattr(item, "children", None):
        for child in item.children:
            yield from _links(child)
    elif getattr(item, "url", None) is not None:
        yield str(item.url)


def _first_link(item: Any) -> str | None:
    """The URL Material's pruned item links: the first page down the first children."""
    while getattr(item, "children", None):
        item = item.children[0]
    url = getattr(item, "url", None)
    return None if url is None else str(url)


def pruned(features: list[str], level: int, parent_active: bool) -> bool:
    """Whether Material (nav-item.html) renders an inactive section at `level` pruned: only a
    link to its first page."""
    if "navigation.prune" not in features:
        return False
    if "navigation.tabs" in features:
        return not ("navigation.sections" in features and level == 2 and parent_active)
    return not ("navigation.sections" in features and level == 1)


class NavMemo:
    """One course build's rendered nav items (a fresh memo for every build: keys hold item
    identities, which are only unique within one build)."""

    def __init__(self, features: list[str]) -> None:
        self.features = list(features)
        self.rendered: dict[tuple[Any, ...], Markup] = {}

    def key(self, nav_item: Any, path: str, level: int, parent: Any, page: Any,
            base_url: str) -> tuple[Any, ...]:
        """What the HTML of `nav_item` (not active) on `page` depends on besides the item (links
        as MkDocs' `url` filter makes them: relative to the page, or on `base_url` without one,
        as on 404.html)."""
        if getattr(nav_item, "pages", None):  # Material's blog views: may hold the page
            return (id(page), id(nav_item), path, level)
        parent_active = bool(getattr(parent, "active", False))
        if getattr(nav_item, "children", None) and pruned(self.features, level, parent_active):
            first = _first_link(nav_item)
            links: tuple[str, ...] = () if first is None else (first,)
        else:
            links = tuple(_links(nav_item))
        return (id(nav_item), path, level, parent_active, page is None,
                tuple(normalize_url(url, page=page, base=base_url) for url in links))

    def keep(self, key: tuple[Any, ...], html: str) -> Markup:
        """Remember the HTML rendered for `key`; return it."""
        self.rendered[key] = Markup(html)
        return self.rendered[key]
