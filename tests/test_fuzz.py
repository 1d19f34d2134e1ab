"""Hostile input: whatever is in a course folder, `eumk check` exits 0, 1 or 2 and never raises."""

from __future__ import annotations

import contextlib
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from builder import cli
from tests.conftest import VALID, apply

ROOT = Path(__file__).resolve().parent.parent
BANK = ("title: Test\nquestions:\n  - id: q1\n    type: single\n    module: M1\n    text: Q?\n"
        "    options:\n      - text: A\n        correct: true\n      - text: B\n")
TICKETS = "bank: t.quiz.yml\ncount: 2\nper_ticket: 1\ncover: [M1]\nseed: 1\n"
ESSAY = ("title: Exam\nquestions:\n  - id: ex1\n    type: essay\n    module: M1\n"
         "    text: Explain.\n")
EXTRA = {"interim/t.quiz.yml": BANK, "final/t.quiz.yml": ESSAY, "final/tickets.yml": TICKETS}
YAML_FILES = ["course.yml", "consultations.yml", "interim/t.quiz.yml", "final/tickets.yml"]
PAGES = ["lectures/01-intro.md", "seminars/01-seminar.md", "syllabus.md"]
TARGETS = YAML_FILES + PAGES + ["final/t.quiz.yml"]
SCALE = int(os.environ.get("EUMK_FUZZ_SCALE", "1"))  # e.g. 20 for a long hunt, not in CI
FUZZ = settings(max_examples=150 * SCALE, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def original(rel: str) -> str:
    return EXTRA.get(rel) or (VALID / rel).read_text(encoding="utf-8")


# -- what goes into a file ---------------------------------------------------------------------
scalars = (st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30)
           | st.dates() | st.just("15:00") | st.just("2026-02-30") | st.just("M1"))
data = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4)
                    | st.dictionaries(st.text(max_size=12) | st.sampled_from(
                        ["modules", "topics", "sessions", "weekly", "questions", "options",
                         "date", "start", "minutes", "credits", "title", "module", "line"]),
                        inner, max_size=4), max_leaves=25)
yaml_chars = st.text(alphabet=":-[]{}#&*!|>'\"%@`?,.\t\n 0123456789abcM", max_size=200)


def dump(value: object) -> str:
    return yaml.safe_dump(value, allow_unicode=True, sort_keys=False)


def wrong_type(rel: str, value: object, pick: int) -> str:
    """The valid file with one of its keys (at any depth) given `value` instead."""
    text = original(rel)
    head, body = "", ""
    if rel.endswith(".md"):
        if not text.startswith("---\n"):
            return "---\n" + dump({"title": value}) + "---\n" + text
        _, fm, body = text.split("---\n", 2)
        head, text = "---\n", fm
    doc = yaml.safe_load(text) or {}
    paths: list[list[object]] = []

    def walk(node: object, path: list[object]) -> None:
        if isinstance(node, dict):
            for key, child in node.items():
                paths.append([*path, key])
                walk(child, [*path, key])
        elif isinstance(node, list):
            for i, child in enumerate(node):
                paths.append([*path, i])
                walk(child, [*path, i])

    walk(doc, [])
    if paths:
        *parent, last = paths[pick % len(paths)]
        node = doc
        for key in parent:
            node = node[key]
        node[last] = value
    out = dump(doc)
    return head + out + "---\n" + body if head else out


Mutation = Callable[[str], str | bytes | None]


