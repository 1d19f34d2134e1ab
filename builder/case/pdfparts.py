"""The printed kit rendered in parts: each part a WeasyPrint document of its own, laid out in its
own forked process when there are several (one a core), its pages numbered as in the whole kit.

WeasyPrint lays out every page of a document before it makes the page margin boxes (running
headers, "page / pages"); at that moment a part reports its page count and waits for the number
of pages before it and the kit's total, so no page is laid out twice. Internal links are taken out
of each part (their targets may lie in another part) and returned with their rectangles, for the
merge to point at the right page of the whole kit.
"""

from __future__ import annotations

import contextlib
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from multiprocessing import get_context
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from builder.errors import KitError

# A part's page count and where its sections start (anchor → page of the part) → (pages of the
# kit before it, pages of the whole kit).
Numbers = Callable[[int, dict[str, int]], tuple[int, int]]
# Once every part is laid out: where the sections start in the kit, and its page count.
Laid = Callable[[dict[str, int], int], object]
PX = 0.75  # one CSS px in PDF points


@dataclass
class Setting:
    """What every part is rendered with: parsed once, before the parts are forked."""

    site_dir: Path
    stylesheets: list[Any]
    font_config: Any
    when: str          # ISO date of the PDF's metadata (SOURCE_DATE_EPOCH)
    identifier: bytes  # the PDF /ID (the merged kit keeps the first part's)


@dataclass
class Link:
    page: int                                  # index in the part
    anchor: str                                # the name it leads to
    rect: tuple[float, float, float, float]    # PDF points (x1, y1, x2, y2)


@dataclass
class Part:
    """One rendered part: its PDF, where its anchors are and the links it could not resolve."""

    pdf: bytes
    pages: int
    anchors: dict[str, tuple[int, float, float]] = field(default_factory=dict)  # page, x, y (pt)
    links: list[Link] = field(default_factory=list)


def render(html: str, setting: Setting, numbers: Numbers, write: bool = True) -> Part:
    """Render one part in this process, numbering its pages with `numbers`; only lay it out
    (its page count) unless `write`."""
    from weasyprint import HTML

    from builder import fetcher  # WeasyPrint is imported only when a kit is printed

    with _numbered(numbers):
        document = HTML(string=html, base_url=str(setting.site_dir) + "/",
                        url_fetcher=fetcher.KitFetcher([setting.site_dir])).render(
            stylesheets=setting.stylesheets, font_config=setting.font_config)
    document.metadata.created = document.metadata.modified = setting.when
    document.metadata.generator = "eumk"
    part = Part(b"", len(document.pages))
    if not write:
        return part
    for index, page in enumerate(document.pages):
        height = page.height
        for name, (x, y, _, _) in page.anchors.items():
            part.anchors.setdefault(name, (index, x * PX, (height - y) * PX))
        kept = []
        for link in page.links:
            kind, target, (x1, y1, x2, y2), _ = link
            if kind == "internal":
                part.links.append(Link(index, target, (x1 * PX, (height - y2) * PX,
                                                       x2 * PX, (height - y1) * PX)))
            else:
                kept.append(link)
        page.links[:] = kept
    part.pdf = document.write_pdf(pdf_identifier=setting.identifier)
    return part


