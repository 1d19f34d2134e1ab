"""Containment on a hostile portal (tests/hostile.py): `eumk check` names every route as
path.outside, the build follows none of them, and no output holds a marker."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from builder.cli import main
from tests.hostile import MARKERS, OWN_KEY, Hostile, make_hostile
from tests.sites import build


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Hostile:
    return make_hostile(tmp_path_factory.mktemp("hostile"))


def markers_in(folder: Path, skip: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    """(file, marker) for every marker found in any file under `folder` (bytes, as text)."""
    found = []
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        if path.is_file() and not rel.startswith(skip):
            data = path.read_bytes().decode("utf-8", "replace")
            found += [(rel, m) for m in MARKERS if m in data]
    return found


def test_check_names_every_route(hostile: Hostile, capsys: pytest.CaptureFixture[str]) -> None:
    os.chdir(hostile.root)
    assert main(["check", "courses/hostile", "--format", "json", "--lang", "en"]) == 1
    report = json.loads(capsys.readouterr().out)
    found = {(f["file"], f["line"]) for f in report["courses"][0]["findings"]
             if f["rule"] == "path.outside"}
    expected = {(f"courses/hostile/{r.file}", r.line) for r in hostile.routes}
    assert len(expected) == len(hostile.routes) == 25
    assert expected - found == set()
    assert found - expected == set()
    texts = " ".join(f["message"] for f in report["courses"][0]["findings"])
    assert not any(m in texts for m in MARKERS)  # no finding echoes what a route points to


def test_case_refuses_the_hostile_course(hostile: Hostile, tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    os.chdir(hostile.root)
    assert main(["case", "hostile", "--medium", "usb", "--out", str(tmp_path / "out")]) == 1
    assert "path.outside" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_the_build_follows_no_route(hostile: Hostile) -> None:
    site = build(hostile.root, site="site-student")
    course = site / "hostile"
    assert (course / "extra" / "attempts" / "index.html").is_file()
    assert markers_in(site, skip=("victim/",)) == []
    for gone in ("media/xfinal", "media/outdir", "media/o.txt", "extra/leak", "extra/marking",
                 "lectures/02-outside", "interim/copy.quiz", "lectures/loop"):
        assert not (course / gone).exists(), gone
    index = json.loads((course / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert not any(m in json.dumps(index) for m in MARKERS)


def test_the_instructor_build_stays_in_the_course_too(hostile: Hostile) -> None:
    site = build(hostile.root, audience="instructor", site="site-instructor")
    assert [(f, m) for f, m in markers_in(site, skip=("victim/",)) if m != OWN_KEY] == []
    assert any(m == OWN_KEY for _, m in markers_in(site / "hostile"))  # its own keys: shown


def test_removing_a_symlink_rebuilds(tmp_path: Path) -> None:
    from tests.sites import new_course, project

    root = project(tmp_path / "p")
    course = new_course(root, "c1", **{"pictures/scheme.svg": "<svg/>"})
    os.symlink("pictures", course / "media")  # inside the course: followed
    site = build(root)
    assert (site / "c1" / "media" / "scheme.svg").is_file()
    (course / "media").unlink()
    site = build(root)
    assert not (site / "c1" / "media").exists()
    os.symlink("../pictures/scheme.svg", course / "extra" / "scheme.svg")
    assert (build(root) / "c1" / "extra" / "scheme.svg").is_file()


def test_every_case_output_is_clean(hostile: Hostile, tmp_path: Path) -> None:
    """Past the refusal of `eumk case` (a hostile course has errors), the library itself packs
    nothing from a route: usb folder and zip, ISO, the PDF's text and the files it carries."""
    from builder.case import leaks
    from builder.case.package import build_package
    from builder.load import load_course
    from builder.plugin.build import build_course

    course, _ = load_course(hostile.course)
    rendered = build_course(hostile.root / "mkdocs.yml", hostile.course, tmp_path / "site",
                            offline=True)
    out = tmp_path / "out"
    outputs = [*build_package(course, rendered, "usb", out),
               *build_package(course, rendered, "dvd", out),
               *(p / "hostile.pdf" for p in build_package(course, rendered, "paper", out))]
    assert [p.name for p in outputs] == ["hostile-usb", "hostile-usb.zip", "hostile-dvd.iso",
                                         "hostile.pdf"]
    assert leaks.scan(outputs, MARKERS) == []
    assert markers_in(out) == []
    assert leaks.scan(outputs, ["Attempts"])  # the page itself is there: the scan reads them
