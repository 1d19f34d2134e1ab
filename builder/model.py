"""The course as typed data: Course, Module, Topic, Page, Consultations, Bank, Tickets. No I/O."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path
from typing import Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

Language = Literal["kk", "ru", "en"]
Audience = Literal["student", "instructor"]

# Order 385 p.6: the mandatory set, in its order, then the additional set (p.7).
COMPONENTS: tuple[str, ...] = (
    "syllabus", "lectures", "seminars", "self-study", "interim", "final", "consultations",
)
FOLDER_COMPONENTS: tuple[str, ...] = ("lectures", "seminars", "self-study", "interim", "final")
EXTRA = "extra"
HOUR_KINDS: tuple[str, ...] = ("lecture", "seminar", "practical", "lab", "self_study", "guided")
MAX_HOURS = 10_000  # bounds keep sums finite: no discipline has more hours or credits than this
FIRST_DAY, LAST_DAY = dt.date(1900, 1, 1), dt.date(2999, 12, 31)  # plausible consultation dates


def as_text(value: object) -> object:
    """Free text as the author meant it: numbers as written, and an unquoted 'City: Publisher'
    (which YAML reads as a one-pair mapping) back as the line of text it was."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float | dt.date):
        return str(value)
    if isinstance(value, dict):  # the loader adds `line` to every mapping inside a list
        value = {k: v for k, v in value.items() if k != "line"} or value
    if isinstance(value, dict) and len(value) == 1:
        key, inner = next(iter(value.items()))
        inner = as_text(inner)
        if isinstance(inner, str) and not isinstance(key, dict | list):
            return f"{as_text(key)}: {inner}"
    return value


def _texts(value: object) -> object:
    return [as_text(v) for v in value] if isinstance(value, list) else value


class Model(BaseModel):
    model_config = ConfigDict(extra="allow", frozen=False, arbitrary_types_allowed=True)


class Topic(Model):
    title: str = ""

    _title = field_validator("title", mode="before")(classmethod(lambda cls, v: as_text(v)))
    lecture: float = Field(0, ge=0, le=MAX_HOURS)
    seminar: float = Field(0, ge=0, le=MAX_HOURS)
    practical: float = Field(0, ge=0, le=MAX_HOURS)
    lab: float = Field(0, ge=0, le=MAX_HOURS)
    self_study: float = Field(0, ge=0, le=MAX_HOURS)
    guided: float = Field(0, ge=0, le=MAX_HOURS)
    sync: float = Field(0, ge=0, le=MAX_HOURS)
    onsite: float = Field(0, ge=0, le=MAX_HOURS)  # practical/lab hours held on site (349 a.2 p.6)
    line: int | None = None

    @property
    def total(self) -> float:
        return sum(getattr(self, kind) for kind in HOUR_KINDS)


class Module(Model):
    id: str = ""
    title: str = ""
    topics: list[Topic] = Field(default_factory=list)
    line: int | None = None

    _text = field_validator("id", "title", mode="before")(classmethod(lambda cls, v: as_text(v)))


class Literature(Model):
    basic: list[str] = Field(default_factory=list)
    additional: list[str] = Field(default_factory=list)

    _texts = field_validator("basic", "additional", mode="before")(
        classmethod(lambda cls, v: _texts(v)))


class CourseMeta(Model):
    """The keys of course.yml."""

    code: str = ""
    title: str = ""
    language: Language = "en"
    developer: str = ""
    programme: str = ""
    approved: dt.date | None = None
    credits: float = Field(0, ge=0, le=MAX_HOURS)
    form: Literal["full-time", "part-time", "evening", "external", "online"] = "full-time"
    technologies: list[Literal["network", "case", "tv"]] = Field(default_factory=list)
    modules: list[Module] = Field(default_factory=list)
    literature: Literature = Field(default_factory=Literature)
    institution: str = ""
    description: str = ""
    distance: float | None = Field(None, ge=0, le=MAX_HOURS)

    @field_validator("code", "title", "developer", "programme", "institution", "description",
                     mode="before")
    @classmethod
    def _text(cls, value: object) -> object:
        return as_text(value)

    @property
    def total_hours(self) -> float:
        return sum(t.total for m in self.modules for t in m.topics)

    @property
    def sync_hours(self) -> float:
        return sum(t.sync for m in self.modules for t in m.topics)


class Chapter(Model):
    title: str
    start: str

    _title = field_validator("title", mode="before")(classmethod(lambda cls, v: as_text(v)))

    @field_validator("start", mode="before")
    @classmethod
    def _start_text(cls, value: object) -> object:
        # YAML 1.1 reads an unquoted 12:30 as the number 750 (sexagesimal)
        if isinstance(value, int):
            return f"{value // 60:02d}:{value % 60:02d}"
        return value

    @property
    def seconds(self) -> float:
        total = 0.0
        for part in self.start.split(":"):
            total = total * 60 + float(part)
        return total


