"""The printable kit: rendered pages through WeasyPrint; attached PDFs and outline by pypdf."""

from __future__ import annotations

import atexit
import contextlib
import datetime as dt
import functools
import hashlib
import io
import json
import os
import posixpath
import shutil
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import tinyhtml5
from pypdf import PdfReader, PdfWriter
from pypdf.annotations import Link
from pypdf.errors import PyPdfError
from pypdf.generic import Fit

from builder.case import pdfparts
from builder.case.cffi_arrays import quick_arrays
from builder.case.fonts import FONTS_CSS, print_fonts
from builder.case.paper_quiz import bank_of, printed_bank
from builder.digest import feed
from builder.errors import KitError
from builder.messages import component_titles, text, ui
from builder.model import Course
from builder.rendered import RenderedCourse, RenderedPage
from builder.theme import THEME, environment
from builder.write import write_bytes

# Where the article of a page sits in a Material page, best first.
ARTICLE_CLASSES = ("md-content__inner", "md-content")
DROP_TAGS = {"script", "noscript", "style", "link", "meta", "template"}
ARTICLE_START = b'<article class="md-content__inner'
ARTICLES_SUFFIX = ".articles.json"  # beside a kit site's folder: its pages' printable articles


@dataclass
class Section:
    """One rendered page inside the printed kit."""

    id: str
    page: RenderedPage
    component_title: str
    body: str = ""
    first_of_component: bool = False
    headings: list[tuple[str, str]] = field(default_factory=list)  # (id, text) of its h2s
    quiz: dict[str, Any] | None = None   # an interim test, printed with numbered options
    slots: list[str] = field(default_factory=list)
    attachments: list[PdfReader] = field(default_factory=list)

    @property
    def title(self) -> str:
        return self.page.title


# Processes one kit's PDF may use (0: one a core). `eumk case --all` sets 1 in its workers: the
# kits are already built one a core, and parts in parallel on top would oversubscribe them.
WORKERS = 0
# Below this many characters of page HTML a kit is printed in one process (forking costs more).
PARALLEL_FROM = 40_000
PLACEHOLDER = "888"  # a page number in the contents before the real ones are known
ANSWERS_WEIGHT = 3000  # about what a test's answers print like in the key (characters of HTML)


def build_pdf(course: Course, rendered: RenderedCourse, target: Path, epoch: int,
              advance: Callable[[int], object] | None = None, workers: int | None = None) -> int:
    """Print the whole kit to `target` (its page count returned). `advance(1)` after each step:
    one a page extracted, then render, write and merge (len(pages) + 3 steps).

    The cover and contents are printed apart, the pages in `workers` parts (default: WORKERS,
    one a core, for a kit large enough), in parallel, then merged: page numbers run on across
    parts, the contents show them, links and bookmarks open the right page."""
    lang = course.language
    step = advance or (lambda n: None)
    sections = _sections(course, rendered, lang, step)
    answers = [s.quiz for s in sections if s.quiz]
    chunks = _split(sections, _workers(sections, workers))
    parts = [_kit_html(course, chunk, lang, answers=answers if n == len(chunks) - 1 else [])
             for n, chunk in enumerate(chunks)]
    placeholders = {s.id: PLACEHOLDER for s in sections} | {"kit-answers": PLACEHOLDER}
    front = _kit_html(course, sections, lang, front=True, has_answers=bool(answers),
                      numbers=placeholders)
    cached = _cache_file(rendered, "\0".join([front, *parts]), sections, epoch)
    if cached is not None and cached.is_file():  # the same kit printed before: same bytes
        shutil.copyfile(cached, target)
        step(3)
        return len(PdfReader(target).pages)
    setting = _setting(course, rendered, epoch)
    counted: list[int] = []  # the front's pages: laid out while the parts lay out
    fronts: list[pdfparts.Part] = []  # the front with its page numbers, while the parts draw

    def front_pages() -> int:
        if not counted:
            counted.append(pdfparts.render(front, setting, lambda n, s: (0, n),
                                           write=False).pages)
        return counted[-1]

    def laid(starts: dict[str, int], total: int) -> None:
        numbers = {name: str(starts[name] + 1) for name in placeholders if name in starts}
        html = _kit_html(course, sections, lang, front=True, has_answers=bool(answers),
                         numbers=numbers)
        fronts.append(pdfparts.render(html, setting, lambda n, s: (0, total)))

    done = pdfparts.render_all(parts, setting, front_pages, laid)
    step(1)
    if fronts[-1].pages != counted[-1]:  # rarely, the real numbers change the contents' length
        counted.append(fronts[-1].pages)
        done = pdfparts.render_all(parts, setting, front_pages, laid)
    front_part = fronts[-1]
    step(1)
    anchors = _anchors([front_part, *done], 0)
    writer = PdfWriter(clone_from=io.BytesIO(front_part.pdf))
    for part in done:
        writer.append(PdfReader(io.BytesIO(part.pdf)), import_outline=False)
    pages = {name: index for name, (index, _, _) in anchors.items()}
    _merge_attachments(writer, sections, pages)
    _links(writer, [front_part, *done], anchors)
    _outline(writer, sections, pages, ui(lang)["print_answers"])
    stamp = "D:" + dt.datetime.fromtimestamp(epoch, dt.UTC).strftime("%Y%m%d%H%M%S") + "Z"
    writer.add_metadata({"/Title": f"{course.meta.code} {course.meta.title}".strip(),
                         "/Author": course.meta.developer, "/Creator": "eumk",
                         "/Producer": "eumk", "/CreationDate": stamp, "/ModDate": stamp})
    out = io.BytesIO()
    writer.write(out)
    target.write_bytes(out.getvalue())
    if cached is not None:
        for old in cached.parent.glob(f"{course.slug}.*.pdf"):
            old.unlink(missing_ok=True)
        write_bytes(cached, out.getvalue())
    step(1)
    return len(writer.pages)


