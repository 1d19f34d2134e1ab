"""One writer at a time (issue 10 p.4): concurrent builds of one site wait for each other, a run
that cannot get the lock in time exits 1, SIGTERM removes a run's temporary folders, and the
leftovers of a killed run are removed by the next one."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from filelock import FileLock

from builder import locks
from builder.errors import KitError
from tests.conftest import VALID
from tests.sites import project

PORTAL = ["404.html", "assets", "compliance", "index.html", "search", "sitemap.xml", "valid"]


def _eumk(root: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "builder.cli", *args], cwd=root, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env={**os.environ, "PYTHONPATH": str(Path(__file__).parents[1]),
                                 **(env or {})})


def test_two_builds_of_one_site_both_end_with_a_whole_portal(tmp_path: Path) -> None:
    root = project(tmp_path / "p", [VALID])
    runs = [_eumk(root, "build") for _ in range(2)]
    results = [(run.wait(timeout=600), run.communicate()) for run in runs]
    assert [code for code, _ in results] == [0, 0], results
    site = root / "site"
    assert all((site / name).exists() for name in PORTAL), sorted(os.listdir(site))
    assert (site / "valid/index.html").is_file()
    assert not (root / "site.eumk-tmp").exists()


def test_a_build_that_cannot_get_the_lock_in_time_exits_1(tmp_path: Path) -> None:
    root = project(tmp_path / "p", [VALID], lock_wait=1)
    (root / "site").mkdir()
    (root / "site/keep.html").write_text("the previous portal")
    with FileLock(locks.lock_file(root / "site")):  # another run is writing site/
        run = _eumk(root, "build")
        out, err = run.communicate(timeout=300)
    assert run.returncode == 1, err
    assert "Another eumk run" in err or "басқа" in err  # the portal's language (kk by default)
    assert "Traceback" not in err
    assert sorted(os.listdir(root / "site")) == ["keep.html"]


def test_a_writer_waits_for_the_other_and_says_so(tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "out" / "kit"
    held = FileLock(locks.lock_file(target), thread_local=False)
    held.acquire()
    threading.Timer(0.5, held.release).start()
    started = time.monotonic()
    with locks.one_writer(target, "ru", wait=30):
        assert time.monotonic() - started >= 0.4
    assert "Другой запуск eumk записывает" in capsys.readouterr().err
    held.acquire()
    with pytest.raises(KitError, match="more than 0 s"):
        with locks.one_writer(target, "en", wait=0.2):
            pass
    held.release()


def _temporary(root: Path, out: Path) -> list[Path]:
    """A case run's temporary files: in --out, and in the kit cache while it builds the site."""
    kits = root / ".cache/eumk/kits/valid"
    return [*out.glob(".valid-usb.*"), *(kits.glob(".*.tmp") if kits.is_dir() else [])]


def test_sigterm_removes_the_temporary_folders_of_a_case_run(tmp_path: Path) -> None:
    root = project(tmp_path / "p", [VALID])
    out = tmp_path / "out"
    run = _eumk(root, "case", "valid", "--medium", "usb", "--out", str(out))
    deadline = time.monotonic() + 300
    while not _temporary(root, out):  # the run is writing: its site, or its package
        assert run.poll() is None, run.communicate()
        assert time.monotonic() < deadline
        time.sleep(0.02)
    run.send_signal(signal.SIGTERM)
    _, err = run.communicate(timeout=120)
    assert run.returncode == 128 + signal.SIGTERM, err
    assert "Traceback" not in err and "eumk: interrupted" in err
    assert _temporary(root, out) == []
    assert not (out / "valid-usb").exists()  # no partial package


def test_a_killed_runs_leftovers_are_removed_by_the_next_run(tmp_path: Path) -> None:
    root = project(tmp_path / "p", [VALID])
    out = tmp_path / "out"
    left = [out / ".valid-usb.k1ll3d.tmp", out / ".valid-usb.zip.k1ll3d.tmp",
            root / ".cache/eumk/kits/valid/.0123abcd.k1ll3d.tmp"]
    left[0].mkdir(parents=True)
    left[1].write_bytes(b"PK")
    left[2].mkdir(parents=True)
    (left[2] / "index.html").write_text("half a site")
    other = out / ".other-usb.x.tmp"   # another course's run: not ours to remove
    other.mkdir()
    run = _eumk(root, "case", "valid", "--medium", "usb", "--out", str(out))
    _, err = run.communicate(timeout=600)
    assert run.returncode == 0, err
    assert not any(p.exists() for p in left) and other.is_dir()
    assert (out / "valid-usb/index.html").is_file() and (out / "valid-usb.zip").is_file()


def test_two_case_runs_into_one_out_make_one_whole_package(tmp_path: Path) -> None:
    root = project(tmp_path / "p", [VALID])
    out = tmp_path / "out"
    runs = [_eumk(root, "case", "valid", "--medium", "usb", "--out", str(out)) for _ in range(2)]
    results = [(run.wait(timeout=600), run.communicate()) for run in runs]
    assert [code for code, _ in results] == [0, 0], results
    verify = _eumk(root, "verify", str(out / "valid-usb.zip"))
    assert verify.wait(timeout=300) == 0, verify.communicate()
    assert sorted(p.name for p in out.iterdir()) == ["valid-usb", "valid-usb.zip"]
