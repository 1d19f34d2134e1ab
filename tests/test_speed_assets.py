"""One copy of the theme's assets: course sites of the portal link the portal's, every link of
their pages still resolves; an offline kit carries everything it needs."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from builder.plugin.build import build_course
from tests.sites import build, new_course, project

REF = re.compile(r'(?:href|src)="([^"]*)"')


def missing_targets(site: Path, page: Path) -> list[str]:
    """Relative links and sources of `page` whose file is not under `site`."""
    out = []
    for ref in REF.findall(page.read_text(encoding="utf-8")):
        parts = urlsplit(ref)
        if parts.scheme or parts.netloc or not parts.path:
            continue
        rel = page.parent.relative_to(site).as_posix()
        target = posixpath.normpath(posixpath.join(rel, unquote(parts.path)))
        path = site / target
        if target.startswith("..") or not (path.is_file() or (path / "index.html").is_file()):
            out.append(ref)
    return out


def test_course_sites_link_the_portals_assets_and_every_link_resolves(tmp_path: Path) -> None:
    root = project(tmp_path)
    new_course(root, "alpha", "kk")
    new_course(root, "beta", "ru")
    site = build(root)
    assert (site / "assets/stylesheets/eumk.css").is_file()
    assert (site / "assets/javascripts/bundle.js").exists() or any(
        (site / "assets/javascripts").glob("bundle.*.js"))
    for slug in ("alpha", "beta"):
        assert not (site / slug / "assets").exists()
        assert not (site / slug / "404.html").exists()  # the portal's serves every course
        pages = list((site / slug).rglob("*.html"))
        assert len(pages) > 5
        for page in pages:
            assert missing_targets(site, page) == [], page
    html = (site / "alpha/lectures/01-introduction/index.html").read_text(encoding="utf-8")
    assert 'href="../../../assets/stylesheets/eumk.css"' in html
    assert '"search": "../../../assets/javascripts/workers/search.' in html
    assert '"base": "../.."' in html  # the search index stays the course's own


def test_an_offline_kit_carries_its_own_assets(tmp_path: Path) -> None:
    root = project(tmp_path)
    new_course(root, "alpha", "kk")
    kit = build_course(root / "mkdocs.yml", root / "courses/alpha", tmp_path / "kit",
                       offline=True).site_dir
    assert (kit / "assets/stylesheets/eumk.css").is_file()
    for page in (p for p in kit.rglob("*.html") if p.name != "404.html"):
        assert missing_targets(kit, page) == [], page


def test_a_course_file_named_like_a_theme_asset_is_the_courses_own(tmp_path: Path) -> None:
    root = project(tmp_path)
    course = new_course(root, "alpha", "en")
    (course / "assets/stylesheets").mkdir(parents=True)
    (course / "assets/stylesheets/eumk.css").write_text("/* the course's own */\n")
    site = build(root)
    html = (site / "alpha/index.html").read_text(encoding="utf-8")
    assert 'href="assets/stylesheets/eumk.css"' in html
    assert (site / "alpha/assets/stylesheets/eumk.css").read_text() == "/* the course's own */\n"