def render_all(htmls: list[str], setting: Setting, before: Callable[[], int],
               laid: Laid) -> list[Part]:
    """Render the parts `htmls` of a kit, in parallel (forked processes) when there are several.
    `before()`: how many pages are printed apart before them (it runs here while they lay out);
    `laid(starts, total)` runs here while they draw."""
    if len(htmls) == 1:
        ahead = before()
        seen: list[tuple[dict[str, int], int]] = []

        def numbers(count: int, starts: dict[str, int]) -> tuple[int, int]:
            seen.append(({name: page + ahead for name, page in starts.items()}, ahead + count))
            return ahead, ahead + count

        part = render(htmls[0], setting, numbers)
        laid(*seen[0])  # after it: WeasyPrint renders one document at a time here
        return [part]
    ctx = get_context("fork")
    ends: list[Connection] = []
    workers = []
    try:
        for html in htmls:
            ours, theirs = ctx.Pipe()
            worker = ctx.Process(target=_serve, args=(theirs, html, setting), daemon=True)
            worker.start()
            theirs.close()
            ends.append(ours)
            workers.append(worker)
        offset = before()
        counts = [_receive(end, "count") for end in ends]
        total = offset + sum(count for count, _ in counts)
        starts: dict[str, int] = {}
        for end, (count, part_starts) in zip(ends, counts, strict=True):
            end.send((offset, total))
            for name, page in part_starts.items():
                starts.setdefault(name, page + offset)
            offset += count
        laid(starts, total)
        parts = [_receive(end, "part") for end in ends]
    except BaseException:
        for worker in workers:  # one part failed (or Ctrl-C): the others are of no use
            worker.kill()
        raise
    finally:
        for end in ends:
            end.close()
        for worker in workers:
            worker.join()
    return parts


def _serve(end: Connection, html: str, setting: Setting) -> None:
    """A forked part: report the page count, take the numbering, send back the rendered part."""
    def numbers(count: int, starts: dict[str, int]) -> tuple[int, int]:
        end.send(("count", (count, starts)))
        offset, total = end.recv()
        return offset, total

    try:
        result = ("part", render(html, setting, numbers))
    except KitError as exc:
        result = ("error", str(exc))
    except Exception:  # noqa: BLE001 — the parent reports it; a child must not print and hang
        result = ("error", traceback.format_exc(limit=3))
    with contextlib.suppress(OSError):  # the parent gave up on the kit: nobody to tell
        end.send(result)
    end.close()


def _receive(end: Connection, wanted: str) -> Any:
    try:
        kind, value = end.recv()
    except EOFError:
        raise KitError("a PDF part process ended without its result") from None
    if kind == "error":
        raise KitError(f"PDF part: {value}")
    if kind != wanted:
        raise KitError(f"PDF part: {kind} received, {wanted} expected")
    return value


@contextlib.contextmanager
def _numbered(numbers: Numbers) -> Iterator[None]:
    """While WeasyPrint renders: once every page is laid out, before the margin boxes, set the
    `page` counter of each page to its number in the kit and `pages` to the kit's total."""
    import weasyprint.layout as layout

    make_all_pages, make_margin_boxes = layout.make_all_pages, layout.make_margin_boxes
    laid_out: list[Any] = []
    done: list[bool] = []

    def all_pages(*args: Any, **kwargs: Any) -> Iterator[Any]:
        pages = list(make_all_pages(*args, **kwargs))
        laid_out[:] = pages  # the last pagination loop is the one kept
        return iter(pages)

    def margin_boxes(context: Any, page: Any, state: Any) -> Any:
        if not done:
            done.append(True)
            offset, total = numbers(len(laid_out), _starts(laid_out))
            seen: set[int] = set()
            for entry in context.page_maker:
                counters = entry[3][1]
                if id(counters) in seen:
                    continue
                seen.add(id(counters))
                if "page" in counters:
                    counters["page"] = [value + offset for value in counters["page"]]
                counters["pages"] = [total]
        return make_margin_boxes(context, page, state)

    layout.make_all_pages, layout.make_margin_boxes = all_pages, margin_boxes
    try:
        yield
        if not done:  # no page at all: the parent still waits for the count
            numbers(0, {})
    finally:
        layout.make_all_pages, layout.make_margin_boxes = make_all_pages, make_margin_boxes


def _starts(pages: list[Any]) -> dict[str, int]:
    """Anchor → first page of the elements near the top of the tree (the kit's sections: page,
    html, body, section), read before the margin boxes are made."""
    starts: dict[str, int] = {}
    for index, page in enumerate(pages):
        level = [page]
        for _depth in range(4):
            level = [child for box in level for child in getattr(box, "children", ())]
            for box in level:
                anchor = box.style["anchor"]
                if anchor:
                    starts.setdefault(anchor, index)
    return starts
