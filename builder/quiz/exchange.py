"""`eumk export` and `eumk import`: a course's banks to GIFT / Moodle XML, and files to banks."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from builder import messages
from builder.errors import KitError, UsageError
from builder.findings import Finding
from builder.marked_yaml import read_text
from builder.model import Bank, Course
from builder.quiz import bankfile, gift, moodle_xml, variant
from builder.quiz.imported import Imported
from builder.write import write_text

ExportFormat = Literal["moodle-xml", "gift"]
ImportFormat = Literal["gift", "moodle-xml", "variant"]
SUFFIX = {"moodle-xml": ".xml", "gift": ".gift.txt"}


def bank_name(bank: Bank) -> str:
    """`interim/module-1.quiz.yml` → `interim-module-1`."""
    return bank.rel.removesuffix(".quiz.yml").replace("/", "-")


def bank_title(bank: Bank) -> str:
    return bank.title or bank_name(bank)


def export_bank(bank: Bank, fmt: ExportFormat, course_title: str = "") -> str:
    """One bank as a GIFT or Moodle XML document (its own category)."""
    parts = [p for p in (course_title, bank_title(bank)) if p]
    if fmt == "gift":
        return gift.write(bank_title(bank), bank.questions, "/".join(
            p.replace("/", "//") for p in parts))
    return moodle_xml.write([(parts, bank.questions)])


def export_course(course: Course, fmt: ExportFormat, out: Path | None) -> list[Path]:
    """Write every bank of `course`.

    `out` an existing folder or ending in '/': one file per bank inside it. Otherwise one file
    (default `<slug>.xml` / `<slug>.gift.txt`) holding every bank, each in its own category
    `<course code title>/<bank title>`, so one LMS import brings them all in, kept apart.
    """
    if not course.banks:
        raise KitError(messages.text(course.language, "export.none", "message",
                                     {"course": course.slug}))
    course_title = " ".join(p for p in (course.meta.code, course.meta.title) if p)
    if out is not None and (out.is_dir() or str(out).endswith(("/", "\\"))):
        written = []
        for bank in course.banks:
            path = out / f"{course.slug}-{bank_name(bank)}{SUFFIX[fmt]}"
            write_text(path, export_bank(bank, fmt, course_title))
            written.append(path)
        return written
    path = out or Path(f"{course.slug}{SUFFIX[fmt]}")
    if fmt == "gift":
        text = "\n".join(export_bank(b, fmt, course_title) for b in course.banks)
    else:
        text = moodle_xml.write([([course_title, bank_title(b)] if course_title
                                  else [bank_title(b)], b.questions) for b in course.banks])
    write_text(path, text)
    return [path]


MAX_MB = 50  # default import limit: far above any real bank, far below what hurts the machine


def read_file(path: Path, fmt: ImportFormat, max_mb: float = MAX_MB) -> Imported:
    """Parse `path` in `fmt`; problems (with lines) are in the result, never raised."""
    try:
        size = path.stat().st_size
        if size > max_mb * 2**20:
            result = Imported(path)
            result.problem("import.too-large", line=None, size=f"{size / 2**20:.1f}",
                           limit=f"{max_mb:g}")
            return result
        if fmt == "moodle-xml":
            return moodle_xml.read(path, path.read_bytes())
        text = read_text(path)
    except UnicodeDecodeError as exc:
        result = Imported(path)
        result.problem("file.encoding", line=None, position=exc.start)
        return result
    except OSError as exc:
        result = Imported(path)
        result.problem("file.unreadable", line=None, error=exc.strerror or str(exc))
        return result
    return gift.read(path, text) if fmt == "gift" else variant.read(path, text)


def import_file(path: Path, fmt: ImportFormat, out: Path, module: str | None = None,
                lang: str = "en", max_mb: float = MAX_MB) -> tuple[int, list[Finding]]:
    """Write the bank `out` from `path`: (questions written, findings). Errors: nothing written."""
    if not path.is_file():
        raise UsageError(messages.text(lang, "import.missing", "message", {"file": str(path)}))
    result = read_file(path, fmt, max_mb)
    stem = out.name.removesuffix(".yml").removesuffix(".quiz")
    result.settle(stem, module)
    if result.errors:
        return 0, result.findings
    title = result.title(stem)
    note = messages.text(lang, "import.note", "message", {"file": path.name, "format": fmt})
    write_text(out, bankfile.dump_records(title, result.bank_records(), note))
    return len(result.records), result.findings


def load_for_quiz(course_dir: Path, lang: str | None = None) -> Course:
    """Load a course for export / tickets; broken bank or tickets files stop with their lines."""
    from builder.load import load_course

    course, findings = load_course(course_dir)
    lang = lang or course.language
    broken = [f for f in findings if f.file.endswith((".quiz.yml", "tickets.yml"))]
    if broken:
        raise KitError("\n".join(describe(f, lang) for f in broken))
    return course


def describe(f: Finding, lang: str) -> str:
    """One finding as a line for the terminal, with its fix hint under it."""
    where = f.file + (f":{f.line}" if f.line else "")
    hint = f.hint(lang)
    return f"{where}: {f.severity}: {f.message(lang)}" + (f"\n  → {hint}" if hint else "")
