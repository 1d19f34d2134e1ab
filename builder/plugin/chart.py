"""Geometry of the programme's hours chart: one stacked bar a semester, one colour a kind of
class. theme/partials/eumk/programme-chart.html draws it as static SVG (works offline)."""

from __future__ import annotations

import math
from typing import Any

WIDTH, HEIGHT = 640, 280
LEFT, RIGHT, TOP, BOTTOM = 48, 12, 16, 36
KINDS = ("lecture", "seminar", "practical", "lab", "self_study", "guided", "unplanned",
         "practice")


def nice_step(top: float, ticks: int = 5) -> float:
    """A round step (1, 2 or 5 × 10ⁿ) that divides 0…`top` into about `ticks` parts."""
    raw = top / ticks if top > 0 else 1
    power = 10 ** math.floor(math.log10(raw))
    return next(m * power for m in (1, 2, 5, 10) if m * power >= raw)


def stacked_bars(by_semester: dict[int, dict[str, float]]) -> dict[str, Any]:
    """Bars (x, width, segments with y/height/hours/kind), y-axis ticks and the totals by kind
    for hours `by_semester` → {kind: hours}; coordinates in the SVG's own units."""
    semesters = sorted(by_semester)
    totals = [sum(by_semester[s].values()) for s in semesters]
    step = nice_step(max(totals, default=0))
    top = step * max(1, math.ceil(max(totals, default=0) / step))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = plot_w / max(1, len(semesters))
    bar_w = min(56.0, slot * 0.6)
    scale = plot_h / top
    bars = []
    for i, semester in enumerate(semesters):
        x = LEFT + slot * i + (slot - bar_w) / 2
        y = TOP + plot_h
        segments = []
        for kind in KINDS:
            hours = by_semester[semester].get(kind, 0.0)
            if not hours:
                continue
            height = hours * scale
            y -= height
            segments.append({"kind": kind, "y": round(y, 2), "height": round(height, 2),
                             "hours": f"{hours:g}"})
        bars.append({"semester": semester, "x": round(x, 2), "width": round(bar_w, 2),
                     "label_x": round(x + bar_w / 2, 2), "total": f"{totals[i]:g}",
                     "total_y": round(y - 4, 2), "segments": segments})
    ticks = [{"value": f"{v * step:g}", "y": round(TOP + plot_h - v * step * scale, 2)}
             for v in range(int(round(top / step)) + 1)]
    by_kind = {k: sum(by_semester[s].get(k, 0.0) for s in semesters) for k in KINDS}
    return {"width": WIDTH, "height": HEIGHT, "left": LEFT, "right": WIDTH - RIGHT,
            "base": TOP + plot_h, "label_y": HEIGHT - BOTTOM + 16, "bars": bars, "ticks": ticks,
            "kinds": [{"kind": k, "hours": f"{h:g}"} for k, h in by_kind.items() if h],
            "semesters": semesters}
