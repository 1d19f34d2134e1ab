"""kit.*: the mandatory set of order 385 p.6 is present, not empty and seen by students
(guided self-study included when the plan has its hours); course.yml names its keys."""

from __future__ import annotations

import re

from builder.findings import Finding
from builder.model import FOLDER_COMPONENTS, Course, Page
from builder.profiles import COMPONENT_CLAUSE, Profile

REQUIRED_FIELDS = ("code", "title", "language", "developer", "programme", "approved", "credits")
# Names of teacher-guided self-study in kk / ru / en: a page titled so, or with a section
# headed so, holds guided self-study tasks.
GUIDED_NAMES = re.compile(r"(?<!\w)(СОӨЖ|СРСП|СРОП)(?!\w)|басшылығымен|под руководством|guided",
                          re.I)


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
    pages = any(p.has_content and p.meta.audience == "student" for p in course.pages_of(component))
    return pages or any(b.questions for b in course.banks_of(component))


def is_guided(page: Page) -> bool:
    """A self-study page of tasks for teacher-guided self-study (order 385 p.6.4): marked
    `guided: true` in its front matter, or its title or a heading names it (СОӨЖ, СРСП, СРОП,
    "оқытушының басшылығымен", "под руководством преподавателя", "teacher-guided")."""
    headings = [line for line in page.body.splitlines() if line.lstrip().startswith("#")]
    return page.meta.guided or any(GUIDED_NAMES.search(t) for t in [page.title, *headings])


def guided_present(course: Course) -> bool:
    return any(p.has_content and p.meta.audience == "student" and is_guided(p)
               for p in course.pages_of("self-study"))


def check(course: Course, profile: Profile) -> list[Finding]:
    out: list[Finding] = []
    if not component_present(course, "syllabus"):
        out.append(_missing(course, "syllabus", "kit.missing.syllabus"))
    for component in FOLDER_COMPONENTS:
        if not component_present(course, component):
            key = "kit.missing.final" if component == "final" else "kit.missing.folder"
            out.append(_missing(course, component, key, folder=component))
    guided_hours = sum(t.guided for m in course.meta.modules for t in m.topics)
    if (guided_hours and component_present(course, "self-study")
            and not guided_present(course)):
        out.append(Finding(rule="kit.guided", component="self-study",
                           file=course.where(course.path / "self-study"),
                           params={"hours": f"{guided_hours:g}"}))
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
