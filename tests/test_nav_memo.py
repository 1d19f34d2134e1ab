"""The navigation memo (builder/plugin/nav_memo.py + theme/partials/nav-item.html): every page is
byte for byte what Material renders without it, and the override stays Material's template."""

from __future__ import annotations

import re
from pathlib import Path

import material
import pytest
from markupsafe import escape
from mkdocs.utils import normalize_url

from builder.plugin import build as site_build
from builder.plugin import nav_memo, url_marks
from tests.sites import REPO, new_course, project, switched_off

OVERRIDE = REPO / "theme" / "partials" / "nav-item.html"
MATERIAL = Path(material.__file__).parent / "templates" / "partials" / "nav-item.html"


def test_the_override_is_materials_template_with_the_memo_in_front() -> None:
    ours = OVERRIDE.read_text(encoding="utf-8")
    theirs = MATERIAL.read_text(encoding="utf-8")
    ours = re.sub(r"^\{#- eumk:.*?-#\}\n", "", ours, flags=re.S)  # our header
    ours = ours[: ours.index("{#- eumk:")]                         # the memo wrapper
    ours = ours.replace("{% macro render_item(", "{% macro render(")
    theirs = re.sub(r"^\{#-.*?-#\}\n", "", theirs, flags=re.S)     # "automatically generated"
    assert ours == theirs, "Material's nav-item.html changed: copy it into theme/ again"


def _pages(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes()
            for p in sorted(site.rglob("*.html"))}


FEATURES = {
    "portal": None,   # mkdocs.yml as shipped: sections + prune
    "tabs": ["navigation.tabs", "navigation.sections", "navigation.prune",
             "navigation.indexes"],
    "plain": [],
}


@pytest.mark.parametrize(("features", "offline"), [*((f, False) for f in FEATURES),
                                                  ("portal", True)])
def test_every_page_is_what_material_renders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                             features: str, offline: bool) -> None:
    root = project(tmp_path / "portal")
    if FEATURES[features] is not None:
        config = root / "mkdocs.yml"
        text = config.read_text(encoding="utf-8")
        listed = re.search(r"  features:\n(?:    - .*\n)+", text)
        assert listed
        text = text.replace(listed.group(0), "  features:\n" + "".join(
            f"    - {f}\n" for f in FEATURES[features]))
        config.write_text(text, encoding="utf-8")
    # a long component becomes runs of pages (nested sections), a nested folder, an index page
    lectures = {f"lectures__{n:03}-topic.md": f"---\ntitle: Topic {n}\nmodule: M1\n---\n\n"
                f"## Part {n}\n\nText {n}.\n" for n in range(2, 64)}
    course = new_course(root, "memo", **lectures,
                        **{"extra__deep__index.md": "# Deep\n\nIndex.\n",
                           "extra__deep__leaf.md": "# Leaf\n\nLeaf.\n"})
    config_file = root / "mkdocs.yml"
    site_build.build_course(config_file, course, tmp_path / "memo", offline=offline)
    switched_off(monkeypatch, nav_memo, "NavMemo")  # every item, every time: Material
    site_build.build_course(config_file, course, tmp_path / "plain", offline=offline)
    with_memo, without = _pages(tmp_path / "memo"), _pages(tmp_path / "plain")
    assert len(with_memo) > 60
    assert with_memo == without


class _Page:
    def __init__(self, url: str) -> None:
        self.url = url


PAGE_URLS = ["", "index.html", "a/", "b/", "a/x/", "a/y/", "a/x/deep/", "b/x/", "a/x.html",
             "a/y.html", "a/x/z.html", "c.html", "a/x/index.html"]
LINKS = ["", "a/", "a/x/", "a/y/", "a/x/deep/", "a/x/deep/more/", "b/x/", "a/x.html", "c.html",
         "../a/x/", "https://example.org/a/", "#top", "/abs/", "a/x/?q=1&r=2", "a/y/#part"]


@pytest.mark.parametrize("link", LINKS)
def test_a_link_resolved_once_is_the_same_on_every_page_that_shares_it(link: str) -> None:
    """Marked links are resolved once for all pages with the same `where`: on each of them,
    MkDocs' url filter would make the very same links."""
    memo = url_marks.UrlMarks()
    html = f'<a href="{memo.mark(link, True)}">{memo.mark("a/x/deep/", True)}</a>'
    groups: dict[tuple[object, ...], set[str]] = {}
    for url in PAGE_URLS:
        page = _Page(url)
        made = memo.resolve(html, page, "")
        expected = (f'<a href="{escape(normalize_url(link, page=page))}">'  # type: ignore[arg-type]
                    f'{normalize_url("a/x/deep/", page=page)}</a>')  # type: ignore[arg-type]
        assert made == expected
        groups.setdefault(memo.where(page, html), set()).add(made)
        assert memo.resolved(html, page, "") == made
    assert all(len(made) == 1 for made in groups.values())
    assert len(groups) > 3  # pages do share resolutions
