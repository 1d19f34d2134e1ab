"""syllabus.*: modules with topics, basic and additional literature (order 385 p.6.1); the
assessment policy (recommendations 004 p.67.3)."""

from __future__ import annotations

import re

from builder.findings import Finding
from builder.model import Course
from builder.profiles import Profile

# A heading that names the assessment (grading) policy, in kk / ru / en.
ASSESSMENT = re.compile(r"бағала|оценива|оценк|assessment|grading", re.I)


def assessment_policy(body: str) -> bool:
    """True when the syllabus text has a section on assessment with text under its heading."""
    section: list[str] | None = None
    for line in body.splitlines():
        if line.lstrip().startswith("#"):
            if section and any(s.strip() for s in section):
                return True
            section = [] if ASSESSMENT.search(line) else None
        elif section is not None:
            section.append(line)
    return bool(section and any(s.strip() for s in section))


def check(course: Course, profile: Profile) -> list[Finding]:
    if course.meta_lines is None:  # course.yml missing or unparsable: reported elsewhere
        return []
    lines = course.meta_lines
    file = course.where(course.path / "course.yml")
    out: list[Finding] = []

    def add(rule: str, line: int | None, key: str | None = None, **params: str) -> None:
        out.append(Finding(rule=rule, key=key, file=file, line=line, component="syllabus",
                           params=params))

    modules = course.meta.modules
    if not modules:
        add("syllabus.modules", lines.get("modules"))
    seen: set[str] = set()
    for module in modules:
        label = module.id or module.title or "?"
        if not module.topics:
            add("syllabus.modules", module.line, "syllabus.modules.no-topics", module=label)
        if module.id and module.id in seen:
            add("syllabus.modules", module.line, "syllabus.modules.duplicate", module=label)
        seen.add(module.id)
    literature = course.meta.literature
    for kind in ("basic", "additional"):
        if not [s for s in getattr(literature, kind) if str(s).strip()]:
            add("syllabus.literature", lines.get("literature"), kind=kind)

    if course.syllabus is not None and course.syllabus.has_content and not assessment_policy(
            course.syllabus.body):
        out.append(Finding(rule="syllabus.assessment", file=course.where(course.syllabus.path),
                           line=None, component="syllabus"))
    known = course.module_ids()
    if known:
        for page in course.pages:
            module = page.meta.module
            if module and module not in known:
                out.append(Finding(rule="page.module", file=course.where(page.path),
                                   line=page.meta_lines.get("module"), component=page.component,
                                   params={"module": module, "known": ", ".join(sorted(known))}))
    return out
