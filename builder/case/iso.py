"""DVD/CD images: ISO 9660 (8.3 names) + Joliet + Rock Ridge by pycdlib, reproducible, read back."""

from __future__ import annotations

import contextlib
import re
import time
import types
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

import pycdlib
import pycdlib.dates
import pycdlib.headervd
import pycdlib.pycdlib
import pycdlib.utils
from pycdlib.pycdlibexception import PyCdlibException

from builder.errors import KitError

# Cyrillic (Kazakh and Russian) → Latin, for the ISO 9660 names and the volume label only: the
# real names live in Joliet and Rock Ridge.
TRANSLIT = dict(zip(
    "абвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюяә",
    ("a b v g gh d e yo zh z i y k q l m n ng o o p r s t u u u f kh h ts ch sh shch _ y i _ "
     "e yu ya a").split(), strict=True))
JOLIET_MAX = 64          # UCS-2 characters in one Joliet name
LABEL_MAX = 32           # d-characters in the primary volume identifier
JOLIET_LABEL_MAX = 16    # UCS-2 characters in the Joliet volume identifier


def d_chars(name: str) -> str:
    """`name` in ISO 9660 d-characters (A–Z 0–9 _), transliterating Cyrillic."""
    latin = "".join(TRANSLIT.get(ch, ch) for ch in name.lower()).upper()
    return re.sub(r"_+", "_", re.sub(r"[^A-Z0-9_]", "_", latin)).strip("_")


def volume_label(code: str, fallback: str) -> str:
    """The primary volume identifier for a course code (ТЖ-2104 → TZH_2104)."""
    return (d_chars(code) or d_chars(fallback) or "EUMK")[:LABEL_MAX]


def short_name(name: str, is_dir: bool, used: set[str]) -> str:
    """A unique 8.3 ISO 9660 name for `name` among its siblings `used` (updated)."""
    stem, dot, ext = name.rpartition(".") if not is_dir and "." in name[1:] else (name, "", "")
    base = d_chars(stem)[:8] or ("D" if is_dir else "F")
    ext = d_chars(ext)[:3]
    n = 0
    while True:
        suffix = str(n) if n else ""
        candidate = base[: 8 - len(suffix)] + suffix
        full = candidate if is_dir else f"{candidate}.{ext};1"
        if full not in used:
            used.add(full)
            return full
        n += 1


def joliet_name(name: str, used: set[str]) -> str:
    """`name` cut to Joliet's 64 characters when longer (keeping the extension), unique."""
    if len(name) <= JOLIET_MAX and name not in used:
        used.add(name)
        return name
    stem, dot, ext = name.rpartition(".") if "." in name[1:] else (name, "", "")
    tail = dot + ext if len(ext) < 16 else ""
    n = 1
    while True:
        candidate = f"{stem[: JOLIET_MAX - len(tail) - len(str(n)) - 1]}~{n}{tail}"
        if candidate not in used:
            used.add(candidate)
            return candidate
        n += 1


@contextlib.contextmanager
def frozen_clock(epoch: int) -> Iterator[None]:
    """Make pycdlib stamp every date with `epoch` in UTC (it reads time.time() and localtime)."""
    names = [k for k in dir(time) if not k.startswith("_")]
    clock = types.SimpleNamespace(**{k: getattr(time, k) for k in names})
    clock.time = lambda: float(epoch)
    clock.localtime = time.gmtime
    modules = (pycdlib.pycdlib, pycdlib.headervd, pycdlib.dates, pycdlib.utils)
    saved = [m.time for m in modules]
    for module in modules:
        module.time = clock
    try:
        yield
    finally:
        for module, original in zip(modules, saved, strict=True):
            module.time = original


def write_iso(root: Path, target: Path, label: str, joliet_label: str, epoch: int,
              advance: Callable[[int], object] | None = None) -> None:
    """Write every file under `root` as an ISO image at `target`."""
    iso = pycdlib.PyCdlib()
    try:
        with frozen_clock(epoch):
            iso.new(interchange_level=3, vol_ident=label, joliet=3, rock_ridge="1.09",
                    app_ident_str="EUMK")
            # pycdlib gives Joliet the primary label; Joliet can hold the real course code.
            iso.joliet_vd.volume_identifier = pycdlib.utils.encode_space_pad(
                joliet_label[:JOLIET_LABEL_MAX].encode("utf-8"), 32, "utf-16_be")
            _add_tree(iso, root)
            done = [0]

            def report(written: int, total: int, _opaque: object) -> None:
                if advance:
                    advance(written - done[0])
                done[0] = written

            iso.write(str(target), progress_cb=report)
    except PyCdlibException as exc:
        raise KitError(f"{target.name}: {exc}") from None
    finally:
        iso.close()


def _add_tree(iso: pycdlib.PyCdlib, root: Path) -> None:
    names: dict[Path, tuple[str, str]] = {root: ("", "")}  # folder → (iso path, joliet path)
    used: dict[Path, set[str]] = {}
    used_joliet: dict[Path, set[str]] = {}
    for path in sorted(root.rglob("*"), key=lambda p: p.relative_to(root).as_posix()):
        parent_iso, parent_joliet = names[path.parent]
        short = short_name(path.name, path.is_dir(), used.setdefault(path.parent, set()))
        long = joliet_name(path.name, used_joliet.setdefault(path.parent, set()))
        iso_path, joliet_path = f"{parent_iso}/{short}", f"{parent_joliet}/{long}"
        if path.is_dir():
            names[path] = (iso_path, joliet_path)
            iso.add_directory(iso_path=iso_path, rr_name=path.name, joliet_path=joliet_path,
                              file_mode=0o040555)
        elif path.is_file():
            iso.add_file(str(path), iso_path=iso_path, rr_name=path.name,
                         joliet_path=joliet_path, file_mode=0o100444)


class IsoMedium:
    """An ISO image read back: its files by their real names (Rock Ridge, else Joliet)."""

    def __init__(self, path: Path) -> None:
        self.iso = pycdlib.PyCdlib()
        self.iso.open(str(path))
        if self.iso.has_rock_ridge():
            self.key = "rr_path"
        elif self.iso.has_joliet():
            self.key = "joliet_path"
        else:
            self.key = "iso_path"

    def entries(self) -> list[str]:
        """Every file entry, symlinks included."""
        found = []
        for folder, _dirs, files in self.iso.walk(**{self.key: "/"}):
            for name in files:
                if self.key == "iso_path":
                    name = name.rsplit(";", 1)[0]
                found.append(f"{folder.rstrip('/')}/{name}".lstrip("/"))
        return sorted(found)

    def files(self) -> list[str]:
        links = {rel for rel, _ in self.unsafe()}
        return [rel for rel in self.entries() if rel not in links]

    def unsafe(self) -> list[tuple[str, str]]:
        """Rock Ridge symlinks: never listed as files nor followed (`eumk verify` names them)."""
        if self.key != "rr_path":
            return []
        out = []
        for rel in self.entries():
            record = self.iso.get_record(rr_path=f"/{rel}")
            if record.rock_ridge is not None and record.rock_ridge.is_symlink():
                out.append((rel, "symlink"))
        return out

    @contextlib.contextmanager
    def open(self, rel: str) -> Iterator[BinaryIO]:
        name = f"/{rel};1" if self.key == "iso_path" else f"/{rel}"
        with self.iso.open_file_from_iso(**{self.key: name}) as fh:
            yield fh

    def close(self) -> None:
        self.iso.close()
