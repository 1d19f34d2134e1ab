"""eumk verify trusts nothing: zip members outside the kit's folder, absolute, with `..`, given
twice or symlinks, and listed files that are symlinks make a package damaged (exit 1, named);
a garbage MANIFEST line is named by its number; fuzzed packages exit 0, 1 or 2, never raise."""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from builder.case import package
from builder.cli import main
from tests.case_kits import make_kit

pytestmark = pytest.mark.filterwarnings("ignore:Duplicate name")  # zipfile: we plant them
TOP = "case-course/"  # the zip's top folder: the course slug


@pytest.fixture(scope="module")
def kit(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    tmp = tmp_path_factory.mktemp("verify-hostile")
    course, rendered = make_kit(tmp)
    folder, zip_path = package.build_package(course, rendered, "usb", tmp / "out")
    return {"folder": folder, "zip": zip_path}


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(["verify", *args, "--lang", "en"])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def planted(original: Path, target: Path, name: str, data: bytes = b"x",
            symlink: bool = False) -> Path:
    """A copy of the kit zip with one more member."""
    shutil.copy(original, target)
    with zipfile.ZipFile(target, "a") as archive:
        info = zipfile.ZipInfo(name)
        if symlink:
            info.external_attr = (0o120777 << 16)
        archive.writestr(info, data)
    return target


@pytest.mark.parametrize("name, why", [
    ("../../../tmp/x", "climbs out with '..'"),
    (f"{TOP}../../x", "climbs out with '..'"),
    ("/tmp/x", "is an absolute path"),
    ("autorun.inf", "is outside the package's top folder"),
    (f"{TOP}index.html", "is in the package twice"),
    (f"{TOP}media/evil", "is a symbolic link"),
])
def test_a_planted_zip_member_is_damage(kit: dict[str, Path], tmp_path: Path, name: str,
                                        why: str, capsys: pytest.CaptureFixture[str]) -> None:
    zip_path = planted(kit["zip"], tmp_path / "kit.zip", name, b"/etc/passwd",
                       symlink=why.endswith("link"))
    code, out = run(capsys, str(zip_path))
    assert code == 1
    assert f"not allowed: {name} {why}" in out
    assert "damaged" in out


def test_the_untouched_zip_is_intact(kit: dict[str, Path], capsys: pytest.CaptureFixture[str]
                                     ) -> None:
    assert run(capsys, str(kit["zip"]))[0] == 0


@pytest.mark.parametrize("link", ["syllabus.html", "media"])
def test_a_symlink_in_a_package_folder_is_damage(kit: dict[str, Path], tmp_path: Path, link: str,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(kit["folder"], copy)
    moved = tmp_path / "elsewhere"
    shutil.move(copy / link, moved)
    os.symlink(moved, copy / link)  # the same bytes, but read through a link
    code, out = run(capsys, str(copy))
    assert code == 1
    assert f"not allowed: {link} is a symbolic link" in out


def test_a_symlink_in_an_iso_is_damage(kit: dict[str, Path], tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    tree = tmp_path / "tree"
    shutil.copytree(kit["folder"], tree)
    os.symlink("/etc/hostname", tree / "hostname")
    image = tmp_path / "kit.iso"
    subprocess.run(["xorriso", "-as", "mkisofs", "-quiet", "-r", "-J", "-o", str(image),
                    str(tree)], check=True, capture_output=True)
    code, out = run(capsys, str(image))
    assert code == 1
    assert "not allowed: hostname is a symbolic link" in out


@pytest.mark.parametrize("garbage", [
    b"not a manifest line",
    b"\xff\xfe broken bytes",
    b"0" * 64 + b"  ../../etc/passwd",
    b"0" * 64 + b"  /etc/passwd",
    "DUPLICATE",
])
def test_a_garbage_manifest_line_is_named_by_its_number(
        kit: dict[str, Path], tmp_path: Path, garbage: bytes | str,
        capsys: pytest.CaptureFixture[str]) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(kit["folder"], copy)
    manifest = copy / "MANIFEST.sha256"
    lines = manifest.read_bytes().split(b"\n")
    lines.insert(2, lines[0] if garbage == "DUPLICATE" else garbage)  # becomes line 3
    manifest.write_bytes(b"\n".join(lines))
    code, out = run(capsys, str(copy))
    assert code == 1
    assert "MANIFEST.sha256 line 3 " in out


# -- fuzz: any package verify is given ends in 0, 1 or 2 and a message, never a traceback -----

MEMBER = st.one_of(
    st.sampled_from([f"{TOP}index.html", f"{TOP}MANIFEST.sha256", "MANIFEST.sha256",
                     "../x", "/abs", f"{TOP}a/../../b", "C:\\x", f"{TOP}dir/", "", "."]),
    st.text(min_size=1, max_size=30).map(lambda s: TOP + s))
BODY = st.one_of(st.binary(max_size=200),
                 st.lists(st.one_of(st.text(max_size=80),
                                    st.just("0" * 64 + "  index.html")),
                          max_size=6).map(lambda ls: "\n".join(ls).encode("utf-8", "replace")))


@settings(max_examples=120, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(MEMBER, BODY, st.booleans()), max_size=8), st.binary(max_size=64))
def test_fuzzed_packages_never_raise(tmp_path: Path, members: list[tuple[str, bytes, bool]],
                                     tail: bytes) -> None:
    target = tmp_path / "fuzz.zip"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive, contextlib.suppress(ValueError):
        for name, body, link in members:
            info = zipfile.ZipInfo(name or "x")
            if link:
                info.external_attr = 0o120777 << 16
            archive.writestr(info, body)
    target.write_bytes(buffer.getvalue() + tail)
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = main(["verify", str(target)])
    assert code in (0, 1, 2)
    assert "Traceback" not in err.getvalue()
