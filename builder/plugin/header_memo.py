"""The page header rendered once a course build: Material's partials/header.html (the logo, the
site name, the palette toggles, the search form) is the same on every page but for the page's
title and its links. `partials/header.html` (theme/) hands the header to `HeaderMemo.html`,
which renders Material's template once with a stand-in page whose title is a slot and with the
links marked (url_marks.py); each page gets its title and its links filled in.

Headers that show more of the page (sticky tabs) are rendered for every page, as is a header
whose template asks the stand-in page for anything but its title. A page is byte for byte what
Material renders without the memo (tests/test_header_memo.py).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from markupsafe import Markup, escape

from builder.plugin.url_marks import UrlMarks


class _TitleSlot:
    """The page, as the header template sees it while the memo renders it: a title slot."""

    def __init__(self, slot: str) -> None:
        self.title = slot
        self.meta = {"title": slot}
        self.touched = False

    def __getattr__(self, name: str) -> Any:
        self.touched = True  # the header shows more of the page: it cannot be kept
        raise AttributeError(name)


class HeaderMemo:
    """One course build's header."""

    def __init__(self, features: list[str], marks: UrlMarks) -> None:
        self.marks = marks
        self.slot = f"\ue004{marks.token}\ue005"
        self.kept: str | None = None
        # sticky tabs in the header show the page's place in the navigation
        self.off = "navigation.tabs.sticky" in features and "navigation.tabs" in features

    def html(self, material_header: Callable[[Any], str], page: Any, base_url: str) -> Markup:
        """The header of `page` (`material_header(page)`: Material's template)."""
        if self.off or page is None:
            return Markup(material_header(page))
        if self.kept is None:
            stand_in = _TitleSlot(self.slot)
            with self.marks.marking():
                kept = str(material_header(stand_in))
            if stand_in.touched:
                self.off = True
                return Markup(material_header(page))
            self.kept = kept
        meta = page.meta
        title = meta["title"] if meta and meta.get("title") else page.title
        return self.marks.resolved(self.kept, page, base_url).replace(self.slot, escape(title))
