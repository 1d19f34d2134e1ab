"""The printable kit: rendered pages through WeasyPrint; attached PDFs and outline by pypdf."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
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
from pypdf.errors import PyPdfError

from builder.case.fonts import FONTS_CSS, print_fonts
from builder.case.paper_quiz import bank_of, printed_bank
from builder.digest import feed
from builder.errors import KitError
from builder.fetcher import KitFetcher
from builder.messages import component_titles, text, ui
from builder.model import Course
from builder.rendered import RenderedCourse, RenderedPage
from builder.theme import THEME, environment
from builder.write import write_bytes

# Where the article of a page sits in a Material page, best first.
ARTICLE_CLASSES = ("md-content__inner", "md-content")
DROP_TAGS = {"script", "noscript", "style", "link", "meta", "template"}
ARTICLE_START = b'<article class="md-content__inner'


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


def build_pdf(course: Course, rendered: RenderedCourse, target: Path, epoch: int,
              advance: Callable[[int], object] | None = None) -> int:
    """Print the whole kit to `target` (its page count returned). `advance(1)` after each step:
    one a page extracted, then render, write and merge (len(pages) + 3 steps)."""
    from weasyprint import HTML
    from weasyprint.text.fonts import FontConfiguration

    lang = course.language
    step = advance or (lambda n: None)
    sections = _sections(course, rendered, lang, step)
    html = _kit_html(course, sections, lang)
    cached = _cache_file(rendered, html, sections, epoch)
    if cached is not None and cached.is_file():  # the same kit printed before: same bytes
        shutil.copyfile(cached, target)
        step(3)
        return len(PdfReader(target).pages)
    fonts = FontConfiguration()
    document = HTML(string=html, base_url=str(rendered.site_dir) + "/",
                    url_fetcher=KitFetcher([rendered.site_dir])).render(
        stylesheets=[print_fonts(fonts), str(THEME / "print" / "print.css")], font_config=fonts)
    step(1)
    when = dt.datetime.fromtimestamp(epoch, dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    document.metadata.created = document.metadata.modified = when
    document.metadata.generator = "eumk"
    anchors = first_pages(document)
    identifier = hashlib.sha256(f"eumk:{course.slug}:{course.meta.code}".encode()).hexdigest()
    data = document.write_pdf(pdf_identifier=identifier[:32].encode("ascii"))
    step(1)
    writer = PdfWriter(clone_from=io.BytesIO(data))
    _merge_attachments(writer, sections, anchors)
    _outline(writer, sections, anchors, ui(lang)["print_answers"])
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


def _sections(course: Course, rendered: RenderedCourse, lang: str,
              step: Callable[[int], object]) -> list[Section]:
    titles = component_titles(lang)
    ids = {page.html: f"kit-p{n}" for n, page in enumerate(rendered.pages, 1)}
    sections: list[Section] = []
    previous = None
    for page in rendered.pages:
        section = Section(ids[page.html], page, titles.get(page.component, page.component),
                          first_of_component=page.component != previous)
        previous = page.component
        section.body, section.headings = _article(rendered.site_dir, page.html, section.id, ids)
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


def _kit_html(course: Course, sections: list[Section], lang: str) -> str:
    components: list[dict[str, object]] = []
    for section in sections:
        if section.first_of_component:
            components.append({"title": section.component_title, "sections": []})
        components[-1]["sections"].append(section)  # type: ignore[union-attr]
    meta = course.meta
    credits = f"{meta.credits:g}"
    return environment("print").get_template("kit.html").render(
        lang=lang, meta=meta, ui=ui(lang), sections=sections, components=components,
        answers=[s.quiz for s in sections if s.quiz],
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
    headings = [(h.attrib["id"], _heading_text(h)) for h in article.iter("h2") if "id" in h.attrib]
    return ET.tostring(article, encoding="unicode", method="html"), headings


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
def first_pages(document: Any) -> dict[str, int]:
    """Anchor name → index of the FIRST page it is on (an element spanning pages is anchored on
    each of them: a bookmark must open where the item starts)."""
    anchors: dict[str, int] = {}
    for index, page in enumerate(document.pages):
        for name in page.anchors:
            anchors.setdefault(name, index)
    return anchors


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
