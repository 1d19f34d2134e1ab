"""builder.paths inside `scanned`: a course walked once resolves paths by their names when no
symlink can redirect them, and every answer is the one the file system gives outside a scan."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from builder import paths
from builder.findings import relpath
from builder.links import targets
from builder.model import Page

# Targets as a page may write them: plain, climbing, odd, unusable, leaving the course.
TARGETS = [
    "x.md", "./x.md", "a//b/../x.md", "../media/p.png", "../media/", "../media", "",
    "../lectures/x.md/../../media/p.png", "x.md/", "missing/deeper/../y.md", "%2e%2e/media/p.png",
    "../../c/media/p.png", "../../other/secret.txt", "../../c2/../c/media/p.png", "..", "../..",
    "/etc/passwd", "file:///etc/passwd", "C:\\x", "a\0b", "x" * 300, "d/" + "y" * 300 + "/z",
    "../final/exam.quiz.yml", "x.md#part", "x.md?v=1", "a%20b.md", "../.hidden/h.md",
    "../lectures/../../c/lectures/x.md", "p.png/../x.md",
]


def _course(tmp_path: Path) -> Path:
    root = tmp_path / "c"
    for rel, text in {"lectures/x.md": "# x", "lectures/a b.md": "# ab", "media/p.png": "png",
                      "final/exam.quiz.yml": "questions: []", ".hidden/h.md": "# h",
                      "course.yml": "title: c"}.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "secret.txt").write_text("s", encoding="utf-8")
    (tmp_path / "c2").mkdir()
    return root


def _answers(root: Path, base: Path) -> dict[str, object]:
    out: dict[str, object] = {}
    for target in TARGETS:
        out[f"locate {target!r}"] = paths.locate(root, base, target)
    for rel in ["lectures/x.md", "final/exam.quiz.yml", "", "lectures", "media/../lectures/x.md",
                "nothing/here.md"]:
        out[f"refusal {rel!r}"] = paths.refusal(root, rel)
    for path in [root, root / "lectures/x.md", root / "lectures/../media/p.png",
                 root / "../other/secret.txt", root / "nothing.md"]:
        out[f"relpath {path}"] = relpath(path)
        out[f"relpath {path} in tmp"] = relpath(path, root.parent)
    out["files"] = paths.files(root)
    out["refused"] = paths.refused_links(root)
    return out


@pytest.mark.parametrize("given", ["absolute", "relative", "dot"])
def test_scanned_answers_equal_the_file_system(tmp_path: Path, given: str,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    root = _course(tmp_path)
    if given != "absolute":
        monkeypatch.chdir(root if given == "dot" else tmp_path)
        root = Path(".") if given == "dot" else Path("c")
    base = root / "lectures"
    outside = _answers(root, base)
    with paths.scanned(root) as found:
        assert found.plain  # the fast path is what this test compares
        inside = _answers(root, base)
    assert inside == outside
    assert paths.is_outside(outside["locate '../../other/secret.txt'"])  # type: ignore[arg-type]
    assert str(outside[f"locate {'x' * 300!r}"]).endswith(paths.UNUSABLE)


def test_a_symlink_anywhere_resolves_by_the_file_system(tmp_path: Path) -> None:
    root = _course(tmp_path)
    (root / ".hidden" / "deep").mkdir()
    os.symlink("../../../other", root / ".hidden" / "deep" / "out")
    os.symlink("../../other", root / "lectures" / "media")  # lectures/media/secret.txt: outside
    base = root / "lectures"
    outside = _answers(root, base)
    with paths.scanned(root) as found:
        assert not found.plain
        assert [rel for rel, _ in found.links] == [".hidden/deep/out", "lectures/media"]
        inside = _answers(root, base)
        assert paths.is_outside(paths.locate(root, base, "media/secret.txt"))
    assert inside == outside
    assert {link.rel for link in outside["refused"]} == {  # type: ignore[attr-defined]
        ".hidden/deep/out", "lectures/media"}


def test_a_folder_that_cannot_be_listed_is_not_plain(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root lists every folder")
    root = _course(tmp_path)
    (root / "locked").mkdir()
    (root / "locked").chmod(0)
    try:
        with paths.scanned(root) as found:
            assert not found.plain
    finally:
        (root / "locked").chmod(0o755)


def test_a_scan_ends_with_its_block(tmp_path: Path) -> None:
    root = _course(tmp_path)
    with paths.scanned(root):
        with paths.scanned(root) as again:  # nested: the same walk
            assert again is paths._SCANS[str(root)]
        assert str(root) in paths._SCANS
    assert str(root) not in paths._SCANS
    os.symlink("../../other/secret.txt", root / "lectures" / "s.txt")  # made after the scan
    assert paths.is_outside(paths.locate(root, root / "lectures", "s.txt"))


def test_targets_follow_a_changed_body(tmp_path: Path) -> None:
    page = Page(path=tmp_path / "p.md", rel="p.md", component="lectures",
                body="[a](a.md)\n", body_line=3)
    assert list(targets(page)) == [("a.md", 3)]
    assert list(targets(page)) == [("a.md", 3)]
    page.body = "text\n\n<img\n  src=b.png>\n```\n[c](c.md)\n```\n`[d](d.md)` ~~x~~ [e](e.md)\n"
    assert list(targets(page)) == [("b.png", 6), ("e.md", 10)]
    page.body_line = 1
    assert list(targets(page)) == [("b.png", 4), ("e.md", 8)]
