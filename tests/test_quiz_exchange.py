"""eumk export / import: Moodle XML and GIFT round trips, Moodle's own examples, <variant> text."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml

from builder.cli import main
from builder.load import load_course
from builder.model import Bank, Question
from builder.quiz import gift, moodle_xml
from builder.quiz.bankfile import question_dict
from builder.quiz.exchange import export_bank, import_file
from tests.conftest import FIXTURES, VALID, MakeCourse

REPO = Path(__file__).resolve().parents[1]
# Moodle's own example files: ../shared/external/moodle beside the repository (CI), or the
# shared folder of this machine when the repository is a worktree elsewhere.
MOODLE = next((p for p in (REPO.parent / "shared" / "external" / "moodle",
                           Path("/work/shared/external/moodle")) if p.is_dir()),
              REPO.parent / "shared" / "external" / "moodle")
needs_moodle = pytest.mark.skipif(not MOODLE.is_dir(), reason="no ../shared/external/moodle")
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
        back = Bank.model_validate({**yaml.safe_load(out.read_text("utf-8")),
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
                          "$course$/TS-101 Quiz course/Module 1 self-check",
                          "$course$/TS-101 Quiz course/Module 2 — сандар"]
    folder = tmp_path / "gift"
    folder.mkdir()
    assert main(["export", str(course), "--format", "gift", "--out", str(folder)]) == 0
    assert sorted(p.name for p in folder.iterdir()) == [
        "course-final-exam-questions.gift.txt", "course-final-exam-test.gift.txt",
        "course-interim-module-1.gift.txt", "course-interim-module-2.gift.txt"]


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


def key(q: Question) -> object:
    """What a question asks the learner to get right, compactly."""
    if q.type in ("single", "multiple"):
        return [(o.text, o.weight if o.weight is not None else (100 if o.correct else 0))
                for o in q.options]
    if q.type == "truefalse":
        return q.answer
    if q.type == "short":
        return [(a.text, 100 if a.weight is None else a.weight) for a in q.answers]
    if q.type == "numerical":
        return [(a.value, a.tolerance, 100 if a.weight is None else a.weight)
                if a.value is not None else ("*", a.weight) for a in q.answers]
    if q.type == "matching":
        return [(p.left, p.right) for p in q.pairs]
    return None


# Every question of Moodle's question/format/gift/examples.txt: (line, type, key).
GIFT_EXAMPLES = [
    (8, "single", [("Grant", 0), ("Jefferson", 0), ("no one", 100)]),
    (10, "single", [("buried", 0), ("entombed", 100), ("living", 0)]),
    (12, "truefalse", False),
    (14, "short", [("no one", 100), ("nobody", 100)]),
    (16, "numerical", [(1822, 1, 100)]),
    (25, "single", [("Grant", 0), ("Jefferson", 0), ("no one", 100)]),
    (27, "single", [("buried", 0), ("entombed", 100), ("living", 0)]),
    (29, "single", [("second", 0), ("third", 0), ("fourth", 100)]),
    (35, "single", [("India", 0), ("China", 100), ("Korea", 0), ("Egypt", 0)]),
    (43, "short", [("no one", 100), ("nobody", 100)]),
    (45, "short", [("four", 100), ("4", 100)]),
    (49, "truefalse", False),
    (51, "truefalse", True),
    (55, "matching", [("subquestion1", "subanswer1"), ("subquestion2", "subanswer2"),
                      ("subquestion3", "subanswer3")]),
    (61, "matching", [("Canada", "Ottawa"), ("Italy", "Rome"), ("Japan", "Tokyo"),
                      ("India", "New Delhi")]),
    (70, "numerical", [(1822, 0, 100)]),
    (72, "numerical", [(3.1415, 0.0005, 100)]),
    (74, "numerical", [(3.1415, 0.0005, 100)]),
    (76, "numerical", [(1822, 0, 100), (1822, 2, 50)]),
    (85, "numerical", [(4, 0, 100)]),
    (90, "short", [("China", 100)]),
    (93, "single", [("second", 0), ("third", 0), ("fourth", 100)]),
    (98, "single", [("wrong answer", 0), ("another wrong answer", 0), ("right answer", 100)]),
    (103, "short", [("no one", 100), ("nobody", 100)]),
    (108, "short", [("no one", 100), ("nobody", 100)]),
    (113, "truefalse", False),
    (115, "single", [("wrong answer", 0), ("half credit answer", 50),
                     ("full credit answer", 100)]),
    (117, "single", [("Jerusalem", 0), ("Bethlehem", 25), ("Galilee", 50), ("Nazareth", 100)]),
    (123, "short", [("Nazareth", 100), ("Nazereth", 75), ("Bethlehem", 25)]),
    (130, "multiple", [("No one", 0), ("Grant", 100), ("Grant's wife", 100),
                       ("Grant's father", 0)]),
    (136, "multiple", [("No one", 0), ("Grant", 100), ("Grant's wife", 100),
                       ("Grant's father", 0)]),
    (143, "single", [("= 2 + 2", 0), ("= 2 + 3", 100), ("= 2 + 4", 0)]),
    (148, "single", [("~", 0), ("=", 0), ("#", 0), ("{", 0), ("}", 0), ("\\", 100)]),
    (167, "single", [("Grant", 0), ("Jefferson", 0), ("no one", 100)]),
    (169, "single", [("buried", 0), ("entombed", 100), ("living", 0)]),
    (171, "truefalse", False),
    (173, "short", [("no one", 100), ("nobody", 100)]),
    (175, "numerical", [(1822, 5, 100)]),
    (177, "matching", [("Canada", "Ottawa"), ("Italy", "Rome"), ("Japan", "Tokyo")]),
    (184, "single", [("buried", 0), ("entombed", 100), ("living", 0)]),
    (190, "single", [("wrong answer", 0), ("half credit answer", 50),
                     ("full credit answer", 100)]),
    (195, "short", [("Nazareth", 100), ("Nazereth", 75), ("Bethlehem", 25)]),
    (202, "numerical", [(1822, 0, 100), (1822, 2, 50)]),
]


@needs_moodle
def test_moodle_gift_examples_every_question(tmp_path: Path) -> None:
    out = tmp_path / "examples.quiz.yml"
    count, findings = import_file(MOODLE / "gift-examples.txt", "gift", out)
    assert (count, findings) == (43, [])
    text = (MOODLE / "gift-examples.txt").read_text(encoding="utf-8")
    questions = gift.read(MOODLE / "gift-examples.txt", text).finish("examples")
    assert [(q.line, q.type, key(q)) for q in questions] == GIFT_EXAMPLES
    by_line = {q.line: q for q in questions}
    # names exactly as written; ids unique
    assert (by_line[117].name, by_line[117].id) == ("Jesus' hometown", "Jesus'-hometown")
    assert (by_line[123].name, by_line[123].id) == ("Jesus' hometown", "Jesus'-hometown-2")
    # per-answer feedback of every type
    assert by_line[113].feedback_true == "No one is buried in Grant's tomb."
    assert [a.feedback for a in by_line[123].answers][1] == "Right, but misspelled."
    assert by_line[202].answers[1].feedback == ("He was born in 1822.\n"
                                                 "You get 50% credit for being close.")
    assert by_line[117].options[3].feedback == "Yes! That's right!"
    # the bank written holds all of it
    bank = Bank.model_validate({**yaml.safe_load(out.read_text("utf-8")), "path": out,
                                "rel": "x", "component": "interim"})
    assert [(q.type, key(q)) for q in bank.questions] == [(t, k) for _, t, k in GIFT_EXAMPLES]


@needs_moodle
def test_moodle_gift_fixture_every_question(tmp_path: Path) -> None:
    path = MOODLE / "gift-fixture-questions.txt"
    result = gift.read(path, path.read_text(encoding="utf-8"))
    questions = result.finish("fixture")
    assert result.findings == []
    assert [(q.line, q.type, key(q)) for q in questions] == [
        (2, "essay", None),
        (5, "matching", [("An activity supporting asynchronous discussions.", "Forum"),
                         ("A teacher asks a question and specifies a choice of multiple "
                          "responses.", "Choice"),
                         ("A bank of record entries which participants can add to.", "Database"),
                         ("A collection of web pages that anyone can add to or edit.", "Wiki"),
                         ("", "Chat")]),
        (14, "single", [("yellow", 100), ("red", 0), ("blue", 0)]),
        (22, "multiple", [("yellow", 100), ("red", -100), ("off-beige", 100), ("blue", -100)]),
        (31, "numerical", [(3, 2, 100), ("*", 0)]),
        (34, "short", [("Frog", 100), ("Cat", 50), ("*", 0)]),
        (41, "truefalse", False),
        (46, "truefalse", True),
        (49, "truefalse", True),
    ]
    by_line = {q.line: q for q in questions}
    assert (by_line[41].feedback_true, by_line[41].feedback_false) == (
        "42 is the Ultimate Answer.", "You gave the right answer.")
    assert by_line[41].feedback.startswith("This is, of course")
    assert [a.feedback for a in by_line[34].answers] == [
        "Good!", "What is it with Moodlers and cats?", "Completely wrong"]
    assert by_line[31].answers[1].feedback == "Completely wrong"
    assert [(q.id, q.name) for q in questions[-2:]] == [("2-08-TSL", "2-08 TSL"),
                                                         ("2-08-TSL-2", "2-08 TSL")]


@needs_moodle
def test_moodle_xml_nested_categories(tmp_path: Path) -> None:
    out = tmp_path / "nested.quiz.yml"
    count, findings = import_file(MOODLE / "xml-nested-categories.xml", "moodle-xml", out)
    assert (count, findings) == (5, [])
    text = out.read_text(encoding="utf-8")
    assert "title: Iota" in text and "type: essay" in text and text.count("answer: true") == 4
    bank = Bank.model_validate({**yaml.safe_load(text), "path": out, "rel": "x",
                                "component": "interim"})
    assert [(q.name, q.type, q.category) for q in bank.questions] == [
        ("Iota Question", "truefalse", None), ("Kappa Essay Question", "essay", "Kappa"),
        ("Kappa Question", "truefalse", "Kappa"),
        ("Lambda Question", "truefalse", "Kappa/Lambda"), ("Mu Question", "truefalse", "Mu")]
    for fmt in ("gift", "moodle-xml"):  # categories survive export → import
        exported = tmp_path / f"nested{SUFFIX[fmt]}"
        exported.write_text(export_bank(bank, fmt, "C-1 Course"), encoding="utf-8")
        again = tmp_path / f"again-{fmt}.quiz.yml"
        assert import_file(exported, fmt, again) == (5, [])
        assert yaml.safe_load(again.read_text("utf-8"))["questions"] == \
            yaml.safe_load(text)["questions"]


@needs_moodle
@pytest.mark.parametrize("name", ["gift-examples.txt", "gift-fixture-questions.txt",
                                  "xml-nested-categories.xml"])
@pytest.mark.parametrize("fmt", ["gift", "moodle-xml"])
def test_moodle_examples_survive_export_and_import(tmp_path: Path, name: str, fmt: str) -> None:
    """import → bank → export → import gives the same questions (names, feedback, credit,
    categories)."""
    first = tmp_path / "first.quiz.yml"
    import_file(MOODLE / name, "moodle-xml" if name.endswith(".xml") else "gift", first)
    bank = Bank.model_validate({**yaml.safe_load(first.read_text("utf-8")), "path": first,
                                "rel": "x", "component": "interim"})
    exported = tmp_path / f"out{SUFFIX[fmt]}"
    exported.write_text(export_bank(bank, fmt), encoding="utf-8")
    second = tmp_path / "second.quiz.yml"
    count, findings = import_file(exported, fmt, second)
    assert (count, findings) == (len(bank.questions), [])
    assert yaml.safe_load(second.read_text("utf-8"))["questions"] == \
        yaml.safe_load(first.read_text("utf-8"))["questions"]


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


# -- hostile files (issue 10 p.6, p.3) -------------------------------------------------------
LAUGHS = ('<?xml version="1.0"?>\n<!DOCTYPE quiz [\n<!ENTITY a "ha">\n'
          + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">\n'
                    for i in range(9))
          + ']>\n<quiz><question type="essay"><name><text>&j;</text></name></question></quiz>\n')
XXE = ('<?xml version="1.0"?>\n<!DOCTYPE quiz [<!ENTITY x SYSTEM "file:///etc/hostname">]>\n'
       '<quiz><question type="essay"><name><text>n</text></name>'
       '<questiontext><text>&x;</text></questiontext></question></quiz>\n')


@pytest.mark.parametrize("text", [LAUGHS, XXE, '<!DOCTYPE quiz SYSTEM "http://x/q.dtd">\n<quiz/>'])
def test_xml_with_a_dtd_is_refused_and_nothing_written(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str) -> None:
    src, out = tmp_path / "evil.xml", tmp_path / "evil.quiz.yml"
    src.write_text(text, encoding="utf-8")
    assert main(["import", str(src), "--format", "moodle-xml", "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert "evil.xml: error:" in err and "DTD" in err and "Traceback" not in err
    assert not out.exists()


def test_import_size_limit(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src, out = tmp_path / "big.txt", tmp_path / "big.quiz.yml"
    src.write_text(VARIANT * 2000, encoding="utf-8")  # ~0.5 MB
    assert main(["import", str(src), "--format", "variant", "--out", str(out),
                 "--max-size", "0.1", "--lang", "kk"]) == 1
    err = capsys.readouterr().err
    assert "импорт шегі 0.1 МБ" in err and "--max-size" in err and not out.exists()
    assert main(["import", str(src), "--format", "variant", "--out", str(out),
                 "--max-size", "1"]) == 0
    with pytest.raises(SystemExit) as usage:
        main(["import", str(src), "--format", "variant", "--out", str(out), "--max-size", "-3"])
    assert usage.value.code == 2


def test_gift_titles_and_tags_cannot_inject_lines(tmp_path: Path) -> None:
    evil = "T\n\n::injected::Evil? {=yes}\n\n$CATEGORY: $course$/elsewhere\n"
    q = Question(id="q1", type="truefalse", text="Fine?", answer=True, module="M1\n\n::x::{T}")
    written = gift.write(evil, [q], category=evil)
    result = gift.read(Path("x.gift"), written)
    assert [x.id for x in result.finish("x")] == ["q1"]
    assert result.categories == ["$course$/T ::injected::Evil? {=yes} $CATEGORY: "
                                 "$course$/elsewhere"]
    assert "\n::injected" not in written and "\n$CATEGORY: $course$/elsewhere" not in written


# -- an independent GIFT parser reads eumk's export ------------------------------------------
def independent_banks(make_course: MakeCourse, tmp_path: Path) -> list[Bank]:
    """The fixture's banks, and Moodle's examples as eumk banks when the files are there."""
    found = list(banks(make_course))
    for name in ("gift-examples.txt", "gift-fixture-questions.txt"):
        if MOODLE.is_dir():
            out = tmp_path / f"{name}.quiz.yml"
            import_file(MOODLE / name, "gift", out)
            found.append(Bank.model_validate({**yaml.safe_load(out.read_text("utf-8")),
                                              "path": out, "rel": "x", "component": "interim"}))
    return found


def test_pygiftparser_reads_every_exported_question(make_course: MakeCourse,
                                                    tmp_path: Path) -> None:
    import io

    parser = pytest.importorskip("pygiftparser.parser")  # the Makefile's test step installs it
    kinds = {"single": "SelectSet", "multiple": "MultipleChoicesSet", "truefalse": "TrueFalseSet",
             "short": "ShortSet", "numerical": "NumericAnswerSet", "matching": "MatchingSet",
             "essay": "Essay"}
    checked = 0
    for bank in independent_banks(make_course, tmp_path):
        theirs = parser.parseFile(io.StringIO(export_bank(bank, "gift")))
        assert len(theirs) == len(bank.questions)
        for q, mine in zip(theirs, bank.questions, strict=True):
            assert q.title.replace("\\:", ":") == (mine.name or mine.id)
            # pygift does not know two forms Moodle documents: `~#feedback` (any other answer)
            # of a numerical question, and an escaped `\}` in an answer
            if (mine.type == "numerical" and any(a.value is None for a in mine.answers)) or \
                    "}" in yaml.safe_dump(question_dict(mine)):
                assert not q.valid
                continue
            assert q.valid, (mine.id, q.source)
            kind = kinds[mine.type]
            if mine.type == "short" and not all(a.full for a in mine.answers):
                kind = "SelectSet"  # pygift's name for a short answer with partial credit
            assert type(q.answers).__name__ == kind, (mine.id, q.source)
            if mine.type == "truefalse":
                assert q.answers.answer is mine.answer
            elif mine.type == "numerical":
                assert [(a.value, a.tolerance) for a in q.answers.answers] == [
                    (a.value, a.tolerance) for a in mine.answers]
            elif mine.type in ("single", "multiple", "short"):
                right = [a.answer.replace("\\", "") for a in q.answers.answers
                         if a.fraction >= 99.99]
                mine_right = ([o.text for o in mine.options if o.correct and mine.type == "single"]
                              if mine.type != "short" else [a.text for a in mine.answers
                                                            if a.full])
                if mine.type != "multiple":
                    assert right == mine_right
            checked += 1
    assert checked >= 20


# -- media and formulas in Moodle XML --------------------------------------------------------
SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"/>\n'
PICTURE_BANK = """title: Plans
questions:
  - id: plan-1
    type: single
    module: M1
    text: "Which exit does the plan show? ![plan](../media/plan.svg) $E = mc^2$"
    options:
      - text: North ![n](../media/arrow.svg)
        correct: true
      - text: South
  - id: plan-2
    type: essay
    module: M1
    text: "Describe ![gone](../media/missing.png) and [outside](../../../etc/hostname)."
