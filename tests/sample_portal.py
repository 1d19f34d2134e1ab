"""The repo's own sample courses (kk fire-safety, ru first-aid) built once per test process into a
throwaway portal, for tests that look at every page type as a student meets it."""

from __future__ import annotations

import atexit
import functools
import shutil
import tempfile
from pathlib import Path

from tests.sites import REPO, build, project

SAMPLES = sorted(p for p in (REPO / "courses").iterdir() if (p / "course.yml").is_file())


@functools.cache
def sample_site() -> Path:
    """The built portal of the sample courses (student audience); removed at exit."""
    root = Path(tempfile.mkdtemp(prefix="eumk-samples-"))
    atexit.register(shutil.rmtree, root, True)
    project(root / "project", SAMPLES)
    programmes = REPO / "programmes"
    if programmes.is_dir():
        shutil.copytree(programmes, root / "project" / "programmes")
    return build(root / "project")


def course_language(course: Path) -> str:
    for line in (course / "course.yml").read_text(encoding="utf-8").splitlines():
        if line.startswith("language:"):
            return line.split(":", 1)[1].split("#")[0].strip()
    return "en"
