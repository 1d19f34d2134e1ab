"""Clause citations as people read them: "order 385 p.6.1" → "№385 бұйрық, 6.1-т." / "приказ № 385,
п. 6.1" (the canonical English form stays in JSON reports and in the profiles)."""

from __future__ import annotations

import re

from builder import messages

# "<kind> <number>[ annex N] p.X[, [annex N ]p.Y…][ (note)]" — every clause the profiles cite.
_CLAUSE = re.compile(r"^(?P<kind>order|recommendations) (?P<number>\S+)"
                     r"(?P<parts>(?:,?(?: annex \S+)? p\.[^,\s(]+)*)"
                     r"(?: \((?P<note>[^)]*)\))?$")
_PART = re.compile(r"(?: annex (?P<annex>\S+))? p\.(?P<point>[^,\s(]+)")
# Clauses that are not an order's points: their words come whole from the catalogue.
NAMED = {"state standard of higher education": "clause_standard_he",
         "state standard of TVET, order 348": "clause_standard_tvet"}


def label(clause: str, lang: str) -> str:
    """`clause` in the words of `lang`; a clause of another shape is returned as it is."""
    if lang not in messages.LANGUAGES or lang == "en":  # English: as cited
        return clause
    ui = messages.ui(lang)
    if clause.strip() in NAMED:
        return ui[NAMED[clause.strip()]]
    found = _CLAUSE.match(clause.strip())
    if not found:
        return clause
    parts = [ui[f"clause_{found['kind']}"].format(number=found["number"])]
    for part in _PART.finditer(found["parts"] or ""):
        if part["annex"]:
            parts.append(ui["clause_annex"].format(number=part["annex"]))
        parts.append(ui["clause_point"].format(number=part["point"]))
    text = ", ".join(parts)
    if found["note"]:
        note = ui.get("clause_note_" + found["note"].replace(" ", "_"), found["note"])
        text += f" ({note})"
    return text
