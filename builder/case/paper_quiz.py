"""Interim self-check tests on paper: numbered options, answer blanks, matching columns, and the
answer key printed at the end of the booklet (order 385 p.2.2: a learner with paper alone)."""

from __future__ import annotations

import random
from typing import Any

from builder.model import Answer, Bank, Course
from builder.quiz.view import quiz_data

# Letters of the right-hand column of a matching question, by the course's language.
LETTERS = {"kk": "АБВГДЕЖЗИКЛМНОПРСТУФ", "ru": "АБВГДЕЖЗИКЛМНОПРСТУФ",
           "en": "ABCDEFGHIJKLMNOPQRST"}


def bank_of(course: Course, html: str) -> Bank | None:
    """The interim bank a built page shows (`interim/module-1.quiz.html` or `…quiz/index.html`);
    final banks never: their keys are exam secrets."""
    rel = html.removesuffix("/index.html").removesuffix(".html") + ".yml"
    return next((b for b in course.banks if b.rel == rel and b.component == "interim"), None)


def printed_bank(bank: Bank, lang: str) -> dict[str, Any]:
    """What a printed test shows: each question with its options in a fixed shuffled order (the
    author often lists the right one first), numbered from 1, and the key to those numbers."""
    data = quiz_data(bank, lang)
    letters = LETTERS.get(lang, LETTERS["en"])
    questions = []
    for q, source in zip(data["questions"], bank.questions, strict=True):
        out: dict[str, Any] = {"n": q["n"], "type": q["type"], "html": q["html"],
                               "options": [], "lefts": [], "rights": [], "key": ""}
        if q["type"] in ("single", "multiple", "truefalse"):
            options = list(q["options"])
            if q["type"] != "truefalse":
                random.Random(f"{bank.rel}:{source.id}").shuffle(options)
            out["options"] = [o["html"] for o in options]
            out["key"] = ", ".join(str(n) for n, o in enumerate(options, 1) if o["correct"])
        elif q["type"] in ("short", "numerical"):
            out["key"] = q["answers_text"]
            out["numeric"] = q["type"] == "numerical" or any(_is_number(a.text)
                                                             for a in source.answers)
        elif q["type"] == "matching":
            letter = {c["key"]: letters[i % len(letters)] for i, c in enumerate(q["choices"])}
            out["lefts"] = [p["html"] for p in q["pairs"]]
            out["rights"] = [(letter[c["key"]], c["text"]) for c in q["choices"]]
            out["key"] = ", ".join(f"{n}–{letter[p['right']]}"
                                   for n, p in enumerate(q["pairs"], 1))
        questions.append(out)
    return {"title": data["title"], "questions": questions}


def _is_number(answer: Answer | str) -> bool:
    """A numerical answer (`value`), or a short answer whose text is a number."""
    if isinstance(answer, Answer):
        if answer.value is not None:
            return True
        answer = answer.text
    try:
        float(answer.replace(",", ".").replace(" ", ""))
    except ValueError:
        return False
    return True
