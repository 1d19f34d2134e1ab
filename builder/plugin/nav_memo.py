"""The navigation rendered once a course build, each page getting its links made relative to it.

Material renders the whole primary navigation into every page (with `navigation.sections`,
every page of every component): per page, a Jinja macro call for every item. The template
`partials/nav-item.html` (theme/) hands every item to `NavMemo.item` instead, which renders
through Material's own macro (`render_item`) only what it has not rendered in this build:

- an item that is not active renders the same on every page but for its links: it is rendered
  once, its links left as marks (the `url` filter, while the memo renders, marks its value), and
  each page resolves the marks as MkDocs' `url` filter would have made them for it;
- an active section renders the same on every page inside it but for its children: it is
  rendered once with a slot for each child, and each page fills the slots (the page's own item is
  rendered for it, with its table of contents; the others come from the memo).

A page is byte for byte what Material renders without the memo (tests/test_nav_memo.py).
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable
from typing import Any

from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import Markup, escape
from mkdocs.utils import _get_norm_url, _norm_parts, normalize_url
from mkdocs.utils.templates import url_filter as mkdocs_url_filter

Item = tuple[Any, str, int, Any]  # nav item, path, level, parent: the arguments of render_item


class NavMemo:
    """One course build's rendered nav items (a fresh memo for every build: keys hold item
    identities, which are only unique within one build)."""

    def __init__(self, features: list[str]) -> None:
        self.features = list(features)
        token = secrets.token_hex(8)  # marks an author's title cannot forge
        self._url_mark = f"\ue000{token}:{{}}\ue001"
        self._slot_mark = f"\ue002{token}:{{}}\ue003"
        self._urls_in = re.compile(f"\ue000{token}:(\\d+)\ue001")
        self._slots_in = re.compile(f"\ue002{token}:(\\d+)\ue003")
        self.rendered: dict[tuple[Any, ...], str] = {}
        self.resolved: dict[tuple[Any, ...], Markup] = {}
        self._targets: dict[str, frozenset[tuple[str, ...]]] = {}
        self.urls: list[tuple[str, bool]] = []  # marked values: (URL as given, to be escaped)
        self._url_ids: dict[tuple[str, bool], int] = {}
        self.slots: list[Item] = []
        self.marking = 0        # > 0 while the memo renders: the url filter marks
        self.slotting = False   # while an active section renders: its children become slots
        self.depth = 0          # item() calls under way (the outermost one resolves the marks)

    def item(self, render_item: Callable[..., str], nav_item: Any, path: str, level: int,
             parent: Any, page: Any, base_url: str) -> Markup:
        """The HTML of `nav_item` on `page` (`render_item`: Material's macro)."""
        if self.slotting:
            self.slots.append((nav_item, path, level, parent))
            return Markup(self._slot_mark.format(len(self.slots) - 1))
        if page is None:  # a page outside the navigation (404.html): as Material does
            return Markup(render_item(nav_item, path, level, parent))
        self.depth += 1
        try:
            html = self._html(render_item, (nav_item, path, level, parent), page)
        finally:
            self.depth -= 1
        if self.depth:
            return Markup(html)
        if nav_item.active or getattr(nav_item, "pages", None):
            return Markup(self._resolve(html, page, base_url))
        # an item not active, resolved once for every page whose links to it are the same
        where = self._where(page, html)
        if where not in self.resolved:
            self.resolved[where] = Markup(self._resolve(html, page, base_url))
        return self.resolved[where]

    def mark(self, value: str, escaped: bool) -> str:
        """A mark for the URL `value` (the url filter's, while the memo renders)."""
        found = self._url_ids.get((value, escaped))
        if found is None:
            found = self._url_ids[(value, escaped)] = len(self.urls)
            self.urls.append((value, escaped))
        return self._url_mark.format(found)

    def _html(self, render_item: Callable[..., str], args: Item, page: Any) -> str:
        nav_item, path, level, parent = args
        if getattr(nav_item, "pages", None):  # Material's blog views: may hold the page
            return str(render_item(*args))
        parent_active = bool(getattr(parent, "active", False))
        if not nav_item.active:
            key: tuple[Any, ...] = (id(nav_item), path, level, parent_active)
            if key not in self.rendered:
                self.rendered[key] = self._marked(render_item, args, slots=False)
            return self.rendered[key]
        children = getattr(nav_item, "children", None)
        if not children:  # the page's own item, with its table of contents
            return str(render_item(*args))
        key = ("active", id(nav_item), path, level, parent_active, self._index(children) is page)
        if key not in self.rendered:
            self.rendered[key] = self._marked(render_item, args, slots=True)
        return self._slots_in.sub(
            lambda m: self._html(render_item, self.slots[int(m.group(1))], page),
            self.rendered[key])

    def _marked(self, render_item: Callable[..., str], args: Item, slots: bool) -> str:
        """Render an item with its URLs marked (and its children as slots, with `slots`)."""
        self.marking += 1
        self.slotting = slots
        try:
            return str(render_item(*args))
        finally:
            self.marking -= 1
            self.slotting = False

    def _index(self, children: list[Any]) -> Any:
        """The section's index page, as Material's nav-item.html finds it."""
        if "navigation.indexes" not in self.features:
            return None
        return next((item for item in children if getattr(item, "is_index", False)), None)

    def _where(self, page: Any, html: str) -> tuple[Any, ...]:
        """What the links of `html` (an item not active, marked) made relative to `page` depend
        on: MkDocs makes a link relative to the page's folder `own` (get_relative_url), and the
        result is the same from every folder beside `own` (same parent, same depth) unless the
        link leads into `own` itself."""
        own = _folder(page.url)
        targets = self._targets.get(html)
        if targets is None:
            links = [_target(self.urls[int(n)][0]) for n in self._urls_in.findall(html)]
            targets = self._targets[html] = frozenset(
                link[:k] for link in links for k in range(1, len(link) + 1))
        return (html, own[:-1], len(own), own if own in targets else None)

    def _resolve(self, html: str, page: Any, base_url: str) -> str:
        """`html` with each URL mark replaced by the URL as the url filter makes it for `page`."""
        made: dict[str, str] = {}

        def url(found: re.Match[str]) -> str:
            number = found.group(1)
            if number not in made:
                value, escaped = self.urls[int(number)]
                relative = normalize_url(value, page=page, base=base_url)
                made[number] = str(escape(relative)) if escaped else relative
            return made[number]

        return self._urls_in.sub(url, html)


def _folder(page_url: str) -> tuple[str, ...]:
    """The folder MkDocs makes links relative to on a page at `page_url` (get_relative_url)."""
    folder, _, name = page_url.rpartition("/")
    return tuple(_norm_parts(folder if "." in name else page_url))


def _target(value: str) -> tuple[str, ...]:
    """The path a link to `value` leads to, as get_relative_url reads it (() for a full URL)."""
    path, level = _get_norm_url(value)
    return () if level == -1 else tuple(_norm_parts(path))


@pass_context
def url_filter(context: Context, value: str) -> str:
    """MkDocs' `url` filter, which marks the URL while the navigation memo renders an item."""
    memo = context.get("eumk_nav")
    if isinstance(memo, NavMemo) and memo.marking:
        return memo.mark(str(value), bool(context.eval_ctx.autoescape))
    return mkdocs_url_filter(context, value)  # type: ignore[no-any-return]
