"""Running one benchmarked command: wall time, peak memory of its process tree, output size."""

from __future__ import annotations

import os
import statistics
import subprocess
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path


@dataclass
class Run:
    seconds: float
    tree_mb: float      # peak of the summed PSS of the command's process tree (sampled)
    process_mb: float   # ru_maxrss of the largest single process in the tree
    returncode: int


def _children(pid: int) -> list[int]:
    out: list[int] = []
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return out
    for tid in tasks:
        try:
            with open(f"/proc/{pid}/task/{tid}/children") as fh:
                out += [int(c) for c in fh.read().split()]
        except OSError:
            pass
    return out


def _pss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as fh:
            for line in fh:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def tree_pss_mb(root: int) -> float:
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += _pss_kb(pid)
        todo += _children(pid)
    return total / 1024


def run(cmd: list[str], cwd: Path, env: dict[str, str] | None = None) -> Run:
    """Run `cmd` (output discarded unless it fails), sampling its tree's memory every 0.1 s."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT)
    peak = 0.0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, tree_pss_mb(proc.pid))
            done.wait(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    output = proc.stdout.read() if proc.stdout else b""
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    done.set()
    sampler.join()
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        print(output.decode("utf-8", "replace")[-3000:])
    return Run(seconds, peak, usage.ru_maxrss / 1024, proc.returncode)


def repeat(prepare: Callable[[int], None], cmd: list[str], cwd: Path, runs: int,
           env: dict[str, str] | None = None, once_above: float = 60.0) -> list[Run]:
    """`runs` runs (each after `prepare(i)`), only one when the first takes over `once_above` s."""
    out: list[Run] = []
    for i in range(runs):
        prepare(i)
        out.append(run(cmd, cwd, env))
        if out[0].seconds > once_above or out[-1].returncode:
            break
    return out


def median(runs: list[Run], attr: str) -> float:
    return statistics.median(getattr(r, attr) for r in runs)


def tree_size(folder: Path) -> tuple[int, int]:
    """(bytes, files) of `folder` as deployed: every file counted, hard links included."""
    size = files = 0
    for dirpath, _, names in os.walk(folder):
        for name in names:
            st = os.lstat(os.path.join(dirpath, name))
            size += st.st_size
            files += 1
    return size, files


def disk_usage(folder: Path) -> int:
    """Bytes on disk (each inode once): what hard links save."""
    seen: set[tuple[int, int]] = set()
    size = 0
    for dirpath, _, names in os.walk(folder):
        for name in names:
            st = os.lstat(os.path.join(dirpath, name))
            if (st.st_dev, st.st_ino) not in seen:
                seen.add((st.st_dev, st.st_ino))
                size += st.st_blocks * 512
    return size
