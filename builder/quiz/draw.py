"""Drawing exam tickets from a final bank: deterministic, balanced, covering required modules."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from builder.model import Bank, Course, Question, Tickets


@dataclass(frozen=True)
class Shortage:
    """Why the bank cannot give the tickets asked for: a catalogue key and its parameters."""

    key: str
    params: dict[str, Any] = field(default_factory=dict)


def ticket_bank(course: Course, spec: Tickets) -> Bank | None:
    """The final bank `spec.bank` names (a file name in final/, or a path inside the course)."""
    wanted = {spec.bank, f"final/{spec.bank}"}
    return next((b for b in course.banks_of("final") if b.rel in wanted), None)


def draw(course: Course, spec: Tickets) -> list[list[Question]] | Shortage:
    """`spec.count` tickets of `spec.per_ticket` questions each, or the reason it is impossible.

    Every question is used floor(S/N) or ceil(S/N) times (S = slots, N = questions), no question
    twice in a ticket, and every ticket holds a question of each module in `spec.cover`.
    """
    bank = ticket_bank(course, spec)
    if bank is None:
        return Shortage("tickets.draw.bank", {"bank": spec.bank})
    known = course.module_ids()
    for module in spec.cover:
        if module not in known:
            return Shortage("tickets.draw.cover", {"module": module})
    if len(spec.cover) > spec.per_ticket:
        return Shortage("tickets.draw.per-ticket",
                        {"per_ticket": spec.per_ticket, "cover": len(spec.cover)})
    questions = list(bank.questions)
    if len(questions) < spec.per_ticket:
        return Shortage("tickets.draw.small",
                        {"have": len(questions), "per_ticket": spec.per_ticket})
    count, slots = spec.count, spec.count * spec.per_ticket
    base, extras = divmod(slots, len(questions))
    most = base + (1 if extras else 0)
    by_module = {m: [q for q in questions if q.module == m] for m in spec.cover}
    deficits: dict[str, int] = {}
    for module, members in by_module.items():
        if len(members) * most < count:
            return Shortage("tickets.draw.module", {
                "module": module, "have": len(members), "count": count, "most": most,
                "capacity": len(members) * most,
                "add": -(-count // max(most, 1)) - len(members)})
        deficits[module] = max(0, count - base * len(members))
    if sum(deficits.values()) > extras:
        return Shortage("tickets.draw.together", {
            "modules": ", ".join(m for m, d in deficits.items() if d),
            "need": sum(deficits.values()), "allowed": extras})
    rng = random.Random(spec.seed)
    uses = {id(q): base for q in questions}
    for module, members in by_module.items():
        for q in rng.sample(members, deficits[module]):
            uses[id(q)] += 1
    rest = [q for q in questions if uses[id(q)] == base]
    for q in rng.sample(rest, extras - sum(deficits.values())):
        uses[id(q)] += 1
    best: list[list[Question]] = []
    for _ in range(ATTEMPTS):  # a few orders; keep the one with the fewest identical tickets
        tickets = _deal(_sequence(questions, spec.cover, uses, rng), count, course)
        if not best or _repeats(tickets) < _repeats(best):
            best = tickets
        if not _repeats(best):
            break
    return best


ATTEMPTS = 50


def _repeats(tickets: list[list[Question]]) -> int:
    return len(tickets) - len({frozenset(id(q) for q in t) for t in tickets})


def _sequence(questions: Sequence[Question], cover: Sequence[str], uses: dict[int, int],
              rng: random.Random) -> list[Question]:
    """Copies of each question side by side, each covered module's questions in one run."""
    groups = [[q for q in questions if q.module == m] for m in cover]
    groups.append([q for q in questions if q.module not in cover])
    out: list[Question] = []
    for group in groups:
        rng.shuffle(group)
        for q in group:
            out.extend([q] * uses[id(q)])
    return out


def _deal(sequence: list[Question], count: int, course: Course) -> list[list[Question]]:
    """Position p goes to ticket p mod count: a run of ≤ count copies never meets itself, and a
    run of ≥ count questions reaches every ticket."""
    order = {m.id: i for i, m in enumerate(course.meta.modules)}
    tickets = [sequence[i::count] for i in range(count)]
    return [sorted(t, key=lambda q: order.get(q.module or "", len(order))) for t in tickets]
