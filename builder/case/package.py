"""`eumk case`: assemble one course's case package for a medium (usb, dvd, cd, paper), safely."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

from builder import locks
from builder.case import capacity, leaks
from builder.case.iso import volume_label, write_iso
from builder.case.manifest import MANIFEST, write_manifest
from builder.case.notice import say
from builder.case.pdf import build_pdf
from builder.case.startpage import start_file, write_start_page
from builder.case.zipkit import write_zip
from builder.errors import KitError, UsageError
from builder.messages import ui
from builder.model import Course
from builder.rendered import RenderedCourse
from builder.write import atomic_dir, atomic_file, source_date_epoch

# Files of a built site that describe the build, not the course: never on a medium.
SITE_ONLY = {"eumk-pages.json"}
VIDEO = {".mp4", ".m4v"}  # what --transcode may re-encode in place (same name, browser-safe MP4)

Advance = Callable[[int], object]


def build_package(course: Course, rendered: RenderedCourse, medium: str, out: Path,
                  transcode: bool = False, progress: bool = False, wait: float = locks.WAIT
                  ) -> list[Path]:
    """Build the `medium` package of `course` from its offline site into `out`; the paths made.

    usb → out/<slug>-usb/ and out/<slug>-usb.zip; dvd/cd → out/<slug>-<medium>.iso;
    paper → out/<slug>-paper/ (the PDF and its manifest). Nothing in `out` changes unless the
    whole package was built. Another run making the same package is waited for (`wait` s).
    """
    lang = course.language
    if medium not in capacity.MEDIA:
        raise UsageError(f"unknown medium {medium!r} (choose: {', '.join(capacity.MEDIA)})")
    if not rendered.pages:
        raise KitError(say(lang, "case.no-pages", slug=course.slug))
    earlier = leaks.earlier_kits(rendered.site_dir)
    if earlier:
        raise KitError(say(lang, "case.earlier-kit", files=", ".join(earlier)))
    forbidden = leaks.forbidden_files(course, rendered.site_dir)
    if forbidden:
        raise KitError(say(lang, "case.forbidden", files=", ".join(forbidden)))
    out = Path(out)
    name = f"{course.slug}-{medium}"
    with locks.one_writer(out / name, lang, wait):
        locks.sweep(out, f".{name}.")  # what a killed run left
        return _build(course, rendered, medium, out, name, transcode, progress)


def _build(course: Course, rendered: RenderedCourse, medium: str, out: Path, name: str,
           transcode: bool, progress: bool) -> list[Path]:
    lang = course.language
    epoch = source_date_epoch()
    if medium in ("usb", "paper"):
        folder = out / name
        with atomic_dir(folder) as root:
            _assemble(course, rendered, medium, root, epoch, transcode, progress)
            if medium == "paper":
                return [folder]
            with atomic_file(out / f"{name}.zip") as tmp_zip:
                with open(tmp_zip, "wb") as fh, _bar(progress, "zip", root) as advance:
                    write_zip(root, fh, course.slug, epoch, advance)
                tmp_zip.chmod(0o644)
        return [folder, out / f"{name}.zip"]
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=out, prefix=f".{name}.") as work:
        root = Path(work) / name
        root.mkdir()
        _assemble(course, rendered, medium, root, epoch, transcode, progress)
        target = out / f"{name}.iso"
        with atomic_file(target) as tmp_iso:
            with _bar(progress, "ISO", root) as advance:
                write_iso(root, tmp_iso, volume_label(course.meta.code, course.slug),
                          course.meta.code or course.slug, epoch, advance)
            size = tmp_iso.stat().st_size
            tmp_iso.chmod(0o644)
            capacity.ensure_fits(medium, size, capacity.files_of(root), lang)
    return [target]


def _assemble(course: Course, rendered: RenderedCourse, medium: str, root: Path, epoch: int,
              transcode: bool, progress: bool) -> None:
    """Fill `root` with what the medium holds, guarded, fitted and with its manifest."""
    lang = course.language
    pdf_name = f"{course.slug}.pdf"
    if medium != "paper":
        reserved = {pdf_name, start_file(lang), MANIFEST}
        for clash in sorted(reserved & {p.name for p in rendered.site_dir.iterdir()}):
            raise KitError(say(lang, "case.collision", name=clash))
        shutil.copytree(rendered.site_dir, root, dirs_exist_ok=True,
                        ignore=lambda folder, names: [n for n in names if n in SITE_ONLY])
    steps = len(rendered.pages) + 3
    with _bar(progress, "PDF", total=steps, unit="step") as advance:
        build_pdf(course, rendered, root / pdf_name, epoch, advance)
    if medium != "paper":
        write_start_page(course, root, pdf_name, medium)
    _guard_secrets(course, root)
    if capacity.CAPACITY[medium] is not None:
        _fit(course, root, medium, transcode, progress)
    with _bar(progress, "sha256", root) as advance:
        write_manifest(root, lang, advance)
    _readable(root)


def _guard_secrets(course: Course, root: Path) -> None:
    """Refuse a medium holding any answer key or ticket text (quiz.secrets, when present)."""
    try:
        from builder.quiz.secrets import secret_strings
    except ImportError:  # the quiz area is not installed: the file guard still applies
        return
    hits = leaks.scan([root], secret_strings(course))
    if hits:
        where = dict.fromkeys(os.path.relpath(h.where, root) for h in hits)
        raise KitError(say(course.language, "case.leak", where=", ".join(where),
                           secret=hits[0].secret))


def _fit(course: Course, root: Path, medium: str, transcode: bool, progress: bool) -> None:
    """Make the medium's content fit its budget, transcoding the videos if allowed; else refuse."""
    lang = course.language
    budget = capacity.CAPACITY[medium] or 0
    files = capacity.files_of(root)
    size = capacity.iso_estimate(files)
    if size <= budget:
        return
    if not transcode:
        raise capacity.too_big(medium, size, files, lang)
    videos = [f for f in files if Path(f.rel).suffix.lower() in VIDEO]
    if not videos:
        raise capacity.too_big(medium, size, files, lang, "case.no-videos")
    try:
        from builder.media.transcode import transcode_to_fit
    except ImportError:
        raise KitError(say(lang, "case.no-transcoder", slug=course.slug)) from None
    others = capacity.iso_estimate([f for f in files if f not in videos])
    video_budget = budget - others
    if video_budget <= 0:
        raise capacity.too_big(medium, size, files, lang, "case.still-too-big")
    with tempfile.TemporaryDirectory(dir=root.parent, prefix=".transcode.") as scratch, \
            _bar(progress, ui(lang)["progress_transcode"], total=None, unit="s") as advance:
        made = transcode_to_fit([root / v.rel for v in videos], video_budget, Path(scratch),
                                progress=advance)
        for src, new in made.items():
            os.replace(new, src)  # same name: the pages' links stay valid
    files = capacity.files_of(root)
    size = capacity.iso_estimate(files)
    if size > budget:
        raise capacity.too_big(medium, size, files, lang, "case.still-too-big")


def _readable(root: Path) -> None:
    """Everyone may read the package (temporary files are created private)."""
    root.chmod(0o755)
    for path in root.rglob("*"):
        path.chmod(0o755 if path.is_dir() else 0o644)


@contextlib.contextmanager
def _bar(progress: bool, label: str, root: Path | None = None, total: int | None = None,
         unit: str = "B") -> Iterator[Advance]:
    """A tqdm progress bar (stderr) for a long step; `root` sizes it by the bytes under it."""
    if not progress:
        yield lambda n: None
        return
    from tqdm import tqdm

    if root is not None:
        total = sum(f.size for f in capacity.files_of(root))
    with tqdm(total=total, desc=label, unit=unit, unit_scale=unit == "B", leave=False) as bar:
        yield bar.update