"""


def test_moodle_xml_embeds_files_and_imports_them_to_media(make_course: MakeCourse,
                                                           tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str]
                                                           ) -> None:
    course = make_course({"interim/plans.quiz.yml": PICTURE_BANK, "media/plan.svg": SVG,
                          "media/arrow.svg": SVG.replace("4", "5")})
    out = tmp_path / "plans.xml"
    assert main(["export", str(course), "--format", "moodle-xml", "--out", str(out)]) == 0
    err = capsys.readouterr().err
    assert "'plan-2'" in err and "missing.png" in err and "etc/hostname" in err
    root = ET.parse(out).getroot()
    first = next(q for q in root.iter("question") if q.findtext("idnumber") == "plan-1")
    text = first.find("questiontext")
    assert text.findtext("text") == ("Which exit does the plan show? "
                                     "![plan](@@PLUGINFILE@@/plan.svg) \\\\(E = mc^2\\\\)")
    embedded = text.find("file")
    assert (embedded.get("name"), embedded.get("path"), embedded.get("encoding")) == (
        "plan.svg", "/", "base64")
    import base64

    assert base64.b64decode(embedded.text) == SVG.encode()
    assert first.find("answer/file").get("name") == "arrow.svg"
    assert root.find(".//file[@name='hostname']") is None  # outside the course: not embedded
    gift_out = tmp_path / "plans.gift.txt"
    assert main(["export", str(course), "--format", "gift", "--out", str(gift_out)]) == 0
    err = capsys.readouterr().err
    assert "'plan-1' links ../media/plan.svg, ../media/arrow.svg; GIFT cannot" in err
    target = tmp_path / "other" / "interim" / "plans.quiz.yml"
    target.parent.mkdir(parents=True)
    count, findings = import_file(out, "moodle-xml", target)
    assert count == 2 and [f for f in findings if f.severity == "error"] == []
    assert (tmp_path / "other/media/plan.svg").read_text() == SVG
    assert (tmp_path / "other/media/arrow.svg").read_text() == SVG.replace("4", "5")
    back = yaml.safe_load(target.read_text(encoding="utf-8"))["questions"][0]
    assert back["text"] == ("Which exit does the plan show? ![plan](../media/plan.svg) "
                            "$E = mc^2$")
    assert back["options"][0]["text"] == "North ![n](../media/arrow.svg)"


def test_embedded_file_names_cannot_leave_media(tmp_path: Path) -> None:
    xml = ('<quiz><question type="essay"><name><text>q</text></name>'
           '<questiontext format="html"><text>&lt;img src="@@PLUGINFILE@@/../../evil.sh"&gt;'
           '</text><file name="../../evil.sh" path="/" encoding="base64">ZWNobyBoaQ==</file>'
           '</questiontext></question></quiz>')
    src = tmp_path / "q.xml"
    src.write_text(xml, encoding="utf-8")
    target = tmp_path / "c" / "interim" / "q.quiz.yml"
    target.parent.mkdir(parents=True)
    assert import_file(src, "moodle-xml", target)[0] == 1
    assert sorted(p.name for p in (tmp_path / "c" / "media").iterdir()) == ["evil.sh"]
    assert not (tmp_path / "evil.sh").exists()


def test_moodle_settings_without_a_place_are_one_warning_per_question(tmp_path: Path) -> None:
    xml = ('<quiz>\n<question type="multichoice"><name><text>q</text></name>'
           '<questiontext><text>Q?</text></questiontext><defaultgrade>2</defaultgrade>'
           '<correctfeedback><text>Well done</text></correctfeedback>'
           '<hint><text>Think</text></hint><single>true</single>'
           '<answer fraction="100"><text>a</text></answer><answer fraction="0"><text>b</text>'
           '</answer></question>\n<question type="shortanswer"><name><text>s</text></name>'
           '<questiontext><text>S?</text></questiontext><usecase>1</usecase>'
           '<answer fraction="100"><text>A</text></answer></question>\n'
           '<question type="numerical"><name><text>n</text></name>'
           '<questiontext><text>N?</text></questiontext><answer fraction="100"><text>3</text>'
           '<tolerance>0</tolerance></answer><units><unit><multiplier>1</multiplier>'
           '<unit_name>m</unit_name></unit></units></question>\n</quiz>\n')
    src = tmp_path / "q.xml"
    src.write_text(xml, encoding="utf-8")
    count, findings = import_file(src, "moodle-xml", tmp_path / "q.quiz.yml")
    assert count == 3
    assert [(f.key, f.line, f.params["parts"]) for f in findings] == [
        ("import.dropped", 2, "<correctfeedback>, <hint>, defaultgrade 2"),
        ("import.dropped", 3, "<usecase>"), ("import.dropped", 4, "<units>")]
    assert all(f.severity == "warning" and "'q'" in findings[0].message("ru") for f in findings)


# -- any question survives both formats -----------------------------------------------------
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from builder.quiz.bankfile import MOODLE_FRACTIONS  # noqa: E402

words = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc"),
                                       blacklist_characters="\u2028\u2029\x85"),
                min_size=1, max_size=20).map(str.strip).filter(bool)
texts = st.lists(words, min_size=1, max_size=3).map("\n".join)
numbers = st.floats(allow_nan=False, allow_infinity=False, min_value=-1e9, max_value=1e9)
grades = st.sampled_from([g for g in MOODLE_FRACTIONS if 0 < g < 100])


@st.composite
def questions(draw: st.DrawFn) -> Question:
    kind = draw(st.sampled_from(["numerical", "short", "truefalse", "single"]))
    base = {"id": draw(words.map(lambda w: "-".join(w.split()))), "type": kind,
            "text": draw(texts), "module": "M1", "difficulty": draw(st.integers(1, 3)),
            "feedback": draw(st.none() | texts), "name": draw(st.none() | words),
            "tags": draw(st.lists(words.filter(lambda w: "]" not in w and "\n" not in w),
                                  max_size=2, unique=True))}
    if kind == "numerical":
        more = draw(st.integers(0, 2))
        base["answers"] = [{"value": draw(numbers), "tolerance": abs(draw(numbers)),
                            "feedback": draw(st.none() | texts)}] + [
            {"value": draw(numbers), "weight": draw(grades)} for _ in range(more)]
    elif kind == "short":
        base["answers"] = [{"text": draw(words), "feedback": draw(st.none() | texts)},
                           *({"text": draw(words), "weight": draw(grades)}
                             for _ in range(draw(st.integers(0, 2))))]
    elif kind == "truefalse":
        base.update(answer=draw(st.booleans()), feedback_true=draw(st.none() | texts),
                    feedback_false=draw(st.none() | texts))
    else:
        options = draw(st.lists(words, min_size=2, max_size=4, unique=True))
        base["options"] = [{"text": t, "correct": i == 0, "feedback": draw(st.none() | texts)}
                           for i, t in enumerate(options)]
    return Question.model_validate(base)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                    HealthCheck.function_scoped_fixture])
@given(questions(), st.sampled_from(["gift", "moodle-xml"]))
def test_any_question_survives_export_and_import(tmp_path: Path, q: Question, fmt: str) -> None:
    if q.name and q.name.strip() != q.name:
        q.name = q.name.strip()
    bank = Bank(path=tmp_path / "b.quiz.yml", rel="interim/b.quiz.yml", component="interim",
                title="B", questions=[q])
    exported = tmp_path / f"one{SUFFIX[fmt]}"
    exported.write_text(export_bank(bank, fmt), encoding="utf-8")
    result = (gift.read(exported, exported.read_text(encoding="utf-8")) if fmt == "gift"
              else moodle_xml.read(exported, exported.read_bytes()))
    back = result.finish("b")
    assert result.errors == []
    assert [question_dict(x) for x in back] == [question_dict(q)]
