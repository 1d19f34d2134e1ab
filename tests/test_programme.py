"""programme.*: a working curriculum's disciplines have kits that follow it (order 385 p.4) and
the 349 shares are counted over the whole programme, practice excluded."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from builder import cli, profiles
from builder.check import check_passports
from builder.findings import CourseReport
from builder.programme_check import check_programmes
from tests.conftest import MakeCourse, edited, line_of, only

# The valid base course: TS-101, 1 credit, 30 h, full-time, 4 of 30 h live.
PROGRAMME = """code: 6B01101
title: Test programme
form: full-time
disciplines:
  - {code: TS-101, title: Valid course, credits: 1, semester: 1, course: a}
  - {code: TS-102, title: Second, credits: 1, semester: 2, course: b}
  - {code: TS-201, title: Not yet written, credits: 1, semester: 3}
practice:
  - {title: Production practice, credits: 10, semester: 4}
"""


def with_distance(hours: float, form: str = "full-time") -> str:
    return edited("course.yml", "form: full-time", f"form: {form}\ndistance: {hours:g}")


def check(tmp_path: Path, programme: str, profile: str = "moe-349-tvet"
          ) -> tuple[list, dict[str, CourseReport]]:
    folder = tmp_path / "programmes"
    folder.mkdir(exist_ok=True)
    (folder / "0101.yml").write_text(programme, encoding="utf-8")
    courses = [p for p in sorted(tmp_path.iterdir()) if (p / "course.yml").is_file()]
    results = check_passports(courses, profiles.get(profile, 30), root=tmp_path)
    checked = check_programmes(folder, results, profiles.get(profile, 30), root=tmp_path)
    return [f for c in checked for f in c.report.findings], {c.slug: r for c, r in results}


@pytest.fixture
def two_courses(make_course: MakeCourse) -> MakeCourse:
    def make(a: str | None = None, b: str | None = None) -> None:
        make_course({"course.yml": a} if a else {}, slug="a")
        second = (b or edited("course.yml", "code: TS-101", "code: TS-102"))
        make_course({"course.yml": second}, slug="b")
    return make


def test_a_discipline_without_a_kit(tmp_path: Path, two_courses: MakeCourse) -> None:
    two_courses()
    found, _ = check(tmp_path, PROGRAMME, "mes-385")
    assert [(f.rule, f.file, f.line, f.severity, f.clause) for f in found] == [
        ("programme.missing-kit", "programmes/0101.yml", line_of(PROGRAMME, "TS-201"), "warning",
         "order 385 p.4")]
    assert "TS-201" in found[0].message("en")


def test_a_discipline_finds_its_kit_by_code(tmp_path: Path, two_courses: MakeCourse) -> None:
    two_courses()
    found, _ = check(tmp_path, PROGRAMME.replace(", course: b", ""), "mes-385")
    assert [f.rule for f in found] == ["programme.missing-kit"]


def test_a_course_that_does_not_exist(tmp_path: Path, two_courses: MakeCourse) -> None:
    two_courses()
    found, _ = check(tmp_path, PROGRAMME.replace("course: b", "course: bb"), "mes-385")
    unknown = only(found, "programme.unknown-course")
    assert [(f.line, f.severity, f.params["course"]) for f in unknown] == [
        (line_of(PROGRAMME, "TS-102"), "error", "bb")]
    assert "a, b" in unknown[0].hint("en")


@pytest.mark.parametrize(("change", "field"), [
    (("code: TS-101", "code: TS-999"), "code"), (("credits: 1", "credits: 2"), "credits"),
    (("form: full-time", "form: evening"), "form")])
def test_a_kit_that_differs_from_the_curriculum(tmp_path: Path, two_courses: MakeCourse,
                                                change: tuple[str, str], field: str) -> None:
    two_courses(a=edited("course.yml", *change))
    found = only(check(tmp_path, PROGRAMME, "mes-385")[0], "programme.mismatch")
    assert [(f.line, f.params["field"]) for f in found] == [(line_of(PROGRAMME, "TS-101"), field)]


def test_one_remote_discipline_in_a_lawful_programme(tmp_path: Path,
                                                     two_courses: MakeCourse) -> None:
    # a: 15 of 30 h remote (50 %); programme: 15 of 90 h (16.7 %), practice not counted
    two_courses(a=with_distance(15))
    found, reports = check(tmp_path, PROGRAMME)
    assert only(found, "programme.distance-cap") == []
    assert only(reports["a"].findings, "hours.distance-cap") == []  # information, not a finding


def test_a_programme_over_the_cap(tmp_path: Path, two_courses: MakeCourse) -> None:
    # 10 + 9 of 90 h = 21.1 % ("21": already over the cap)
    two_courses(a=with_distance(10), b=edited("course.yml", "code: TS-101", "code: TS-102")
                .replace("form: full-time", "form: full-time\ndistance: 9"))
    found, _ = check(tmp_path, PROGRAMME)
    [cap] = only(found, "programme.distance-cap")
    assert (cap.severity, cap.clause, cap.line) == ("error", "order 349 annex 1 p.8",
                                                    line_of(PROGRAMME, "form: full-time"))
    assert cap.params["share"] == "21" and cap.params["total"] == "90"
    assert only(check(tmp_path, PROGRAMME, "mes-385")[0], "programme.distance-cap") == []


def test_part_time_programmes_cite_p9(tmp_path: Path, two_courses: MakeCourse) -> None:
    course = with_distance(30, "part-time")
    two_courses(a=course, b=course.replace("code: TS-101", "code: TS-102"))
    found, _ = check(tmp_path, PROGRAMME.replace("form: full-time", "form: part-time"))
    assert [f.clause for f in only(found, "programme.distance-cap")] == ["order 349 annex 1 p.9"]


def test_an_online_programme_below_30_percent_live(tmp_path: Path,
                                                   two_courses: MakeCourse) -> None:
    online = edited("course.yml", "form: full-time", "form: online")  # 4 of 30 h live
    two_courses(a=online, b=online.replace("code: TS-101", "code: TS-102"))
    found, reports = check(tmp_path, PROGRAMME.replace("form: full-time", "form: online"))
    [share] = only(found, "programme.sync-share")
    assert (share.clause, share.params["sync"], share.params["total"]) == (
        "order 349 annex 2 p.5", "8", "90")
    assert only(reports["a"].findings, "hours.sync-share") == []


def test_a_course_in_no_programme_keeps_the_share_as_a_warning(tmp_path: Path,
                                                               make_course: MakeCourse) -> None:
    make_course({"course.yml": with_distance(15)}, slug="alone")
    found, reports = check(tmp_path, PROGRAMME)
    [cap] = only(reports["alone"].findings, "hours.distance-cap")
    assert cap.severity == "warning" and "whole programme" in cap.message("en")


def test_hours_per_credit_of_the_programme(tmp_path: Path, two_courses: MakeCourse) -> None:
    two_courses()
    _, reports = check(tmp_path, PROGRAMME.replace("form:", "hours_per_credit: 24\nform:"))
    [credits] = only(reports["a"].findings, "hours.credits")
    assert credits.params["expected"] == "24"
    _, reports = check(tmp_path, PROGRAMME)
    assert only(reports["a"].findings, "hours.credits") == []


def test_a_programme_of_another_profile(tmp_path: Path, two_courses: MakeCourse) -> None:
    two_courses()  # TVET: 24 h a credit unless the programme says otherwise
    _, reports = check(tmp_path, "profile: moe-349-tvet\n" + PROGRAMME, "mes-385")
    assert [f.params["expected"] for f in only(reports["a"].findings, "hours.credits")] == ["24"]


def test_a_programme_file_without_its_keys(tmp_path: Path, two_courses: MakeCourse) -> None:
    two_courses()
    found, _ = check(tmp_path, "code: 6B01101\n")
    assert sorted(f.params["field"] for f in only(found, "programme.field")) == [
        "disciplines", "title"]
    found, _ = check(tmp_path, "code: [6B01101\n")
    assert [(f.rule, f.file) for f in found] == [("yaml.syntax", "programmes/0101.yml")]


def test_check_reports_programmes_in_json(tmp_path: Path, two_courses: MakeCourse,
                                          monkeypatch: pytest.MonkeyPatch,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    two_courses()
    (tmp_path / "programmes").mkdir()
    (tmp_path / "programmes" / "0101.yml").write_text(
        PROGRAMME.replace("course: b", "course: bb"), encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: t\nplugins:\n  - eumk:\n"
                                         "      courses_dir: .\n")
    monkeypatch.chdir(tmp_path)
    code = cli.main(["check", "--format", "json"])
    doc = json.loads(capsys.readouterr().out)
    assert code == 1
    [programme] = doc["programmes"]
    assert (programme["code"], programme["title"]) == ("6B01101", "Test programme")
    assert {f["rule"] for f in programme["findings"]} == {"programme.unknown-course",
                                                         "programme.missing-kit"}
    assert doc["summary"] == {"courses": 2, "errors": 1, "warnings": 1}  # programmes included
    code = cli.main(["check", "a", "--format", "json"])  # one course: no programme report
    assert json.loads(capsys.readouterr().out)["programmes"] == [] and code == 0
