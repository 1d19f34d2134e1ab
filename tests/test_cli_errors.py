"""Bad set-ups get a sentence and exit 1 or 2 from every command, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from builder.cli import main
from tests.sites import new_course, project


@pytest.fixture
def portal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = project(tmp_path / "p")
    new_course(root, "c1", "en")
    monkeypatch.chdir(root)
    return root


def test_case_without_mkdocs_yml_is_a_usage_error(portal: Path, capsys: pytest.CaptureFixture[str]
                                                  ) -> None:
    (portal / "mkdocs.yml").unlink()
    assert main(["case", "courses/c1", "--medium", "usb", "--out", "out"]) == 2
    assert "mkdocs.yml: no such file" in capsys.readouterr().err


@pytest.mark.parametrize("command", [["build"], ["case", "c1", "--medium", "paper"]])
def test_mkdocs_yml_without_the_plugin(portal: Path, command: list[str],
                                       capsys: pytest.CaptureFixture[str]) -> None:
    text = (portal / "mkdocs.yml").read_text(encoding="utf-8")
    start = text.index("  - eumk:")
    end = text.index("markdown_extensions:")
    (portal / "mkdocs.yml").write_text(text[:start] + text[end:], encoding="utf-8")
    assert main(command) == 2
    assert "add the eumk plugin" in capsys.readouterr().err


def test_plugin_options_that_are_not_a_mapping(portal: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    text = (portal / "mkdocs.yml").read_text(encoding="utf-8")
    start = text.index("  - eumk:")
    end = text.index("markdown_extensions:")
    (portal / "mkdocs.yml").write_text(text[:start] + "  - eumk: fast\n\n" + text[end:],
                                       encoding="utf-8")
    assert main(["check"]) == 2
    assert "key: value" in capsys.readouterr().err


def test_an_output_that_cannot_be_written(portal: Path, capsys: pytest.CaptureFixture[str]
                                          ) -> None:
    (portal / "taken").write_text("a file, not a folder")
    assert main(["export", "c1", "--format", "gift", "--out", "export.gift"]) == 0
    code = main(["import", "export.gift", "--format", "gift", "--out", "taken/bank.quiz.yml"])
    assert code == 1
    err = capsys.readouterr().err
    assert "taken" in err and "Traceback" not in err


@pytest.mark.parametrize("command", [["case", "blank", "--medium", "usb"], ["tickets", "blank"],
                                     ["export", "blank", "--format", "gift"], ["media", "blank"]])
def test_a_folder_that_is_no_course(portal: Path, command: list[str],
                                    capsys: pytest.CaptureFixture[str]) -> None:
    (portal / "courses/blank").mkdir()
    assert main(command) == 2
    assert "no course 'blank'" in capsys.readouterr().err


def test_the_console_script_exits_with_the_code_after_the_exit_handlers(tmp_path: Path) -> None:
    """`eumk` (builder.cli:run) skips only the interpreter's teardown: the command's code is
    the exit status, every line printed arrives (even to a pipe), atexit handlers have run."""
    import subprocess
    import sys

    from tests.sites import REPO

    marker = tmp_path / "atexit-ran"
    script = ("import atexit, pathlib, sys\n"
              f"atexit.register(pathlib.Path({str(marker)!r}).write_text, 'yes')\n"
              "from builder.cli import run\n"
              "sys.argv = ['eumk', 'check', sys.argv[1], '--format', 'json']\n"
              "run()\n")
    for course, code in ((REPO / "courses" / "fire-safety", 0), (tmp_path / "none", 2)):
        marker.unlink(missing_ok=True)
        done = subprocess.run([sys.executable, "-c", script, str(course)], cwd=REPO,
                              capture_output=True, text=True, timeout=120)
        assert done.returncode == code, done.stderr
        assert marker.read_text() == "yes"
        if code == 0:
            assert done.stdout.rstrip().endswith("}")  # the whole JSON report, flushed
        else:
            assert "eumk check" in done.stderr
