"""WebVTT cues: read (subtitles, chapters), cut and shift for split parts, write back."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path

TIMING = re.compile(r"^\s*(\S+)\s+-->\s+(\S+)(.*)$")
STAMP = re.compile(r"^(?:(\d+):)?([0-5]?\d):([0-5]\d(?:\.\d{1,3})?)$")


class VttError(ValueError):
    """Not WebVTT: the message says what is wrong and `line` where."""

    def __init__(self, problem: str, line: int | None = None) -> None:
        super().__init__(problem)
        self.line = line


@dataclass(frozen=True)
class Cue:
    start: float
    end: float
    text: str
    ident: str = ""
    settings: str = ""


def seconds(stamp: str) -> float:
    """'01:02:03.500' or '02:03.5' → seconds; ValueError when malformed."""
    match = STAMP.match(stamp.strip())
    if not match:
        raise ValueError(f"not a time: {stamp!r}")
    hours, minutes, secs = match.groups()
    return int(hours or 0) * 3600 + int(minutes) * 60 + float(secs)


def stamp(value: float) -> str:
    """Seconds → 'HH:MM:SS.mmm'."""
    millis = round(max(value, 0.0) * 1000)
    hours, rest = divmod(millis, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    return f"{hours:02d}:{minutes:02d}:{rest // 1000:02d}.{rest % 1000:03d}"


def parse(text: str) -> list[Cue]:
    """The cues of a WebVTT document; VttError when it is not one."""
    lines = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if not lines or not re.match(r"^WEBVTT([ \t].*)?$", lines[0]):
        raise VttError("the first line must be WEBVTT", 1)
    cues: list[Cue] = []
    i = 1
    while i < len(lines):
        if not lines[i].strip():
            i += 1
            continue
        start = i
        while i < len(lines) and lines[i].strip():
            i += 1
        block = lines[start:i]
        head = block[0].split(maxsplit=1)[0] if block[0].split() else ""
        if head in ("NOTE", "STYLE", "REGION"):
            continue
        ident = ""
        if "-->" not in block[0]:
            ident, block = block[0], block[1:]
        timing = TIMING.match(block[0]) if block else None
        if timing is None:
            raise VttError("a cue without a 'start --> end' line", start + 1)
        try:
            begin, end = seconds(timing.group(1)), seconds(timing.group(2))
        except ValueError as exc:
            raise VttError(str(exc), start + 1 + bool(ident)) from None
        cues.append(Cue(begin, end, "\n".join(block[1:]), ident, timing.group(3).strip()))
    return cues


def read(path: Path) -> list[Cue]:
    """The cues of a .vtt file (VttError / OSError / UnicodeDecodeError when unreadable)."""
    return parse(Path(path).read_text(encoding="utf-8"))


def dump(cues: list[Cue]) -> str:
    blocks = ["WEBVTT"]
    for cue in cues:
        timing = f"{stamp(cue.start)} --> {stamp(cue.end)}" + (f" {cue.settings}" if cue.settings
                                                               else "")
        blocks.append("\n".join(filter(None, [cue.ident, timing, cue.text])))
    return "\n\n".join(blocks) + "\n"


def cut(cues: list[Cue], start: float, end: float) -> list[Cue]:
    """The cues shown between `start` and `end`, clipped to it and shifted to begin at 0."""
    out = []
    for cue in cues:
        if cue.end <= start or cue.start >= end:
            continue
        out.append(replace(cue, start=max(cue.start, start) - start,
                           end=min(cue.end, end) - start))
    return out
