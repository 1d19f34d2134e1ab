"""The navigation rendered once a course build, each page getting its links made relative to it.

Material renders the whole primary navigation into every page (with `navigation.sections`,
every page of every component): per page, a Jinja macro call for every item. The template
`partials/nav-item.html` (theme/) hands every item to `NavMemo.item` instead, which renders
through Material's own macro (`render_item`) only what it has not rendered in this build:

- an item that is not active renders the same on every page but for its links: it is rendered
  once with its links marked (url_marks.py), and each page gets them made relative to it;
- an active section renders the same on every page inside it but for its children: it is
  rendered once with a slot for each child, and each page fills the slots (the page's own item is
  rendered for it, with its table of contents; the others come from the memo).

A page is byte for byte what Material renders without the memo (tests/test_nav_memo.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from markupsafe import Markup

from builder.plugin.url_marks import UrlMarks

Item = tuple[Any, str, int, Any]  # nav item, path, level, parent: the arguments of render_item


class NavMemo:
    """One course build's rendered nav items (a fresh memo for every build: keys hold item
    identities, which are only unique within one build)."""

    def __init__(self, features: list[str], marks: UrlMarks) -> None:
        self.features = list(features)
        self.marks = marks
        self._slot_mark = f"\ue002{marks.token}:{{}}\ue003"
        self._slots_in = re.compile(f"\ue002{marks.token}:(\\d+)\ue003")
        self.rendered: dict[tuple[Any, ...], str] = {}
        self.slots: list[Item] = []
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
            return Markup(self.marks.resolve(html, page, base_url))
        return self.marks.resolved(html, page, base_url)  # the same on many pages

    def _html(self, render_item: Callable[..., str], args: Item, page: Any) -> str:
        nav_item, path, level, parent = args
        if getattr(nav_item, "pages", None):  # Material's blog views: may hold the page
            return str(render_item(*args))
        parent_active = bool(getattr(parent, "active", False))
        children = getattr(nav_item, "children", None)
        if not nav_item.active:
            # a page's link shows neither its place in the tree nor its parent's state
            key: tuple[Any, ...] = ((id(nav_item), path, level, parent_active) if children
                                    else (id(nav_item),))
            if key not in self.rendered:
                self.rendered[key] = self._marked(render_item, args, slots=False)
            return self.rendered[key]
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
        self.slotting = slots
        try:
            with self.marks.marking():
                return str(render_item(*args))
        finally:
            self.slotting = False

    def _index(self, children: list[Any]) -> Any:
        """The section's index page, as Material's nav-item.html finds it."""
        if "navigation.indexes" not in self.features:
            return None
        return next((item for item in children if getattr(item, "is_index", False)), None)