@st.composite
def file_content(draw: st.DrawFn, rel: str) -> str | bytes | None:
    text = original(rel)
    raw = text.encode()
    where = draw(st.integers(0, len(raw)))
    kind = draw(st.sampled_from([
        "text", "yaml-chars", "data", "wrong-type", "truncate", "tab", "binary", "bad-utf8",
        "bom", "utf16", "empty", "front-matter", "no-closing", "delete"]))
    if kind == "text":
        return draw(st.text(max_size=300))
    if kind == "yaml-chars":
        return draw(yaml_chars)
    if kind == "data":
        return dump(draw(data))
    if kind == "wrong-type":
        return wrong_type(rel, draw(data), draw(st.integers(0, 10_000)))
    if kind == "truncate":
        return raw[:where]
    if kind == "tab":
        return raw[:where] + b"\t" + raw[where:]
    if kind == "binary":
        return draw(st.binary(max_size=300))
    if kind == "bad-utf8":
        bad = draw(st.sampled_from([b"\xff", b"\xc3", b"\xed\xa0\x80", b"\x80\x80", b"\x00"]))
        return raw[:where] + bad + raw[where:]
    if kind == "bom":
        return b"\xef\xbb\xbf" + raw
    if kind == "utf16":
        return text.encode("utf-16")
    if kind == "empty":
        return ""
    if kind == "front-matter":
        return "---\n" + draw(yaml_chars | data.map(dump)) + "\n---\nBody text.\n"
    if kind == "no-closing":
        return "---\ntitle: x\nmodule: M1\nBody without the closing line.\n"
    return None  # delete


@st.composite
def broken_course(draw: st.DrawFn) -> dict[str, str | bytes | None]:
    targets = draw(st.lists(st.sampled_from(TARGETS), min_size=1, max_size=3, unique=True))
    return {rel: draw(file_content(rel)) for rel in targets}


@st.composite
def garbled_tree(draw: st.DrawFn) -> list[tuple[str, str]]:
    """Structural damage: (action, path) pairs."""
    actions = st.tuples(st.sampled_from(["dir-for-file", "file-for-dir", "delete", "loop",
                                         "dangling"]),
                        st.sampled_from(TARGETS + ["lectures", "final", "media", "interim"]))
    return draw(st.lists(actions, min_size=1, max_size=3))


def damage(course: Path, actions: list[tuple[str, str]]) -> None:
    for action, rel in actions:
        path = course / rel
        if path.parent.is_symlink() or not path.parent.is_dir():
            continue  # an earlier action replaced the folder it was in
        if path.is_symlink() or path.is_file():
            path.unlink()
        elif path.is_dir():
            shutil.rmtree(path)
        if action == "dir-for-file":
            path.mkdir()
        elif action == "file-for-dir":
            path.write_bytes(b"\x00garbled")
        elif action == "loop":
            path.symlink_to(path)
        elif action == "dangling":
            path.symlink_to(course / "nowhere")


# -- running -----------------------------------------------------------------------------------
def check(course: Path, *extra: str) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(["--config", str(course.parent / "none.yml"), "check", str(course),
                         *extra])
    return code, out.getvalue()


@contextlib.contextmanager
def course_copy() -> Path:
    with tempfile.TemporaryDirectory() as tmp:
        course = Path(tmp) / "course"
        shutil.copytree(VALID, course)
        apply(course, dict(EXTRA))
        yield course


def assert_survives(course: Path) -> None:
    code, out = check(course, "--format", "json")
    assert code in (0, 1, 2)
    if code != 2:
        doc = json.loads(out)
        assert doc["summary"]["courses"] == 1
        assert doc["summary"]["errors"] == sum(
            f["severity"] == "error" for c in doc["courses"] for f in c["findings"])
    code, out = check(course, "--profile", "moe-349-tvet", "--lang", "kk")
    assert code in (0, 1, 2)
    out.encode("utf-8")  # printable as it was printed


def test_the_fuzz_base_is_clean() -> None:
    with course_copy() as course:
        code, out = check(course, "--strict")
        assert code == 0 and "no problems found" in out


@FUZZ
@given(broken_course())
def test_broken_files_never_crash_the_check(files: dict[str, str | bytes | None]) -> None:
    with course_copy() as course:
        apply(course, files)
        assert_survives(course)


@settings(FUZZ, max_examples=60 * SCALE)
@given(garbled_tree(), broken_course())
def test_garbled_folders_never_crash_the_check(actions: list[tuple[str, str]],
                                               files: dict[str, str | bytes | None]) -> None:
    with course_copy() as course:
        apply(course, files)
        damage(course, actions)
        assert_survives(course)