class FrontMatter(Model):
    """The fixed front matter keys of a page (more are allowed)."""

    title: str | None = None
    module: str | None = None
    topic: str | None = None
    hours: float | None = None
    audience: Audience = "student"
    video: str | None = None
    subtitles: dict[str, str] = Field(default_factory=dict)
    chapters: list[Chapter] | str = Field(default_factory=list)  # list, or a chapters .vtt path
    slides: str | None = None
    guided: bool = False          # self-study: tasks for teacher-guided self-study (СОӨЖ/СРСП)

    @field_validator("module", "topic", "title", mode="before")
    @classmethod
    def _text(cls, value: object) -> object:
        return as_text(value)


class Page(Model):
    """One Markdown page of a course."""

    path: Path                    # absolute path of the file
    rel: str                      # path inside the course folder, posix (lectures/01-x.md)
    component: str                # lectures, seminars, …, extra, syllabus
    meta: FrontMatter = Field(default_factory=FrontMatter)
    meta_lines: dict[str, int] = Field(default_factory=dict)  # front matter key → line
    body: str = ""
    body_line: int = 1            # line of the file where `body` starts
    # builder.links.targets of this body: (body, body_line, targets)
    _targets: tuple[str, int, list[tuple[str, int]]] | None = PrivateAttr(default=None)
    _head: str | None = PrivateAttr(default=None)  # the front matter as read (with its ---)

    def text(self) -> str | None:
        """The page's file as it was read (front matter and body); None when not known."""
        return None if self._head is None else self._head + self.body

    @property
    def title(self) -> str:
        if self.meta.title:
            return self.meta.title
        for line in self.body.splitlines():
            if line.startswith("# "):
                return line[2:].strip()
        return Path(self.rel).stem

    @property
    def has_content(self) -> bool:
        """False for an empty page or one holding only headings / comments."""
        import re

        text = re.sub(r"<!--.*?-->", "", self.body, flags=re.S)
        return any(
            line.strip() and not line.lstrip().startswith("#") for line in text.splitlines()
        )


def _hhmm(value: object) -> object:
    if isinstance(value, int):  # YAML 1.1 sexagesimal: 15:00 → 900
        return f"{value // 60:02d}:{value % 60:02d}"
    return value


class Session(Model):
    date: dt.date = Field(ge=FIRST_DAY, le=LAST_DAY)
    start: str
    minutes: int = Field(60, gt=0, le=24 * 60)
    topic: str = ""
    channel: str | None = None
    line: int | None = None

    _start = field_validator("start", mode="before")(classmethod(lambda cls, v: _hhmm(v)))
    _text = field_validator("topic", "channel", mode="before")(
        classmethod(lambda cls, v: as_text(v)))

    @field_validator("start")
    @classmethod
    def _valid_time(cls, value: str) -> str:
        dt.time.fromisoformat(value.zfill(5))
        return value


class Weekly(Model):
    weekday: Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    start: str
    minutes: int = Field(60, gt=0, le=24 * 60)
    topic: str = ""
    channel: str | None = None
    from_: dt.date = Field(alias="from", ge=FIRST_DAY, le=LAST_DAY)
    until: dt.date = Field(ge=FIRST_DAY, le=LAST_DAY)
    line: int | None = None

    _start = field_validator("start", mode="before")(classmethod(lambda cls, v: _hhmm(v)))
    _text = field_validator("topic", "channel", mode="before")(
        classmethod(lambda cls, v: as_text(v)))

    @field_validator("start")
    @classmethod
    def _valid_time(cls, value: str) -> str:
        dt.time.fromisoformat(value.zfill(5))
        return value


class Consultations(Model):
    timezone: str = "Asia/Almaty"
    teacher: str = ""
    channel: str | None = None

    _text = field_validator("teacher", "channel", mode="before")(
        classmethod(lambda cls, v: as_text(v)))
    sessions: list[Session] = Field(default_factory=list)
    weekly: list[Weekly] = Field(default_factory=list)

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError, OSError):  # OSError: a folder like "America"
            raise PydanticCustomError(  # type "timezone": builder.problems words it
                "timezone", "unknown time zone; use a name like Asia/Almaty") from None
        return value


QuestionType = Literal["single", "multiple", "truefalse", "short", "numerical", "matching", "essay"]


class Option(Model):
    text: str = ""
    correct: bool = False
    feedback: str | None = None
    weight: float | None = Field(None, ge=-100, le=100)  # LMS grade in %, when not the default
    line: int | None = None

    @field_validator("text", mode="before")
    @classmethod
    def _text(cls, value: object) -> object:
        return as_text(value)


class Answer(Model):
    """An accepted answer of a short-answer (`text`) or numerical (`value` ± `tolerance`) question.

    A bank may give it as a bare string / number; `min` and `max` are another way to write a
    numerical range (value = the middle, tolerance = half the width)."""

    text: str = ""
    value: float | None = None
    tolerance: float = Field(0, ge=0)
    weight: float | None = Field(None, ge=-100, le=100)  # grade in %; None: full credit
    feedback: str | None = None
    line: int | None = None

    @model_validator(mode="before")
    @classmethod
    def _forms(cls, value: object) -> object:
        if not isinstance(value, dict):
            return {"text": as_text(value)}
        out = dict(value)
        low, high = out.pop("min", None), out.pop("max", None)
        if isinstance(low, int | float) and isinstance(high, int | float) and low <= high \
                and "value" not in out:
            out["value"], out["tolerance"] = span(low, high)
        if "text" in out:
            out["text"] = as_text(out["text"])
        return out

    @property
    def full(self) -> bool:
        """Full credit (the right answer, not a partly right one)."""
        return self.weight is None or self.weight >= 99.999


