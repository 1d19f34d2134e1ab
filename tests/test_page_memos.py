"""A whole portal (course sites that link the portal's shared theme assets, the catalogue) is byte
for byte the same with eumk's page memos (navigation, header, UI strings) and without them."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from urllib.parse import unquote

import pytest

from builder.plugin import header_memo, nav_memo, translations
from tests.sites import build, new_course, project, switched_off


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes()
            for p in sorted(site.rglob("*")) if p.is_file() and p.suffix in {".html", ".json"}}


def test_a_portal_is_the_same_without_the_memos(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    root = project(tmp_path / "portal")
    new_course(root, "kk-course", language="kk", **{
        "lectures__02-amp.md": "---\ntitle: Қауіп & <қорғаныс>\n---\n\n## Бөлім\n\nМәтін.\n"})
    new_course(root, "ru-course", language="ru")
    fast = _files(build(root, site="fast"))
    shutil.rmtree(root / ".cache")  # the course sites are cached: build them again
    switched_off(monkeypatch, nav_memo, "NavMemo")
    switched_off(monkeypatch, header_memo, "HeaderMemo")
    switched_off(monkeypatch, translations, "Translations")
    plain = _files(build(root, site="plain"))
    assert len(fast) > 20
    assert fast == plain
    # and the pages link what is there: theme assets at the portal's root, pages of the course
    site, linked = root / "fast", 0
    for rel, data in fast.items():
        if not rel.endswith(".html") or "/" not in rel:
            continue
        for url in re.findall(r'(?:href|src)="([^"]*)"', data.decode("utf-8")):
            url = url.split("#")[0].split("?")[0]
            if not url or ":" in url or url.startswith("/"):
                continue  # an anchor, a full URL, the server's root
            target = (site / rel).parent / unquote(url)
            assert target.exists(), (rel, url)
            linked += "assets/" in url
    assert linked > 100
