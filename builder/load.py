"""Read a course folder into the model, turning every problem in its files into a finding."""

from __future__ import annotations

import copy
import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from builder import paths
from builder.findings import Finding, relpath
from builder.marked_yaml import Loc, Marked, YamlSyntaxError, parse, read_text
from builder.model import (
    FOLDER_COMPONENTS,
    Bank,
    Consultations,
    Course,
    CourseMeta,
    FrontMatter,
    Page,
    Tickets,
)
from builder.profiles import PAGE_LIMIT

M = TypeVar("M", bound=BaseModel)
FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?\r?\n)?---[ \t]*(\r?\n|\Z)", re.S)
IGNORED = re.compile(r"(^|/)(\.|_|~)|~$|\.(swp|tmp|bak)$")


class Loader:
    """Collects findings while one course is read; `load_course` is the entry point."""

    def __init__(self, course_dir: Path, root: Path | None = None,
                 page_limit: int = PAGE_LIMIT) -> None:
        self.dir = course_dir
        self.root = root
        self.page_limit = page_limit
        self.findings: list[Finding] = []

    # -- reporting -------------------------------------------------------------------------
    def where(self, path: Path) -> str:
        return relpath(path, self.root)

    def report(self, rule: str, path: Path, line: int | None, key: str | None = None,
               component: str | None = None, **params: Any) -> None:
        self.findings.append(Finding(rule=rule, file=self.where(path), line=line, key=key,
                                     component=component, params=params))

    # -- YAML ------------------------------------------------------------------------------
    def read(self, path: Path, rel: str | None = None) -> str | None:
        """The text of a course file (`rel`: its posix path in the course, when known); None when
        it cannot be read, is too large (a finding) or is a symlink that must not be followed
        (the path.outside rule reports it)."""
        if rel is None:
            rel = path.relative_to(self.dir).as_posix()
        if paths.refusal(self.dir, rel) is not None:
            return None
        try:
            size = path.stat().st_size
            if size > self.page_limit:
                self.report("page.too-large", path, None, size=_megabytes(size),
                            limit=_megabytes(self.page_limit))
                return None
            return read_text(path)
        except UnicodeDecodeError as exc:
            line = exc.object[: exc.start].count(b"\n") + 1
            self.report("file.encoding", path, line, position=exc.start)
        except OSError as exc:
            self.report("file.unreadable", path, None, error=exc.strerror or str(exc))
        return None

    def yaml(self, path: Path, text: str | None = None, first_line: int = 1) -> Marked | None:
        if text is None:
            text = self.read(path)
            if text is None:
                return None
        try:
            marked = parse(text, first_line)
        except YamlSyntaxError as exc:
            self.report("yaml.syntax", path, exc.line, problem=exc.problem)
            return None
        for dup in marked.duplicates:
            self.report("yaml.duplicate-key", path, dup.line, key_name=str(dup.loc[-1]),
                        field=".".join(str(p) for p in dup.loc), first=dup.first,
                        second=dup.line)
        return marked

    def validate(self, cls: type[M], marked: Marked, path: Path, base: Loc = (),
                 extra: dict[str, Any] | None = None, component: str | None = None) -> M | None:
        """Build `cls` from marked data; each invalid value becomes a finding and is dropped."""
        data = marked.data
        if base:
            for key in base:
                data = data[key]
        if data is None:
            data = {}
        if not isinstance(data, dict):
            self.report("yaml.shape", path, marked.line(base), expected="mapping",
                        component=component)
            return None
        # a copy: bad values are dropped from it; a mapping of plain values copies shallowly
        flat = all(isinstance(v, str | int | float | bool | dt.date | None) for v in data.values())
        data = dict(data) if flat else copy.deepcopy(data)
        self._attach_lines(data, marked, base)
        if "lines" in cls.model_fields and not base:  # models that point at their own keys
            extra = {**(extra or {}), "lines": _top_lines(marked)}
        reported: set[Loc] = set()
        for _ in range(6):
            try:
                return cls.model_validate({**data, **(extra or {})})
            except ValidationError as exc:
                errors = exc.errors(include_url=False)
                for error in errors:
                    loc = tuple(error["loc"])
                    if error["type"] == "missing" and loc in reported:
                        continue  # its bad value was reported and dropped: now the item goes
                    reported.add(loc)
                    self.report("yaml.value", path, marked.line((*base, *loc)), component=component,
                                field=".".join(str(p) for p in loc) or "-",
                                problem=_problem(error), kind=str(error.get("type", "")),
                                value=_short(error.get("input")))
                for error in sorted(errors, key=lambda e: tuple(map(str, e["loc"])), reverse=True):
                    _drop(data, tuple(error["loc"]))
        return None

    @staticmethod
    def _attach_lines(data: Any, marked: Marked, loc: Loc) -> None:
        """Give every mapping inside a list its line (models keep a `line` field)."""
        if isinstance(data, dict):
            for key, value in data.items():
                Loader._attach_lines(value, marked, (*loc, key))
        elif isinstance(data, list):
            for i, item in enumerate(data):
                if isinstance(item, dict) and "line" not in item:
                    item["line"] = marked.line((*loc, i))
                Loader._attach_lines(item, marked, (*loc, i))

    # -- parts of a course -----------------------------------------------------------------
    def meta(self) -> tuple[CourseMeta, dict[str, int] | None]:
        """course.yml as CourseMeta, and the line of each top-level key (None: no usable file)."""
        path = self.dir / "course.yml"
        if not path.is_file():
            self.report("course.missing", path, None, component="syllabus")
            return CourseMeta(), None
        marked = self.yaml(path)
        if marked is None:  # keep the course's language for its messages
            return CourseMeta(language=_language_of(path)), None
        meta = self.validate(CourseMeta, marked, path, component="syllabus")
        return meta or CourseMeta(), _top_lines(marked)

    def page(self, path: Path, component: str, rel: str | None = None) -> Page | None:
        if rel is None:
            rel = path.relative_to(self.dir).as_posix()
        text = self.read(path, rel)
        if text is None:
            return None
        match = FRONT_MATTER.match(text)
        meta, lines, body, body_line = FrontMatter(), {}, text, 1
        if match:
            marked = self.yaml(path, match.group(1) or "", first_line=2)
            body = text[match.end():]
            body_line = text[: match.end()].count("\n") + 1
            if marked is not None:
                lines = _top_lines(marked)
                meta = self.validate(FrontMatter, marked, path, component=component) or meta
        page = Page(path=path, rel=rel, component=component, meta=meta, meta_lines=lines,
                    body=body, body_line=body_line)
        page._head = text[: len(text) - len(body)]
        return page

    def bank(self, path: Path, component: str) -> Bank | None:
        marked = self.yaml(path)
        if marked is None:
            return None
        rel = path.relative_to(self.dir).as_posix()
        return self.validate(Bank, marked, path, component=component,
                             extra={"path": path, "rel": rel, "component": component})

    def optional(self, name: str, cls: type[M], component: str, **extra: Any) -> M | None:
        path = self.dir / name
        if not path.is_file():
            return None
        marked = self.yaml(path)
        if marked is None:
            return None
        return self.validate(cls, marked, path, component=component, extra=extra or None)


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB"


