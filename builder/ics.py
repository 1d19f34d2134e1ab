"""The consultation schedule as an iCalendar file (icalendar), reproducible (SOURCE_DATE_EPOCH)."""

from __future__ import annotations

import datetime as dt
import functools
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, Timezone, vRecur

from builder.digest import sha256_text
from builder.model import Course
from builder.schedule import WEEKDAYS, at, first_day
from builder.write import build_time

_ICAL_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


def calendar(course: Course) -> bytes:
    """The .ics of the course's consultations: one event a session, one recurring event a rule."""
    cons = course.consultations
    cal = Calendar()
    cal.add("prodid", "-//eumk//consultations//")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    # one line: icalendar does not escape line breaks in this non-standard property
    cal.add("x-wr-calname", " ".join(f"{course.meta.code} {course.meta.title}".split()))
    if cons is None:
        return cal.to_ical()
    zone = ZoneInfo(cons.timezone)
    cal.add("x-wr-timezone", cons.timezone)
    stamp = build_time()

    def event(uid: str, start: dt.datetime, minutes: int, topic: str, channel: str | None) -> Event:
        ev = Event()
        ev.add("uid", f"{uid}@{course.slug}.eumk")
        ev.add("dtstamp", stamp)
        ev.add("dtstart", start)
        ev.add("dtend", start + dt.timedelta(minutes=minutes))
        ev.add("summary", " — ".join(filter(None, [course.meta.code, topic or course.meta.title])))
        channel = channel or cons.channel
        if channel:
            ev.add("location", channel)
            if channel.startswith(("http://", "https://")):
                ev.add("url", channel)
        if cons.teacher:
            ev.add("description", cons.teacher)
        return ev

    seen: dict[str, int] = {}

    def uid(*what: str) -> str:
        """From what the consultation is (never its position): inserting a session keeps every
        other UID, so subscribed calendars update instead of showing duplicates."""
        base = "-".join([*what[:-1], sha256_text(what[-1])[:10]])
        seen[base] = seen.get(base, 0) + 1
        return base if seen[base] == 1 else f"{base}-{seen[base]}"  # the same slot twice

    for s in cons.sessions:
        start = at(s.date, s.start, zone)
        cal.add_component(event(uid("session", start.strftime("%Y%m%dT%H%M"), s.topic), start,
                                s.minutes, s.topic, s.channel))
    for rule in cons.weekly:
        first = first_day(rule)
        if first > rule.until:  # consultations.empty-rule reports it
            continue
        start = at(first, rule.start, zone)
        ev = event(uid("weekly", rule.weekday, start.strftime("%Y%m%dT%H%M"), rule.topic), start,
                   rule.minutes, rule.topic, rule.channel)
        until = dt.datetime.combine(rule.until, dt.time(23, 59, 59), tzinfo=zone).astimezone(dt.UTC)
        ev.add("rrule", vRecur(freq="WEEKLY", byday=_ICAL_DAYS[WEEKDAYS.index(rule.weekday)],
                               until=until))
        cal.add_component(ev)
    zones = [z for z in map(_timezone, sorted(cal.get_missing_tzids())) if z is not None]
    cal.subcomponents[:0] = zones  # as cal.add_missing_timezones(), computed once a process
    return cal.to_ical()


@functools.cache
def _timezone(tzid: str) -> Timezone | None:
    """The VTIMEZONE of `tzid` (1970–2038): 0.2 s to compute, so made once a process."""
    try:
        return Timezone.from_tzid(tzid)
    except ValueError:
        return None
