"""MANIFEST.sha256: the one hashing helper, writing the manifest and comparing a medium to it."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from builder.digest import sha256_file
from builder.errors import KitError
from builder.messages import text
from builder.write import write_bytes

MANIFEST = "MANIFEST.sha256"
LINE = re.compile(r"^([0-9a-f]{64}) [ *](.+)$")




def render(entries: dict[str, str]) -> bytes:
    """sha256sum's text format: `<hex>  <path>` a line, sorted by path (UTF-8 byte order)."""
    rows = sorted(entries.items(), key=lambda item: item[0].encode("utf-8"))
    return "".join(f"{digest}  {rel}\n" for rel, digest in rows).encode("utf-8")


def write_manifest(root: Path, lang: str = "en",
                   advance: Callable[[int], object] | None = None) -> dict[str, str]:
    """Hash every file under `root` and write `root/MANIFEST.sha256`; returns path → digest."""
    entries: dict[str, str] = {}
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        rel = path.relative_to(root).as_posix()
        if rel == MANIFEST:
            continue
        if "\n" in rel or "\\" in rel:
            raise KitError(text(lang, "case.bad-name", "message", {"path": rel}))
        entries[rel] = sha256_file(path, advance)
    write_bytes(root / MANIFEST, render(entries))
    return entries


def parse(data: bytes, lang: str = "en") -> dict[str, str]:
    """Read a manifest back: path → digest. A malformed line is a KitError naming its number."""
    entries: dict[str, str] = {}
    for number, raw in enumerate(data.split(b"\n"), 1):
        try:
            line = raw.decode("utf-8").removesuffix("\r")
        except UnicodeDecodeError:
            raise KitError(text(lang, "verify.bad-line", "message", {"line": number})) from None
        if not line.strip():
            continue
        match = LINE.match(line)
        if not match or not _safe_name(match.group(2)) or match.group(2) in entries:
            raise KitError(text(lang, "verify.bad-line", "message", {"line": number}))
        entries[match.group(2)] = match.group(1)
    return entries


def _safe_name(rel: str) -> bool:
    """A path a package can hold: relative, without `..`, NUL or backslash."""
    parts = rel.split("/")
    return not (rel.startswith("/") or "\0" in rel or "\\" in rel or ".." in parts
                or "" in parts or (len(rel) > 1 and rel[1] == ":"))


@dataclass
class Comparison:
    """How a medium differs from its manifest."""

    checked: int = 0
    missing: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)
    unsafe: list[tuple[str, str]] = field(default_factory=list)  # (entry, why): see verify.py

    @property
    def intact(self) -> bool:
        return not (self.missing or self.changed or self.extra or self.unsafe)


def compare(expected: dict[str, str], present: Iterable[str],
            digest_of: Callable[[str], str]) -> Comparison:
    """Compare the files `present` on a medium (their digests from `digest_of`) to `expected`."""
    present = set(present) - {MANIFEST}
    result = Comparison()
    for rel in sorted(expected):
        if rel not in present:
            result.missing.append(rel)
            continue
        result.checked += 1
        if digest_of(rel) != expected[rel]:
            result.changed.append(rel)
    result.extra = sorted(present - set(expected))
    return result
