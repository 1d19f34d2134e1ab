"""eumk verify: intact packages pass; changed, missing and extra files fail (folder, zip, ISO)."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest

from builder.case import package
from builder.cli import main
from tests.case_kits import KAZAKH_PAGE, make_kit


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    tmp = tmp_path_factory.mktemp("verify")
    course, rendered = make_kit(tmp)
    folder, zip_path = package.build_package(course, rendered, "usb", tmp / "out")
    [image] = package.build_package(course, rendered, "cd", tmp / "out")
    return {"folder": folder, "zip": zip_path, "iso": image}


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(["verify", *args])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


@pytest.mark.parametrize("kind", ["folder", "zip", "iso"])
def test_an_intact_package_passes(built: dict[str, Path], kind: str,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(capsys, str(built[kind]))
    assert code == 0
    assert "бүтін" in out  # the course language, from the package's <html lang="kk">
    code, out = run(capsys, str(built[kind]), "--lang", "en")
    assert code == 0 and "intact" in out


def test_one_flipped_byte_fails(built: dict[str, Path], tmp_path: Path,
                                capsys: pytest.CaptureFixture[str]) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(built["folder"], copy)
    page = copy / KAZAKH_PAGE
    data = bytearray(page.read_bytes())
    data[100] ^= 0x01
    page.write_bytes(bytes(data))
    code, out = run(capsys, str(copy), "--lang", "en")
    assert code == 1
    assert f"changed: {KAZAKH_PAGE}" in out and "1 changed" in out


def test_missing_and_extra_files_are_named(built: dict[str, Path], tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(built["folder"], copy)
    (copy / "syllabus.html").unlink()
    (copy / "notes.txt").write_text("added")
    code, out = run(capsys, str(copy), "--lang", "ru")
    assert code == 1
    assert "отсутствует: syllabus.html" in out and "лишний (нет в манифесте): notes.txt" in out


def test_a_changed_zip_member_fails(built: dict[str, Path], tmp_path: Path,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    changed = tmp_path / "changed.zip"
    with zipfile.ZipFile(built["zip"]) as src, zipfile.ZipFile(changed, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename.endswith("index.html"):
                data = data.replace("басты".encode(), "БАСТЫ".encode())
            dst.writestr(info, data)
    code, out = run(capsys, str(changed), "--lang", "en")
    assert code == 1 and "changed: index.html" in out


def test_a_flipped_byte_in_the_iso_fails(built: dict[str, Path], tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    image = tmp_path / "damaged.iso"
    data = bytearray(built["iso"].read_bytes())
    at = data.find("Жану — тотығу реакциясы".encode())
    assert at > 0
    data[at] ^= 0x01
    image.write_bytes(bytes(data))
    code, out = run(capsys, str(image), "--lang", "en")
    assert code == 1 and f"changed: {KAZAKH_PAGE}" in out


def test_no_such_path_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(capsys, str(tmp_path / "nowhere"))
    assert code == 2 and "no such file or folder" in out


def test_not_a_package_and_a_damaged_manifest_fail(built: dict[str, Path], tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    junk = tmp_path / "junk.iso"
    junk.write_bytes(b"not an image" * 100)
    code, out = run(capsys, str(junk))
    assert code == 1 and "cannot be read" in out
    empty = tmp_path / "empty"
    empty.mkdir()
    code, out = run(capsys, str(empty))
    assert code == 1 and "no MANIFEST.sha256" in out
    copy = tmp_path / "copy"
    shutil.copytree(built["folder"], copy)
    with open(copy / "MANIFEST.sha256", "a", encoding="utf-8") as fh:
        fh.write("garbage line\n")
    code, out = run(capsys, str(copy), "--lang", "en")
    assert code == 1 and "line" in out and "Traceback" not in out
