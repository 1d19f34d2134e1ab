"""The `<question> … <variant> …` format of Kazakhstan's LMSs (Platonus, Univer): read and write.

Reading: `<question>`, `<question2>`, `<question3>` (difficulty), `<variant>` options and
`<variantright>` right ones anywhere among them (several: a multiple-answer question); without
`<variantright>` the first variant is right. `<#picture=NAME#>` places a picture.
Writing: UTF-8, the right option first, as these LMSs expect.
"""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath

from builder.findings import Finding
from builder.model import Option, Question
from builder.quiz.imported import Imported

_TAG = re.compile(r"<\s*(question|variantright|variant)\s*(\d*)\s*>", re.I)
_PICTURE = re.compile(r"<#\s*picture\s*=\s*([^#>]+?)\s*#>", re.I)
_IMAGE = re.compile(r"!\[[^\]]*\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")
MEDIA_LINK = "../media/"  # a bank lives in interim/ or final/, pictures in the course's media/


def read(path: Path, text: str, pictures: dict[str, bytes] | None = None,
         media_link: str = MEDIA_LINK) -> Imported:
    """Questions with their difficulty; every problem a finding with its line."""
    result = Imported(path)
    matches = list(_TAG.finditer(text))
    if not matches:
        result.problem("import.variant.none", line=1)
        return result
    lead = text[: matches[0].start()].strip()
    if lead:
        result.problem("import.variant.lead", line=text.count("\n", 0, text.index(lead[0])) + 1)
    current: Question | None = None
    right_tags, errors = False, 0
    for i, match in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(text)
        line = text.count("\n", 0, match.start()) + 1
        tag = match.group(1).lower()
        if tag == "question":
            _close(result, current, right_tags, errors)
            errors = len(result.errors)
        result.line = line
        body = _pictures(result, path, text[match.end(): end].strip(), pictures or {},
                         media_link)
        if tag == "question":
            level = int(match.group(2) or 1)
            if level not in (1, 2, 3):
                result.problem("import.variant.level", line=line, level=level)
                level = min(max(level, 1), 3)
            current, right_tags = Question(type="single", text=body, difficulty=level), False
            current.line = line
        elif current is None:
            result.problem("import.variant.orphan", line=line)
        else:
            right_tags = right_tags or tag == "variantright"
            current.options.append(Option(text=body, correct=tag == "variantright", line=line))
    _close(result, current, right_tags, errors)
    return result


def _pictures(result: Imported, path: Path, body: str, pictures: dict[str, bytes],
              media_link: str) -> str:
    """`<#picture=NAME#>` → a Markdown image of media/NAME; the picture kept for writing."""

    def image(found: re.Match[str]) -> str:
        name = found.group(1).strip()
        safe = PurePosixPath(name.replace("\\", "/")).name
        data = pictures.get(name) or pictures.get(safe)
        if data is None and safe and safe == name.replace("\\", "/"):  # beside the file only
            beside = path.parent / safe
            data = beside.read_bytes() if beside.is_file() else None
        if data is None or not safe:
            result.problem("import.variant.picture", name=name)
            return found.group(0)
        result.media[safe] = data
        return f"![]({media_link}{safe})"

    return _PICTURE.sub(image, body)


def _close(result: Imported, q: Question | None, right_tags: bool, errors: int) -> None:
    """Add `q` unless it is broken (`errors`: how many errors the file had before it)."""
    if q is None:
        return
    broken = len(result.errors) > errors
    result.line = q.line
    if not right_tags and q.options:
        q.options[0].correct = True
    right = sum(o.correct for o in q.options)
    if right > 1:
        q.type = "multiple"
    if not q.text:
        result.problem("import.variant.text")
    elif len(q.options) < 2:
        result.problem("import.variant.few", count=len(q.options))
    elif any(not o.text for o in q.options):
        result.problem("import.variant.empty")
    elif not broken:
        result.add(q)


# -- writing ---------------------------------------------------------------------------------
def _plain(text: str) -> str:
    """`text` safe between tags: a literal `<question`/`<variant` cannot open a tag; Markdown
    images become `<#picture=NAME#>`."""
    text = _TAG.sub(lambda m: "‹" + m.group(0)[1:], text.strip())
    return _IMAGE.sub(lambda m: f"<#picture={PurePosixPath(m.group(1)).name}#>", text)


def write(bank_file: str, questions: list[Question], true_false: tuple[str, str]
          ) -> tuple[str, list[Finding]]:
    """The bank as `<question>` text, and a warning for each question (or part of one) the
    format cannot hold."""
    out: list[str] = []
    findings: list[Finding] = []

    def lost(q: Question, key: str, **params: object) -> None:
        findings.append(Finding(rule="export.lost", key=key, file=bank_file, line=q.line,
                                severity="warning", params={"id": q.id, **params}))

    for q in questions:
        tag = "<question>" if q.difficulty == 1 else f"<question{q.difficulty}>"
        if q.type == "truefalse":
            labels = true_false if q.answer else true_false[::-1]
            out.append(f"{tag}{_plain(q.text)}\n<variant>{labels[0]}\n<variant>{labels[1]}")
        elif q.type in ("single", "multiple"):
            right = [o for o in q.options if o.correct]
            wrong = [o for o in q.options if not o.correct]
            mark = "<variantright>" if len(right) > 1 else "<variant>"
            lines = [f"{tag}{_plain(q.text)}", *(f"{mark}{_plain(o.text)}" for o in right),
                     *(f"<variant>{_plain(o.text)}" for o in wrong)]
            out.append("\n".join(lines))
        else:
            lost(q, "export.lost.type", type=q.type)
            continue
        dropped = [f"`{name}`" for name, there in (
            ("weight", any(o.weight is not None for o in q.options)),
            ("feedback", q.feedback or any(o.feedback for o in q.options)
             or q.feedback_true or q.feedback_false),
            ("name", q.name), ("tags", q.tags)) if there]
        if dropped:
            lost(q, "export.lost.parts", parts=", ".join(dropped))
    return "\n".join(out) + "\n", findings