def _language_of(course_yml: Path) -> str:
    """The `language:` line of a course.yml that does not parse as a whole (else English)."""
    try:
        with course_yml.open(encoding="utf-8-sig", errors="replace") as fh:
            head = fh.read(65536)  # the file may be too large to read whole
        found = re.search(r"^language:\s*[\"']?(kk|ru|en)\b", head, re.M)
    except OSError:
        return "en"
    return found.group(1) if found else "en"


def _top_lines(marked: Marked) -> dict[str, int]:
    return {str(k[0]): v for k, v in marked.marks.items() if len(k) == 1}


def _problem(error: dict[str, Any]) -> str:
    return str(error.get("msg", "invalid value"))


def _short(value: Any) -> str:
    text = repr(value) if not isinstance(value, str) else value
    return text if len(text) <= 60 else text[:57] + "…"


def _drop(data: Any, loc: Loc) -> None:
    """Remove the value at `loc` (or its nearest existing ancestor) so defaults apply."""
    for end in range(len(loc), 0, -1):
        parent: Any = data
        try:
            for key in loc[: end - 1]:
                parent = parent[key]
            last = loc[end - 1]
            if isinstance(parent, dict) and last in parent:
                del parent[last]
                return
            if isinstance(parent, list) and isinstance(last, int) and last < len(parent):
                parent[last] = None
                parent[:] = [item for item in parent if item is not None]
                return
        except (KeyError, IndexError, TypeError):
            continue


def course_files(course_dir: Path) -> list[str]:
    """Every file of the course, relative posix paths, sorted; editor/hidden files and symlinks
    that leave the course (or reach final/ and its data from elsewhere) skipped."""
    return [rel for rel in paths.files(course_dir) if not IGNORED.search(rel)]


def load_course(course_dir: Path, root: Path | None = None, page_limit: int = PAGE_LIMIT
                ) -> tuple[Course, list[Finding]]:
    """Read `course_dir` into a Course; problems come back as findings, never as exceptions."""
    loader = Loader(course_dir, root, page_limit)
    meta, meta_lines = loader.meta()
    files = course_files(course_dir)
    course = Course(slug=course_dir.name, path=course_dir, meta=meta,
                    meta_found=(course_dir / "course.yml").is_file(), meta_lines=meta_lines,
                    files=files, root=root)
    syllabus = course_dir / "syllabus.md"
    if syllabus.is_file():
        course.syllabus = loader.page(syllabus, "syllabus")
    for rel in files:
        top, _, rest = rel.partition("/")
        if not rest or (top not in FOLDER_COMPONENTS and top != "extra"):
            continue
        path = course_dir / rel
        if rel.endswith(".md"):
            page = loader.page(path, top, rel)
            if page:
                course.pages.append(page)
        elif rel.endswith(".quiz.yml") and top in ("interim", "final"):
            bank = loader.bank(path, top)
            if bank:
                course.banks.append(bank)
    course.consultations = loader.optional("consultations.yml", Consultations, "consultations")
    course.tickets = loader.optional("final/tickets.yml", Tickets, "final",
                                     path=course_dir / "final/tickets.yml", rel="final/tickets.yml")
    return course, loader.findings


def find_courses(paths: list[Path]) -> list[Path]:
    """Course folders among `paths`: a folder with course.yml, or a folder of such folders."""
    found: list[Path] = []
    for path in paths:
        if (path / "course.yml").is_file() or _looks_like_course(path):
            found.append(path)
            continue
        for child in sorted(path.iterdir()):
            if child.is_dir() and not child.name.startswith((".", "_")) and (
                (child / "course.yml").exists() or _looks_like_course(child)
            ):
                found.append(child)
    return found


def _looks_like_course(path: Path) -> bool:
    return any((path / name).exists() for name in ("syllabus.md", "lectures", "consultations.yml"))


Reader = Callable[[Path], tuple[Course, list[Finding]]]
