"""Finding: one problem in a course, as a value; and the text / JSON reporters."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

from builder import clauses, messages, problems
from builder.paths import real, real_base

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Finding:
    """A rule's verdict on one place of a course. Message text comes from the catalogues."""

    rule: str
    file: str
    line: int | None = None
    params: Mapping[str, Any] = field(default_factory=dict)
    component: str | None = None
    severity: Severity = "error"
    clause: str = ""
    key: str | None = None  # catalogue key when a rule has several wordings; defaults to rule

    def message(self, lang: str) -> str:
        return messages.text(lang, self.key or self.rule, "message", self._params(lang))

    def hint(self, lang: str) -> str:
        return messages.text(lang, self.key or self.rule, "hint", self._params(lang))

    def _params(self, lang: str) -> Mapping[str, Any]:
        """The params, with {name}: the component's heading in the language of the report, and
        a library's English {problem} (YAML parser, validator) said in that language."""
        params = dict(self.params)
        if self.component and "name" not in params:
            params["name"] = messages.component_titles(lang).get(self.component, self.component)
        if "problem" in params and self.rule == "yaml.syntax":
            params["problem"] = problems.yaml_problem(str(params["problem"]), lang)
        elif "problem" in params and self.rule == "yaml.value":
            params["problem"] = problems.value_problem(str(params.get("kind", "")),
                                                       str(params["problem"]), lang)
        return params

    def with_profile(self, severity: Severity, clause: str) -> Finding:
        return replace(self, severity=severity, clause=clause)

    def as_json(self, lang: str) -> dict[str, Any]:
        return {
            "severity": self.severity,
            "rule": self.rule,
            "component": self.component,
            "file": self.file,
            "line": self.line,
            "message": self.message(lang),
            "hint": self.hint(lang),
            "clause": self.clause,
        }


def ordered(findings: Iterable[Finding]) -> list[Finding]:
    """Errors before warnings, then by file and line."""
    return sorted(findings, key=lambda f: (f.severity != "error", f.file, f.line or 0, f.rule))


@dataclass
class CourseReport:
    """The findings of one course, with the language they are reported in."""

    slug: str
    path: str
    lang: str
    findings: list[Finding]

    @property
    def errors(self) -> int:
        return sum(f.severity == "error" for f in self.findings)

    @property
    def warnings(self) -> int:
        return sum(f.severity == "warning" for f in self.findings)


@dataclass
class ProgrammeReport(CourseReport):
    """The findings of one programme file (slug: the file's name without .yml)."""

    code: str = ""
    title: str = ""


def to_json(reports: list[CourseReport], programmes: Sequence[ProgrammeReport] = ()) -> str:
    doc: dict[str, Any] = {
        "courses": [
            {"slug": r.slug, "path": r.path,
             "findings": [f.as_json(r.lang) for f in ordered(r.findings)]}
            for r in reports
        ],
        "programmes": [
            {"code": p.code, "title": p.title, "path": p.path,
             "findings": [f.as_json(p.lang) for f in ordered(p.findings)]}
            for p in programmes
        ],
        "summary": {
            "courses": len(reports),
            "errors": sum(r.errors for r in [*reports, *programmes]),
            "warnings": sum(r.warnings for r in [*reports, *programmes]),
        },
    }
    return json.dumps(doc, ensure_ascii=False, indent=2)


def to_text(reports: list[CourseReport], color: bool = False,
            programmes: Sequence[ProgrammeReport] = ()) -> str:
    """Teacher-readable report: one block per course, then per programme, errors first, a fix
    hint under each."""
    courses = len(reports)
    reports = [*reports, *programmes]

    def paint(code: str, text: str) -> str:
        return f"\033[{code}m{text}\033[0m" if color else text

    lines: list[str] = []
    for report in reports:
        ui = messages.ui(report.lang)
        head = f"{report.slug} ({report.path})"
        if not report.findings:
            lines.append(paint("32", f"✔ {head}: {ui['ok']}"))
            continue
        counts = f"{report.errors} {ui['errors']}, {report.warnings} {ui['warnings']}"
        lines.append(paint("1", f"✘ {head}: {counts}"))
        for f in ordered(report.findings):
            where = f.file + (f":{f.line}" if f.line else "")
            label = (paint("31", ui["error"]) if f.severity == "error"
                     else paint("33", ui["warning"]))
            lines.append(f"  {label} {where}  [{f.rule}; {clauses.label(f.clause, report.lang)}]")
            lines.append(f"    {f.message(report.lang)}")
            hint = f.hint(report.lang)
            if hint:
                lines.append(f"    → {hint}")
        lines.append("")
    total_e = sum(r.errors for r in reports)
    total_w = sum(r.warnings for r in reports)
    ui = messages.ui(reports[0].lang if len({r.lang for r in reports}) == 1 and reports else "en")
    counted = f"{ui['courses']}: {courses}, " + (
        f"{ui['programmes_count']}: {len(programmes)}, " if programmes else "")
    lines.append(f"{counted}{ui['errors']}: {total_e}, {ui['warnings']}: {total_w}")
    return "\n".join(lines)


def relpath(path: Path, root: Path | None = None) -> str:
    """A path as shown in findings: relative to the working directory when possible."""
    base = root or Path.cwd()
    try:
        resolved, where = real(path), real_base(base)
        if resolved == where:
            return "."
        prefix = where.rstrip("/") + "/"
        if resolved.startswith(prefix):  # (both resolved: a prefix of names is a parent)
            return resolved[len(prefix):]
        raise ValueError(resolved)
    except (RuntimeError, OSError):  # a symlink loop: show the path as it was reached
        try:
            return Path(os.path.abspath(path)).relative_to(os.path.abspath(base)).as_posix()
        except ValueError:
            return path.as_posix()
    except ValueError:
        return path.as_posix()
