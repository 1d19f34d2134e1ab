"""quiz.* and tickets.*: question banks (order 385 p.6.5 interim, p.6.6 final) and exam tickets."""

from __future__ import annotations

from collections import Counter

from builder.findings import Finding
from builder.model import Bank, Course, Question
from builder.profiles import COMPONENT_CLAUSE, Profile
from builder.quiz.bankfile import is_fraction, lms_weights, nearest_fraction
from builder.quiz.draw import Shortage, draw

CHOICE = ("single", "multiple")
# Fields each question type uses; any other answer field is a mistake of the author.
FIELDS = {"single": "options", "multiple": "options", "truefalse": "answer", "short": "answers",
          "numerical": "answers", "matching": "pairs", "essay": ""}


class _Bank:
    """Findings about one bank, all citing the bank's clause."""

    def __init__(self, course: Course, bank: Bank) -> None:
        self.file = course.where(bank.path)
        self.component = bank.component
        self.clause = COMPONENT_CLAUSE[bank.component]
        self.out: list[Finding] = []

    def add(self, rule: str, line: int | None, key: str | None = None, **params: object) -> None:
        self.out.append(Finding(rule=rule, file=self.file, line=line, key=key, params=params,
                                component=self.component, clause=self.clause))


def check(course: Course, profile: Profile) -> list[Finding]:
    out: list[Finding] = []
    seen: dict[str, tuple[str, int | None]] = {}
    # Module ids are only known when course.yml was read; else every reference would look wrong.
    modules = course.module_ids() if course.meta_lines is not None else None
    for bank in course.banks:
        found = _Bank(course, bank)
        if not bank.questions:
            found.add("quiz.empty", 1)
        for q in bank.questions:
            _question(found, q, modules)
            if q.id and q.id in seen:
                other_file, other_line = seen[q.id]
                found.add("quiz.duplicate-id", q.line, id=q.id, other_file=other_file,
                          other_line=other_line)
            elif q.id:
                seen[q.id] = (found.file, q.line)
        out.extend(found.out)
    out.extend(_tickets(course))
    return out


def _question(found: _Bank, q: Question, modules: set[str] | None) -> None:
    qid = q.id or "?"
    if not q.id:
        found.add("quiz.id", q.line)
    if not q.text.strip():
        found.add("quiz.text", q.line, id=qid)
    if q.module is None:
        found.add("quiz.no-module", q.line, id=qid)
    elif modules is not None and q.module not in modules:
        found.add("quiz.module", q.line, id=qid, module=q.module,
                  known=", ".join(sorted(modules)) or "-")
    for name in ("options", "answer", "answers", "pairs"):
        if name != FIELDS[q.type] and getattr(q, name) not in (None, []):
            found.add("quiz.fields", q.line, id=qid, type=q.type, field=name)
    if q.type in CHOICE:
        _choice(found, q, qid)
    elif q.type == "truefalse" and q.answer is None:
        found.add("quiz.answer", q.line, "quiz.answer.truefalse", id=qid)
    if q.type in ("short", "numerical"):
        _answer_weights(found, q, qid)
    if q.type == "short" and not any(a.text.strip() and a.full for a in q.answers):
        found.add("quiz.answer", q.line, "quiz.answer.short", id=qid)
    elif q.type == "numerical":
        _numerical(found, q, qid)
    elif q.type == "matching":
        _matching(found, q, qid)


def _choice(found: _Bank, q: Question, qid: str) -> None:
    if len(q.options) < 2:
        found.add("quiz.options", q.line, "quiz.options.few", id=qid, count=len(q.options))
    texts = Counter(o.text.strip() for o in q.options if o.text.strip())
    for o in q.options:
        if not o.text.strip():
            found.add("quiz.options", o.line or q.line, "quiz.options.empty", id=qid)
    for text, n in texts.items():
        if n > 1:
            line = [o.line for o in q.options if o.text.strip() == text][1] or q.line
            found.add("quiz.options", line, "quiz.options.duplicate", id=qid, text=text)
    for o in q.options:
        if o.weight is not None and not is_fraction(o.weight):
            found.add("quiz.weight", o.line or q.line, "quiz.weight.fraction", id=qid,
                      weight=f"{o.weight:g}", nearest=f"{nearest_fraction(o.weight):g}")
    if q.type == "multiple" and any(o.correct for o in q.options):
        total = sum(w for w in lms_weights(q) if w > 0)
        if abs(total - 100) > 0.01:
            found.add("quiz.weight", q.line, "quiz.weight.sum", id=qid, total=f"{total:g}")
    correct = sum(o.correct for o in q.options)
    if q.options and not correct:
        found.add("quiz.answer", q.line, "quiz.answer.none", id=qid)
    elif q.type == "single" and correct > 1:
        found.add("quiz.answer", q.line, "quiz.answer.several", id=qid, count=correct)


def _answer_weights(found: _Bank, q: Question, qid: str) -> None:
    for a in q.answers:
        if a.weight is not None and not is_fraction(a.weight):
            found.add("quiz.weight", a.line or q.line, "quiz.weight.fraction", id=qid,
                      weight=f"{a.weight:g}", nearest=f"{nearest_fraction(a.weight):g}")


def _numerical(found: _Bank, q: Question, qid: str) -> None:
    for a in q.answers:
        if a.value is None and a.text.strip() != "*":
            found.add("quiz.answer", a.line or q.line, "quiz.answer.number", id=qid,
                      answer=a.text)
    if not any(a.value is not None and a.full for a in q.answers):
        found.add("quiz.answer", q.line, "quiz.answer.numerical", id=qid)


def _matching(found: _Bank, q: Question, qid: str) -> None:
    real = [p for p in q.pairs if p.left.strip()]
    if len(real) < 2:
        found.add("quiz.answer", q.line, "quiz.answer.pairs", id=qid, count=len(real))
    for p in q.pairs:
        if not p.right.strip():
            found.add("quiz.options", p.line or q.line, "quiz.options.empty", id=qid)
    lefts = Counter(p.left.strip() for p in real)
    for text, n in lefts.items():
        if n > 1:
            found.add("quiz.options", q.line, "quiz.options.duplicate", id=qid, text=text)


def _tickets(course: Course) -> list[Finding]:
    spec = course.tickets
    if spec is None or course.meta_lines is None:  # no course.yml: modules unknown
        return []
    result = draw(course, spec)
    if not isinstance(result, Shortage):
        return []
    return [Finding(rule="tickets.draw", key=result.key, file=course.where(spec.path),
                    line=spec.lines.get(SHORTAGE_KEY[result.key], 1), component="final",
                    params=result.params, clause=COMPONENT_CLAUSE["final"])]


# The tickets.yml key each shortage is about (its line is where the finding points).
SHORTAGE_KEY = {"tickets.draw.bank": "bank", "tickets.draw.cover": "cover",
                "tickets.draw.per-ticket": "per_ticket", "tickets.draw.small": "per_ticket",
                "tickets.draw.module": "cover", "tickets.draw.together": "cover"}

