"""The consultation schedule as an iCalendar file (icalendar), reproducible (SOURCE_DATE_EPOCH)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, vRecur

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
    cal.add("x-wr-calname", f"{course.meta.code} {course.meta.title}".strip())
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

    for i, s in enumerate(cons.sessions):
        cal.add_component(event(f"session-{i}-{s.date.isoformat()}", at(s.date, s.start, zone),
                                s.minutes, s.topic, s.channel))
    for i, rule in enumerate(cons.weekly):
        first = first_day(rule)
        if first > rule.until:
            continue
        ev = event(f"weekly-{i}-{rule.weekday}", at(first, rule.start, zone), rule.minutes,
                   rule.topic, rule.channel)
        until = dt.datetime.combine(rule.until, dt.time(23, 59, 59), tzinfo=zone).astimezone(dt.UTC)
        ev.add("rrule", vRecur(freq="WEEKLY", byday=_ICAL_DAYS[WEEKDAYS.index(rule.weekday)],
                               until=until))
        cal.add_component(ev)
    cal.add_missing_timezones()
    return cal.to_ical()
