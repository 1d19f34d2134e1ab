"""Consultation slots: dated sessions and weekly rules expanded into concrete, zoned times."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from builder.model import Consultations, Weekly

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


@dataclass(frozen=True)
class Slot:
    """One consultation: start (aware, in the course's zone), length, topic, remote channel."""

    start: dt.datetime
    minutes: int
    topic: str
    channel: str | None
    line: int | None
    weekly: bool = False

    @property
    def end(self) -> dt.datetime:
        return self.start + dt.timedelta(minutes=self.minutes)


def at(day: dt.date, hhmm: str, zone: ZoneInfo) -> dt.datetime:
    """`day` at `hhmm` in `zone`."""
    return dt.datetime.combine(day, dt.time.fromisoformat(hhmm.zfill(5)), tzinfo=zone)


def first_day(rule: Weekly) -> dt.date:
    """The first date of a weekly rule: its weekday on or after `from`."""
    return rule.from_ + dt.timedelta(days=(WEEKDAYS.index(rule.weekday)
                                           - rule.from_.weekday()) % 7)


def slots(consultations: Consultations) -> list[Slot]:
    """Every slot of the schedule, sorted by start; weekly rules give one slot a week."""
    zone = ZoneInfo(consultations.timezone)
    default = consultations.channel
    out = [
        Slot(at(s.date, s.start, zone), s.minutes, s.topic, s.channel or default, s.line)
        for s in consultations.sessions
    ]
    for rule in consultations.weekly:
        day = first_day(rule)
        while day <= rule.until:
            out.append(Slot(at(day, rule.start, zone), rule.minutes, rule.topic,
                            rule.channel or default, rule.line, weekly=True))
            day += dt.timedelta(days=7)
    return sorted(out, key=lambda s: (s.start, s.line or 0))


def overlaps(schedule: list[Slot]) -> list[tuple[Slot, Slot]]:
    """Pairs (earlier, later) of slots that overlap in time; one pair per two source lines."""
    found: list[tuple[Slot, Slot]] = []
    seen: set[tuple[int | None, int | None]] = set()
    active: list[Slot] = []
    for slot in schedule:
        active = [a for a in active if a.end > slot.start]
        for earlier in active:
            key = (earlier.line, slot.line)
            if key not in seen and not (earlier.weekly and earlier.line == slot.line):
                seen.add(key)
                found.append((earlier, slot))
        active.append(slot)
    return found
