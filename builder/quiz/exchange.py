"""`eumk export` and `eumk import`: a course's banks to GIFT / Moodle XML, and files to banks."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Literal

from builder import messages
from builder.errors import KitError, UsageError
from builder.findings import Finding, relpath
from builder.model import Bank, Course
from builder.quiz import bankfile, gift, moodle_xml, pluginfile, source, variant
from builder.quiz.imported import Imported
from builder.write import write_bytes, write_text

ExportFormat = Literal["moodle-xml", "gift", "variant"]
ImportFormat = Literal["gift", "moodle-xml", "variant"]
SUFFIX = {"moodle-xml": ".xml", "gift": ".gift.txt", "variant": ".variant.txt"}


def out_path(out: str | Path | None, name: str) -> Path:
    """Where a command writes: `out` itself, or `out/name` when `out` is a folder (an existing
    one, or any path ending in `/`, made when written); `name` in the current folder by
    default. Relative paths are relative to where the command runs."""
    if out is None:
        return Path(name)
    if str(out).endswith(("/", "\\")) or Path(out).is_dir():
        return Path(out) / name
    return Path(out)


def bank_name(bank: Bank) -> str:
    """`interim/module-1.quiz.yml` → `interim-module-1`."""
    return bank.rel.removesuffix(".quiz.yml").replace("/", "-")


def bank_title(bank: Bank) -> str:
    return bank.title or bank_name(bank)


def export_bank(bank: Bank, fmt: ExportFormat, course_title: str = "", lang: str = "en",
                lost: list[Finding] | None = None) -> str:
    """One bank as a GIFT, Moodle XML or <variant> document (its own category); what the format
    cannot hold is added to `lost`."""
    parts = [p for p in (course_title, bank_title(bank)) if p]
    if fmt == "gift":
        if lost is not None:  # GIFT holds no files: a linked picture would be broken in the LMS
            lost.extend(Finding(rule="export.lost", key="export.lost.gift-file",
                                file=relpath(bank.path), line=q.line, severity="warning",
                                params={"id": q.id, "targets": ", ".join(found)})
                        for q in bank.questions if (found := pluginfile.local_links(q)))
        return gift.write(bank_title(bank), bank.questions, "/".join(
            p.replace("/", "//") for p in parts))
    if fmt == "variant":
        ui = messages.ui(lang)
        text, findings = variant.write(relpath(bank.path), bank.questions,
                                       (ui["quiz_true"], ui["quiz_false"]))
        if lost is not None:
            lost.extend(findings)
        return text
    media = moodle_xml.Media(bank.path.parent, bank.path.parent.parent)
    text = moodle_xml.write([(parts, bank.questions)], [media])
    if lost is not None:
        lost.extend(_missing(bank, media))
    return text


def _missing(bank: Bank, media: moodle_xml.Media) -> list[Finding]:
    """A warning for each link whose file could not travel in the export."""
    return [Finding(rule="export.lost", key="export.lost.file", file=relpath(bank.path),
                    line=q.line, severity="warning", params={"id": q.id, "target": target})
            for q, target in media.missing]


def export_course(course: Course, fmt: ExportFormat, out: str | Path | None
                  ) -> tuple[list[Path], list[Finding]]:
    """Write every bank of `course`: (files written, warnings about what did not fit).

    `out` an existing folder or ending in '/': one file per bank inside it (the folder made if
    need be). Otherwise one file (default `<slug>.xml` / `.gift.txt` / `.variant.txt` in the
    current folder) holding every bank, each in its own category `<course code title>/<bank
    title>`, so one LMS import brings them all in, kept apart.
    """
    if not course.banks:
        raise KitError(messages.text(course.language, "export.none", "message",
                                     {"course": course.slug}))
    course_title = " ".join(p for p in (course.meta.code, course.meta.title) if p)
    lost: list[Finding] = []
    lang = course.language

    def one(bank: Bank) -> str:
        return export_bank(bank, fmt, course_title, lang, lost)

    if out is not None and out_path(out, "x") != Path(out):  # a folder: a file a bank
        written = []
        for bank in course.banks:
            path = out_path(out, f"{course.slug}-{bank_name(bank)}{SUFFIX[fmt]}")
            write_text(path, one(bank))
            written.append(path)
        return written, lost
    path = out_path(out, f"{course.slug}{SUFFIX[fmt]}")
    if fmt == "moodle-xml":
        media = [moodle_xml.Media(b.path.parent, course.path) for b in course.banks]
        text = moodle_xml.write([([course_title, bank_title(b)] if course_title
                                  else [bank_title(b)], b.questions) for b in course.banks], media)
        for bank, place in zip(course.banks, media, strict=True):
            lost.extend(_missing(bank, place))
    else:
        text = "\n".join(one(b) for b in course.banks)
    write_text(path, text)
    return [path], lost


MAX_MB = 50  # default import limit: far above any real bank, far below what hurts the machine


def read_file(path: Path, fmt: ImportFormat, max_mb: float = MAX_MB,
              media_link: str = variant.MEDIA_LINK) -> Imported:
    """Parse `path` in `fmt`; problems (with lines) are in the result, never raised."""
    result = Imported(path)
    try:
        size = path.stat().st_size
        if size > max_mb * 2**20:
            result.problem("import.too-large", line=None, size=f"{size / 2**20:.1f}",
                           limit=f"{max_mb:g}")
            return result
        if fmt == "moodle-xml":
            return moodle_xml.read(path, path.read_bytes(), media_link)
        found = source.read(path, int(max_mb * 2**20))
    except source.Undecodable:
        result.problem("import.encoding", line=None)
        return result
    except source.BadDocx:
        result.problem("import.docx", line=None, limit=f"{max_mb:g}")
        return result
    except OSError as exc:
        result.problem("file.unreadable", line=None, error=exc.strerror or str(exc))
        return result
    if fmt == "gift":
        return gift.read(path, found.text)
    return variant.read(path, found.text, found.pictures, media_link)


def media_place(out: Path) -> tuple[Path, str]:
    """Where an import puts pictures and how the bank links them: the course's media/ for a
    bank in interim/ or final/, else media/ beside the bank."""
    if out.parent.name in ("interim", "final"):
        return out.parent.parent / "media", "../media/"
    return out.parent / "media", "media/"


def import_file(path: Path, fmt: ImportFormat, out: Path, module: str | None = None,
                lang: str = "en", max_mb: float = MAX_MB, skip_invalid: bool = False
                ) -> tuple[int, list[Finding]]:
    """Write the bank `out` from `path`: (questions written, findings). An error anywhere:
    nothing written, unless `skip_invalid` (then the bad questions are warnings, left out)."""
    if not path.is_file():
        raise UsageError(messages.text(lang, "import.missing", "message", {"file": str(path)}))
    media_dir, media_link = media_place(out)
    result = read_file(path, fmt, max_mb, media_link)
    stem = out.name.removesuffix(".yml").removesuffix(".quiz")
    result.settle(stem, module)
    findings = result.findings
    if result.errors and skip_invalid and result.records:
        findings = [replace(f, severity="warning") if f.severity == "error" else f
                    for f in findings]
    elif result.errors:
        return 0, findings
    for name, data in sorted(result.media.items()):
        write_bytes(media_dir / name, data)
    title = result.title(stem)
    note = messages.text(lang, "import.note", "message", {"file": path.name, "format": fmt})
    write_text(out, bankfile.dump_records(title, result.bank_records(), note))
    return len(result.records), findings


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
