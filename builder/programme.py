"""Programmes: the working curriculum of an educational programme (programmes/<code>.yml) as
typed data, read with the line of every discipline."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, field_validator

from builder.findings import Finding
from builder.load import Loader
from builder.model import MAX_HOURS, Language, Model, as_text

Form = Literal["full-time", "part-time", "evening", "external", "online"]
REQUIRED = ("code", "title", "disciplines")


class Discipline(Model):
    """A discipline of the curriculum; `course` is the slug of its kit in courses/."""

    code: str = ""
    title: str = ""
    credits: float = Field(0, ge=0, le=MAX_HOURS)
    semester: int = Field(1, ge=1, le=20)
    course: str | None = None
    line: int | None = None

    _text = field_validator("code", "title", "course", mode="before")(
        classmethod(lambda cls, v: as_text(v)))


class Practice(Model):
    """Production training or professional practice: outside the shares of order 349."""

    title: str = ""
    credits: float = Field(0, ge=0, le=MAX_HOURS)
    semester: int = Field(1, ge=1, le=20)
    line: int | None = None

    _text = field_validator("title", mode="before")(classmethod(lambda cls, v: as_text(v)))


class Programme(Model):
    """One programme file."""

    path: Path
    code: str = ""
    title: str = ""
    profile: Literal["mes-385", "moe-349-tvet", "he-2020"] | None = None
    form: Form = "full-time"
    language: Language | None = None
    hours_per_credit: float | None = Field(None, gt=0, le=MAX_HOURS)
    disciplines: list[Discipline] = Field(default_factory=list)
    practice: list[Practice] = Field(default_factory=list)
    lines: dict[str, int] = Field(default_factory=dict)  # top-level key → line

    _text = field_validator("code", "title", mode="before")(classmethod(lambda cls, v: as_text(v)))

    @property
    def slug(self) -> str:
        return self.path.stem

    def semesters(self) -> list[int]:
        return sorted({d.semester for d in self.disciplines} | {p.semester for p in self.practice})


def find_programmes(folder: Path) -> list[Path]:
    """The programme files of `folder` (*.yml, *.yaml), sorted; none when it does not exist."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir()
                  if p.is_file() and p.suffix in (".yml", ".yaml") and not p.name.startswith("."))


def load_programme(path: Path, root: Path | None = None) -> tuple[Programme | None, list[Finding]]:
    """Read one programme file; problems come back as findings (yaml.*, programme.field)."""
    loader = Loader(path.parent, root)
    marked = loader.yaml(path)
    if marked is None:
        return None, loader.findings
    programme = loader.validate(Programme, marked, path, extra={"path": path})
    if programme is None:
        return None, loader.findings
    for name in REQUIRED:
        if name not in programme.lines:
            loader.report("programme.field", path, None, field=name)
    return programme, loader.findings
