"""quiz.* and tickets.* rules: each fires on a defect with file and line, not on a good bank."""

from __future__ import annotations

import pytest

from tests.conftest import MakeCourse, line_of, only, run_rules

BANK = "interim/module-1.quiz.yml"


def bank(*questions: str) -> str:
    return "title: Test bank\nquestions:\n" + "".join(questions)


GOOD_SINGLE = """  - id: ok-1
    type: single
    module: M1
    text: Good question
    options:
      - text: Right
        correct: true
      - text: Wrong
"""

# rule (or catalogue key), bad bank text, the text on the line the finding must point at
CASES = [
    ("quiz.answer.none", bank("""  - id: q-none
    type: single
    module: M1
    text: No correct option
    options:
      - text: A
      - text: B
"""), "id: q-none"),
    ("quiz.answer.several", bank("""  - id: q-two
    type: single
    module: M1
    text: Two correct options
    options:
      - text: A
        correct: true
      - text: B
        correct: true
"""), "id: q-two"),
    ("quiz.answer.truefalse", bank("""  - id: q-tf
    type: truefalse
    module: M1
    text: A statement without an answer
"""), "id: q-tf"),
    ("quiz.answer.short", bank("""  - id: q-short
    type: short
    module: M1
    text: Short without answers
"""), "id: q-short"),
    ("quiz.answer.pairs", bank("""  - id: q-match
    type: matching
    module: M1
    text: One pair only
    pairs:
      - left: A
        right: "1"
"""), "id: q-match"),
    ("quiz.duplicate-id", bank(GOOD_SINGLE, GOOD_SINGLE.replace("Good question", "Again")),
     "  - id: ok-1"),
    ("quiz.module", bank(GOOD_SINGLE.replace("module: M1", "module: M9")), "id: ok-1"),
    ("quiz.no-module", bank(GOOD_SINGLE.replace("    module: M1\n", "")), "id: ok-1"),
    ("quiz.options.few", bank("""  - id: q-few
    type: single
    module: M1
    text: One option
    options:
      - text: Only
        correct: true
"""), "id: q-few"),
    ("quiz.options.empty", bank(GOOD_SINGLE.replace("      - text: Wrong\n",
                                                    "      - text: ''\n")), "text: ''"),
    ("quiz.options.duplicate", bank(GOOD_SINGLE.replace("text: Wrong", "text: Right")),
     "      - text: Right"),
    ("quiz.empty", "title: Nothing yet\nquestions: []\n", "title: Nothing yet"),
    ("quiz.text", bank(GOOD_SINGLE.replace("text: Good question", "text: ''")), "id: ok-1"),
    ("quiz.id", bank(GOOD_SINGLE.replace("id: ok-1", "id: ''")), "id: ''"),
    ("quiz.weight.fraction", bank(GOOD_SINGLE.replace("      - text: Wrong\n",
                                                      "      - text: Half\n        weight: 45\n")),
     "      - text: Half"),
    ("quiz.weight.sum", bank("""  - id: q-sum
    type: multiple
    module: M1
    text: Weights adding up to 80
    options:
      - text: A
        correct: true
        weight: 50
      - text: B
        correct: true
        weight: 30
      - text: C
"""), "id: q-sum"),
    ("quiz.answer.number", bank("""  - id: q-num
    type: numerical
    module: M1
    text: How many?
    answers:
      - value: 3
      - text: three
"""), "      - text: three"),
    ("quiz.answer.numerical", bank("""  - id: q-half
    type: numerical
    module: M1
    text: Only partly right answers
    answers:
      - value: 3
        weight: 50
"""), "id: q-half"),
    ("quiz.fields", bank("""  - id: q-essay
    type: essay
    module: M1
    text: An essay with options
    options:
      - text: A
"""), "id: q-essay"),
]


@pytest.mark.parametrize(("key", "text", "needle"), CASES, ids=[c[0] for c in CASES])
def test_rule_fires_with_file_and_line(make_course: MakeCourse, key: str, text: str,
                                       needle: str) -> None:
    course = make_course({BANK: text}, overlay="quiz-course")
    rule = key if key.count(".") == 1 else key.rsplit(".", 1)[0]
    found = [f for f in only(run_rules(course), rule) if (f.key or f.rule) == key]
    assert found, f"{key} not reported"
    assert found[-1].file == BANK
    expected = line_of(text, needle)
    if key.endswith("duplicate") or key.endswith("duplicate-id"):  # the second of the two
        expected = [n for n, line in enumerate(text.splitlines(), 1) if needle == line][1]
    assert found[-1].line == expected
    assert found[-1].clause == "order 385 p.6.5"
    for lang in ("kk", "ru", "en"):
        assert found[-1].message(lang) != key and found[-1].hint(lang)


def test_good_banks_have_no_quiz_findings(make_course: MakeCourse) -> None:
    course = make_course(overlay="quiz-course")
    found = [f for f in run_rules(course) if f.rule.startswith(("quiz.", "tickets."))]
    assert found == []


def test_eleven_right_options_share_100_in_moodle_grades(make_course: MakeCourse) -> None:
    from builder.quiz.bankfile import is_fraction, lms_weights

    options = "".join(f"      - text: O{i}\n        correct: true\n" for i in range(11))
    text = bank("  - id: q-11\n    type: multiple\n    module: M1\n    text: Eleven\n"
                "    options:\n" + options + "      - text: Wrong\n")
    course = make_course({BANK: text}, overlay="quiz-course")
    assert [f for f in run_rules(course) if f.rule == "quiz.weight"] == []
    from builder.load import load_course

    q = load_course(course)[0].banks_of("interim")[0].questions[0]
    grades = lms_weights(q)
    assert all(is_fraction(g) for g in grades)
    assert sum(g for g in grades if g > 0) == 100


def test_final_bank_cites_p66(make_course: MakeCourse) -> None:
    text = bank(GOOD_SINGLE.replace("      - text: Wrong\n", ""))
    course = make_course({"final/exam-test.quiz.yml": text}, overlay="quiz-course")
    found = only(run_rules(course), "quiz.options")
    assert [(f.file, f.clause) for f in found] == [("final/exam-test.quiz.yml", "order 385 p.6.6")]


TICKETS = "final/tickets.yml"


@pytest.mark.parametrize(("old", "new", "key", "needle"), [
    ("bank: exam-questions.quiz.yml", "bank: nowhere.quiz.yml", "tickets.draw.bank", "bank:"),
    ("cover: [M1, M2]", "cover: [M1, M7]", "tickets.draw.cover", "cover:"),
    ("per_ticket: 2", "per_ticket: 1", "tickets.draw.per-ticket", "per_ticket:"),
    ("count: 5", "count: 20", "tickets.draw.module", "cover:"),
])
def test_tickets_rule(make_course: MakeCourse, old: str, new: str, key: str,
                      needle: str) -> None:
    from tests.conftest import FIXTURES

    text = (FIXTURES / "quiz-course" / TICKETS).read_text(encoding="utf-8").replace(old, new)
    course = make_course({TICKETS: text}, overlay="quiz-course")
    found = only(run_rules(course), "tickets.draw")
    assert [(f.key, f.file, f.line) for f in found] == [(key, TICKETS, line_of(text, needle))]
