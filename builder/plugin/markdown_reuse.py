"""One Python-Markdown instance a build, reset between pages.

MkDocs' `Page.render` makes a new `markdown.Markdown` for every page: every extension of
mkdocs.yml is imported, configured and registered again, its processors and patterns built
again (a twentieth of a course build). Python-Markdown is made to be reused: `reset()` clears
what a conversion leaves behind (the HTML stash, references, and each extension's state through
its own `reset`). `MarkdownReuse.render` is `Page.render` with that one instance: MkDocs' four
per-page processors (raw HTML anchors, anchors, relative links, title) are registered anew on
it for every page, under the same names, so they replace the last page's.

A build's extensions come from its config (a course build loads mkdocs.yml of its own), so the
instance lives as long as one build: the plugin makes a new `MarkdownReuse` in `on_config`.
"""

from __future__ import annotations

import functools
import logging

import markdown
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import (
    Page,
    _ExtractAnchorsTreeprocessor,
    _ExtractTitleTreeprocessor,
    _RawHTMLPreprocessor,
    _RelativePathTreeprocessor,
)
from mkdocs.structure.toc import get_toc

log = logging.getLogger("mkdocs.structure.pages")  # MkDocs reads its own logger's level


class MarkdownReuse:
    """The Markdown instance of one build (made at its first page)."""

    def __init__(self) -> None:
        self.md: markdown.Markdown | None = None

    def adopt(self, page: Page) -> None:
        """Make `page` render with this build's instance (MkDocs calls `page.render`)."""
        page.render = functools.partial(self.render, page)  # type: ignore[method-assign]

    def render(self, page: Page, config: MkDocsConfig, files: Files) -> None:
        """`Page.render` of MkDocs 1.6, with the build's one Markdown instance."""
        if page.markdown is None:
            raise RuntimeError("`markdown` field hasn't been set (via `read_source`)")
        if self.md is None:
            self.md = markdown.Markdown(extensions=config["markdown_extensions"],
                                        extension_configs=config["mdx_configs"] or {})
        md = self.md.reset()
        raw_html = _RawHTMLPreprocessor()
        raw_html._register(md)  # noqa: SLF001 - as Page.render does
        anchors = _ExtractAnchorsTreeprocessor(page.file, files, config)
        anchors._register(md)  # noqa: SLF001
        relative = _RelativePathTreeprocessor(page.file, files, config)
        relative._register(md)  # noqa: SLF001
        title = _ExtractTitleTreeprocessor()
        title._register(md)  # noqa: SLF001
        page.content = md.convert(page.markdown)
        page.toc = get_toc(getattr(md, "toc_tokens", []))
        page._title_from_render = title.title  # noqa: SLF001
        page.present_anchor_ids = anchors.present_anchor_ids | raw_html.present_anchor_ids
        if log.getEffectiveLevel() > logging.DEBUG:
            page.links_to_anchors = relative.links_to_anchors
