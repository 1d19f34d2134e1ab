"""Final-control secrets (exam test keys, tickets, instructor pages) never reach students.

Builds the student portal and every case medium from the shipped sample courses and searches
every output file, the search indexes, the zip, the ISO and the PDF text for each secret string.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from builder.case.leaks import scan
from builder.cli import main
from builder.load import load_course
from builder.quiz.secrets import secret_strings
from tests.sites import REPO, build, project

SAMPLES = [REPO / "courses/fire-safety", REPO / "courses/first-aid"]
pytestmark = pytest.mark.skipif(not all(p.is_dir() for p in SAMPLES),
                                reason="sample courses missing")


@pytest.fixture(scope="module")
def portal(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return project(tmp_path_factory.mktemp("secrets"), SAMPLES)


@pytest.fixture(scope="module")
def secrets(portal: Path) -> dict[str, list[str]]:
    out = {}
    for course_dir in (portal / "courses").iterdir():
        course, _ = load_course(course_dir)
        out[course.slug] = secret_strings(course)
        instructor_pages = [p for p in course.pages if p.meta.audience == "instructor"]
        assert instructor_pages, "a sample course must show an instructor page"
        for page in instructor_pages:  # the first sentence of each instructor page
            first = next(line for line in page.body.splitlines() if len(line.strip()) > 40)
            out[course.slug].append(first.strip())
        assert len(out[course.slug]) > 20
    return out


def test_student_portal_holds_no_secret(portal: Path, secrets: dict[str, list[str]]) -> None:
    site = build(portal)
    for slug, strings in secrets.items():
        hits = scan([site / slug], strings)
        assert hits == [], hits[:3]
        assert (site / slug / "search/search_index.json").is_file()
    teacher = build(portal, audience="instructor", site="site-instructor")
    for slug, strings in secrets.items():  # the scan can fail: the instructor build has them
        assert len(scan([teacher / slug], strings)) > len(strings) // 2


@pytest.mark.parametrize("medium", ["usb", "cd", "paper"])
def test_case_kits_hold_no_secret(portal: Path, secrets: dict[str, list[str]], medium: str,
                                  tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(portal)
    out = tmp_path / "out"
    assert main(["case", "fire-safety", "--medium", medium, "--out", str(out)]) == 0
    made = sorted(p for p in out.iterdir() if not p.name.startswith("."))
    assert made
    assert scan(made, secrets["fire-safety"]) == []
    pdfs = list(out.rglob("*.pdf"))
    if medium != "cd":
        assert pdfs and scan(pdfs, secrets["fire-safety"]) == []


def test_case_refuses_a_course_with_errors(portal: Path, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    broken = tmp_path / "proj"
    shutil.copytree(portal, broken, ignore=shutil.ignore_patterns("site*", ".cache"))
    (broken / "courses/first-aid/consultations.yml").unlink()
    monkeypatch.chdir(broken)
    assert main(["case", "first-aid", "--medium", "usb", "--out", str(tmp_path / "o")]) == 1
    assert "kit.missing" in capsys.readouterr().err
    assert not (tmp_path / "o").exists()
