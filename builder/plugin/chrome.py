"""Material's chrome in the site's language where mkdocs.yml, Markdown or Material has only
English: the theme toggle's names, the headings' permalink title (the footer note and the 404
page are theme/partials/copyright.html and theme/404.html)."""

from __future__ import annotations

from typing import Any

from builder import messages


def localise(config: Any, lang: str) -> None:
    """Name each palette toggle in `lang` (the light scheme's toggle switches to dark, and back)
    and the permalink sign of headings."""
    ui = messages.ui(lang)
    toc = config.mdx_configs.get("toc")
    if isinstance(toc, dict) and toc.get("permalink"):
        toc["permalink_title"] = ui["permalink"]
    theme = config.theme
    palette = theme["palette"] if "palette" in theme else None
    for option in palette if isinstance(palette, list) else [palette] if palette else []:
        toggle = option.get("toggle") if isinstance(option, dict) else None
        if isinstance(toggle, dict):
            dark = option.get("scheme", "default") != "slate"
            toggle["name"] = ui["palette_dark" if dark else "palette_light"]
