"""Names a medium cannot hold: a course file or folder whose published name is longer than a
DVD/CD (Joliet: 64 characters) or a file system (255 bytes) allows — found by `check`, before
`eumk case` would fail on it."""

from __future__ import annotations

from builder.findings import Finding
from builder.model import Course
from builder.profiles import Profile

JOLIET_CHARS = 64    # UCS-2 code units in one Joliet name
NAME_BYTES = 255     # bytes in one name on ext4, NTFS (UTF-16: 255 units), FAT32/exFAT, ISO RR


def published(name: str) -> str:
    """The name a file gets in the built site and the packages (pages become .html)."""
    for suffix in (".quiz.yml", ".md"):
        if name.endswith(suffix):
            return name[: -len(suffix)] + (".quiz.html" if suffix == ".quiz.yml" else ".html")
    return name


def too_long(name: str) -> bool:
    return (len(name.encode("utf-16-be")) // 2 > JOLIET_CHARS
            or len(name.encode("utf-8", "surrogateescape")) > NAME_BYTES)


def check(course: Course, profile: Profile) -> list[Finding]:
    findings: list[Finding] = []
    seen: set[str] = set()
    for rel in course.files:
        parts = rel.split("/")
        for depth, name in enumerate(parts, start=1):
            where = "/".join(parts[:depth])
            shown = published(name) if depth == len(parts) else name
            if where in seen or not too_long(shown):
                continue
            seen.add(where)
            findings.append(Finding(
                rule="file.name-too-long", file=course.where(course.path / where),
                params={"name": name, "chars": len(shown),
                        "bytes": len(shown.encode("utf-8", "surrogateescape")),
                        "max_chars": JOLIET_CHARS, "max_bytes": NAME_BYTES}))
    return findings
