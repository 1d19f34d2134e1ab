"""A bank as plain data: question ↔ dict, default LMS grades, and writing a `*.quiz.yml` file."""

from __future__ import annotations

from typing import Any

import yaml

from builder.model import Option, Question

# Moodle accepts only these grade fractions (question_bank::fraction_options_full), in %.
MOODLE_FRACTIONS = (100, 90, 83.33333, 80, 75, 70, 66.66667, 60, 50, 40, 33.33333, 30, 25, 20,
                    16.66667, 14.28571, 12.5, 11.11111, 10, 5, 0)


def nearest_fraction(percent: float) -> float:
    """The Moodle grade closest to `percent` (sign kept)."""
    best = min(MOODLE_FRACTIONS, key=lambda f: abs(f - abs(percent)))
    return -best if percent < 0 else best


def default_weights(q: Question) -> list[float]:
    """Grades in % eumk gives options without a `weight`: single 100/0; multiple: the correct
    share 100, each wrong one takes off as much as one correct one gives."""
    correct = sum(o.correct for o in q.options)
    if q.type == "single" or not correct:
        return [100.0 if o.correct else 0.0 for o in q.options]
    share = nearest_fraction(100 / correct)
    return [share if o.correct else -share for o in q.options]


def weights(q: Question) -> list[float]:
    """The grade in % of each option: its own `weight`, else the default."""
    return [o.weight if o.weight is not None else d for o, d in zip(q.options, default_weights(q),
                                                                     strict=True)]


def drop_default_weights(q: Question) -> None:
    """Forget weights equal to the defaults, so a bank read back from an LMS matches its source."""
    for o, d in zip(q.options, default_weights(q), strict=True):
        if o.weight is not None and abs(o.weight - d) < 1e-3:
            o.weight = None


def option_dict(o: Option) -> dict[str, Any]:
    out: dict[str, Any] = {"text": o.text}
    if o.correct:
        out["correct"] = True
    if o.weight is not None:
        out["weight"] = o.weight
    if o.feedback:
        out["feedback"] = o.feedback
    return out


def question_dict(q: Question) -> dict[str, Any]:
    """The question as it is written in a bank file (only the fields its type uses)."""
    out: dict[str, Any] = {"id": q.id, "type": q.type}
    if q.module:
        out["module"] = q.module
    out["difficulty"] = q.difficulty
    out["text"] = q.text.strip()
    if q.type in ("single", "multiple"):
        out["options"] = [option_dict(o) for o in q.options]
    elif q.type == "truefalse":
        out["answer"] = q.answer
    elif q.type == "short":
        out["answers"] = list(q.answers)
    elif q.type == "matching":
        out["pairs"] = [{"left": p.left, "right": p.right} for p in q.pairs]
    if q.feedback:
        out["feedback"] = q.feedback.strip()
    return out


class _Dumper(yaml.SafeDumper):
    """Multi-line text as literal blocks, the way authors write it."""


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _text)


def dump(title: str, questions: list[Question], note: str = "") -> str:
    """The text of a `*.quiz.yml` file holding `questions`."""
    head = "".join(f"# {line}\n" for line in note.splitlines())
    body = {"title": title, "questions": [question_dict(q) for q in questions]}
    return head + yaml.dump(body, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)