class Pair(Model):
    left: str = ""                # empty: a distractor (a right item matching nothing)
    right: str = ""
    line: int | None = None

    @field_validator("left", "right", mode="before")
    @classmethod
    def _text(cls, value: object) -> object:
        return as_text(value)


class Question(Model):
    id: str = ""
    type: QuestionType = "single"
    text: str = ""
    module: str | None = None
    difficulty: int = Field(1, ge=1, le=3)
    options: list[Option] = Field(default_factory=list)
    name: str | None = None                         # the LMS name as written, when not the id
    tags: list[str] = Field(default_factory=list)   # LMS tags (module and difficulty aside)
    category: str | None = None                     # LMS sub-category under the bank's own
    answer: bool | None = None                      # truefalse
    feedback_true: str | None = None                # truefalse: shown to whoever answers true
    feedback_false: str | None = None               # … and false
    answers: list[Answer] = Field(default_factory=list)  # short, numerical

    pairs: list[Pair] = Field(default_factory=list)   # matching
    feedback: str | None = None
    line: int | None = None

    @field_validator("id", "module", "text", "feedback", "name", "feedback_true",
                     "feedback_false", "category", mode="before")
    @classmethod
    def _text(cls, value: object) -> object:
        return as_text(value)

    @field_validator("answers", mode="before")
    @classmethod
    def _answers(cls, value: object) -> object:
        return [value] if not isinstance(value, list) else value

    _tags = field_validator("tags", mode="before")(classmethod(lambda cls, v: _texts(v)))

    @model_validator(mode="after")
    def _numbers(self) -> Question:
        """A numerical answer written as text (`- 1822`, `- "3,14"`) gets its value."""
        if self.type == "numerical":
            for a in self.answers:
                if a.value is None:
                    a.value = number(a.text)
        return self


def span(low: float, high: float) -> tuple[float, float]:
    """The range low..high as (middle, half width), without binary noise (3.1415, not …4999)."""
    return float(f"{(low + high) / 2:.12g}"), float(f"{(high - low) / 2:.12g}")


def number(text: str) -> float | None:
    """`text` as a finite number (a decimal comma allowed), else None."""
    try:
        value = float(text.strip().replace(",", "."))
    except ValueError:
        return None
    return value if math.isfinite(value) else None


class Bank(Model):
    """A question bank (`*.quiz.yml`)."""

    path: Path
    rel: str
    component: str                # interim | final
    title: str = ""
    questions: list[Question] = Field(default_factory=list)


class Tickets(Model):
    """final/tickets.yml: how exam tickets are drawn (instructor output only)."""

    path: Path
    rel: str
    institution: str = ""
    department: str = ""
    approval: str = ""
    head: str = ""
    bank: str = "exam-questions.quiz.yml"
    count: int = Field(10, gt=0)
    per_ticket: int = Field(3, gt=0)
    cover: list[str] = Field(default_factory=list)
    seed: int = 0
    line: int | None = None
    lines: dict[str, int] = Field(default_factory=dict)  # top-level key → line


class Course(Model):
    """A loaded course folder: metadata, pages, banks, consultations."""

    slug: str
    path: Path
    meta: CourseMeta = Field(default_factory=CourseMeta)
    meta_found: bool = False
    meta_lines: dict[str, int] | None = None  # course.yml top-level key → line; None: unparsed
    syllabus: Page | None = None
    pages: list[Page] = Field(default_factory=list)
    banks: list[Bank] = Field(default_factory=list)
    consultations: Consultations | None = None
    tickets: Tickets | None = None
    files: list[str] = Field(default_factory=list)  # every file in the folder, posix, relative
    root: Path | None = None  # findings show paths relative to this folder (default: cwd)

    def where(self, path: Path) -> str:
        """`path` as findings show it."""
        from builder.findings import relpath

        return relpath(path, self.root)

    @property
    def language(self) -> str:
        return self.meta.language

    def pages_of(self, component: str) -> list[Page]:
        return [p for p in self.pages if p.component == component]

    def banks_of(self, component: str) -> list[Bank]:
        return [b for b in self.banks if b.component == component]

    def module_ids(self) -> set[str]:
        return {m.id for m in self.meta.modules if m.id}


class Where:
    """`course.where(path)`, worked out when first needed (most pages have no finding)."""

    def __init__(self, course: Course, path: Path) -> None:
        self.course, self.path, self.shown = course, path, ""

    def __str__(self) -> str:
        if not self.shown:
            self.shown = self.course.where(self.path)
        return self.shown
