"""What each medium holds, and the refusal (with sizes named) of a package that does not fit."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from builder.case.notice import say
from builder.errors import KitError

MEDIA: tuple[str, ...] = ("usb", "dvd", "cd", "paper")

# Byte budgets of the optical media. CD-R "700 MB" is 700 MiB of user data (359 999 sectors of
# 2048 bytes ≈ 737 MB); DVD-5 "4.7 GB" is decimal: 4.7 × 10⁹ bytes (2 295 104 sectors ≈ 4.70 GB).
# USB sticks and paper have no fixed budget.
CAPACITY: dict[str, int | None] = {
    "usb": None,
    "dvd": 4_700_000_000,
    "cd": 700 * 1024 * 1024,
    "paper": None,
}

SECTOR = 2048


@dataclass(frozen=True)
class Sized:
    rel: str
    size: int


def files_of(root: Path) -> list[Sized]:
    """Every regular file under `root`, posix paths relative to it, sorted."""
    return sorted(
        (Sized(p.relative_to(root).as_posix(), p.stat().st_size)
         for p in root.rglob("*") if p.is_file()),
        key=lambda f: f.rel,
    )


def iso_estimate(files: list[Sized]) -> int:
    """Bytes an ISO 9660 + Joliet + Rock Ridge image of `files` takes: file data rounded up to
    whole sectors, plus the volume descriptors and three directory trees (a generous bound)."""
    data = sum(-(-f.size // SECTOR) * SECTOR for f in files)
    dirs = {str(Path(f.rel).parent) for f in files}
    return data + SECTOR * (3 * (len(files) + len(dirs)) + 64)


def human(size: int) -> str:
    """A byte count people read: 734.0 MB (decimal units, like the labels on discs)."""
    for unit, scale in (("GB", 10**9), ("MB", 10**6), ("kB", 10**3)):
        if size >= scale:
            return f"{size / scale:.1f} {unit}"
    return f"{size} B"


def too_big(medium: str, size: int, files: list[Sized], lang: str,
            key: str = "case.too-big") -> KitError:
    """The KitError refusing a package of `size` bytes for `medium`, naming the biggest files."""
    capacity = CAPACITY[medium] or 0
    biggest = sorted(files, key=lambda f: (-f.size, f.rel))[:5]
    params = {
        "medium": medium.upper(), "size": human(size), "capacity": human(capacity),
        "bytes": size, "capacity_bytes": capacity,
        "biggest": ", ".join(f"{f.rel} ({human(f.size)})" for f in biggest),
    }
    return KitError(say(lang, key, **params))


def ensure_fits(medium: str, size: int, files: list[Sized], lang: str) -> None:
    """Raise `too_big` when `size` bytes exceed the medium's budget."""
    capacity = CAPACITY[medium]
    if capacity is not None and size > capacity:
        raise too_big(medium, size, files, lang)
