"""What students may see: the course files never published, and those only instructors use."""

from __future__ import annotations

from pathlib import Path

from builder.links import named_files
from builder.load import IGNORED
from builder.model import Course

# The course's data (question banks with their keys, tickets, schedule) is rendered into pages,
# never copied; editors' backups and hidden files (a bank.quiz.yml~) are not course files at all.
DATA_SUFFIXES = (".yml", ".yaml")


def never_published(rel: str) -> bool:
    """True for a course file (posix path in the course) no site may copy as it is."""
    return rel.endswith(DATA_SUFFIXES) or bool(IGNORED.search(rel))


def instructor_files(course: Course) -> set[Path]:
    """Files (resolved) that only pages marked `audience: instructor` use: an answer key PDF,
    a marking scheme image. A file a student page also uses is not among them."""
    student: set[Path] = set()
    instructor: set[Path] = set()
    for page in ([course.syllabus] if course.syllabus else []) + course.pages:
        named = instructor if page.meta.audience == "instructor" else student
        named.update(p for p in named_files(page) if p.is_file())
    return instructor - student
