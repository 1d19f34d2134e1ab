"""A bank as plain data: question ↔ dict, default LMS grades, and writing a `*.quiz.yml` file."""

from __future__ import annotations

from typing import Any

from builder.model import Answer, Option, Question
from builder.quiz import yamlout

# Moodle accepts only these grade fractions (question_bank::fraction_options_full), in %.
MOODLE_FRACTIONS = (100, 90, 83.33333, 80, 75, 70, 66.66667, 60, 50, 40, 33.33333, 30, 25, 20,
                    16.66667, 14.28571, 12.5, 11.11111, 10, 5, 0)


def nearest_fraction(percent: float) -> float:
    """The Moodle grade closest to `percent` (sign kept)."""
    best = min(MOODLE_FRACTIONS, key=lambda f: abs(f - abs(percent)))
    return -best if percent < 0 else best


def is_fraction(percent: float) -> bool:
    """Whether Moodle accepts `percent` as a grade."""
    return abs(abs(percent) - nearest_fraction(percent) * (1 if percent >= 0 else -1)) < 1e-4


def shares(count: int) -> list[float]:
    """`count` Moodle grades adding up to 100 %, as even as they can be (11 → nine 10 % and two
    5 %); an even split by nearest grade when none adds up (more than 20 right options)."""
    best: tuple[float, list[float]] | None = None
    for high in MOODLE_FRACTIONS:
        for low in MOODLE_FRACTIONS:
            if not 0 < low <= high:
                continue
            for k in range(count, 0, -1):  # k options of `high`, the rest `low`
                total = k * high + (count - k) * low
                if abs(total - 100) < 1e-3 and (best is None or high - low < best[0]):
                    best = (high - low, [high] * k + [low] * (count - k))
    return best[1] if best else [nearest_fraction(100 / count)] * count


def default_weights(q: Question) -> list[float]:
    """Grades in % eumk gives options without a `weight`: single 100/0; multiple: the right
    ones share 100 (see `shares`), each wrong one takes off as much as the largest right share."""
    correct = sum(o.correct for o in q.options)
    if q.type == "single" or not correct:
        return [100.0 if o.correct else 0.0 for o in q.options]
    given = iter(shares(correct))
    out = [next(given) if o.correct else 0.0 for o in q.options]
    penalty = max(out)
    return [w if o.correct else -penalty for o, w in zip(q.options, out, strict=True)]


def lms_weights(q: Question) -> list[float]:
    """The grades an LMS is given: each a Moodle fraction (`check` reports any other)."""
    return [nearest_fraction(w) for w in weights(q)]


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


def plain_number(value: float) -> float | int:
    """1822.0 → 1822: numbers as an author writes them."""
    return int(value) if value.is_integer() and abs(value) < 1e15 else value


def answer_entry(a: Answer, numerical: bool) -> Any:
    """A short or numerical answer: bare when it is only the answer, else a mapping."""
    if numerical and a.value is not None:
        head: dict[str, Any] = {"value": plain_number(a.value)}
        if a.tolerance:
            head["tolerance"] = plain_number(a.tolerance)
    else:
        head = {"text": a.text}
    if a.weight is not None and not a.full:
        head["weight"] = a.weight
    if a.feedback:
        head["feedback"] = a.feedback
    return next(iter(head.values())) if len(head) == 1 else head


def question_dict(q: Question) -> dict[str, Any]:
    """The question as it is written in a bank file (only the fields its type uses)."""
    out: dict[str, Any] = {"id": q.id, "type": q.type}
    if q.name and q.name != q.id:
        out["name"] = q.name
    if q.module:
        out["module"] = q.module
    out["difficulty"] = q.difficulty
    if q.tags:
        out["tags"] = list(q.tags)
    if q.category:
        out["category"] = q.category
    out["text"] = q.text.strip()
    if q.type in ("single", "multiple"):
        out["options"] = [option_dict(o) for o in q.options]
    elif q.type == "truefalse":
        out["answer"] = q.answer
        for key in ("feedback_true", "feedback_false"):
            if getattr(q, key):
                out[key] = getattr(q, key)
    elif q.type in ("short", "numerical"):
        out["answers"] = [answer_entry(a, q.type == "numerical") for a in q.answers]
    elif q.type == "matching":
        out["pairs"] = [{"left": p.left, "right": p.right} for p in q.pairs]
    if q.feedback:
        out["feedback"] = q.feedback.strip()
    return out


def dump(title: str, questions: list[Question], note: str = "") -> str:
    """The text of a `*.quiz.yml` file holding `questions`."""
    return dump_records(title, [question_dict(q) for q in questions], note)


def dump_records(title: str, records: list[dict[str, Any]], note: str = "") -> str:
    """The text of a `*.quiz.yml` file holding questions already in bank form."""
    head = "".join(f"# {line}\n" for line in note.splitlines())
    return head + yamlout.dump({"title": title, "questions": records})
