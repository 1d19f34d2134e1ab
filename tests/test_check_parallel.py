"""An academy is checked on every core, with the same reports as one process gives."""

from __future__ import annotations

import shutil
from pathlib import Path

from builder import profiles
from builder.check import PARALLEL_FROM, check_paths, check_reports
from builder.findings import to_json
from tests.conftest import VALID


def test_parallel_check_gives_the_sequential_reports(tmp_path: Path) -> None:
    for n in range(PARALLEL_FROM + 2):
        course = tmp_path / f"c{n:02d}"
        shutil.copytree(VALID, course)
        if n % 5 == 0:  # some courses with findings, in their own places
            (course / "consultations.yml").unlink()
    profile = profiles.get("mes-385")
    parallel = check_reports([tmp_path], profile, root=tmp_path)
    sequential = [r for _, r in check_paths([tmp_path], profile, root=tmp_path)]
    assert [r.slug for r in parallel] == [f"c{n:02d}" for n in range(PARALLEL_FROM + 2)]
    assert to_json(parallel) == to_json(sequential)
    assert sum(r.errors for r in parallel) == len(range(0, PARALLEL_FROM + 2, 5))