@settings(FUZZ, max_examples=100 * SCALE)
@given(st.sampled_from(YAML_FILES), data)
def test_any_yaml_data_in_any_file(rel: str, value: object) -> None:
    with course_copy() as course:
        apply(course, {rel: dump(value)})
        assert_survives(course)


NASTY: dict[str, str | bytes] = {
    "course.yml": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
    "consultations.yml": "a: &a [*a]\nsessions: " + "[" * 3000 + "]" * 3000 + "\n",
    "lectures/01-intro.md": "---\nmodule: \"\\ud800\"\nslides: a%00b.pdf\n---\n[x](a%00b)\n",
    "interim/t.quiz.yml": "questions: [{id: q, options: {a: b}, difficulty: .inf}]\n",
    "final/tickets.yml": "\ufeffcount: -1\nper_ticket: 99999999999999999999999\n",
}


def test_a_real_run_on_nasty_files() -> None:
    with course_copy() as course:
        apply(course, NASTY)
        for fmt in ("json", "text"):
            run = subprocess.run(
                [sys.executable, "-m", "builder.cli", "--config", "none.yml", "check",
                 str(course), "--format", fmt], capture_output=True, text=True, timeout=120,
                env={**os.environ, "PYTHONPATH": str(ROOT)}, cwd=course.parent)
            assert run.returncode == 1, run.stderr
            assert "Traceback" not in run.stderr
            if fmt == "json":
                rules = {f["rule"] for f in json.loads(run.stdout)["courses"][0]["findings"]}
                assert {"yaml.syntax", "file.encoding"} <= rules


# -- eumk import: any bytes in any format ------------------------------------------------------
GIFT_SEED = ("// [tag:module-M1]\n::q1::[markdown]Pick {=a#yes ~%-50%b#no ####gf}\n\n"
             "::n::How many? {#=3:0.5#ok =%50%2..4 ~#other}\n\n::t::True? {TRUE#no#yes}\n\n"
             "::m::Match {=a -> 1 =b -> 2 = -> 3}\n\n$CATEGORY: $course$/x//y\n\n::e::Essay {}\n")
XML_SEED = ('<?xml version="1.0"?>\n<quiz><question type="category"><category><text>$course$/A'
            '</text></category></question><question type="numerical"><name><text>n</text></name>'
            '<questiontext format="markdown"><text>![p](@@PLUGINFILE@@/p.png) \\\\(x\\\\)</text>'
            '<file name="p.png" path="/" encoding="base64">iVBORw0KGgo=</file></questiontext>'
            '<answer fraction="100"><text>3.14</text><tolerance>0.01</tolerance>'
            '<feedback><text>ok</text></feedback></answer><idnumber>n1</idnumber>'
            '<tags><tag><text>module-M1</text></tag></tags></question></quiz>\n')
VARIANT_SEED = ("<question>Q? <#picture=p.png#>\n<variant>a\n<variantright>b\n<question2>R?\n"
                "<variant>c\n<variant>d\n")
SEEDS = {"gift": GIFT_SEED, "moodle-xml": XML_SEED, "variant": VARIANT_SEED}
MARKUP = st.text(alphabet="{}=~#%:.-><![]()/\\$@*0123456789abq \n\t\u2028\x85",
                 max_size=200)


@st.composite
def import_input(draw: st.DrawFn) -> tuple[str, bytes, str]:
    fmt = draw(st.sampled_from(sorted(SEEDS)))
    seed = SEEDS[draw(st.sampled_from(sorted(SEEDS)))].encode()
    where = draw(st.integers(0, len(seed)))
    kind = draw(st.sampled_from(["markup", "insert", "truncate", "binary", "encoded", "zip"]))
    if kind == "markup":
        data = draw(MARKUP).encode()
    elif kind == "insert":
        data = seed[:where] + draw(MARKUP).encode() + seed[where:]
    elif kind == "truncate":
        data = seed[:where]
    elif kind == "binary":
        data = draw(st.binary(max_size=300))
    elif kind == "encoded":
        data = seed.decode().encode(draw(st.sampled_from(["utf-16", "cp1251", "utf-8-sig"])),
                                    errors="replace")
    else:  # a zip that is no Word document, read as .docx
        buffer = io.BytesIO()
        import zipfile

        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr(draw(st.sampled_from(["word/document.xml", "[Content_Types].xml",
                                                   "x"])), seed[:where])
        data = buffer.getvalue()
        return fmt, data, ".docx"
    return fmt, data, draw(st.sampled_from([".txt", ".xml", ".docx"]))


