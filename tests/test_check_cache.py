"""`eumk check` keeps each course's result in the portal's cache (shared with the build): an
unchanged course is not checked again, and no change a check can see is ever missed."""

from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

import builder.check as check_module
from builder import check_cache, cli, profiles
from builder.findings import CourseReport, Finding
from builder.model import Course
from builder.plugin.build import check_courses
from tests.sites import REPO, new_course, project

LECTURE = "lectures/02-links.md"
PAGE = ("---\ntitle: Links\nmodule: M1\naudience: instructor\n---\n## Links\n\n"
        "See [notes]({target}) and [box](box/).\n")

Eumk = Callable[..., tuple[int, str]]


@pytest.fixture
def portal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A portal with two valid courses; `a` links (on an instructor page: hidden files are
    never published) a hidden file and a folder of its own."""
    root = project(tmp_path / "portal")
    a = new_course(root, "a", "en", **{LECTURE: PAGE.format(target="../.notes/aa.md")})
    (a / ".notes").mkdir()
    (a / ".notes" / "aa.md").write_text("# notes\n", encoding="utf-8")
    (a / "lectures" / "box").mkdir()
    new_course(root, "b", "ru")
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "secret.md").write_text("# secret\n", encoding="utf-8")
    monkeypatch.chdir(root)
    return root


@pytest.fixture
def checked(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The courses each run below really checks (not taken from the cache)."""
    names: list[str] = []
    original = check_module._check_one

    def recording(course_dir: Path, *args: object):  # type: ignore[no-untyped-def]
        names.append(course_dir.name)
        return original(course_dir, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(check_module, "_check_one", recording)
    return names


@pytest.fixture
def eumk(capsys: pytest.CaptureFixture[str], checked: list[str]) -> Eumk:
    """eumk(*args) -> (exit code, stdout) of `eumk --config mkdocs.yml check …`."""
    def run(*args: str) -> tuple[int, str]:
        checked.clear()
        code = cli.main(["--config", "mkdocs.yml", "check", *args])
        return code, capsys.readouterr().out

    return run


def rules(out: str) -> dict[str, set[str]]:
    """Course slug → the rules of its findings, from JSON output."""
    return {c["slug"]: {f["rule"] for f in c["findings"]} for c in json.loads(out)["courses"]}


def test_an_unchanged_academy_is_not_checked_again(portal: Path, eumk: Eumk,
                                                   checked: list[str]) -> None:
    first = eumk("courses", "--format", "json")
    assert checked == ["a", "b"] and first[0] == 0
    assert sorted(p.name for p in (portal / ".cache/eumk/check").iterdir()) == [
        "a.pickle", "b.pickle"]
    assert eumk("courses", "--format", "json") == first
    assert checked == []
    text = eumk("courses")
    assert checked == [] and text == eumk("courses", "--no-cache")
    assert checked == ["a", "b"]
    assert eumk("courses/a", "--format", "json")[1] == eumk("courses/a", "--format", "json",
                                                            "--no-cache")[1]


def _same_size_same_mtime(path: Path, old: str, new: str) -> None:
    """Change `path`'s text keeping its size and modification time (as `cp -p` or a fast editor
    within one clock tick could)."""
    st = path.stat()
    text = path.read_text(encoding="utf-8")
    assert len(old) == len(new) and text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert path.stat().st_size == st.st_size


CHANGES: dict[str, tuple[Callable[[Path], object], str]] = {
    "an edit": (lambda a: (a / LECTURE).write_text(
        PAGE.format(target="missing.md"), encoding="utf-8"), "link.broken"),
    "an edit of the same size and time": (lambda a: _same_size_same_mtime(
        a / LECTURE, "aa.md)", "ab.md)"), "link.broken"),
    "a hidden file removed": (lambda a: (a / ".notes" / "aa.md").unlink(), "link.broken"),
    "an empty folder removed": (lambda a: (a / "lectures" / "box").rmdir(), "link.broken"),
    "a symlink out of the course": (lambda a: os.symlink(
        "../../../../elsewhere/secret.md", a / "lectures" / "secret.md"), "path.outside"),
    "a symlink inside made to leave": (lambda a: (
        (a / ".notes" / "aa.md").rename(a / "aa-real.md"),
        os.symlink("../../../../elsewhere/secret.md", a / ".notes" / "aa.md")), "path.outside"),
}


@pytest.mark.parametrize("change", CHANGES)
def test_a_change_is_always_seen(portal: Path, eumk: Eumk, checked: list[str],
                                 change: str) -> None:
    make, rule = CHANGES[change]
    before = eumk("courses", "--format", "json")
    assert before[0] == 0 and rule not in rules(before[1])["a"]
    make(portal / "courses" / "a")
    after = eumk("courses", "--format", "json")
    assert checked == ["a"]  # b is unchanged
    assert rule in rules(after[1])["a"] and after[0] == 1
    assert after == eumk("courses", "--format", "json", "--no-cache")


def test_a_profile_and_a_language_are_part_of_the_result(portal: Path, eumk: Eumk,
                                                         checked: list[str]) -> None:
    (portal / "courses/a/course.yml").write_text((portal / "courses/a/course.yml").read_text(
        encoding="utf-8").replace("credits: 1", "credits: 2"), encoding="utf-8")
    default = eumk("courses", "--format", "json")
    assert "hours.credits" in rules(default[1])["a"]
    tvet = eumk("courses", "--format", "json", "--profile", "moe-349-tvet")
    assert checked == ["a", "b"] and tvet != default
    assert tvet == eumk("courses", "--format", "json", "--profile", "moe-349-tvet", "--no-cache")
    assert eumk("courses", "--format", "json") == default  # one result a course is kept:
    assert checked == ["a", "b"]                            # the last profile's
    for lang in ("kk", "ru", "en", "kk"):
        warm = eumk("courses", "--lang", lang)
        assert checked == []
        assert warm == eumk("courses", "--lang", lang, "--no-cache")
    assert eumk("courses", "--lang", "ru")[1] != eumk("courses", "--lang", "en")[1]
    assert eumk("courses", "--format", "json") == default and checked == []


def test_an_unreadable_cache_is_no_cache(portal: Path, eumk: Eumk, checked: list[str]) -> None:
    first = eumk("courses", "--format", "json")
    stored = portal / ".cache/eumk/check"
    (stored / "a.pickle").write_bytes(b"\x80\x05 not a pickle")
    (stored / "b.pickle").write_bytes(pickle.dumps(("check-0", "old", None, None)))
    assert eumk("courses", "--format", "json") == first
    assert checked == ["a", "b"]
    assert pickle.loads((stored / "a.pickle").read_bytes())[0] == check_cache.FORMAT
    assert not [p for p in stored.iterdir() if p.name.endswith(".tmp")]  # written atomically


def test_the_build_and_the_check_share_their_results(portal: Path, eumk: Eumk,
                                                     checked: list[str]) -> None:
    profile = profiles.get("mes-385", 30)
    check_courses((portal / "courses").resolve(), profile, portal.resolve(),
                  portal / ".cache/eumk")
    assert checked == ["a", "b"]
    first = eumk("courses", "--format", "json")
    assert checked == []
    assert first == eumk("courses", "--format", "json", "--no-cache")


def test_no_cache_outside_a_portal_or_its_courses(portal: Path, eumk: Eumk, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    other = new_course(tmp_path / "loose", "c", "en")
    eumk(str(other), "--format", "json")
    assert not (portal / ".cache").exists()
    monkeypatch.chdir(tmp_path / "loose")
    assert cli.main(["check", "courses"]) == 0  # no mkdocs.yml here
    assert not (tmp_path / "loose" / ".cache").exists()


def test_a_result_that_depends_on_the_machine_is_not_kept(tmp_path: Path) -> None:
    course = Course(slug="c", path=tmp_path)
    tool = Finding(rule="video.tool", file="c/lectures/01.md")
    check_cache.write(tmp_path / "t.pickle", "k", course,
                      CourseReport("c", "c", "en", [tool]))
    assert not (tmp_path / "t.pickle").exists()
    check_cache.write(tmp_path / "k.pickle", "k", course, CourseReport("c", "c", "ru", []))
    assert check_cache.read(tmp_path / "k.pickle", "k", tmp_path, None, "kk")[1].lang == "kk"
    assert check_cache.read(tmp_path / "k.pickle", "other", tmp_path, None) is None


def test_the_profile_key_is_the_same_in_every_process() -> None:
    code = ("from builder import check_cache, profiles; "
            "print(check_cache.profile_key(profiles.get('moe-349-tvet')))")
    found = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True, cwd=REPO, env={**os.environ, "PYTHONHASHSEED": seed,
                                                       "PYTHONPATH": str(REPO)}).stdout
             for seed in ("1", "2", "3")}
    assert len(found) == 1
    assert len(profiles.get("moe-349-tvet").optional_rules) > 1  # a set whose order could vary


def test_a_new_time_zone_database_is_another_key(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    import zoneinfo

    profile = profiles.get("mes-385", 30)
    monkeypatch.setattr(zoneinfo, "TZPATH", (str(tmp_path),))
    (tmp_path / "tzdata.zi").write_text("# version 2026a\n", encoding="utf-8")
    before = check_cache.common_key(profile, tmp_path)
    assert check_cache.common_key(profile, tmp_path) == before
    (tmp_path / "tzdata.zi").write_text("# version 2026b, one zone more\n", encoding="utf-8")
    assert check_cache.common_key(profile, tmp_path) != before
