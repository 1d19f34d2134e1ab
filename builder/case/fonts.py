"""The portal's typeface for WeasyPrint: the @font-face rules of theme/assets/stylesheets/
eumk-fonts.css with one family name per subset file ("Noto Sans Cyrillic Ext"…), because
WeasyPrint keys embedded fonts by family, weight and style and would mix up the glyphs of
subsets that share all three (print.css lists the families in turn, as the browser would)."""

from __future__ import annotations

import hashlib
import os
import re
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from builder.theme import THEME
from builder.write import write_bytes

if TYPE_CHECKING:  # WeasyPrint is imported only when a kit is printed (not for a cached PDF)
    from weasyprint import CSS
    from weasyprint.text.fonts import FontConfiguration

FONTS_CSS = THEME / "assets" / "stylesheets" / "eumk-fonts.css"
_FACE = re.compile(r"@font-face \{.*?\}", re.S)
_SUBSET = re.compile(r"noto-sans-(cyrillic-ext|cyrillic|latin-ext|latin)-\d+-")
_WOFF2 = re.compile(r"url\(([^)]+\.woff2)\) format\('woff2'\)")


def _family(face: str) -> str:
    found = _SUBSET.search(face)
    subset = found.group(1) if found else "latin"
    name = "Noto Sans" if subset == "latin" else "Noto Sans " + subset.replace("-", " ").title()
    return re.sub(r'font-family: "Noto Sans";', f'font-family: "{name}";', face)


@cache
def _faces() -> str:
    text = FONTS_CSS.read_text(encoding="utf-8")
    faces = "\n".join(_family(m.group(0)) for m in _FACE.finditer(text))
    return _WOFF2.sub(_truetype, faces)


def _truetype(found: re.Match[str]) -> str:
    """The face as TrueType, decompressed once into the user's cache: WeasyPrint would
    decompress every WOFF2 file at every render (0.3 s a file in pure Python)."""
    woff2 = (FONTS_CSS.parent / found.group(1)).resolve()
    data = woff2.read_bytes()
    cache_dir = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "eumk" / "fonts"
    ttf = cache_dir / f"{woff2.stem}-{hashlib.sha256(data).hexdigest()[:16]}.ttf"
    if not ttf.is_file():
        import io

        from fontTools.ttLib import TTFont

        try:
            font = TTFont(io.BytesIO(data))
            font.flavor = None
            out = io.BytesIO()
            font.save(out)
            write_bytes(ttf, out.getvalue())
        except OSError:
            return found.group(0)  # no writable cache: WeasyPrint reads the WOFF2 itself
    return f"url({ttf.as_uri()}) format('truetype')"


def print_fonts(font_config: FontConfiguration) -> CSS:
    """The faces as a WeasyPrint stylesheet (URLs resolved beside eumk-fonts.css), registered
    in `font_config`, which the render must be given too."""
    from weasyprint import CSS

    return CSS(string=_faces(), base_url=str(FONTS_CSS), font_config=font_config)
