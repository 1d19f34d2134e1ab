"""The portal's typeface for WeasyPrint: the @font-face rules of theme/assets/stylesheets/
eumk-fonts.css with one family name per subset file ("Noto Sans Cyrillic Ext"…), because
WeasyPrint keys embedded fonts by family, weight and style and would mix up the glyphs of
subsets that share all three (print.css lists the families in turn, as the browser would)."""

from __future__ import annotations

import re
from functools import cache

from weasyprint import CSS
from weasyprint.text.fonts import FontConfiguration

from builder.theme import THEME

FONTS_CSS = THEME / "assets" / "stylesheets" / "eumk-fonts.css"
_FACE = re.compile(r"@font-face \{.*?\}", re.S)
_SUBSET = re.compile(r"noto-sans-(cyrillic-ext|cyrillic|latin-ext|latin)-\d+-")


def _family(face: str) -> str:
    found = _SUBSET.search(face)
    subset = found.group(1) if found else "latin"
    name = "Noto Sans" if subset == "latin" else "Noto Sans " + subset.replace("-", " ").title()
    return re.sub(r'font-family: "Noto Sans";', f'font-family: "{name}";', face)


@cache
def _faces() -> str:
    text = FONTS_CSS.read_text(encoding="utf-8")
    return "\n".join(_family(m.group(0)) for m in _FACE.finditer(text))


def print_fonts(font_config: FontConfiguration) -> CSS:
    """The faces as a WeasyPrint stylesheet (URLs resolved beside eumk-fonts.css), registered
    in `font_config`, which the render must be given too."""
    return CSS(string=_faces(), base_url=str(FONTS_CSS), font_config=font_config)
