"""eumk never publishes its own outputs: --out / --site-dir inside courses/ or a course is a
usage error (exit 2) for export, tickets, case and build, and a kit never packs an earlier kit."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from builder.case import package
from builder.cli import main
from builder.errors import KitError
from tests.case_kits import make_kit
from tests.sites import new_course, project


@pytest.fixture(scope="module")
def portal(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = project(tmp_path_factory.mktemp("outputs") / "p")
    new_course(root, "c1")
    return root


@pytest.mark.parametrize("argv", [
    ["export", "c1", "--format", "gift", "--out", "courses/c1/media/bank.gift.txt"],
    ["export", "c1", "--format", "moodle-xml", "--out", "courses/"],
    ["tickets", "c1", "--out", "courses/c1/media/t.pdf"],
    ["case", "c1", "--medium", "paper", "--out", "courses/c1/extra"],
    ["case", "c1", "--medium", "usb", "--out", "courses"],
    ["build", "--site-dir", "courses/c1/site"],
])
def test_an_output_inside_the_courses_is_a_usage_error(
        portal: Path, argv: list[str], monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(portal)
    before = sorted(p for p in (portal / "courses").rglob("*"))
    assert main(argv) == 2
    assert "courses" in capsys.readouterr().err
    assert sorted(p for p in (portal / "courses").rglob("*")) == before


def test_the_default_output_of_a_command_run_inside_a_course(
        portal: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(portal / "courses" / "c1")
    assert main(["--config", str(portal / "mkdocs.yml"), "export", "../c1", "--format",
                 "gift"]) == 2
    assert "current folder" in capsys.readouterr().err
    assert not list((portal / "courses" / "c1").glob("*.gift.txt"))


def test_an_output_outside_the_courses_is_written(
        portal: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(portal)
    assert main(["export", "c1", "--format", "gift", "--out", str(tmp_path / "b.gift.txt")]) == 0
    assert (tmp_path / "b.gift.txt").is_file()
    assert main(["export", "c1", "--format", "gift", "--out", "coursesX/b.gift.txt"]) == 0


@pytest.mark.parametrize("earlier", ["media/old/MANIFEST.sha256", "media/old-usb.zip"])
def test_a_kit_never_packs_an_earlier_kit(tmp_path: Path, earlier: str) -> None:
    course, rendered = make_kit(tmp_path)
    target = rendered.site_dir / earlier
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.suffix == ".zip":
        with zipfile.ZipFile(target, "w") as archive:
            archive.writestr("c-usb/MANIFEST.sha256", "0" * 64 + "  index.html\n")
    else:
        target.write_text("0" * 64 + "  index.html\n", encoding="utf-8")
    with pytest.raises(KitError, match=earlier) as refused:
        package.build_package(course, rendered, "usb", tmp_path / "out")
    assert "earlier" in str(refused.value) or "бұрын" in str(refused.value)
    assert not (tmp_path / "out" / "case-course-usb").exists()


def test_a_zip_of_the_course_is_not_an_earlier_kit(tmp_path: Path) -> None:
    course, rendered = make_kit(tmp_path)
    with zipfile.ZipFile(rendered.site_dir / "media" / "sources.zip", "w") as archive:
        archive.writestr("data.csv", "a,b\n")
    folder, _ = package.build_package(course, rendered, "usb", tmp_path / "out")
    assert (folder / "media" / "sources.zip").is_file()
