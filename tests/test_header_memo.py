"""The header memo (builder/plugin/header_memo.py + theme/partials/header.html): every page is
byte for byte what Material renders without it, and the kept copy stays Material's template."""

from __future__ import annotations

import re
from pathlib import Path

import material
import pytest

from builder.plugin import build as site_build
from builder.plugin import header_memo
from tests.sites import REPO, made_from_now, new_course, project, switched_off

COPY = REPO / "theme" / "partials" / "eumk" / "material-header.html"
MATERIAL = Path(material.__file__).parent / "templates" / "partials" / "header.html"


def test_the_copy_is_materials_template() -> None:
    assert COPY.read_text(encoding="utf-8") == MATERIAL.read_text(encoding="utf-8"), \
        "Material's header.html changed: copy it into theme/partials/eumk/ again"


def _pages(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*.html"))}


@pytest.mark.parametrize(("features", "offline"), [
    (None, False), (None, True),
    (["navigation.tabs", "navigation.tabs.sticky", "navigation.sections"], False)])
def test_every_page_is_what_material_renders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                             features: list[str] | None, offline: bool) -> None:
    root = project(tmp_path / "portal")
    if features is not None:
        config = root / "mkdocs.yml"
        text = config.read_text(encoding="utf-8")
        listed = re.search(r"  features:\n(?:    - .*\n)+", text)
        assert listed
        config.write_text(text.replace(listed.group(0), "  features:\n" + "".join(
            f"    - {f}\n" for f in features)), encoding="utf-8")
    # titles from front matter and from headings, with characters HTML escapes
    course = new_course(root, "head", language="kk", **{
        "lectures__02-amp.md": "---\ntitle: Қауіп & <қорғаныс> \"1\"\n---\n\n## Бөлім\n\nМәтін.\n",
        "lectures__03-heading.md": "# Тақырып 'үш' & т.б.\n\nМәтін.\n",
        "extra__deep__leaf.md": "# Leaf\n\nLeaf.\n"})
    config_file = root / "mkdocs.yml"
    made = made_from_now(monkeypatch, header_memo, "HeaderMemo")
    site_build.build_course(config_file, course, tmp_path / "memo", offline=offline)
    kept = made[-1].kept is not None
    assert kept == (features is None)  # sticky tabs show the page: no header is kept then
    switched_off(monkeypatch, header_memo, "HeaderMemo")  # Material's header, every page
    site_build.build_course(config_file, course, tmp_path / "plain", offline=offline)
    with_memo, without = _pages(tmp_path / "memo"), _pages(tmp_path / "plain")
    assert len(with_memo) > 8
    assert with_memo == without
    page = with_memo[next(k for k in with_memo if "02-amp" in k)].decode("utf-8")
    assert "Қауіп &amp; &lt;қорғаныс&gt; &#34;1&#34;" in page
