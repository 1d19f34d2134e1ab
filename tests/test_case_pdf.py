"""The printable kit: cover, contents, pages in order, attached slides, outline, Kazakh text."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from builder.case.pdf import build_pdf
from tests.case_kits import PAGES, make_kit

EPOCH = 1700000000


def pdf_text(path: Path, page: int | None = None) -> str:
    args = ["pdftotext", "-layout"]
    if page:
        args += ["-f", str(page), "-l", str(page)]
    return subprocess.run([*args, str(path), "-"], capture_output=True, check=True,
                          text=True).stdout


@pytest.fixture
def kit_pdf(tmp_path: Path) -> Path:
    course, rendered = make_kit(tmp_path)
    target = tmp_path / "kit.pdf"
    assert build_pdf(course, rendered, target, EPOCH) == 11
    return target


def test_pages_cover_contents_components_and_slides(kit_pdf: Path) -> None:
    # cover + contents + 7 pages + 2 slide pages after the lecture
    reader = PdfReader(kit_pdf)
    assert len(reader.pages) == 11
    assert "SLIDE 1" in reader.pages[4].extract_text()
    assert "SLIDE 2" in reader.pages[5].extract_text()
    assert reader.pages[4].mediabox.width > reader.pages[4].mediabox.height  # landscape slide


def test_outline_by_component_and_page(kit_pdf: Path) -> None:
    reader = PdfReader(kit_pdf)
    top = [item for item in reader.outline if not isinstance(item, list)]
    assert [t.title for t in top] == [
        "Силлабус", "Дәрістер конспектісі", "Практикалық және семинар сабақтары", "Өзіндік жұмыс",
        "Аралық бақылау", "Қорытынды бақылау", "Қашықтан кеңес беру кестесі"]
    children = [item for item in reader.outline if isinstance(item, list)]
    assert [c[0].title for c in children] == [title for _, title, _ in PAGES]
    lecture = children[1]
    assert reader.get_destination_page_number(lecture[0]) == 3  # 0-based: cover, contents, syllabus
    inside = {item.title: item for item in lecture[1]}
    assert list(inside) == ["Реакция", "slides.pdf"]   # its sections (h2), then attachments
    assert reader.get_destination_page_number(inside["slides.pdf"]) == 4


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext not installed")
def test_kazakh_text_headers_numbers_and_no_chrome(kit_pdf: Path) -> None:
    cover = pdf_text(kit_pdf, 1)
    for fact in ("ҚР ТЖМ АЗАМАТТЫҚ ҚОРҒАУ АКАДЕМИЯСЫ", "ТЖ-2104", "Өрт қауіпсіздігі негіздері",
                 "Әлиев Н.Т.", "6B12301", "28.08.2025"):
        assert fact in cover
    contents = pdf_text(kit_pdf, 2)
    assert "Мазмұны" in contents and "Жану процесі" in contents
    syllabus = pdf_text(kit_pdf, 3)
    assert "ә ғ қ ң ө ұ ү һ і" in syllabus
    lecture = pdf_text(kit_pdf, 4)
    assert "ТЖ-2104" in lecture and "Дәрістер конспектісі" in lecture and "4 / 11" in lecture
    whole = pdf_text(kit_pdf)
    for chrome in ("Навигация мәзірі", "колонтитул", "Өңдеу", "¶", "іздеу"):
        assert chrome not in whole


def test_metadata_and_reproducible(tmp_path: Path, kit_pdf: Path) -> None:
    reader = PdfReader(kit_pdf)
    assert reader.metadata["/CreationDate"] == "D:20231114221320Z"
    assert reader.metadata["/Title"] == "ТЖ-2104 Өрт қауіпсіздігі негіздері"
    course, rendered = make_kit(tmp_path / "again")
    build_pdf(course, rendered, tmp_path / "again.pdf", EPOCH)
    assert (tmp_path / "again.pdf").read_bytes() == kit_pdf.read_bytes()
    fonts = subprocess.run(["pdffonts", str(kit_pdf)], capture_output=True, text=True).stdout
    assert "DejaVu" in fonts


# -- the kit printed in parts, in parallel, then merged ------------------------------------------
def _links(reader: PdfReader) -> list[tuple[int, int]]:
    """(page of the link, page it opens), every internal link, in order."""
    found = []
    for number, page in enumerate(reader.pages):
        for annot in page.get("/Annots") or []:
            annot = annot.get_object()
            dest = annot.get("/Dest")
            if annot.get("/Subtype") == "/Link" and dest is not None:
                found.append((number, reader.get_page_number(dest[0].get_object())))
    return found


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext not installed")
def test_printed_in_parts_the_kit_reads_the_same(tmp_path: Path, kit_pdf: Path) -> None:
    course, rendered = make_kit(tmp_path / "parts")
    merged = tmp_path / "merged.pdf"
    assert build_pdf(course, rendered, merged, EPOCH, workers=3) == 11
    whole, parts = PdfReader(kit_pdf), PdfReader(merged)
    for n in range(1, 12):  # every page's text (headers, page / pages, contents numbers) alike
        assert pdf_text(merged, n) == pdf_text(kit_pdf, n), f"page {n}"
    for n in range(2, 12):
        if n not in (5, 6):  # the slides: no running header
            assert f"{n} / 11" in pdf_text(merged, n) and "ТЖ-2104" in pdf_text(merged, n)
    flat = [(item.title, parts.get_destination_page_number(item))
            for item in _walk(parts.outline)]
    assert flat == [(item.title, whole.get_destination_page_number(item))
                    for item in _walk(whole.outline)]
    assert len(flat) > 10
    # the contents link to each page where it starts, in whichever part it was printed
    toc = [target for page, target in _links(parts) if page == 1]
    assert toc == [target for page, target in _links(whole) if page == 1]
    # the syllabus, the lecture (slides after it: pages 5, 6), the seminar…
    assert list(dict.fromkeys(toc))[:3] == [2, 3, 6]
    contents = pdf_text(merged, 2)
    assert re.search(r"Жану процесі\s+4\n", contents)   # its number, known after the parts


def test_printed_in_parts_reproducible(tmp_path: Path) -> None:
    made = []
    for n in (1, 2):
        course, rendered = make_kit(tmp_path / f"k{n}")
        made.append(tmp_path / f"k{n}.pdf")
        build_pdf(course, rendered, made[-1], EPOCH, workers=3)
    assert made[0].read_bytes() == made[1].read_bytes()


def _walk(outline: list) -> list:
    out = []
    for item in outline:
        out += _walk(item) if isinstance(item, list) else [item]
    return out


def test_a_part_that_fails_stops_the_kit_with_its_error(monkeypatch: pytest.MonkeyPatch) -> None:
    """The other parts (waiting for their page numbers) are stopped, nothing hangs."""
    from builder.case import pdfparts
    from builder.errors import KitError

    def render(html: str, setting: object, numbers: pdfparts.Numbers,
               write: bool = True) -> pdfparts.Part:
        if html == "bad":
            raise ValueError("a broken part")
        numbers(1, {})
        return pdfparts.Part(b"", 1)

    monkeypatch.setattr(pdfparts, "render", render)   # the forked parts run this one
    with pytest.raises(KitError, match="a broken part"):
        pdfparts.render_all(["good", "bad", "good"], None, lambda: 0,  # type: ignore[arg-type]
                            lambda starts, total: None)


def test_table_columns_get_widths_by_their_texts(tmp_path: Path) -> None:
    from builder.case.pdf import _article

    page = tmp_path / "p.html"
    rows = "".join(f"<tr><td>{n}</td><td>Өрт сөндіргішпен жұмыс істеу ережесі {n}</td></tr>"
                   for n in range(1, 4))
    wide = "<td colspan='900'>x</td>" * 3
    page.write_text(
        '<article class="md-content__inner"><table><tr><th>№</th><th>Тақырып</th></tr>'
        f'{rows}</table><div class="eumk-plan"><table><tr><td>a</td><td>b</td></tr></table>'
        f'</div><table><tr>{wide}</tr></table></article>', encoding="utf-8")
    body, _ = _article(tmp_path, "p.html", "kit-p1", {})
    widths = [float(w) for w in re.findall(r'width: ([\d.]+)%', body)]
    assert len(widths) == 2 and widths[0] < 15 and widths[1] > 85   # № narrow, the text wide
    assert body.count("<colgroup>") == 1   # the plan keeps print.css's widths; 2,700 columns: none


def test_articles_kept_beside_the_site_print_the_same_kit(
        tmp_path: Path, kit_pdf: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The printable articles the site's worker keeps (pdf.articles) are what the kit prints:
    taken from there, not from the pages again, the PDF is byte for byte the same."""
    import json

    from builder.case import pdf

    course, rendered = make_kit(tmp_path / "kept")
    (rendered.site_dir / "eumk-pages.json").write_text(
        json.dumps([{"html": html} for _, _, html in PAGES]), encoding="utf-8")
    pdf.articles(rendered.site_dir)
    kept = json.loads(pdf.articles_file(rendered.site_dir).read_text(encoding="utf-8"))
    assert list(kept) == [html for _, _, html in PAGES]
    assert kept[PAGES[1][2]][0] == "kit-p2" and "Жану" in kept[PAGES[1][2]][1]

    def not_again(*args: object) -> None:
        raise AssertionError("a kept article was extracted again")

    monkeypatch.setattr(pdf, "_article", not_again)
    again = tmp_path / "again.pdf"
    build_pdf(course, rendered, again, EPOCH)
    assert again.read_bytes() == kit_pdf.read_bytes()


def test_the_last_part_counts_the_answer_key_in_its_share(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The key of the interim tests prints after the last part's pages: the split gives that
    part fewer sections, so the parts end together."""
    from builder.case import pdf
    from builder.rendered import RenderedPage

    page = RenderedPage("lectures", "Lecture", "lectures/x.html", ())
    sections = [pdf.Section(f"kit-p{n}", page, "Lectures", body="x" * 1000) for n in range(8)]
    sections += [pdf.Section(f"kit-p{n}", page, "Tests", body="x" * 1000, quiz={"q": n})
                 for n in (8, 9)]
    with_key = [len(chunk) for chunk in pdf._split(sections, 2)]
    monkeypatch.setattr(pdf, "ANSWERS_WEIGHT", 0)
    without = [len(chunk) for chunk in pdf._split(sections, 2)]
    assert sum(with_key) == sum(without) == 10
    assert with_key[0] > without[0]
    plain = [pdf.Section(f"kit-p{n}", page, "Lectures", body="x" * 1000) for n in range(10)]
    assert [len(chunk) for chunk in pdf._split(plain, 2)] == [5, 5]
