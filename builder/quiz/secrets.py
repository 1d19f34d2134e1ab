"""What must never reach students: final test keys, exam test and ticket texts, as strings."""

from __future__ import annotations

import re

from builder.model import Course, Question
from builder.quiz.draw import ticket_bank

MIN_LENGTH = 8  # shorter strings ("Иә", "true", "42") occur anywhere: no evidence of a leak


def _lines(text: str) -> list[str]:
    """Each non-empty line of `text`, Markdown emphasis and heading marks removed."""
    out = []
    for line in (text or "").splitlines():
        line = re.sub(r"[*_`#>]+", "", line).strip()
        line = re.sub(r"\s+", " ", line)
        if line:
            out.append(line)
    return out


def _keys(q: Question) -> list[str]:
    """The answer texts of a question (what a key reveals)."""
    found = [o.text for o in q.options if o.correct] + [a.text for a in q.answers if a.full]
    found += [f"{p.left} {p.right}" for p in q.pairs]
    return found


def _public(course: Course) -> str:
    """Everything authored for students: their pages and the interim banks."""
    parts = [p.body for p in course.pages if p.meta.audience == "student"]
    if course.syllabus is not None:
        parts.append(course.syllabus.body)
    for bank in course.banks_of("interim"):
        for q in bank.questions:
            parts += [q.text, *(o.text for o in q.options), *(a.text for a in q.answers),
                      *(p.left + " " + p.right for p in q.pairs)]
    return re.sub(r"\s+", " ", "\n".join(parts))


def secret_strings(course: Course) -> list[str]:
    """Strings of final control that no student output may contain: the question texts and answer
    keys of final banks and the questions of the ticket bank. Strings shorter than MIN_LENGTH, and
    those the author also wrote in student pages or interim banks, are left out (they are public).
    Search built HTML for each string and for its HTML-escaped form."""
    found: list[str] = []
    banks = list(course.banks_of("final"))
    if course.tickets is not None:
        bank = ticket_bank(course, course.tickets)
        if bank is not None and bank not in banks:
            banks.append(bank)
    for bank in banks:
        for q in bank.questions:
            for text in [q.text, *_keys(q)]:
                found += _lines(text)
    public = _public(course)
    out: list[str] = []
    for text in found:
        if len(text) >= MIN_LENGTH and text not in public and text not in out:
            out.append(text)
    return out
