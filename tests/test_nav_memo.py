"""The navigation memo (builder/plugin/nav_memo.py + theme/partials/nav-item.html): every page is
byte for byte what Material renders without it, and the override stays Material's template."""

from __future__ import annotations

import re
from pathlib import Path

import material
import pytest

from builder.plugin import build as site_build
from builder.plugin import nav_memo
from tests.sites import REPO, new_course, project

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


class _NoMemo(nav_memo.NavMemo):
    """Off: the template renders every item, every time (what Material does)."""

    def __bool__(self) -> bool:
        return False


FEATURES = {
    "portal": None,   # mkdocs.yml as shipped: sections + prune
    "tabs": ["navigation.tabs", "navigation.sections", "navigation.prune",
             "navigation.indexes"],
    "plain": [],
}


@pytest.mark.parametrize("features", FEATURES)
def test_every_page_is_what_material_renders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                             features: str) -> None:
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
    site_build.build_course(config_file, course, tmp_path / "memo")
    monkeypatch.setattr(nav_memo, "NavMemo", _NoMemo)
    site_build.build_course(config_file, course, tmp_path / "plain")
    with_memo, without = _pages(tmp_path / "memo"), _pages(tmp_path / "plain")
    assert len(with_memo) > 60
    assert with_memo == without
