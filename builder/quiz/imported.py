"""What an import found: the questions, and findings (file + line) about what it could not take."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from builder.findings import Finding, Severity
from builder.model import Question

_TAG = re.compile(r"\b(module|difficulty)-([^\s\]<]+)")


def tags(q: Question) -> list[str]:
    """Module and difficulty as LMS tags (`module-M1`, `difficulty-2`): LMSs have no such fields."""
    return ([f"module-{q.module}"] if q.module else []) + [f"difficulty-{q.difficulty}"]


def read_tags(q: Question, text: str) -> None:
    """Set module and difficulty from tags written by `tags` found in `text`."""
    for kind, value in _TAG.findall(text):
        if kind == "module":
            q.module = value
        elif value in ("1", "2", "3"):
            q.difficulty = int(value)


class Imported:
    """Questions read from one file, with the problems met on the way."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.questions: list[Question] = []
        self.findings: list[Finding] = []
        self.categories: list[str] = []
        self.line: int | None = None  # line of the question being read

    # -- collecting ------------------------------------------------------------------------
    def add(self, q: Question) -> None:
        q.line = self.line
        self.questions.append(q)

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
        """The questions with unique ids (from their names, else `stem-N`) and a default module."""
        seen: set[str] = set()
        for number, q in enumerate(self.questions, start=1):
            base = re.sub(r"\s+", "-", q.id.strip()) or f"{stem}-{number}"
            qid, n = base, 1
            while qid in seen:
                n += 1
                qid = f"{base}-{n}"
            seen.add(qid)
            q.id = qid
            if module and not q.module:
                q.module = module
        if not self.questions and not self.errors:
            self.report("import.empty", line=None)
        return self.questions
