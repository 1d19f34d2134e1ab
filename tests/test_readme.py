"""README's first author example works as written on a fresh clone (the shipped courses/)."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

from tests.sites import REPO


def first_author_example() -> list[list[str]]:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    section = text[text.index("## Writing a course"):]
    block = re.search(r"```sh\n(.*?)```", section, re.S).group(1)
    return [shlex.split(line) for line in block.splitlines() if line.strip()]


def test_the_first_author_example_works_on_a_fresh_clone(tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    clone.mkdir()
    shutil.copytree(REPO / "courses", clone / "courses")
    shutil.copy(REPO / "mkdocs.yml", clone / "mkdocs.yml")
    commands = first_author_example()
    assert [c[0] for c in commands] == [".venv/bin/eumk", ".venv/bin/eumk"]
    assert commands[0][1] == "new" and commands[1][1] == "check"
    eumk = str(Path(sys.executable).parent / "eumk")
    said = []
    for command in commands:
        run = subprocess.run([eumk, *command[1:]], cwd=clone, capture_output=True, text=True)
        assert run.returncode == 0, (command, run.stdout, run.stderr)
        said.append(run.stdout)
    assert "құрылды" in said[0] and "created" not in said[0]   # the course's language (kk)
    slug = commands[0][2]
    assert (clone / "courses" / slug / "course.yml").is_file()
    assert "Traceback" not in run.stdout + run.stderr
