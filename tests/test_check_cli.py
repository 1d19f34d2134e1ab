"""`eumk check`: the JSON contract, the text report, languages, profiles and exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from builder import cli, profiles
from builder.profiles import RULES, RuleSpec
from tests.conftest import MakeCourse, edited, run_rules

ROOT = Path(__file__).resolve().parent.parent
FINDING_KEYS = ["severity", "rule", "component", "file", "line", "message", "clause"]
BROKEN = {"lectures/01-intro.md": "---\nmodule: M1\n---\nSee [x](missing.md).\n"}  # 1 error


@pytest.fixture
def eumk(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch):
    """eumk(*args) -> (exit code, stdout, stderr), run in-process from tmp_path."""
    monkeypatch.chdir(tmp_path)

    def run(*args: str, config: str = "none.yml") -> tuple[int, str, str]:
        code = cli.main(["--config", config, *args])
        out, err = capsys.readouterr()
        return code, out, err

    return run


def as_warning(monkeypatch: pytest.MonkeyPatch, rule: str) -> None:
    monkeypatch.setitem(RULES, rule, RuleSpec("warning", RULES[rule].clause))


def test_json_follows_the_contract(make_course: MakeCourse, eumk) -> None:
    make_course({"consultations.yml": None, **BROKEN})
    code, out, _ = eumk("check", "course", "--format", "json")
    assert code == 1
    doc = json.loads(out)
    assert list(doc) == ["courses", "programmes", "summary"]
    assert doc["programmes"] == []  # no programmes/ folder here
    assert doc["summary"] == {"courses": 1, "errors": 2, "warnings": 0}
    [course] = doc["courses"]
    assert list(course) == ["slug", "path", "findings"]
    assert (course["slug"], course["path"]) == ("course", "course")
    kit, link = course["findings"]
    # the contract's keys, in its order; `hint` is the one addition (the fix, for people)
    assert [k for k in kit if k != "hint"] == FINDING_KEYS
    assert kit == {
        "severity": "error", "rule": "kit.missing", "component": "consultations",
        "file": "course", "line": None, "clause": "order 385 p.6.7",
        "message": "Mandatory component missing or empty: Consultations "
                   "(consultations.yml with at least one session).",
        "hint": "Create consultations.yml with dated 'sessions' or a 'weekly' rule."}
    assert (link["rule"], link["file"], link["line"], link["component"]) == (
        "link.broken", "course/lectures/01-intro.md", 4, "lectures")
    assert link["message"] == "The link 'missing.md' points to a file that does not exist."


def test_json_of_a_clean_course_and_of_several_courses(make_course: MakeCourse, eumk) -> None:
    make_course(slug="a")
    make_course(BROKEN, slug="b")
    code, out, _ = eumk("check", ".", "--format", "json")
    doc = json.loads(out)
    assert [c["slug"] for c in doc["courses"]] == ["a", "b"]
    assert doc["courses"][0]["findings"] == []
    assert doc["summary"] == {"courses": 2, "errors": 1, "warnings": 0}
    assert code == 1


def test_json_counts_warnings(make_course: MakeCourse, eumk,
                              monkeypatch: pytest.MonkeyPatch) -> None:
    as_warning(monkeypatch, "link.broken")
    make_course({"consultations.yml": None, **BROKEN})
    code, out, _ = eumk("check", "course", "--format", "json")
    doc = json.loads(out)
    assert doc["summary"] == {"courses": 1, "errors": 1, "warnings": 1}
    assert [f["severity"] for f in doc["courses"][0]["findings"]] == ["error", "warning"]


def test_text_groups_by_course_errors_first_each_with_a_hint(
        make_course: MakeCourse, eumk, monkeypatch: pytest.MonkeyPatch) -> None:
    as_warning(monkeypatch, "kit.missing")
    make_course({"consultations.yml": None, **BROKEN}, slug="b")
    make_course(slug="a")
    code, out, _ = eumk("check", ".")
    lines = out.splitlines()
    assert lines[0] == "✔ a (a): no problems found"
    assert lines[1] == "✘ b (b): 1 errors, 1 warnings"
    assert lines[2].startswith("  error b/lectures/01-intro.md:4  [link.broken; order 385 p.5]")
    assert lines[3] == "    The link 'missing.md' points to a file that does not exist."
    assert lines[4].startswith("    → Correct the path")
    assert lines[5] == "  warning b  [kit.missing; order 385 p.6.7]"
    assert lines[7].startswith("    → Create consultations.yml")
    assert lines[-1] == "courses: 2, errors: 1, warnings: 1"
    assert code == 1


@pytest.mark.parametrize(("lang", "words"), [
    ("kk", "сілтемесі жоқ файлға апарады"),
    ("ru", "ведёт на несуществующий файл"),
])
def test_messages_are_in_the_course_language(make_course: MakeCourse, eumk, lang: str,
                                             words: str) -> None:
    make_course({"course.yml": edited("course.yml", "language: en", f"language: {lang}"),
                 **BROKEN})
    _, out, _ = eumk("check", "course")
    assert words in out
    assert "points to a file" not in out


@pytest.mark.parametrize(("lang", "words"), [
    ("kk", "сілтемесі жоқ файлға апарады"),
    ("ru", "ведёт на несуществующий файл"),
    ("en", "points to a file that does not exist"),
])
def test_lang_overrides_the_course_language(make_course: MakeCourse, eumk, lang: str,
                                            words: str) -> None:
    other = "ru" if lang == "kk" else "kk"
    make_course({"course.yml": edited("course.yml", "language: en", f"language: {other}"),
                 **BROKEN})
    _, text, _ = eumk("check", "course", "--lang", lang)
    _, js, _ = eumk("check", "course", "--lang", lang, "--format", "json")
    assert words in text
    assert words in json.loads(js)["courses"][0]["findings"][0]["message"]


def test_every_rule_has_a_message_and_hint_in_every_language() -> None:
    from builder import messages

    for rule in RULES:
        for lang in ("kk", "ru", "en"):
            entry = messages.catalogue(lang)["findings"].get(rule)
            keyed = [k for k in messages.catalogue(lang)["findings"] if k.startswith(rule + ".")]
            assert entry or keyed, (rule, lang)
            for key in [rule] * bool(entry) + keyed:
                found = messages.catalogue(lang)["findings"][key]
                assert found.get("message") and "hint" in found, (key, lang)


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_catalogues_use_the_same_placeholders_as_english(lang: str) -> None:
    import re

    from builder import messages

    english = messages.catalogue("en")["findings"]
    for key, entry in messages.catalogue(lang)["findings"].items():
        for part in ("message", "hint"):
            if part in entry and key in english:
                names = set(re.findall(r"\{(\w+)\}", entry[part]))
                assert names <= set(re.findall(r"\{(\w+)\}", english[key].get(part, "") +
                                               english[key].get("message", ""))), (key, part)


def test_every_finding_cites_a_clause_and_has_a_known_severity(make_course: MakeCourse) -> None:
    course = make_course({
        "course.yml": edited("course.yml", "credits: 1", "credits: 2").replace("Smith J.\n", "\n"),
        "consultations.yml": "channel: x\nsessions: [{date: 2026-01-01, start: '9:00'},"
                             " {date: 2026-01-01, start: '9:30'}]\n",
        **BROKEN})
    found = run_rules(course)
    assert len({f.rule for f in found}) >= 4
    for f in found:
        assert f.clause.startswith(("order ", "recommendations ", "state standard ")), f
        assert f.severity == RULES[f.rule].severity


def test_a_profile_changes_severities(make_course: MakeCourse,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    as_warning(monkeypatch, "link.broken")
    monkeypatch.setitem(profiles.PROFILES["he-2020"].severities, "link.broken", "error")
    course = make_course(BROKEN)
    assert [f.severity for f in run_rules(course, "mes-385")] == ["warning"]
    assert [f.severity for f in run_rules(course, "he-2020")] == ["error"]


def test_video_duration_is_an_error_under_he_2020() -> None:
    from builder.findings import Finding

    finding = Finding(rule="video.duration", file="x.md")
    assert profiles.get("he-2020").apply(finding).severity == "error"
    if "video.duration" in RULES:
        assert profiles.get("mes-385").apply(finding).severity == "warning"


MKDOCS = ("site_name: t\nplugins:\n  - eumk:\n      profile: {profile}\n"
          "      hours_per_credit: {hpc}\n")


def test_the_profile_comes_from_mkdocs_yml_and_profile_overrides_it(
        make_course: MakeCourse, eumk, tmp_path: Path) -> None:
    make_course({"course.yml": edited("course.yml", "form: full-time", "form: online")})
    (tmp_path / "mkdocs.yml").write_text(MKDOCS.format(profile="moe-349-tvet", hpc=30))
    code, out, _ = eumk("check", "course", "--format", "json", config="mkdocs.yml")
    [found] = json.loads(out)["courses"][0]["findings"]
    assert (found["rule"], found["severity"]) == ("hours.sync-share", "warning")
    assert code == 0
    code, out, _ = eumk("check", "course", "--format", "json", "--profile", "mes-385",
                        config="mkdocs.yml")
    assert json.loads(out)["courses"][0]["findings"] == []
    assert code == 0


def test_hours_per_credit_comes_from_mkdocs_yml(make_course: MakeCourse, eumk,
                                                tmp_path: Path) -> None:
    make_course()
    (tmp_path / "mkdocs.yml").write_text(MKDOCS.format(profile="mes-385", hpc=25))
    code, out, _ = eumk("check", "course", "--format", "json", config="mkdocs.yml")
    [finding] = json.loads(out)["courses"][0]["findings"]
    assert finding["rule"] == "hours.credits"
    assert "1 credits × 25 h = 25 h" in finding["message"]
    assert code == 1


def test_courses_dir_from_mkdocs_yml_is_the_default_path(make_course: MakeCourse, eumk,
                                                         tmp_path: Path) -> None:
    make_course(BROKEN)
    (tmp_path / "mkdocs.yml").write_text("plugins:\n  - eumk:\n      courses_dir: .\n")
    code, out, _ = eumk("check", "--format", "json", config="mkdocs.yml")
    assert json.loads(out)["summary"] == {"courses": 1, "errors": 1, "warnings": 0}


def test_a_bad_mkdocs_yml_is_a_usage_error(make_course: MakeCourse, eumk,
                                           tmp_path: Path) -> None:
    make_course()
    (tmp_path / "mkdocs.yml").write_text(MKDOCS.format(profile="nope", hpc=30))
    code, _, err = eumk("check", "course", config="mkdocs.yml")
    assert code == 2 and "profile" in err


def test_exit_0_for_a_clean_course(make_course: MakeCourse, eumk) -> None:
    make_course()
    assert eumk("check", "course")[0] == 0
    assert eumk("check", "course", "--strict")[0] == 0


def test_warnings_pass_unless_strict(make_course: MakeCourse, eumk,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    as_warning(monkeypatch, "link.broken")
    make_course(BROKEN)
    assert eumk("check", "course")[0] == 0
    assert eumk("check", "course", "--strict")[0] == 1


def test_a_missing_path_is_a_usage_error(eumk) -> None:
    code, out, err = eumk("check", "no-such-folder")
    assert code == 2 and out == ""
    assert "no-such-folder" in err


def test_a_folder_without_courses_is_a_usage_error(eumk, tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    assert eumk("check", "empty")[0] == 2


@pytest.mark.parametrize("args", [["check", "--nope"], ["check", "--format", "xml"],
                                  ["check", "--profile", "x"], ["frobnicate"]])
def test_an_unknown_option_is_a_usage_error(eumk, args: list[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        eumk(*args)
    assert exit_.value.code == 2


def _eumk(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "builder.cli", "--config", "none.yml", *args],
                          cwd=cwd, capture_output=True, text=True, timeout=60,
                          env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})


def test_exit_codes_of_the_real_command(make_course: MakeCourse, tmp_path: Path) -> None:
    make_course(slug="good")
    make_course(BROKEN, slug="bad")
    assert _eumk("check", "good", cwd=tmp_path).returncode == 0
    bad = _eumk("check", "bad", "--format", "json", cwd=tmp_path)
    assert bad.returncode == 1
    assert json.loads(bad.stdout)["summary"]["errors"] == 1
    for args in (["check", "--nope"], ["check", "missing"]):
        run = _eumk(*args, cwd=tmp_path)
        assert run.returncode == 2
        assert "Traceback" not in run.stderr


@pytest.mark.parametrize("slug", ["fire-safety", "first-aid"])
def test_the_sample_courses_have_no_errors(slug: str) -> None:
    course = ROOT / "courses" / slug
    if not (course / "course.yml").is_file():
        pytest.skip(f"courses/{slug} is not there yet")
    errors = [f for f in run_rules(course) if f.severity == "error"]
    assert errors == []



def test_component_names_follow_the_report_language(make_course: MakeCourse, eumk) -> None:
    make_course({"course.yml": edited("course.yml", "language: en", "language: kk"),
                 "consultations.yml": None})
    _, kk, _ = eumk("check", "course")
    _, ru, _ = eumk("check", "course", "--lang", "ru")
    assert "Қашықтан кеңес беру кестесі" in kk
    assert "График консультаций" in ru and "Қашықтан" not in ru