@settings(FUZZ, max_examples=200 * SCALE)
@given(import_input())
def test_import_of_any_file_never_crashes(case: tuple[str, bytes, str]) -> None:
    fmt, data, suffix = case
    with tempfile.TemporaryDirectory() as tmp:
        src, out = Path(tmp) / f"in{suffix}", Path(tmp) / "interim" / "out.quiz.yml"
        src.write_bytes(data)
        (Path(tmp) / "p.png").write_bytes(b"\x89PNG")
        err = io.StringIO()
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):
            code = cli.main(["import", str(src), "--format", fmt, "--out", str(out),
                             "--lang", "kk"])
        assert code in (0, 1, 2)
        assert (code == 0) == out.is_file()
        if out.is_file():  # what was written is a bank eumk reads back
            from builder.model import Bank

            Bank.model_validate({**yaml.safe_load(out.read_text(encoding="utf-8")),
                                 "path": out, "rel": "interim/out.quiz.yml",
                                 "component": "interim"})
        err.getvalue().encode("utf-8")


# -- build and case (issue 10 p.9): few examples, each a real build ----------------------------
BUILDS = settings(FUZZ, max_examples=4 * SCALE)
titles = st.text(min_size=1, max_size=40)


def run_cli(root: Path, *args: str) -> tuple[int, str]:
    """`eumk --config root/mkdocs.yml ARGS` in this process: (exit code, stderr); an exception
    escaping main() is the traceback the user would see, and fails the test."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err), \
            contextlib.chdir(root):
        code = cli.main(["--config", str(root / "mkdocs.yml"), *args])
    return code, err.getvalue()


@contextlib.contextmanager
def portal_copy() -> Path:
    """A portal project (strict: false, so broken courses are built as far as they go) whose
    one course is the fuzz base; yields the project folder."""
    from tests.sites import project

    with tempfile.TemporaryDirectory() as tmp:
        root = project(Path(tmp) / "p", strict=False, jobs=1)
        shutil.copytree(VALID, root / "courses" / "course")
        apply(root / "courses" / "course", dict(EXTRA))
        yield root


@BUILDS
@given(broken_course())
def test_broken_files_never_crash_the_build(files: dict[str, str | bytes | None]) -> None:
    with portal_copy() as root:
        apply(root / "courses" / "course", files)
        code, err = run_cli(root, "build")
        assert code in (0, 1, 2), err
        assert "Traceback" not in err
        if code == 0:
            assert (root / "site/index.html").is_file()


@BUILDS
@given(titles, titles, st.text(max_size=200), st.sampled_from(["usb", "paper"]))
def test_any_text_in_titles_and_pages_never_crashes_case(title: str, page_title: str, body: str,
                                                         medium: str) -> None:
    with portal_copy() as root:
        course = root / "courses" / "course"
        meta = yaml.safe_load((course / "course.yml").read_text(encoding="utf-8"))
        meta["title"] = title
        meta["modules"][0]["topics"][0]["title"] = page_title
        (course / "course.yml").write_text(dump(meta), encoding="utf-8")
        (course / "lectures/01-intro.md").write_text(
            "---\n" + dump({"title": page_title, "module": "M1"}) + "---\n" + body + "\n",
            encoding="utf-8")
        code, err = run_cli(root, "case", "course", "--medium", medium, "--out",
                            str(root / "out"))
        assert code in (0, 1), err
        assert "Traceback" not in err
        if code == 0:
            assert (root / "out" / f"course-{medium}" / "MANIFEST.sha256").is_file()