def _cache_file(rendered: RenderedCourse, html: str, sections: list[Section],
                epoch: int) -> Path | None:
    """Where the PDF of exactly this kit is kept: keyed by the kit's HTML, the print styles and
    faces, the attached PDFs and the date (the caller's folder is per eumk version)."""
    if rendered.pdf_cache is None:
        return None
    h = hashlib.sha256(f"{epoch}\0{html}\0".encode() + FONTS_CSS.read_bytes())
    h.update((THEME / "print" / "print.css").read_bytes())
    for section in sections:
        for pdf in section.page.attachments:
            h.update(f"\0{pdf}\0".encode())
            with open(pdf, "rb") as fh:
                feed(h, fh)
    return rendered.pdf_cache / f"{rendered.slug}.{h.hexdigest()[:32]}.pdf"


# Every face and kind of box a kit prints, in a page (see `prepared`).
WARM_UP = ("<h1>Әә Ғғ Ққ Ңң Өө Ұұ Үү Һһ Іі Ёё Aa</h1><p>Мәтін <b>жуан</b> <i>көлбеу</i> "
           "<b><i>екеуі</i></b> <code>код</code> 1–2 «»</p><ul><li>бір</li></ul>"
           "<table><tr><th>а</th><td>б</td></tr></table><pre>x = 1</pre>")


@functools.cache
def prepared() -> tuple[Any, list[Any]]:
    """WeasyPrint imported, the print faces registered, print.css parsed and the print template
    compiled: once a process, for every part of every kit it prints (`eumk case` does it while
    a forked worker builds the kit's offline site, and `warmed_up` when there is time left)."""
    from weasyprint import CSS
    from weasyprint.text.ffi import ffi
    from weasyprint.text.fonts import FontConfiguration

    quick_arrays(ffi)  # font subsets: no C parse for every glyph count
    fonts = FontConfiguration()
    sheets = [print_fonts(fonts), CSS(filename=str(THEME / "print" / "print.css"),
                                      font_config=fonts)]
    environment("print").get_template("kit.html")
    atexit.register(prepared.cache_clear)  # the faces' temporary folder goes with `fonts`
    return fonts, sheets


@functools.cache
def warmed_up() -> None:
    """A first document printed: the faces loaded into Pango and HarfBuzz, here and in the
    parts forked later (each would pay for it otherwise)."""
    from weasyprint import HTML

    fonts, sheets = prepared()
    HTML(string=WARM_UP).render(stylesheets=sheets, font_config=fonts).write_pdf()


