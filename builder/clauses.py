"""Clause citations as people read them: "order 385 p.6.1" → "№385 бұйрық, 6.1-т." / "приказ № 385,
п. 6.1" (the canonical English form stays in JSON reports and in the profiles)."""

from __future__ import annotations

import re

from builder import messages

# "<kind> <number>[ annex N] p.X[, p.Y…]" — every clause the profiles cite.
_CLAUSE = re.compile(r"^(?P<kind>order|recommendations) (?P<number>\S+)"
                     r"(?: annex (?P<annex>\S+))?(?P<points>(?:,? p\.\S+)*)$")


def label(clause: str, lang: str) -> str:
    """`clause` in the words of `lang`; a clause of another shape is returned as it is."""
    found = _CLAUSE.match(clause.strip())
    if not found or lang not in messages.LANGUAGES or lang == "en":  # English: as cited
        return clause
    ui = messages.ui(lang)
    parts = [ui[f"clause_{found['kind']}"].format(number=found["number"])]
    if found["annex"]:
        parts.append(ui["clause_annex"].format(number=found["annex"]))
    parts += [ui["clause_point"].format(number=p)
              for p in re.findall(r"p\.(\S+?)(?:,|$)", found["points"] or "")]
    return ", ".join(parts)
