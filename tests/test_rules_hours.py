"""hours.*: thematic plan vs credits, synchronous share, distance cap, sync within contact hours."""

from __future__ import annotations

import pytest

from tests.conftest import MakeCourse, base_text, edited, line_of, only, run_rules

ONLINE = edited("course.yml", "form: full-time", "form: online")  # sync 4 of 30 h = 13 %


def test_hours_must_equal_credits_times_hours_per_credit(make_course: MakeCourse) -> None:
    text = edited("course.yml", "credits: 1", "credits: 2")
    found = only(run_rules(make_course({"course.yml": text})), "hours.credits")
    assert [(f.file, f.line) for f in found] == [("course.yml", line_of(text, "credits: 2"))]
    assert found[0].params == {"total": "30", "credits": "2", "per_credit": "30", "expected": "60"}
    assert found[0].clause == "state standard of higher education"


@pytest.mark.parametrize(("per_credit", "rule_fires"), [(30, False), (15, True), (36, True)])
def test_hours_per_credit_comes_from_the_profile_options(make_course: MakeCourse,
                                                         per_credit: float,
                                                         rule_fires: bool) -> None:
    found = only(run_rules(make_course(), hours_per_credit=per_credit), "hours.credits")
    assert bool(found) is rule_fires


def test_sync_share_below_30_percent_in_an_online_programme(make_course: MakeCourse) -> None:
    found = only(run_rules(make_course({"course.yml": ONLINE}), "moe-349-tvet"),
                 "hours.sync-share")
    assert [(f.file, f.line) for f in found] == [("course.yml", line_of(ONLINE, "form: online"))]
    assert found[0].params["share"] == "13"
    assert found[0].clause == "order 349 annex 2 p.5, annex 1 p.6"
    assert found[0].severity == "warning"  # the share is set over the programme (annex 1 p.6)


def test_sync_share_is_enough_at_30_percent(make_course: MakeCourse) -> None:
    # 9 of 30 hours live: exactly 30 %
    text = ONLINE.replace("sync: 2", "sync: 4.5")
    assert only(run_rules(make_course({"course.yml": text}), "moe-349-tvet"),
                "hours.sync-share") == []


@pytest.mark.parametrize("profile", ["mes-385", "he-2020"])
def test_sync_share_runs_only_under_moe_349(make_course: MakeCourse, profile: str) -> None:
    assert only(run_rules(make_course({"course.yml": ONLINE}), profile), "hours.sync-share") == []


def test_sync_share_applies_only_to_online_programmes(make_course: MakeCourse) -> None:
    assert only(run_rules(make_course(), "moe-349-tvet"), "hours.sync-share") == []


def test_distance_hours_over_20_percent(make_course: MakeCourse) -> None:
    text = edited("course.yml", "form: full-time", "form: full-time\ndistance: 7")
    found = only(run_rules(make_course({"course.yml": text}), "moe-349-tvet"),
                 "hours.distance-cap")
    assert [(f.file, f.line) for f in found] == [("course.yml", line_of(text, "distance: 7"))]
    assert found[0].params == {"distance": "7", "total": "30", "share": "23", "limit": "6"}
    assert found[0].clause == "order 349 annex 1 p.8, annex 1 p.6"


def test_distance_hours_at_20_percent_pass(make_course: MakeCourse) -> None:
    text = edited("course.yml", "form: full-time", "form: full-time\ndistance: 6")
    assert only(run_rules(make_course({"course.yml": text}), "moe-349-tvet"),
                "hours.distance-cap") == []


def test_distance_cap_runs_only_under_moe_349(make_course: MakeCourse) -> None:
    text = edited("course.yml", "form: full-time", "form: full-time\ndistance: 30")
    assert only(run_rules(make_course({"course.yml": text})), "hours.distance-cap") == []


def test_distance_cap_does_not_apply_to_online_programmes(make_course: MakeCourse) -> None:
    text = ONLINE.replace("form: online", "form: online\ndistance: 30").replace(
        "sync: 2", "sync: 7")
    assert run_rules(make_course({"course.yml": text}), "moe-349-tvet") == []


def test_sync_hours_cannot_exceed_contact_hours(make_course: MakeCourse) -> None:
    text = base_text("course.yml")
    second = text.index("- title: Topic two")
    text = text[:second] + text[second:].replace("sync: 2", "sync: 8", 1)  # contact: 2+2+3 = 7
    found = only(run_rules(make_course({"course.yml": text})), "hours.sync-exceeds")
    assert [(f.file, f.line) for f in found] == [
        ("course.yml", line_of(text, "- title: Topic two"))]
    assert found[0].params == {"topic": "Topic two", "sync": "8", "contact": "7"}


def test_sync_equal_to_contact_hours_passes(make_course: MakeCourse) -> None:
    text = base_text("course.yml").replace("sync: 2", "sync: 7")
    assert only(run_rules(make_course({"course.yml": text})), "hours.sync-exceeds") == []
