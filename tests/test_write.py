"""Atomic output keeps normal file modes: published files are readable by a web server."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from builder.write import atomic_dir, atomic_file, write_bytes
from tests.sites import build, new_course, project


@pytest.fixture(autouse=True)
def _umask_022() -> Iterator[None]:
    old = os.umask(0o022)
    yield
    os.umask(old)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_files_and_folders_get_the_umask_modes(tmp_path: Path) -> None:
    write_bytes(tmp_path / "a.txt", b"x")
    assert mode(tmp_path / "a.txt") == 0o644
    with atomic_dir(tmp_path / "d") as tmp:
        (tmp / "f").write_text("y")
    assert mode(tmp_path / "d") == 0o755
    with atomic_file(tmp_path / "big.iso") as tmp:
        tmp.write_bytes(b"z")
    assert mode(tmp_path / "big.iso") == 0o644


def test_a_built_portal_is_readable_by_others(tmp_path: Path) -> None:
    root = project(tmp_path)
    new_course(root, "c1", "en")
    site = build(root)
    for path in [site, site / "c1", site / "c1/lectures", site / "c1/index.html",
                 site / "c1/consultations.ics", site / "index.html"]:
        assert mode(path) & 0o004, f"{path} is not world-readable ({oct(mode(path))})"
