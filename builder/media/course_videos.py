"""`eumk media`: a course's videos listed, transcoded to a target or split at their chapters,
with the front matter changes offered (or made with --update), never made silently."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tqdm import tqdm

from builder import messages
from builder.load import load_course
from builder.media.probe import MediaInfo, clock, probe
from builder.media.refs import MediaRef, chapters, media_refs, subtitles
from builder.media.split import LIMIT_SECONDS, PartFiles, SplitError, plan_parts, split
from builder.media.tool import MediaError, Progress, require
from builder.media.transcode import TARGETS, output_name, transcode
from builder.write import write_bytes

Say = Callable[[str], None]


@dataclass(frozen=True)
class Change:
    """Replace `old` by `new` on line `line` of `file` (a front matter `video:` or a link)."""

    file: Path
    line: int
    old: str
    new: str


class Session:
    """One run of `eumk media` on a course: its messages, progress bars and offered changes."""

    def __init__(self, course_dir: Path, say: Say = print, lang: str | None = None) -> None:
        require("ffmpeg")
        require("ffprobe")
        self.course, _ = load_course(course_dir)
        self.lang = lang or self.course.language
        self.ui = messages.ui(self.lang)
        self.say = say
        self.failed = False
        self.changes: list[Change] = []

    def text(self, key: str, **params: object) -> str:
        return self.ui[key].format(**params)

    def where(self, path: Path) -> str:
        return self.course.where(path)

    @contextmanager
    def bar(self, seconds: float | None, label: str) -> Iterator[Progress]:
        with tqdm(total=round(seconds or 0, 1) or None, unit="s", desc=label, leave=False,
                  dynamic_ncols=True, disable=None,
                  bar_format="{desc}: {percentage:3.0f}%|{bar}| {n:.0f}/{total:.0f} s") as bar:
            yield bar.update

    def videos(self) -> list[tuple[Path, list[MediaRef], MediaInfo | None]]:
        """Each media file the course uses, once, with the places that name it."""
        seen: dict[Path, list[MediaRef]] = {}
        for ref in media_refs(self.course):
            seen.setdefault(ref.path, []).append(ref)
        out = []
        for path, refs in seen.items():
            info = None
            if path.is_file():
                info = probe(path)
            if info is None or not info.playable:
                problem = info.error if info else "missing"
                self.say(self.text("media_failed", target=self.where(path), problem=problem))
                self.failed = True
            out.append((path, refs, info))
        return out

    def offer(self, refs: list[MediaRef], new_file: Path) -> None:
        for ref in refs:
            if ref.line is None:
                continue
            self.changes.append(Change(ref.page.path, ref.line, ref.target,
                                       relative(new_file, ref.page.path)))

    # -- the three modes ---------------------------------------------------------------------
    def list(self) -> None:
        videos = self.videos()
        if not videos:
            self.say(self.text("media_none", course=self.course.slug))
        for path, _, info in videos:
            if info and info.playable:
                self.say(self.text(
                    "media_table", target=self.where(path), duration=clock(info.duration or 0),
                    video=info.video_codec or "-", audio=info.audio_codec or "-",
                    resolution=f"{info.width}×{info.height}" if info.width else "-",
                    size=human_size(info.size)))

    def transcode(self, target: str) -> None:
        for path, refs, info in self.videos():
            if info is None or not info.playable or not info.has_video:
                continue
            if path.stem.endswith(tuple(f".{name}" for name in TARGETS)):
                continue  # already an output of eumk media
            dst = self.course.path / "media" / output_name(path, target)
            if dst.is_file() and dst.stat().st_mtime_ns >= path.stat().st_mtime_ns:
                self.say(self.text("media_up_to_date", path=self.where(dst)))
            else:
                with self.bar(info.duration, path.name) as progress:
                    transcode(path, dst, target, progress)
                self.say(self.text("media_written", path=self.where(dst),
                                   size=human_size(dst.stat().st_size)))
            self.offer(refs, dst)

    def split(self, target: str | None, limit: float = LIMIT_SECONDS) -> None:
        for path, refs, info in self.videos():
            if info is None or not info.playable or not info.has_video:
                continue
            pages = [ref for ref in refs if ref.key == "video"]
            if not pages:
                continue
            name = self.where(path)
            if (info.duration or 0) <= limit:
                self.say(self.text("media_split_short", target=name,
                                   duration=clock(info.duration or 0)))
                continue
            page = pages[0].page
            try:
                parts = plan_parts(info.duration or 0, chapters(page), limit)
            except SplitError as exc:
                problem = self.text(exc.key, **exc.params)
                self.say(self.text("media_split_refused", target=name, limit=round(limit / 60),
                                   problem=problem))
                self.failed = True
                continue
            except (ValueError, OSError) as exc:
                self.say(self.text("media_split_refused", target=name, limit=round(limit / 60),
                                   problem=str(exc)))
                self.failed = True
                continue
            subs = {lang: p for lang, p in subtitles(page).items() if p.is_file()}
            with self.bar(info.duration, path.name) as progress:
                written = split(path, parts, self.course.path / "media", subs, target, progress)
            self.say(self.text("media_split_done", target=name, parts=len(written),
                               limit=round(limit / 60)))
            for files in written:
                self.say(f"  {self.where(files.video)} ({clock(files.part.length)})")
            self.suggest(page.path, written)

    def suggest(self, page_file: Path, written: list[PartFiles]) -> None:
        """Print the front matter each part's page needs (pages are the author's to make)."""
        self.say(self.text("media_split_pages"))
        for files in written:
            self.say(f"  # {self.where(page_file)} — {files.part.index}/{len(written)}")
            self.say(f"  video: {relative(files.video, page_file)}")
            if files.subtitles:
                inner = ", ".join(f"{lang}: {relative(path, page_file)}"
                                  for lang, path in files.subtitles.items())
                self.say(f"  subtitles: {{{inner}}}")
            if files.chapters:
                self.say(f"  chapters: {relative(files.chapters, page_file)}")

    # -- front matter ------------------------------------------------------------------------
    def report_changes(self, update: bool) -> None:
        """Show each offered change; with `update`, make it (only the named line changes)."""
        for change in self.changes:
            where = self.where(change.file)
            if update and replace_on_line(change):
                self.say(self.text("media_changed", file=where, line=change.line, new=change.new))
            else:
                self.say(self.text("media_change", file=where, line=change.line))
                self.say(f"  - {change.old}\n  + {change.new}")
        if self.changes and not update:
            self.say(self.text("media_offer"))


def relative(path: Path, page_file: Path) -> str:
    """`path` as a page at `page_file` names it (like a Markdown link)."""
    return Path(os.path.relpath(path, page_file.parent)).as_posix()


def replace_on_line(change: Change) -> bool:
    """Replace the target on its line of the page file (atomically); False if it is not there."""
    data = change.file.read_bytes()
    lines = data.splitlines(keepends=True)
    index = change.line - 1
    if not 0 <= index < len(lines):
        return False
    old, new = change.old.encode(), change.new.encode()
    if old not in lines[index]:
        return False
    lines[index] = lines[index].replace(old, new, 1)
    write_bytes(change.file, b"".join(lines))
    return True


def human_size(size: int) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if size < 1000 or unit == "GB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1000  # type: ignore[assignment]
    return f"{size} B"


def run(course_dir: Path, target: str | None = None, do_split: bool = False,
        update: bool = False, say: Say = print) -> int:
    """The whole `eumk media` command: 0 done, 1 some video failed or could not be split."""
    session = Session(course_dir, say)
    try:
        if do_split:
            session.split(target)
        elif target:
            session.transcode(target)
        else:
            session.list()
    except MediaError as exc:
        say(str(exc))
        return 1
    session.report_changes(update)
    return 1 if session.failed else 0
