"""The `<question> … <variant> …` text format of Kazakhstan's LMSs: the first variant is correct."""

from __future__ import annotations

import re
from pathlib import Path

from builder.model import Option, Question
from builder.quiz.imported import Imported

# <question>, <question2> (difficulty 2), <variant>; case and spaces inside the tag tolerated.
_TAG = re.compile(r"<\s*(question|variant)\s*(\d*)\s*>", re.I)


def read(path: Path, text: str) -> Imported:
    """Single-choice questions, difficulty from `<questionN>`; problems as findings by line."""
    result = Imported(path)
    matches = list(_TAG.finditer(text))
    if not matches:
        result.problem("import.variant.none", line=1)
        return result
    lead = text[: matches[0].start()].strip()
    if lead:
        result.problem("import.variant.lead", line=text.count("\n", 0, text.index(lead[0])) + 1)
    current: Question | None = None
    for i, match in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(text)
        body = text[match.end(): end].strip()
        line = text.count("\n", 0, match.start()) + 1
        if match.group(1).lower() == "question":
            _close(result, current)
            level = int(match.group(2) or 1)
            if level not in (1, 2, 3):
                result.problem("import.variant.level", line=line, level=level)
                level = min(max(level, 1), 3)
            result.line = line
            current = Question(type="single", text=body, difficulty=level)
            current.line = line
        elif current is None:
            result.problem("import.variant.orphan", line=line)
        else:
            current.options.append(Option(text=body, correct=not current.options, line=line))
    _close(result, current)
    return result


def _close(result: Imported, q: Question | None) -> None:
    if q is None:
        return
    result.line = q.line
    if not q.text:
        result.problem("import.variant.text")
    elif len(q.options) < 2:
        result.problem("import.variant.few", count=len(q.options))
    elif any(not o.text for o in q.options):
        result.problem("import.variant.empty")
    else:
        result.add(q)
