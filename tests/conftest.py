"""Shared test helpers: copies of the valid base course with some files changed, and the rules."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from builder import profiles
from builder.findings import Finding
from builder.rules import check_course

FIXTURES = Path(__file__).parent / "fixtures"
VALID = FIXTURES / "valid"

# A change to a course file: new text, new bytes, or None to delete the file or folder.
Change = str | bytes | None
MakeCourse = Callable[..., Path]


def base_text(rel: str) -> str:
    """The text of a file of the valid base course."""
    return (VALID / rel).read_text(encoding="utf-8")


def edited(rel: str, old: str, new: str) -> str:
    """The valid base file `rel` with `old` (which must occur once) replaced by `new`."""
    text = base_text(rel)
    assert text.count(old) == 1, f"{old!r} must occur once in {rel}"
    return text.replace(old, new)


def apply(course: Path, files: dict[str, Change]) -> None:
    for rel, content in files.items():
        path = course / rel
        if content is None:
            if path.is_dir():
                shutil.rmtree(path)
            else:
                path.unlink(missing_ok=True)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")


@pytest.fixture
def make_course(tmp_path: Path) -> MakeCourse:
    """make_course(files, overlay=None, slug="course"): the valid course copied to tmp_path,
    with the files of tests/fixtures/<overlay>/ laid over it, then `files` applied."""

    def make(files: dict[str, Change] | None = None, overlay: str | None = None,
             slug: str = "course") -> Path:
        target = tmp_path / slug
        shutil.copytree(VALID, target)
        if overlay:
            shutil.copytree(FIXTURES / overlay, target, dirs_exist_ok=True)
        apply(target, files or {})
        return target

    return make


def run_rules(course: Path, profile: str = "mes-385", hours_per_credit: float = 30
              ) -> list[Finding]:
    """All findings of `course` under `profile`; files are shown relative to the course folder."""
    _, found = check_course(course, profiles.get(profile, hours_per_credit), root=course)
    return found


def only(findings: list[Finding], rule: str) -> list[Finding]:
    return [f for f in findings if f.rule == rule]


def line_of(text: str, needle: str) -> int:
    """The 1-based line of the first line of `text` containing `needle`."""
    for number, line in enumerate(text.splitlines(), 1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in text")
