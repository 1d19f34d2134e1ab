"""consultations.overlap and consultations.channel (order 385 p.6.7, p.14)."""

from __future__ import annotations

from tests.conftest import FIXTURES, MakeCourse, edited, line_of, only, run_rules

CHANNEL = "channel: https://meet.example.kz/ts-101\n"


def test_two_overlapping_sessions(make_course: MakeCourse) -> None:
    found = only(run_rules(make_course(overlay="overlap")), "consultations.overlap")
    assert [(f.file, f.line) for f in found] == [("consultations.yml", 7)]  # the later session
    assert found[0].params["other_line"] == 4
    assert found[0].params["start"] == "15:30" and found[0].params["other_start"] == "15:00"
    assert found[0].clause == "order 385 p.6.7"


def test_a_weekly_rule_overlapping_a_session(make_course: MakeCourse) -> None:
    text = (FIXTURES / "weekly-overlap/consultations.yml").read_text(encoding="utf-8")
    found = only(run_rules(make_course(overlay="weekly-overlap")), "consultations.overlap")
    assert [(f.file, f.line, f.params["date"]) for f in found] == [
        ("consultations.yml", line_of(text, "- date: 2026-02-03"), "2026-02-03")]
    assert found[0].params["other_line"] == line_of(text, "- weekday: tue")


def test_back_to_back_sessions_do_not_overlap(make_course: MakeCourse) -> None:
    text = (FIXTURES / "overlap/consultations.yml").read_text(encoding="utf-8")
    text = text.replace('"15:30"', '"16:00"')
    assert only(run_rules(make_course({"consultations.yml": text})), "consultations.overlap") == []


def test_a_weekly_rule_does_not_overlap_itself(make_course: MakeCourse) -> None:
    text = (FIXTURES / "weekly-overlap/consultations.yml").read_text(encoding="utf-8")
    text = text[: text.index("sessions:")]
    assert run_rules(make_course({"consultations.yml": text})) == []


def test_the_same_time_on_another_day_does_not_overlap(make_course: MakeCourse) -> None:
    text = (FIXTURES / "overlap/consultations.yml").read_text(encoding="utf-8")
    text = text.replace("2026-02-03", "2026-02-04").replace("2026-02-04", "2026-02-03", 1)
    assert only(run_rules(make_course({"consultations.yml": text})), "consultations.overlap") == []


def test_a_session_without_any_channel(make_course: MakeCourse) -> None:
    text = edited("consultations.yml", CHANNEL, "")
    found = only(run_rules(make_course({"consultations.yml": text})), "consultations.channel")
    assert [(f.file, f.line) for f in found] == [
        ("consultations.yml", line_of(text, "- date: 2026-02-03"))]
    assert found[0].params == {"date": "2026-02-03", "start": "15:00"}
    assert found[0].clause == "order 385 p.6.7, p.14"


def test_a_blank_channel_is_no_channel(make_course: MakeCourse) -> None:
    text = edited("consultations.yml", CHANNEL, 'channel: "  "\n')
    assert len(only(run_rules(make_course({"consultations.yml": text})),
                    "consultations.channel")) == 1


def test_a_session_may_name_its_own_channel(make_course: MakeCourse) -> None:
    text = edited("consultations.yml", CHANNEL, "") + "    channel: +7 701 000 00 00\n"
    assert run_rules(make_course({"consultations.yml": text})) == []


def test_a_weekly_rule_without_channel_is_reported_once(make_course: MakeCourse) -> None:
    text = (FIXTURES / "weekly-overlap/consultations.yml").read_text(encoding="utf-8")
    text = text[: text.index("sessions:")].replace(CHANNEL, "")
    found = only(run_rules(make_course({"consultations.yml": text})), "consultations.channel")
    assert [(f.line, f.params["date"]) for f in found] == [
        (line_of(text, "- weekday: tue"), "2026-02-03")]


EMPTY_RULE = """timezone: Asia/Almaty
channel: https://meet.example.kz/ts-101
sessions:
  - date: 2026-02-03
    start: "15:00"
    topic: Module 1
weekly:
  - weekday: sun
    start: "16:00"
    from: 2026-02-02
    until: 2026-02-06
"""


def test_a_weekly_rule_without_any_date(make_course: MakeCourse) -> None:
    found = only(run_rules(make_course({"consultations.yml": EMPTY_RULE})),
                 "consultations.empty-rule")
    assert [(f.file, f.line, f.severity) for f in found] == [
        ("consultations.yml", line_of(EMPTY_RULE, "- weekday: sun"), "warning")]
    assert all(found[0].message(lang) != "consultations.empty-rule" for lang in ("kk", "ru"))
    wide = EMPTY_RULE.replace("until: 2026-02-06", "until: 2026-02-08")  # a Sunday
    assert only(run_rules(make_course({"consultations.yml": wide}, slug="wide")),
                "consultations.empty-rule") == []


def test_calendar_uids_follow_the_consultation_not_its_position(make_course: MakeCourse) -> None:
    from icalendar import Calendar

    from builder.ics import calendar
    from builder.load import load_course

    def uids(text: str) -> dict[str, str]:
        course = load_course(make_course({"consultations.yml": text}, slug=f"c{len(text)}"))[0]
        events = Calendar.from_ical(calendar(course)).walk("VEVENT")
        return {str(e["summary"]): str(e["uid"]).split("@")[0] for e in events}

    text = EMPTY_RULE.replace("until: 2026-02-06", "until: 2026-03-08")
    before = uids(text)
    inserted = text.replace("sessions:\n", 'sessions:\n  - date: 2026-02-01\n    start: "10:00"\n'
                                           "    topic: Introduction\n")
    after = uids(inserted)
    assert len(after) == len(before) + 1
    assert {k: v for k, v in after.items() if k in before} == before
    assert len(set(after.values())) == len(after)
