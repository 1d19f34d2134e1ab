"""Percentages printed with the precision that keeps a finding true (20.3 %, never "20 %")."""

from __future__ import annotations


def percent(part: float, whole: float, limit: float) -> str:
    """`part`/`whole` in per cent, with as many decimals (up to 4) as it takes for the printed
    figure to sit on the same side of `limit` (in per cent) as the exact one:
    20.3 against 20 → "20.3", 29.97 against 30 → "29.97", 25 → "25"."""
    exact = 100 * part / whole if whole else 0.0
    side = (exact > limit) - (exact < limit)
    for decimals in range(5):
        shown = round(exact, decimals)
        if (shown > limit) - (shown < limit) == side:
            return f"{shown:.{decimals}f}"
    return f"{exact:.4f}"
