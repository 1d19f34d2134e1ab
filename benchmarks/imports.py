"""`eumk import` of a big generated GIFT file: wall time, CPU time and peak memory (issue 10 p.6).

    python benchmarks/imports.py [--mb 20]
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import measure  # noqa: E402

REPO = Path(__file__).resolve().parents[1]


def gift(megabytes: float) -> str:
    """Multiple-choice and numerical questions with feedback, `megabytes` of them."""
    parts: list[str] = []
    size, n = 0, 0
    while size < megabytes * 2**20:
        q = (f"// [tag:module-M1]\n::Q{n}::Сұрақ {n}: {n} + {n}? {{\n\t={2 * n}#дұрыс\n"
             f"\t~{n}#жоқ\n\t~%-50%{n + 1}\n}}\n\n::N{n}::Pi? {{#=3.1415:0.0005 =%50%3.14:0.05}}\n\n")
        parts.append(q)
        size, n = size + len(q.encode()), n + 1
    return "".join(parts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "big.gift.txt"
        src.write_text(gift(args.mb), encoding="utf-8")
        env = {**os.environ, "PYTHONPATH": str(REPO)}
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        run = measure.run([sys.executable, "-m", "builder.cli", "import", str(src), "--format",
                           "gift", "--out", str(Path(tmp) / "big.quiz.yml")], REPO, env)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
        print(f"import {src.stat().st_size / 2**20:.1f} MB GIFT: exit {run.returncode}, "
              f"{run.seconds:.1f} s wall, {cpu:.1f} s CPU, {run.process_mb:.0f} MB peak")


if __name__ == "__main__":
    main()
