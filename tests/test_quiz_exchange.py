"""eumk export / import: Moodle XML and GIFT round trips, Moodle's own examples, <variant> text."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from builder.cli import main
from builder.load import load_course
from builder.model import Bank, Question
from builder.quiz import gift
from builder.quiz.bankfile import question_dict
from builder.quiz.exchange import export_bank, import_file
from tests.conftest import FIXTURES, VALID, MakeCourse

MOODLE = Path(__file__).resolve().parents[2] / "shared" / "external" / "moodle"
needs_moodle = pytest.mark.skipif(not MOODLE.is_dir(), reason="no shared/external/moodle")
SUFFIX = {"moodle-xml": ".xml", "gift": ".gift.txt"}


def banks(make_course: MakeCourse) -> list[Bank]:
    course, _ = load_course(make_course(overlay="quiz-course"))
    return course.banks


def plain(questions: list[Question]) -> list[dict]:
    return [question_dict(q) for q in questions]


@pytest.mark.parametrize("fmt", ["moodle-xml", "gift"])
def test_round_trip_equals_source(make_course: MakeCourse, tmp_path: Path, fmt: str) -> None:
    for bank in banks(make_course):
        exported = tmp_path / f"{bank.path.stem}{SUFFIX[fmt]}"
        exported.write_text(export_bank(bank, fmt), encoding="utf-8")
        out = tmp_path / "back.quiz.yml"
        count, findings = import_file(exported, fmt, out)
        assert (count, findings) == (len(bank.questions), [])
        back = Bank.model_validate({**__import__("yaml").safe_load(out.read_text("utf-8")),
                                    "path": out, "rel": "x", "component": "interim"})
        assert back.title == bank.title
        assert plain(back.questions) == plain(bank.questions)


def test_moodle_xml_types_fractions_and_answers(make_course: MakeCourse) -> None:
    bank = next(b for b in banks(make_course) if b.rel == "interim/module-1.quiz.yml")
    root = ET.fromstring(export_bank(bank, "moodle-xml"))
    questions = [q for q in root.iter("question") if q.get("type") != "category"]
    assert [q.get("type") for q in questions] == [
        "multichoice", "multichoice", "truefalse", "shortanswer", "matching", "essay"]
    single, multiple, truefalse, short, matching, _ = questions
    assert single.findtext("single") == "true" and multiple.findtext("single") == "false"
    grades = [float(a.get("fraction")) for a in single.iter("answer")]
    assert grades == [100, 0, 0]
    grades = [float(a.get("fraction")) for a in multiple.iter("answer")]
    assert sum(g for g in grades if g > 0) == pytest.approx(100, abs=0.01)
    assert sum(g > 0 for g in grades) == 3
    right = [a.findtext("text") for a in truefalse.iter("answer") if a.get("fraction") == "100"]
    assert right == ["false"]
    assert [a.findtext("text") for a in short.iter("answer")] == ["112", "101"]
    assert [s.findtext("answer/text") for s in matching.iter("subquestion")] == [
        "Solids", "Liquids", "Metals"]
    assert "module-M1" in [t.text for t in single.iter("text")]


@pytest.mark.parametrize("text", ["a ~ b = c # d { e } f : g \\ h", "line one\n\nline two"])
def test_gift_escaping_survives(text: str) -> None:
    q = Question(id="q:1", type="single", text=text, module="M1",
                 options=[{"text": text + " right", "correct": True}, {"text": "{wrong}"}])
    written = gift.write("T", [q])
    assert "\n\n::" not in written.split("$CATEGORY")[1].strip()[1:]  # one block
    result = gift.read(Path("x.gift"), written)
    assert result.findings == []
    assert plain(result.questions) == plain([q])


def test_export_cli_one_file_and_per_bank_folder(make_course: MakeCourse, tmp_path: Path) -> None:
    course = make_course(overlay="quiz-course")
    one = tmp_path / "all.xml"
    assert main(["export", str(course), "--format", "moodle-xml", "--out", str(one)]) == 0
    categories = [q.findtext("category/text") for q in ET.parse(one).iter("question")
                  if q.get("type") == "category"]
    assert categories == ["$course$/TS-101 Quiz course/Exam questions",
                          "$course$/TS-101 Quiz course/Exam test",
                          "$course$/TS-101 Quiz course/Module 1 self-check"]
    folder = tmp_path / "gift"
    folder.mkdir()
    assert main(["export", str(course), "--format", "gift", "--out", str(folder)]) == 0
    assert sorted(p.name for p in folder.iterdir()) == [
        "course-final-exam-questions.gift.txt", "course-final-exam-test.gift.txt",
        "course-interim-module-1.gift.txt"]


VARIANT = """<question>Өрт сөндіргіштің қай түрі электр қондырғыларына жарайды?
<variant>Көмірқышқыл газды
<variant>Сулы
<variant>Көбікті
<question2>Эвакуация кезінде не істеу керек?
<variant>Жоспар бойынша шығу
<variant>Лифтпен түсу
<question3>112 нөмірі — бұл
<variant>Бірыңғай құтқару нөмірі <variant>Анықтама қызметі
"""


def test_variant_import_first_is_correct(tmp_path: Path) -> None:
    src = tmp_path / "test.txt"
    src.write_text(VARIANT, encoding="utf-8")
    out = tmp_path / "m1.quiz.yml"
    assert main(["import", str(src), "--format", "variant", "--out", str(out),
                 "--module", "M1"]) == 0
    course_dir = tmp_path / "c"
    import shutil

    shutil.copytree(VALID, course_dir)
    shutil.copy(out, course_dir / "interim" / out.name)
    course, findings = load_course(course_dir)
    assert findings == []
    questions = course.banks[0].questions
    assert [q.difficulty for q in questions] == [1, 2, 3]
    assert [[o.correct for o in q.options] for q in questions] == [
        [True, False, False], [True, False], [True, False]]
    assert questions[0].options[0].text == "Көмірқышқыл газды"
    assert questions[2].options[0].text == "Бірыңғай құтқару нөмірі"
    assert {q.module for q in questions} == {"M1"}


@pytest.mark.parametrize(("text", "key", "line"), [
    ("<question>Q?\n<variant>only one\n", "import.variant.few", 1),
    ("<question>Q?\n<variant>a\n<variant>b\n<question7>Q2?\n<variant>a\n<variant>b\n",
     "import.variant.level", 4),
    ("<variant>a\n<question>Q?\n<variant>a\n<variant>b\n", "import.variant.orphan", 1),
    ("just text\n", "import.variant.none", 1),
])
def test_variant_problems_by_line(tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str,
                                  key: str, line: int) -> None:
    src = tmp_path / "bad.txt"
    src.write_text(text, encoding="utf-8")
    out = tmp_path / "bad.quiz.yml"
    count, findings = import_file(src, "variant", out)
    assert [(f.key, f.line) for f in findings if f.severity == "error"][:1] == [(key, line)]
    assert main(["import", str(src), "--format", "variant", "--out", str(out)]) == 1
    assert f"bad.txt:{line}:" in capsys.readouterr().err
    assert not out.exists()


@pytest.mark.parametrize(("fmt", "text", "key", "line"), [
    ("gift", "// c\n::Q1:: Fine? {T}\n\n::Q2:: Broken? {=a ~b\n", "import.gift.unclosed", 4),
    ("moodle-xml", "<quiz>\n<question type='essay'>\n</quiz>\n", "import.xml.syntax", 3),
])
def test_broken_input_is_reported_by_line(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                          fmt: str, text: str, key: str, line: int) -> None:
    src = tmp_path / "bad.in"
    src.write_text(text, encoding="utf-8")
    assert main(["import", str(src), "--format", fmt, "--out", str(tmp_path / "b.quiz.yml")]) == 1
    err = capsys.readouterr().err
    assert f"bad.in:{line}: error:" in err and "Traceback" not in err


@needs_moodle
def test_moodle_gift_examples(tmp_path: Path) -> None:
    out = tmp_path / "examples.quiz.yml"
    count, findings = import_file(MOODLE / "gift-examples.txt", "gift", out)
    assert [f for f in findings if f.severity == "error"] == []
    unsupported = [f for f in findings if f.rule == "import.unsupported"]
    assert {f.params["kind"] for f in unsupported} == {"numerical"}
    assert all(f.line for f in findings)
    text = (MOODLE / "gift-examples.txt").read_text(encoding="utf-8")
    first_numerical = text.splitlines()[unsupported[0].line - 1]
    assert "{#" in first_numerical
    result = gift.read(MOODLE / "gift-examples.txt", text)
    result.finish("examples")
    by_text = {q.text: q for q in result.questions}
    control = next(q for q in result.questions if q.id == "GIFT-Control-Characters")
    assert [o.text for o in control.options] == ["~", "=", "#", "{", "}", "\\"]
    assert [o.correct for o in control.options] == [False] * 5 + [True]
    matching = by_text["Match the following countries with their corresponding capitals."]
    assert [(p.left, p.right) for p in matching.pairs][-1] == ("India", "New Delhi")
    partial = next(q for q in result.questions if q.id == "Jesus'-hometown")
    assert [(o.text, o.weight) for o in partial.options][:3] == [
        ("Jerusalem", None), ("Bethlehem", 25.0), ("Galilee", 50.0)]
    assert partial.options[3].feedback == "Yes! That's right!"
    assert count == len(result.questions)


@needs_moodle
def test_moodle_gift_fixture(tmp_path: Path) -> None:
    result = gift.read(MOODLE / "gift-fixture-questions.txt",
                       (MOODLE / "gift-fixture-questions.txt").read_text(encoding="utf-8"))
    questions = {q.id: q for q in result.finish("fixture")}
    assert questions["Q8"].type == "essay"
    assert questions["Moodle-activities"].pairs[-1].left == ""  # the distractor "Chat"
    colours = questions["colours"]
    assert colours.type == "multiple"
    assert [o.correct for o in colours.options] == [True, False, True, False]
    assert questions["Q1"].feedback.startswith("This is, of course")
    assert questions["Shortanswer"].answers == ["Frog"]
    assert [f.line for f in result.findings if f.rule == "import.unsupported"] == [31]


@needs_moodle
def test_moodle_xml_nested_categories(tmp_path: Path) -> None:
    out = tmp_path / "nested.quiz.yml"
    count, findings = import_file(MOODLE / "xml-nested-categories.xml", "moodle-xml", out)
    assert (count, findings) == (5, [])
    text = out.read_text(encoding="utf-8")
    assert "title: Iota" in text and "type: essay" in text and text.count("answer: true") == 4


def test_sample_courses_export_when_present(tmp_path: Path) -> None:
    courses = [p for p in (Path(__file__).parents[1] / "courses").glob("*")
               if any(p.glob("*/*.quiz.yml"))]
    if not courses:
        pytest.skip("no sample course banks yet")
    for course in courses:
        for fmt in ("moodle-xml", "gift"):
            out = tmp_path / f"{course.name}{SUFFIX[fmt]}"
            assert main(["export", str(course), "--format", fmt, "--out", str(out)]) == 0
            back = tmp_path / f"{course.name}-{fmt}.quiz.yml"
            count, findings = import_file(out, fmt, back)
            total = sum(len(b.questions) for b in load_course(course)[0].banks)
            assert (count, [f for f in findings if f.severity == "error"]) == (total, [])


assert FIXTURES.is_dir()
