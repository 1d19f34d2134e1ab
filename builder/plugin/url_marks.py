"""Links left as marks in HTML that is rendered once a course build (navigation items, the
header) and made relative to each page that carries it, as MkDocs' `url` filter would have made
them there.

While `UrlMarks.marking()` is on, the `url` filter (`url_filter`, installed by the plugin) returns
a mark for its value instead of the URL. `resolved(html, page)` replaces the marks: once for every
page whose links come out the same (see `where`).
"""

from __future__ import annotations

import contextlib
import re
import secrets
from collections.abc import Iterator
from typing import Any

from jinja2 import Environment, pass_context
from jinja2.runtime import Context
from markupsafe import Markup, escape
from mkdocs.utils import _get_norm_url, _norm_parts, normalize_url
from mkdocs.utils.templates import url_filter as mkdocs_url_filter


class UrlMarks:
    """One course build's marked links."""

    def __init__(self) -> None:
        self.token = secrets.token_hex(8)  # marks an author's title cannot forge
        self._mark = f"\ue000{self.token}:{{}}\ue001"
        self._marks_in = re.compile(f"\ue000{self.token}:(\\d+)\ue001")
        self.urls: list[tuple[str, bool]] = []  # marked values: (URL as given, to be escaped)
        self._ids: dict[tuple[str, bool], int] = {}
        self._targets: dict[str, frozenset[tuple[str, ...]]] = {}
        self._resolved: dict[tuple[Any, ...], Markup] = {}
        self.depth = 0  # > 0 while something renders to be kept: the url filter marks

    @contextlib.contextmanager
    def marking(self) -> Iterator[None]:
        """Render with the url filter marking its values."""
        self.depth += 1
        try:
            yield
        finally:
            self.depth -= 1

    def mark(self, value: str, escaped: bool) -> str:
        """A mark for the URL `value` (the url filter's, while marking)."""
        found = self._ids.get((value, escaped))
        if found is None:
            found = self._ids[(value, escaped)] = len(self.urls)
            self.urls.append((value, escaped))
        return self._mark.format(found)

    def resolve(self, html: str, page: Any, base_url: str) -> str:
        """`html` with each mark replaced by the URL as the url filter makes it for `page`."""
        made: dict[str, str] = {}

        def url(found: re.Match[str]) -> str:
            number = found.group(1)
            if number not in made:
                value, escaped = self.urls[int(number)]
                relative = normalize_url(value, page=page, base=base_url)
                made[number] = str(escape(relative)) if escaped else relative
            return made[number]

        return self._marks_in.sub(url, html)

    def resolved(self, html: str, page: Any, base_url: str) -> Markup:
        """`resolve`, kept for every page whose links in `html` come out the same."""
        where = self.where(page, html)
        if where not in self._resolved:
            self._resolved[where] = Markup(self.resolve(html, page, base_url))
        return self._resolved[where]

    def where(self, page: Any, html: str) -> tuple[Any, ...]:
        """What the links of `html` made relative to `page` depend on: MkDocs makes a link
        relative to the page's folder `own` (get_relative_url), and the result is the same from
        every folder beside `own` (same parent, same depth) unless the link leads into `own`."""
        own = _folder(page.url)
        targets = self._targets.get(html)
        if targets is None:
            links = [_target(self.urls[int(n)][0]) for n in self._marks_in.findall(html)]
            targets = self._targets[html] = frozenset(
                link[:k] for link in links for k in range(1, len(link) + 1))
        return (html, own[:-1], len(own), own if own in targets else None)


def _folder(page_url: str) -> tuple[str, ...]:
    """The folder MkDocs makes links relative to on a page at `page_url` (get_relative_url)."""
    folder, _, name = page_url.rpartition("/")
    return tuple(_norm_parts(folder if "." in name else page_url))


def _target(value: str) -> tuple[str, ...]:
    """The path a link to `value` leads to, as get_relative_url reads it (() for a full URL)."""
    path, level = _get_norm_url(value)
    return () if level == -1 else tuple(_norm_parts(path))


def install(env: Environment) -> None:
    """Give `env` the marking url filter (a course site of the portal has it already, under
    the filter that points theme files at the portal's copy: shared_assets.py)."""
    if env.filters.get("url") is mkdocs_url_filter:
        env.filters["url"] = url_filter


@pass_context
def url_filter(context: Context, value: str) -> str:
    """MkDocs' `url` filter, which marks the URL while this build's marks are marking."""
    marks = context.get("eumk_marks")
    if isinstance(marks, UrlMarks) and marks.depth:
        return marks.mark(str(value), bool(context.eval_ctx.autoescape))
    return mkdocs_url_filter(context, value)  # type: ignore[no-any-return]
