"""link.broken and pdf.unreadable: every file a page links to exists, every PDF opens."""

from __future__ import annotations

from pathlib import Path

from builder.audience import never_published
from builder.findings import Finding
from builder.links import front_matter_paths, references, resolve
from builder.model import Course, Where
from builder.paths import is_outside
from builder.profiles import Profile

# Pages the portal generates for every course; links to them are valid.
GENERATED = {"index.md", "consultations.md", "consultations.ics"}


def pdf_problem(path: Path) -> str | None:
    """Why `path` is not a readable PDF, or None when it is."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(path)
        if reader.is_encrypted:
            return "encrypted (password protected)"
        if len(reader.pages) == 0:
            return "no pages"
        reader.pages[0].extract_text()
    except (PyPdfError, OSError, ValueError, KeyError, TypeError, AttributeError,
            IndexError, RecursionError, AssertionError, ZeroDivisionError) as exc:
        return f"corrupt ({type(exc).__name__}: {str(exc)[:80]})" if str(exc) else "corrupt"
    return None


def check(course: Course, profile: Profile) -> list[Finding]:
    out: list[Finding] = []
    root = course.path.resolve()
    pdfs: dict[Path, str | None] = {}
    pages = ([course.syllabus] if course.syllabus else []) + course.pages
    unpublished = {p.rel for p in course.pages if p.meta.audience == "instructor"}
    for page in pages:
        file = Where(course, page.path)
        wanted = [(t, line) for t, line in references(page)]
        wanted += [(t, line) for _, t, line in front_matter_paths(page)]
        for target, line in wanted:
            path = resolve(page, target)
            if is_outside(path):
                continue  # path.outside reports it
            try:
                inside = path.relative_to(root).as_posix()
            except ValueError:
                inside = None
            if not path.exists() and inside not in GENERATED:
                out.append(Finding(rule="link.broken", file=str(file), line=line,
                                   component=page.component, params={"target": target}))
            elif page.meta.audience == "student" and (inside is None or inside in unpublished
                                                      or never_published(inside)):
                out.append(Finding(rule="link.broken", file=str(file), line=line,
                                   key="link.unpublished",
                                   component=page.component, params={"target": target}))
            elif path.suffix.lower() == ".pdf" and path.is_file():
                if path not in pdfs:
                    pdfs[path] = pdf_problem(path)
                if pdfs[path]:
                    out.append(Finding(rule="pdf.unreadable", file=str(file), line=line,
                                       component=page.component,
                                       params={"target": target, "problem": pdfs[path]}))
    return out
