"""One self-hosted typeface with every Kazakh letter: the font files eumk-fonts.css loads hold
ә ғ қ ң ө ұ ү һ і in each weight Material draws; h1 and body text resolve to it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from tests.sample_portal import sample_site
from tests.sites import REPO, chromium, serve

CSS = REPO / "theme" / "assets" / "stylesheets" / "eumk-fonts.css"
KAZAKH = "әғқңөұүһі" + "әғқңөұүһі".upper()
WEIGHTS = [(w, s) for w in (300, 400, 700) for s in ("normal", "italic")]


def faces() -> list[dict[str, object]]:
    out = []
    for block in re.findall(r"@font-face \{(.*?)\}", CSS.read_text(encoding="utf-8"), re.S):
        ranges = []
        for part in re.search(r"unicode-range: ([^;]+);", block).group(1).split(","):
            low, _, high = part.strip().removeprefix("U+").partition("-")
            ranges.append((int(low, 16), int(high or low, 16)))
        out.append({"family": re.search(r'font-family: "([^"]+)"', block).group(1),
                    "weight": int(re.search(r"font-weight: (\d+)", block).group(1)),
                    "style": re.search(r"font-style: (\w+)", block).group(1),
                    "file": CSS.parent / re.search(r"url\(([^)]+)\)", block).group(1),
                    "ranges": ranges})
    return out


def test_every_kazakh_letter_is_in_the_files_the_css_loads_in_every_weight() -> None:
    declared = faces()
    assert {f["family"] for f in declared} == {"Noto Sans"}
    assert {(f["weight"], f["style"]) for f in declared} == set(WEIGHTS)
    cmaps: dict[Path, set[int]] = {}
    for weight, style in WEIGHTS:
        for letter in KAZAKH:
            code = ord(letter)
            covering = [f for f in declared if f["weight"] == weight and f["style"] == style
                        and any(lo <= code <= hi for lo, hi in f["ranges"])]
            assert covering, (letter, weight, style)
            holding = []
            for face in covering:   # ranges overlap: the browser tries each file in turn
                path = face["file"]
                assert path.is_file() and path.suffix == ".woff2", path
                if path not in cmaps:
                    cmaps[path] = set(TTFont(path).getBestCmap())
                holding += [path.name] if code in cmaps[path] else []
            assert holding, (letter, weight, style)
    licence = (CSS.parent.parent / "fonts" / "noto-sans" / "OFL.txt").read_text(encoding="utf-8")
    assert "SIL Open Font License" in licence


def test_no_remote_fonts_and_material_loads_the_fonts_css() -> None:
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    assert "font: false" in config and "assets/stylesheets/eumk-fonts.css" in config
    assert "http" not in re.sub(r"/\*.*?\*/", "", CSS.read_text(encoding="utf-8"), flags=re.S)


def rendered_fonts(page, selector: str) -> list[dict[str, object]]:  # noqa: ANN001
    """The fonts Chromium really drew `selector`'s text with (DevTools CSS domain)."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    return cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]


@pytest.mark.e2e
def test_h1_and_body_text_resolve_to_noto_sans_on_a_kazakh_page() -> None:
    site = sample_site()
    with serve(site) as base, chromium() as browser:
        page = browser.new_page()
        page.goto(base + "fire-safety/lectures/01-combustion/")
        page.evaluate("document.fonts.ready.then(() => true)")
        assert "ң" in page.inner_text("h1") or "қ" in page.inner_text("h1")
        for selector in ("h1", ".md-typeset p", ".md-typeset strong", ".md-nav__link"):
            fonts = rendered_fonts(page, selector)
            assert fonts, selector
            for font in fonts:   # every glyph of the node: no fallback face for any letter
                assert font["isCustomFont"] and font["postScriptName"].startswith("NotoSans-"), (
                    selector, fonts)
        weights = page.evaluate("""() => [...document.fonts].filter(f => f.status === 'loaded')
                                          .map(f => f.family + ' ' + f.weight)""")
        assert any(w.endswith("300") for w in weights) and any(w.endswith("400")
                                                               for w in weights)
