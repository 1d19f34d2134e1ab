"""kit.*: the mandatory set of order 385 p.6 is present and not empty; course.yml names its keys."""

from __future__ import annotations

from builder.findings import Finding
from builder.model import FOLDER_COMPONENTS, Course
from builder.profiles import COMPONENT_CLAUSE, Profile

REQUIRED_FIELDS = ("code", "title", "language", "developer", "programme", "approved", "credits")


def _missing(course: Course, component: str, key: str, **params: str) -> Finding:
    return Finding(rule="kit.missing", key=key, component=component,
                   file=course.where(course.path), clause=COMPONENT_CLAUSE[component],
                   params=params)  # {name}: the component's heading, in the report's language


def component_present(course: Course, component: str) -> bool:
    """True when the course holds content for `component` (order 385 p.6)."""
    if component == "syllabus":
        return course.syllabus is not None and course.syllabus.has_content
    if component == "consultations":
        c = course.consultations
        return c is not None and bool(c.sessions or c.weekly)
    pages = any(p.has_content for p in course.pages_of(component))
    return pages or any(b.questions for b in course.banks_of(component))


def check(course: Course, profile: Profile) -> list[Finding]:
    out: list[Finding] = []
    if not component_present(course, "syllabus"):
        out.append(_missing(course, "syllabus", "kit.missing.syllabus"))
    for component in FOLDER_COMPONENTS:
        if not component_present(course, component):
            out.append(_missing(course, component, "kit.missing.folder", folder=component))
    consultations_file = (course.path / "consultations.yml").is_file()
    if not component_present(course, "consultations") and (
        not consultations_file or course.consultations is not None
    ):
        out.append(_missing(course, "consultations", "kit.missing.consultations"))
    if course.meta_lines is not None:
        course_yml = course.where(course.path / "course.yml")
        for name in REQUIRED_FIELDS:
            if name not in course.meta_lines:
                out.append(Finding(rule="course.field", file=course_yml, line=None,
                                   component="syllabus", params={"field": name}))
    return out
