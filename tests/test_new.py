"""`eumk new`: a complete, valid course skeleton in kk, ru or en that passes `eumk check`."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from builder import cli
from builder.scaffold import HERE
from tests.conftest import run_rules

LANGS = ("kk", "ru", "en")
KAZAKH = re.compile("[әғқңөұүһі]", re.I)
CYRILLIC = re.compile("[а-яё]", re.I)
TEXT_FILES = sorted(p.relative_to(HERE / "en").as_posix()
                    for p in (HERE / "en").rglob("*") if p.is_file())


def new(tmp_path: Path, *args: str) -> int:
    return cli.main(["--config", str(tmp_path / "none.yml"), "new", *args,
                     "--dir", str(tmp_path)])


def prose(text: str) -> str:
    """The words meant for people: no keys, ids, paths or URLs."""
    text = re.sub(r"https?://\S+|\S+\.(md|yml|png|pdf|mp4|vtt)\b|\{[^}]*\}", " ", text)
    return re.sub(r"(?m)^\s*-?\s*[a-z_]+:(?=\s)", " ", text)


@pytest.mark.parametrize("lang", LANGS)
def test_the_skeleton_mirrors_the_english_one_file_by_file(lang: str) -> None:
    files = sorted(p.relative_to(HERE / lang).as_posix()
                   for p in (HERE / lang).rglob("*") if p.is_file())
    assert files == TEXT_FILES


@pytest.mark.parametrize("lang", LANGS)
def test_a_new_course_checks_clean_in_every_profile(tmp_path: Path, lang: str,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    assert new(tmp_path, "fire-101", "--language", lang, "--title", "Demo") == 0
    course = tmp_path / "fire-101"
    assert "fire-101" in capsys.readouterr().out
    for profile in ("mes-385", "moe-349-tvet", "he-2020"):
        assert run_rules(course, profile) == [], profile
    args = ["--config", str(tmp_path / "none.yml"), "check", "--strict", str(course)]
    assert cli.main(args) == 0


@pytest.mark.parametrize("lang", LANGS)
def test_variables_are_filled_in(tmp_path: Path, lang: str) -> None:
    new(tmp_path, "ts-2104", "--language", lang, "--title", "Өрт қауіпсіздігі")
    course = tmp_path / "ts-2104"
    for rel in TEXT_FILES:
        assert "{{" not in (course / rel).read_text(encoding="utf-8"), rel
    course_yml = (course / "course.yml").read_text(encoding="utf-8")
    assert "code: TS-2104" in course_yml
    assert "title: Өрт қауіпсіздігі" in course_yml
    assert f"language: {lang}" in course_yml
    assert "https://meet.example.kz/ts-2104" in (course / "consultations.yml").read_text()


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_the_placeholder_text_is_in_the_chosen_language(tmp_path: Path, lang: str) -> None:
    new(tmp_path, "c", "--language", lang)
    for rel in TEXT_FILES:
        words = prose((tmp_path / "c" / rel).read_text(encoding="utf-8"))
        latin = re.findall(r"\b[A-Za-z]{4,}\b", words)
        cyrillic = CYRILLIC.findall(words)
        assert len(cyrillic) > 5 * len(latin), (rel, latin)
        if lang == "kk":
            assert KAZAKH.search(words), rel
        else:
            assert not KAZAKH.search(words), (rel, KAZAKH.findall(words))


def test_the_english_placeholder_text_is_english(tmp_path: Path) -> None:
    new(tmp_path, "c", "--language", "en")
    for rel in TEXT_FILES:
        words = prose((tmp_path / "c" / rel).read_text(encoding="utf-8"))
        words = re.sub("[А-ЯӘҒҚҢӨҰҮҺІ]{3,4}", "", words)  # СӨЖ/СРС: the local names, on purpose
        assert not CYRILLIC.search(words), rel


@pytest.mark.parametrize("lang", LANGS)
def test_every_file_names_its_clause(lang: str) -> None:
    for rel in TEXT_FILES:
        text = (HERE / lang / rel).read_text(encoding="utf-8")
        assert "385" in text or "004" in text, rel
    clauses = {"syllabus.md": "6.1", "lectures/01-introduction.md": "6.2",
               "seminars/01-seminar.md": "6.3", "self-study/01-tasks.md": "6.4",
               "interim/01-control-work.md": "6.5", "final/exam-questions.md": "6.6",
               "consultations.yml": "6.7"}
    for rel, clause in clauses.items():
        assert clause in (HERE / lang / rel).read_text(encoding="utf-8"), (lang, rel)


def test_an_existing_folder_is_refused_and_left_untouched(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "taken"
    target.mkdir()
    (target / "notes.md").write_text("mine\n", encoding="utf-8")
    assert new(tmp_path, "taken", "--language", "kk") == 2
    assert "taken" in capsys.readouterr().err
    assert [p.name for p in target.iterdir()] == ["notes.md"]
    assert (target / "notes.md").read_text(encoding="utf-8") == "mine\n"


def test_an_unknown_language_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as exit_:
        new(tmp_path, "c", "--language", "de")
    assert exit_.value.code == 2
    assert not (tmp_path / "c").exists()