def _setting(course: Course, rendered: RenderedCourse, epoch: int) -> pdfparts.Setting:
    """Stylesheets and fonts parsed once, for every part."""
    fonts, sheets = prepared()
    when = dt.datetime.fromtimestamp(epoch, dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    identifier = hashlib.sha256(f"eumk:{course.slug}:{course.meta.code}".encode()).hexdigest()
    return pdfparts.Setting(rendered.site_dir, sheets, fonts, when,
                            identifier[:32].encode("ascii"))


def _workers(sections: list[Section], workers: int | None) -> int:
    if workers is None:
        if sum(len(s.body) for s in sections) < PARALLEL_FROM:
            return 1
        workers = WORKERS or os.cpu_count() or 1
    return max(1, min(workers, len(sections)))


def _split(sections: list[Section], count: int) -> list[list[Section]]:
    """`count` runs of consecutive sections, of about the same weight (characters of HTML)."""
    if count <= 1 or not sections:
        return [sections]
    weights = [len(s.body) + (3000 if s.quiz else 0) + 500 for s in sections]
    answers = ANSWERS_WEIGHT * sum(1 for s in sections if s.quiz)  # the key, after the last
    share = (sum(weights) + answers) / count
    chunks: list[list[Section]] = [[]]
    done = 0.0
    for section, weight in zip(sections, weights, strict=True):
        if chunks[-1] and done + weight / 2 > share * len(chunks) and len(chunks) < count:
            chunks.append([])
        chunks[-1].append(section)
        done += weight
    return chunks


def _anchors(parts: list[pdfparts.Part], before: int) -> dict[str, tuple[int, float, float]]:
    """Anchor → (page index in the kit, x, y): the first page it is on."""
    anchors: dict[str, tuple[int, float, float]] = {}
    offset = before
    for part in parts:
        for name, (index, x, y) in part.anchors.items():
            anchors.setdefault(name, (index + offset, x, y))
        offset += part.pages
    return anchors


def _links(writer: PdfWriter, parts: list[pdfparts.Part],
           anchors: dict[str, tuple[int, float, float]]) -> None:
    """The parts' internal links, each opening the page (and place) of its anchor in the kit."""
    offset = 0
    for part in parts:
        for link in part.links:
            if link.anchor in anchors:
                index, x, y = anchors[link.anchor]
                writer.add_annotation(link.page + offset, Link(
                    rect=link.rect, target_page_index=index, fit=Fit.xyz(left=x, top=y),
                    border=[0, 0, 0]))
        offset += part.pages


def articles_file(site_dir: Path) -> Path:
    """Where the printable articles of the kit site in `site_dir` are kept: beside its folder,
    out of reach of the course's files (which the site copies) and of the medium."""
    return site_dir.with_name(site_dir.name + ARTICLES_SUFFIX)


def articles(site_dir: Path) -> None:
    """Keep the printable article of every page of the kit site in `site_dir` (`articles_file`),
    for `_sections`: run by the worker that built the site, while this process gets WeasyPrint
    ready. A page it cannot read is left to `_sections`, which says so."""
    rels = [page["html"] for page in json.loads(
        (site_dir / "eumk-pages.json").read_text(encoding="utf-8"))]
    ids = _section_ids(rels)
    kept = {}
    for rel in rels:
        with contextlib.suppress(KitError):
            kept[rel] = [ids[rel], *_article(site_dir, rel, ids[rel], ids)]
    write_bytes(articles_file(site_dir), json.dumps(kept, ensure_ascii=False).encode("utf-8"))


def _section_ids(rels: list[str]) -> dict[str, str]:
    return {rel: f"kit-p{n}" for n, rel in enumerate(rels, 1)}


def _kept_articles(site_dir: Path) -> dict[str, Any]:
    try:
        kept = json.loads(articles_file(site_dir).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return kept if isinstance(kept, dict) else {}


def _sections(course: Course, rendered: RenderedCourse, lang: str,
              step: Callable[[int], object]) -> list[Section]:
    titles = component_titles(lang)
    ids = _section_ids([page.html for page in rendered.pages])
    kept = _kept_articles(rendered.site_dir)
    sections: list[Section] = []
    previous = None
    for page in rendered.pages:
        section = Section(ids[page.html], page, titles.get(page.component, page.component),
                          first_of_component=page.component != previous)
        previous = page.component
        article = kept.get(page.html)
        if article and article[0] == section.id:
            section.body, section.headings = article[1], [tuple(h) for h in article[2]]
        else:
            section.body, section.headings = _article(rendered.site_dir, page.html,
                                                      section.id, ids)
        bank = bank_of(course, page.html)
        if bank is not None:
            section.quiz = printed_bank(bank, lang)
        for n, pdf in enumerate(page.attachments):
            reader = _attachment(pdf, lang)
            section.attachments.append(reader)
            section.slots += [f"{section.id}-a{n}-{k}" for k in range(len(reader.pages))]
        sections.append(section)
        step(1)
    return sections


def _attachment(pdf: Path, lang: str) -> PdfReader:
    try:
        reader = PdfReader(pdf)
        if reader.is_encrypted:
            raise PyPdfError("encrypted")
        len(reader.pages)
        return reader
    except (OSError, PyPdfError, ValueError) as exc:
        raise KitError(text(lang, "case.attachment", "message",
                            {"file": str(pdf), "error": str(exc)})) from None


def _kit_html(course: Course, sections: list[Section], lang: str, *, front: bool = False,
              answers: list[dict[str, Any]] | None = None, has_answers: bool = False,
              numbers: dict[str, str] | None = None) -> str:
    """The HTML of a printed part: the cover and contents (`front`, page `numbers` by anchor), or
    these `sections` (and the interim `answers` key, in the last part)."""
    components: list[dict[str, object]] = []
    for section in sections if front else []:
        if section.first_of_component:
            components.append({"title": section.component_title, "sections": []})
        components[-1]["sections"].append(section)  # type: ignore[union-attr]
    meta = course.meta
    credits = f"{meta.credits:g}"
    return environment("print").get_template("kit.html").render(
        lang=lang, meta=meta, ui=ui(lang), sections=[] if front else sections,
        components=components if front else [], front=front, answers=answers or [],
        has_answers=has_answers, numbers=numbers or {},
        credits=credits, approved=meta.approved.strftime("%d.%m.%Y") if meta.approved else "",
        year=meta.approved.year if meta.approved else "")


# -- one page's article, made part of one document ----------------------------------------------
def _article(site_dir: Path, rel: str, section_id: str,
             ids: dict[str, str]) -> tuple[str, list[tuple[str, str]]]:
    """The article of page `rel` as HTML: ids prefixed, links to kit pages made internal, other
    relative links dropped (paper cannot follow them), images pointed at their files; and the
    (id, text) of its h2 headings, for the outline."""
    source = site_dir / rel
    try:
        tree = tinyhtml5.parse(_article_only(source.read_bytes()), namespace_html_elements=False)
    except OSError as exc:
        raise KitError(f"{source}: {exc.strerror or exc}") from None
    article = _find_article(tree)
    for parent in list(article.iter()):
        for child in list(parent):
            if not isinstance(child.tag, str) or _local(child.tag) in DROP_TAGS:  # comments too
                parent.remove(child)
    for element in article.iter():
        element.tag = _local(element.tag)
        for name in list(element.attrib):
            local = _local(name)
            if local != name:
                element.attrib[f"xlink:{local}" if "xlink" in name else local] = \
                    element.attrib.pop(name)
        if "id" in element.attrib:
            element.attrib["id"] = f"{section_id}-{element.attrib['id']}"
        if element.tag == "a" and "href" in element.attrib:
            _relink(element, rel, section_id, ids)
        for name in ("src", "data", "poster"):
            if name in element.attrib:
                element.attrib[name] = _file_url(site_dir, rel, element.attrib[name])
        element.attrib.pop("srcset", None)
    plans = {id(t) for div in article.iter() if "eumk-plan" in div.attrib.get("class", "").split()
             for t in div.iter("table")}
    for table in article.iter("table"):
        if id(table) not in plans:  # the plan's widths are print.css's
            _column_widths(table)
    headings = [(h.attrib["id"], _heading_text(h)) for h in article.iter("h2") if "id" in h.attrib]
    return ET.tostring(article, encoding="unicode", method="html"), headings


def _column_widths(table: ET.Element) -> None:
    """Give a table's columns widths by the length of their texts (a <colgroup>): print.css lays
    tables out `fixed`, for WeasyPrint's automatic layout measures every cell's narrowest width
    letter by letter (a quarter of the printing time); long words still wrap anywhere."""
    if table.find("colgroup") is not None or table.find("col") is not None:
        return
    cells = [[c for c in row if c.tag in ("td", "th")] for row in table.iter("tr")]
    if not cells or not cells[0]:
        return
    count = sum(_span(c) for c in cells[0])
    if count > 64:  # no table of a kit is that wide: left to WeasyPrint (equal columns)
        return
    weights = [3.0] * count
    for row in cells:
        if len(row) != count or any(_span(c) != 1 or "rowspan" in c.attrib for c in row):
            continue
        for n, cell in enumerate(row):
            text = " ".join("".join(cell.itertext()).split())
            longest = max((len(word) for word in text.split()), default=0)
            weights[n] = max(weights[n], longest + 0.3 * (min(len(text), 60) - longest))
    total = sum(weights)
    colgroup = ET.Element("colgroup")
    for weight in weights:
        ET.SubElement(colgroup, "col", {"style": f"width: {100 * weight / total:.2f}%"})
    table.insert(0, colgroup)


def _span(cell: ET.Element) -> int:
    try:
        return max(1, min(int(cell.attrib.get("colspan", "1")), 1000))
    except ValueError:
        return 1


def _article_only(page: bytes) -> bytes:
    """Material's article of a page as a document of its own (a third of the page: the HTML5
    parser is pure Python), or the whole page when it has no such article."""
    start = page.find(ARTICLE_START)
    end = page.rfind(b"</article>")
    if start < 0 or end < start:
        return page
    return b'<!doctype html><meta charset="utf-8"><body>' + page[start:end + len(b"</article>")]


def _heading_text(heading: ET.Element) -> str:
    """A heading's text without its permalink sign (Material's `.headerlink`)."""
    parts: list[str] = []

    def walk(element: ET.Element) -> None:
        if "headerlink" in element.attrib.get("class", "").split():
            parts.append(element.tail or "")
            return
        parts.append(element.text or "")
        for child in element:
            walk(child)
        if element is not heading:
            parts.append(element.tail or "")

    walk(heading)
    return " ".join("".join(parts).split())


def _find_article(tree: ET.Element) -> ET.Element:
    for wanted in ARTICLE_CLASSES:
        for element in tree.iter():
            if wanted in element.attrib.get("class", "").split():
                return element
    for tag in ("main", "body"):
        found = tree.find(f".//{tag}")
        if found is not None:
            return found
    return tree


def _local(tag: object) -> str:
    return str(tag).rsplit("}", 1)[-1]


def _relink(element: ET.Element, rel: str, section_id: str, ids: dict[str, str]) -> None:
    href = element.attrib["href"]
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        return  # http(s), mailto: printed links keep their address
    if not parts.path:
        element.attrib["href"] = f"#{section_id}-{parts.fragment}" if parts.fragment else "#"
        return
    target = posixpath.normpath(posixpath.join(posixpath.dirname(rel), unquote(parts.path)))
    if target.endswith("/"):
        target += "index.html"
    if target in ids:
        element.attrib["href"] = (f"#{ids[target]}-{parts.fragment}" if parts.fragment
                                  else f"#{ids[target]}")
    else:
        del element.attrib["href"]


def _file_url(site_dir: Path, rel: str, url: str) -> str:
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or not parts.path:
        return url
    path = (site_dir / posixpath.dirname(rel) / unquote(parts.path)).resolve()
    return path.as_uri()


# -- after rendering -------------------------------------------------------------------------------
def _merge_attachments(writer: PdfWriter, sections: list[Section], anchors: dict[str, int]) -> None:
    """Put each attached PDF's pages in place of the placeholder pages reserved for them."""
    for section in sections:
        slots = iter(section.slots)
        for reader in section.attachments:
            for page in reader.pages:
                index = anchors[next(slots)]
                writer.insert_page(page, index)
                writer.remove_page(index + 1)


def _outline(writer: PdfWriter, sections: list[Section], anchors: dict[str, int],
             answers: str) -> None:
    """Bookmarks: a component, then each of its pages (a lecture, a seminar…), then the page's
    sections (h2) and attachments; the interim answer key last, on its own."""
    parent = None
    for section in sections:
        start = anchors[section.id]
        if section.first_of_component:
            parent = writer.add_outline_item(title=section.component_title, page_number=start)
        item = writer.add_outline_item(title=section.title, page_number=start, parent=parent)
        for anchor, title in section.headings:
            if anchor in anchors and title:
                writer.add_outline_item(title=title, page_number=anchors[anchor], parent=item)
        slot = 0
        for pdf, reader in zip(section.page.attachments, section.attachments, strict=True):
            writer.add_outline_item(title=Path(pdf).name,
                                    page_number=anchors[section.slots[slot]], parent=item)
            slot += len(reader.pages)
    if "kit-answers" in anchors:
        writer.add_outline_item(title=answers, page_number=anchors["kit-answers"])
