"""Self-check quizzes: the data `theme/eumk-quiz.html` renders for an interim bank."""

from __future__ import annotations

import html
import re
from typing import Any

from builder import messages
from builder.model import Bank, Question
from builder.quiz.markup import to_html, to_plain


def ui(lang: str) -> dict[str, str]:
    """The quiz UI strings of `lang` (catalogue keys `quiz_*`, without the prefix)."""
    return {k.removeprefix("quiz_"): v for k, v in messages.ui(lang).items()
            if k.startswith("quiz_")}


def normalise(answer: str) -> str:
    """How a typed short answer is compared: case, outer and repeated spaces ignored."""
    return re.sub(r"\s+", " ", answer).strip().casefold()


def number_text(value: float | None, tolerance: float) -> str:
    """3.1415 ± 0.0005, or 1822."""
    shown = f"{value:.15g}" if value is not None else "*"
    return shown + (f" ± {tolerance:.15g}" if tolerance else "")


def _options(q: Question, strings: dict[str, str]) -> list[dict[str, Any]]:
    if q.type == "truefalse":
        return [{"key": "true", "html": html.escape(strings["true"]), "correct": q.answer is True,
                 "feedback": to_html(q.feedback_true) if q.feedback_true else None},
                {"key": "false", "html": html.escape(strings["false"]),
                 "correct": q.answer is False,
                 "feedback": to_html(q.feedback_false) if q.feedback_false else None}]
    return [{"key": f"o{i}", "html": to_html(o.text, inline=True), "correct": o.correct,
             "feedback": to_html(o.feedback) if o.feedback else None}
            for i, o in enumerate(q.options, start=1)]


def question_data(q: Question, n: int, strings: dict[str, str]) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": q.id, "dom": f"q{n}", "n": n, "type": q.type, "html": to_html(q.text),
        "feedback": to_html(q.feedback) if q.feedback else None, "scored": q.type != "essay",
        "options": [], "answers": [], "answers_text": "", "pairs": [], "choices": [],
        "numbers": [],
    }
    if q.type in ("single", "multiple", "truefalse"):
        out["options"] = _options(q, strings)
    elif q.type == "short":
        right = [a.text for a in q.answers if a.full]
        out["answers"] = [normalise(a) for a in right]
        out["answers_text"] = " / ".join(right)
    elif q.type == "numerical":
        right = [a for a in q.answers if a.full and a.value is not None]
        out["numbers"] = [{"value": a.value, "tolerance": a.tolerance} for a in right]
        out["answers_text"] = " / ".join(number_text(a.value, a.tolerance) for a in right)
    elif q.type == "matching":
        rights = sorted({p.right for p in q.pairs})
        key = {right: f"c{i}" for i, right in enumerate(rights, start=1)}
        out["choices"] = [{"key": key[r], "text": to_plain(r)} for r in rights]
        out["pairs"] = [{"key": f"p{i}", "html": to_html(p.left, inline=True),
                         "right": key[p.right], "right_text": to_plain(p.right)}
                        for i, p in enumerate((p for p in q.pairs if p.left.strip()), start=1)]
    return out


def quiz_data(bank: Bank, lang: str, audience: str = "student") -> dict[str, Any]:
    """JSON-able data of a self-check quiz: any interim bank; a final bank (its keys are exam
    secrets) only for the instructor audience."""
    if bank.component != "interim" and audience != "instructor":
        raise ValueError(f"{bank.rel}: only interim banks become self-check quizzes")
    strings = ui(lang)
    return {
        "id": bank.rel.removesuffix(".quiz.yml").replace("/", "-"),
        "title": bank.title or bank.rel,
        "lang": lang,
        "ui": strings,
        "questions": [question_data(q, n, strings) for n, q in enumerate(bank.questions, 1)],
    }
