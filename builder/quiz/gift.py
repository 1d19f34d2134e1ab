"""GIFT, Moodle's text format for questions: writing banks and reading them back."""

from __future__ import annotations

import re
from pathlib import Path

from builder.model import Option, Pair, Question
from builder.quiz.bankfile import drop_default_weights, weights
from builder.quiz.imported import Imported, read_tags, tags

SPECIAL = "~=#{}:"
# Escaped characters become private-use placeholders while a question is parsed.
_HOLD = {"\\\\": "\ue000", "\\~": "\ue001", "\\=": "\ue002", "\\#": "\ue003", "\\{": "\ue004",
         "\\}": "\ue005", "\\:": "\ue006", "\\n": "\ue007"}
_BACK = {"\ue000": "\\", "\ue001": "~", "\ue002": "=", "\ue003": "#", "\ue004": "{", "\ue005": "}",
         "\ue006": ":", "\ue007": "\n"}
_FORMAT = re.compile(r"^\s*\[(html|moodle|plain|markdown)\]", re.I)
_WEIGHT = re.compile(r"^%(-?\d+(?:\.\d+)?)%")


# -- writing ---------------------------------------------------------------------------------
def escape(text: str) -> str:
    """`text` with GIFT's control characters escaped and newlines as \\n."""
    out = text.replace("\\", "\\\\")
    for char in SPECIAL:
        out = out.replace(char, "\\" + char)
    return out.replace("\r\n", "\n").replace("\n", "\\n")


def _pct(value: float) -> str:
    return f"{value:.5f}".rstrip("0").rstrip(".")


def _option(mark: str, weight: float | None, text: str, feedback: str | None) -> str:
    grade = f"%{_pct(weight)}%" if weight is not None else ""
    tail = f" #{escape(feedback)}" if feedback else ""
    return f"\t{mark}{grade}{escape(text)}{tail}"


def write_question(q: Question) -> str:
    """One question in GIFT, preceded by its module and difficulty as Moodle tags."""
    lines = [f"// {' '.join(f'[tag:{t}]' for t in tags(q))}",
             f"::{escape(q.id)}::[markdown]{escape(q.text.strip())}{{"]
    if q.type in ("single", "multiple"):
        for o, w in zip(q.options, weights(q), strict=True):
            if q.type == "single" and w == 100:
                lines.append(_option("=", None, o.text, o.feedback))
            else:
                lines.append(_option("~", None if w == 0 and q.type == "single" else w, o.text,
                                     o.feedback))
    elif q.type == "truefalse":
        lines[-1] += "TRUE" if q.answer else "FALSE"
    elif q.type == "short":
        lines.extend(f"\t={escape(a)}" for a in q.answers)
    elif q.type == "matching":
        lines.extend(f"\t={escape(p.left)} -> {escape(p.right)}" for p in q.pairs)
    if q.feedback:
        lines.append(f"\t####{escape(q.feedback)}")
    lines.append("}")
    return "\n".join(lines)


def write(title: str, questions: list[Question], category: str | None = None) -> str:
    """A GIFT file of `questions` in category `category` (default: the bank title)."""
    head = [f"// {title}", f"$CATEGORY: $course$/{category or title}", ""]
    return "\n".join(head) + "\n" + "\n\n".join(write_question(q) for q in questions) + "\n"


# -- reading ---------------------------------------------------------------------------------
def _hold(text: str) -> str:
    for raw, mark in _HOLD.items():
        text = text.replace(raw, mark)
    return text


def _back(text: str) -> str:
    text = "\n".join(line.strip() for line in text.split("\n"))  # continuation indents
    for mark, char in _BACK.items():
        text = text.replace(mark, char)
    return _FORMAT.sub("", text).strip()


