"""What an import found: the questions, and findings (file + line) about what it could not take."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from builder.findings import Finding, Severity
from builder.model import Question
from builder.quiz.bankfile import question_dict

_TAG = re.compile(r"(module|difficulty|id)-(.+)", re.S)


def sub_category(first: str, current: str) -> str | None:
    """Where `current` lies under the bank's category `first` (the file's first): None when it
    is `first`, else the path below it (or the whole path without `$course$/`)."""
    if current.strip() == first.strip():
        return None
    if current.startswith(first.rstrip("/") + "/"):
        return current[len(first.rstrip("/")) + 1:].strip() or None
    return re.sub(r"^\$\w+\$/", "", current).strip() or None


def derived_id(name: str) -> str:
    """The bank id an import gives a question named `name`."""
    return re.sub(r"\s+", "-", name.strip())


def tags(q: Question) -> list[str]:
    """Module and difficulty as LMS tags (`module-M1`, `difficulty-2`): LMSs have no such fields;
    the id too (`id-m1-q3`) when the name would not give it back; then the question's own tags."""
    own = [f"id-{q.id}"] if q.name and derived_id(q.name) != q.id else []
    return (([f"module-{q.module}"] if q.module else []) + [f"difficulty-{q.difficulty}"] + own
            + list(q.tags))


def read_tags(q: Question, names: list[str]) -> None:
    """Set module, difficulty and id from tags written by `tags`; keep the others as tags."""
    for name in names:
        found = _TAG.fullmatch(name.strip())
        kind, value = found.groups() if found else ("", "")
        if kind == "module":
            q.module = value
        elif kind == "difficulty" and value in ("1", "2", "3"):
            q.difficulty = int(value)
        elif kind == "id":
            if q.name is None:  # not given already (Moodle XML's <idnumber>)
                q.name, q.id = q.id, value
        elif name.strip():
            q.tags.append(name.strip())


class Imported:
    """Questions read from one file, with the problems met on the way."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.records: list[dict[str, Any]] = []  # questions as bank data: a tenth of a model
        self.findings: list[Finding] = []
        self.categories: list[str] = []
        self.media: dict[str, bytes] = {}  # pictures the questions show: file name → content
        self.line: int | None = None  # line of the question being read

    # -- collecting ------------------------------------------------------------------------
    def add(self, q: Question) -> None:
        if self.categories and q.category is None:
            q.category = sub_category(self.categories[0], self.categories[-1])
        record = question_dict(q)
        record["name"] = q.name or q.id  # the name as written; `settle` makes the id
        if q.name:  # an id given by the file (tag or <idnumber>)
            record["given"] = q.id
        record["line"] = self.line
        self.records.append(record)

    @property
    def questions(self) -> list[Question]:
        return [Question.model_validate(r) for r in self.records]

    def category(self, name: str) -> None:
        self.categories.append(name)

    def report(self, key: str, severity: Severity = "error", line: int | None = None,
               **params: Any) -> None:
        self.findings.append(Finding(rule=key.rsplit(".", 1)[0] if key.count(".") > 1 else key,
                                     key=key, file=self.path.as_posix(),
                                     line=line if line is not None else self.line,
                                     severity=severity, params=params))

    def problem(self, key: str, **params: Any) -> None:
        self.report(key, **params)

    def unsupported(self, kind: str, name: str) -> None:
        self.report("import.unsupported", "warning", kind=kind, name=name or "-")

    def partial(self, name: str, answer: str, weight: float) -> None:
        self.report("import.partial", "warning", name=name or "-", answer=answer,
                    weight=f"{weight:g}")

    # -- result ----------------------------------------------------------------------------
    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]

    def title(self, default: str) -> str:
        """The bank title: the first category's last part, else `default`."""
        if not self.categories:
            return default
        last = self.categories[0].replace("//", "\ue000").split("/")[-1]
        return last.replace("\ue000", "/").strip() or default

    def finish(self, stem: str, module: str | None = None) -> list[Question]:
        """The questions with unique ids (their names, white space as '-', else `stem-N`), the
        name kept as written when it differs, and a default module."""
        self.settle(stem, module)
        return self.questions

    def settle(self, stem: str, module: str | None = None) -> None:
        """`finish` on the records only (a big file never becomes models all at once)."""
        seen: set[str] = set()
        for number, record in enumerate(self.records, start=1):
            name = record.pop("name", None) or record["id"]
            base = record.pop("given", None) or derived_id(name) or f"{stem}-{number}"
            qid, n = base, 1
            while qid in seen:
                n += 1
                qid = f"{base}-{n}"
            seen.add(qid)
            record["id"] = qid
            if name.strip() and name != qid:
                record["name"] = name
            if module and not record.get("module"):
                record["module"] = module
        if not self.records and not self.errors:
            self.report("import.empty", line=None)

    def bank_records(self) -> list[dict[str, Any]]:
        """The settled records as a bank file holds them (keys in bank order, no lines)."""
        order = ("id", "name", "type", "module")
        return [{**{k: r[k] for k in order if k in r},
                 **{k: v for k, v in r.items() if k not in order and k != "line"}}
                for r in self.records]
