"""GIFT, Moodle's text format for questions: writing banks and reading them back."""

from __future__ import annotations

import re
from pathlib import Path

from builder.model import Answer, Option, Pair, Question, number, span
from builder.quiz.bankfile import drop_default_weights, lms_weights, nearest_fraction
from builder.quiz.imported import Imported, read_tags, tags

SPECIAL = "~=#{}:"
# Escaped characters become private-use placeholders while a question is parsed.
_HOLD = {"\\\\": "\ue000", "\\~": "\ue001", "\\=": "\ue002", "\\#": "\ue003", "\\{": "\ue004",
         "\\}": "\ue005", "\\:": "\ue006", "\\n": "\ue007"}
_BACK = {"\ue000": "\\", "\ue001": "~", "\ue002": "=", "\ue003": "#", "\ue004": "{", "\ue005": "}",
         "\ue006": ":", "\ue007": "\n"}
_UNHOLD = str.maketrans(_BACK)
_BREAKS = re.compile("[ \t]*[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]+[ \t]*")
_TAGS = re.compile(r"\[tag:([^\]]*)\]")
_FORMAT = re.compile(r"^\s*\[(html|moodle|plain|markdown)\]", re.I)
_WEIGHT = re.compile(r"^%(-?\d+(?:\.\d+)?)%")


# -- writing ---------------------------------------------------------------------------------
def escape(text: str) -> str:
    """`text` with GIFT's control characters escaped and newlines as \\n."""
    out = text.replace("\\", "\\\\")
    for char in SPECIAL:
        out = out.replace(char, "\\" + char)
    return out.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")


def one_line(text: str) -> str:
    """`text` for a comment or `$CATEGORY` line: every line break (with the spaces around it)
    one space, so a title can never start a line of its own (a question, a category)."""
    return _BREAKS.sub(" ", text).strip()


def _pct(value: float) -> str:
    return f"{value:.5f}".rstrip("0").rstrip(".")


def _option(mark: str, weight: float | None, text: str, feedback: str | None) -> str:
    grade = f"%{_pct(weight)}%" if weight is not None else ""
    tail = f" #{escape(feedback)}" if feedback else ""
    return f"\t{mark}{grade}{escape(text)}{tail}"


def _tag(name: str) -> str:
    """A tag inside `[tag:…]`: on one line, `]` (which would end it) and `%` %-encoded."""
    return one_line(name).replace("%", "%25").replace("]", "%5D")


def _untag(name: str) -> str:
    return name.replace("%5D", "]").replace("%25", "%")


def _number(value: float) -> str:
    return repr(float(value)).removesuffix(".0")  # 1822, 3.1415, 1.5e-07: exactly the float


def _answer_line(a: Answer, numerical: bool) -> str:
    if numerical and a.value is None:  # `*`: feedback to any other answer
        return f"\t~#{escape(a.feedback or '')}"
    grade = "" if a.full else f"%{_pct(nearest_fraction(a.weight or 0))}%"
    if numerical and a.value is not None:
        body = _number(a.value) + (f":{_number(a.tolerance)}" if a.tolerance else "")
    else:
        body = escape(a.text)
    tail = f" #{escape(a.feedback)}" if a.feedback else ""
    return f"\t={grade}{body}{tail}"


def write_question(q: Question) -> str:
    """One question in GIFT, preceded by its module, difficulty and tags as Moodle tags."""
    lines = [f"// {' '.join(f'[tag:{_tag(t)}]' for t in tags(q))}",
             f"::{escape(q.name or q.id)}::[markdown]{escape(q.text.strip())}{{"]
    if q.type in ("single", "multiple"):
        for o, w in zip(q.options, lms_weights(q), strict=True):
            if q.type == "single" and w == 100:
                lines.append(_option("=", None, o.text, o.feedback))
            else:
                lines.append(_option("~", None if w == 0 and q.type == "single" else w, o.text,
                                     o.feedback))
    elif q.type == "truefalse":
        right, wrong = ((q.feedback_true, q.feedback_false) if q.answer
                        else (q.feedback_false, q.feedback_true))
        marks = ("TRUE" if q.answer else "FALSE")
        if right or wrong:  # GIFT: {TRUE#shown to a wrong answer#shown to the right one}
            marks += f"#{escape(wrong or '')}#{escape(right or '')}"
        lines[-1] += marks
    elif q.type == "short":
        lines.extend(_answer_line(a, False) for a in q.answers)
    elif q.type == "numerical":
        lines[-1] += "#"
        lines.extend(_answer_line(a, True) for a in q.answers)
    elif q.type == "matching":
        lines.extend(f"\t={escape(p.left)} -> {escape(p.right)}" for p in q.pairs)
    if q.feedback:
        lines.append(f"\t####{escape(q.feedback)}")
    lines.append("}")
    return "\n".join(lines)