def _blocks(text: str) -> list[tuple[int, list[str], str]]:
    """(first line, comment lines, question text) of each blank-line-separated question."""
    out: list[tuple[int, list[str], str]] = []
    start, comments, body = 0, [], []  # type: ignore[var-annotated]
    for number, line in enumerate([*text.splitlines(), ""], start=1):
        stripped = line.strip()
        if not stripped:
            if body:
                out.append((start, comments, "\n".join(body)))
            start, comments, body = 0, [], []
        elif stripped.startswith("//") and not body:
            comments.append(stripped)
        elif not stripped.startswith("//"):
            if not body:
                start = number
            body.append(line)
    return out


def read(path: Path, text: str) -> Imported:
    """Questions of a GIFT file; unsupported or broken ones become findings with their line."""
    result = Imported(path)
    for line, comments, body in _blocks(text):
        result.line = line
        if body.lstrip().startswith("$CATEGORY:"):
            result.category(body.split(":", 1)[1].strip())
            continue
        q = _question(result, _hold(body))
        if q is not None:
            read_tags(q, " ".join(comments))
            result.add(q)
    return result


def _question(result: Imported, body: str) -> Question | None:
    name = ""
    if body.startswith("::"):
        name, sep, body = body[2:].partition("::")
        if not sep:
            result.problem("import.gift.name")
            return None
    opened = body.find("{")
    closed = body.rfind("}")
    if opened < 0:
        result.unsupported("description", _back(name))
        return None
    if closed < opened:
        result.problem("import.gift.unclosed")
        return None
    before, block, after = body[:opened], body[opened + 1:closed].strip(), body[closed + 1:]
    q = Question(id=_back(name), text=_back(before), type="essay")
    q = _answers(result, q, block)
    after = _back(after)
    if q is not None and after:  # the missing-word form: the answer goes in the gap
        gap = q.type in ("single", "multiple", "short")
        q.text += (" _____" if gap else "") + ("" if after[0] in ".,;:!?" else " ") + after
    return q


def _answers(result: Imported, q: Question, block: str) -> Question | None:
    block, _, general = block.partition("####")
    block = block.strip()
    q.feedback = _back(general) or None
    if not block:
        return q
    if block.startswith("#"):
        result.unsupported("numerical", q.id)
        return None
    head = block.split("#", 1)
    if head[0].strip().upper() in ("T", "TRUE", "F", "FALSE"):
        q.type, q.answer = "truefalse", head[0].strip().upper().startswith("T")
        return q
    items = re.findall(r"([=~])([^=~]*)", block)
    if not items or block[0] not in "=~":
        result.problem("import.gift.answer")
        return None
    if all(mark == "=" and "->" in rest for mark, rest in items):
        q.type = "matching"
        for _, rest in items:
            left, _, right = rest.partition("->")
            q.pairs.append(Pair(left=_back(left), right=_back(right)))
        return q
    parsed = [_item(mark, rest) for mark, rest in items]
    if all(mark == "=" for mark, _ in items):
        return _short(result, q, parsed)
    q.type = "single" if any(mark == "=" for mark, _ in items) else "multiple"
    for (weight, answer, feedback), (mark, _) in zip(parsed, items, strict=True):
        grade = weight if weight is not None else (100.0 if mark == "=" else 0.0)
        correct = grade > 0 if q.type == "multiple" else grade >= 100
        q.options.append(Option(text=answer, correct=correct, feedback=feedback or None,
                                weight=grade))
    drop_default_weights(q)
    return q


def _item(mark: str, rest: str) -> tuple[float | None, str, str]:
    found = _WEIGHT.match(rest.strip())
    weight = float(found.group(1)) if found else None
    body = rest.strip()[found.end():] if found else rest
    answer, _, feedback = body.partition("#")
    return weight, _back(answer), _back(feedback)


def _short(result: Imported, q: Question, parsed: list[tuple[float | None, str, str]]
           ) -> Question:
    q.type = "short"
    for weight, answer, _ in parsed:
        if weight is None or weight >= 100:
            q.answers.append(answer)
        else:
            result.partial(q.id, answer, weight)
    return q
