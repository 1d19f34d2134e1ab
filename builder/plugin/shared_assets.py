"""Course sites of the portal share one copy of the theme's assets, at the portal's root: their
pages link `../assets/…` instead of each carrying its own (offline kits still carry theirs)."""

from __future__ import annotations

import functools
import os
from collections.abc import Collection

import jinja2
from markupsafe import Markup

from builder.plugin.url_marks import url_filter

# Where the portal's root is, seen from a course site (site/<slug>/).
PORTAL_ROOT = "../"


def share(env: jinja2.Environment, theme_files: Collection[str]) -> None:
    """Make the pages `env` renders link the theme files at the portal's root."""

    @jinja2.pass_context
    def url(context: jinja2.runtime.Context, value: object) -> str:
        return url_filter(context, _shared(context, str(value), theme_files))  # type: ignore[arg-type]

    @jinja2.pass_context
    def script_tag(context: jinja2.runtime.Context, script: object) -> Markup:
        # mkdocs.utils.templates.script_tag_filter, with the url above
        html = '<script src="{0}"'
        if not isinstance(script, str):
            if getattr(script, "type", None):
                html += ' type="{1.type}"'
            if getattr(script, "defer", False):
                html += " defer"
            if getattr(script, "async_", False):
                html += " async"
        html += "></script>"
        return Markup(html).format(url(context, str(script)), script)

    env.filters["url"] = url
    env.filters["script_tag"] = script_tag


def _shared(context: jinja2.runtime.Context, value: str, theme_files: Collection[str]) -> str:
    path = value.split("#", 1)[0].split("?", 1)[0]
    if path not in theme_files or context.get("page") is None:
        return value  # not a theme file; or 404.html, whose links start at the server's root
    config = context.get("config")
    docs = getattr(config, "docs_dir", None)
    if docs and _is_file(os.path.join(docs, path)):
        return value  # the course's own file of that name wins, as in MkDocs
    return PORTAL_ROOT + value


@functools.lru_cache(maxsize=4096)
def _is_file(path: str) -> bool:
    """os.path.isfile, asked once a build for each asset of each page: a course's files do not
    change while it is built (cleared by `forget` when a build starts)."""
    return os.path.isfile(path)


def forget() -> None:
    """Start a build: what the last one saw of the course folders may have changed."""
    _is_file.cache_clear()