def write(title: str, questions: list[Question], category: str | None = None) -> str:
    """A GIFT file of `questions` in category `category` (default: the bank title)."""
    own = one_line(category or title)
    blocks, current = [f"// {one_line(title)}\n$CATEGORY: $course$/{own}\n"], None
    for q in questions:
        if q.category != current:  # a sub-category, or back to the bank's own
            current = q.category
            below = f"/{one_line(current)}" if current else ""
            blocks.append(f"$CATEGORY: $course$/{own}{below}\n")
        blocks.append(write_question(q) + "\n")
    return "\n".join(blocks)


# -- reading ---------------------------------------------------------------------------------
def _hold(text: str) -> str:
    for raw, mark in _HOLD.items():
        text = text.replace(raw, mark)
    return text


def _back(text: str) -> str:
    if "\n" in text:
        text = "\n".join(line.strip() for line in text.split("\n"))  # continuation indents
    text = text.translate(_UNHOLD).strip()
    return _FORMAT.sub("", text).strip() if text.startswith("[") else text


def _blocks(text: str) -> list[tuple[int, list[str], str]]:
    """(first line, comment lines, question text) of each blank-line-separated question."""
    out: list[tuple[int, list[str], str]] = []
    start, comments, body = 0, [], []  # type: ignore[var-annotated]
    # only \n ends a line: U+2028, \x85, \f… inside a text must not split a question
    for at, line in enumerate([*text.split("\n"), ""], start=1):
        stripped = line.strip()
        if not stripped:
            if body:
                out.append((start, comments, "\n".join(body)))
            start, comments, body = 0, [], []
        elif stripped.startswith("//") and not body:
            comments.append(stripped)
        elif not stripped.startswith("//"):
            if not body:
                start = at
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
            read_tags(q, [_untag(t) for t in _TAGS.findall(" ".join(comments))])
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
        return _numerical(result, q, block[1:].strip())
    head = block.split("#")
    if head[0].strip().upper() in ("T", "TRUE", "F", "FALSE"):
        q.type, q.answer = "truefalse", head[0].strip().upper().startswith("T")
        wrong, right = (_back(head[1]) if len(head) > 1 else None,
                        _back(head[2]) if len(head) > 2 else None)
        q.feedback_true, q.feedback_false = (right, wrong) if q.answer else (wrong, right)
        q.feedback_true, q.feedback_false = q.feedback_true or None, q.feedback_false or None
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
    for weight, answer, feedback in parsed:
        q.answers.append(Answer(text=answer, weight=None if weight is None or weight >= 100
                                else weight, feedback=feedback or None))
    return q


def _numerical(result: Imported, q: Question, block: str) -> Question | None:
    """`{#1822}`, `{#3.1415:0.0005}`, `{#3.141..3.142}`, `{#=1822:0 =%50%1822:2 ~#wrong}`."""
    q.type = "numerical"
    if block[:1] not in ("=", "~"):  # `{#3:2 ~#feedback}`: a lone answer, maybe wrong ones after
        block = "=" + block
    items = re.findall(r"([=~])([^=~]*)", block)
    for mark, rest in items:
        weight, body, feedback = _item(mark, rest)
        value, tolerance = _range(body)
        if mark == "~" and not body:
            q.answers.append(Answer(text="*", weight=0, feedback=feedback or None))
            continue
        if value is None:
            result.problem("import.number", answer=body)
            return None
        grade = weight if weight is not None else (100.0 if mark == "=" else 0.0)
        q.answers.append(Answer(text=body, value=value, tolerance=tolerance,
                                weight=None if grade >= 100 else grade,
                                feedback=feedback or None))
    return q


def _range(body: str) -> tuple[float | None, float]:
    """`3.1415:0.0005` → (3.1415, 0.0005); `3.141..3.142` → the same; `1822` → (1822, 0)."""
    if ".." in body:
        low, _, high = body.partition("..")
        a, b = number(low), number(high)
        return span(a, b) if a is not None and b is not None and a <= b else (None, 0)
    value, _, tolerance = body.partition(":")
    tol = number(tolerance) if tolerance else 0.0
    return (number(value), abs(tol)) if tol is not None else (None, 0)
