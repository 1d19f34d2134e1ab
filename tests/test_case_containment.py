"""The printed kit reads only the staged kit (KitFetcher), and the leak guard looks into file
contents and the files a PDF carries (embedded files, attachment annotations)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader
from weasyprint import HTML

from builder.case import leaks, package
from builder.case.pdf import build_pdf
from builder.errors import KitError
from builder.fetcher import KitFetcher
from tests.case_kits import KAZAKH_PAGE, SECRET, make_kit

EPOCH = 1700000000
MARKER = "OUTSIDE-THE-KIT-4c1d"


def carried(pdf: Path) -> list[bytes]:
    """Every file the PDF carries: embedded files and page attachments."""
    return [content for _, content in leaks._carried(PdfReader(pdf))]


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    (folder / "secret.txt").write_text(MARKER, encoding="utf-8")
    return folder


def test_the_fetcher_serves_the_kit_and_refuses_the_rest(tmp_path: Path, outside: Path) -> None:
    kit = tmp_path / "kit"
    (kit / "media").mkdir(parents=True)
    (kit / "media" / "a.txt").write_text("inside", encoding="utf-8")
    os.symlink(outside / "secret.txt", kit / "media" / "link.txt")
    fetcher = KitFetcher([kit])
    assert fetcher((kit / "media" / "a.txt").as_uri()).read() == b"inside"
    assert fetcher("data:text/plain,hi").read() == b"hi"
    for url in [(outside / "secret.txt").as_uri(), (kit / "media" / "link.txt").as_uri(),
                (kit / "media" / ".." / ".." / "elsewhere" / "secret.txt").as_uri(),
                "file://otherhost/etc/hostname", "http://127.0.0.1:9/x.png",
                "https://example.org/x.css", "ftp://example.org/x"]:
        with pytest.raises(ValueError):
            fetcher(url)
    assert len(fetcher.refused) == 7


def test_the_printed_kit_carries_nothing_from_outside(tmp_path: Path, outside: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    import builder.fetcher

    served: list[str] = []

    class Recording(KitFetcher):
        def fetch(self, url: str, headers: dict[str, str] | None = None):  # type: ignore[override]
            response = super().fetch(url, headers)
            served.append(url)
            return response

    monkeypatch.setattr(builder.fetcher, "KitFetcher", Recording)
    course, rendered = make_kit(tmp_path)
    page = rendered.site_dir / KAZAKH_PAGE
    attempts = (f'<a rel="attachment" href="{(outside / "secret.txt").as_uri()}">a</a>'
                f'<img src="{(outside / "secret.txt").as_uri()}">'
                f'<object data="../../elsewhere/secret.txt"></object>'
                '<img src="http://127.0.0.1:9/tracker.png">'
                '<a rel="attachment" href="file:///etc/hostname">h</a>')
    html = page.read_text(encoding="utf-8")
    page.write_text(html.replace("</article>", attempts + "</article>", 1), encoding="utf-8")
    target = tmp_path / "kit.pdf"
    build_pdf(course, rendered, target, EPOCH)
    files = carried(target)
    assert [Path(u).name for u in served] == ["flame.svg"]  # the kit's own image, nothing else
    assert not any(MARKER.encode() in f for f in files)
    assert MARKER not in target.read_bytes().decode("latin-1")
    hostname = Path("/etc/hostname")
    if hostname.is_file() and hostname.read_bytes().strip():
        assert not any(hostname.read_bytes() in f for f in files)


def test_without_the_fetcher_weasyprint_would_embed_it(tmp_path: Path, outside: Path) -> None:
    """The attack the fetcher stops: WeasyPrint's own fetcher attaches any file: URL."""
    html = f'<a rel="attachment" href="{(outside / "secret.txt").as_uri()}">a</a>'
    HTML(string=html).write_pdf(tmp_path / "open.pdf")
    HTML(string=html, url_fetcher=KitFetcher([tmp_path / "kit"])).write_pdf(tmp_path / "shut.pdf")
    assert carried(tmp_path / "open.pdf") == [MARKER.encode()]
    assert carried(tmp_path / "shut.pdf") == []


def test_the_leak_scan_reads_what_a_pdf_carries(tmp_path: Path) -> None:
    key = tmp_path / "key.txt"
    key.write_text(SECRET, encoding="utf-8")
    inner = tmp_path / "inner.pdf"
    HTML(string=f"<p>{SECRET}</p>").write_pdf(inner)
    for name, href in (("annotation.pdf", key.as_uri()), ("nested.pdf", inner.as_uri())):
        HTML(string=f'<p>Cover</p><a rel="attachment" href="{href}">x</a>').write_pdf(
            tmp_path / name)
    HTML(string=f'<link rel="attachment" href="{key.as_uri()}"><p>Cover</p>').write_pdf(
        tmp_path / "embedded.pdf")
    for name in ("annotation.pdf", "nested.pdf", "embedded.pdf"):
        [hit] = leaks.scan([tmp_path / name], [SECRET])
        assert "#" in hit.where, hit.where  # found inside the carried file, not the page text
    HTML(string="<p>Cover</p>").write_pdf(tmp_path / "clean.pdf")
    assert leaks.scan([tmp_path / "clean.pdf"], [SECRET]) == []


def test_text_under_a_media_name_is_read_real_media_are_not(tmp_path: Path) -> None:
    (tmp_path / "key.png").write_text(f"answers: {SECRET}", encoding="utf-8")
    real = tmp_path / "real.mp4"
    real.write_bytes(b"\0\0\0\x18ftypmp42" + SECRET.encode() + b"\0" * 64)
    hits = leaks.scan([tmp_path], [SECRET])
    assert [Path(h.where).name for h in hits] == ["key.png"]


def test_a_copy_of_instructor_only_material_is_found_by_content(tmp_path: Path) -> None:
    course, rendered = make_kit(tmp_path)
    bank = course.path / "final" / "exam-questions.quiz.yml"
    (rendered.site_dir / "media" / "harmless.svg").write_bytes(bank.read_bytes())
    assert leaks.forbidden_files(course, rendered.site_dir) == ["media/harmless.svg"]
    with pytest.raises(KitError):
        package.build_package(course, rendered, "usb", tmp_path / "out")


def test_a_long_pdf_is_read_in_runs_of_pages_and_nothing_is_missed(tmp_path: Path) -> None:
    """The text of a PDF of many pages is extracted on every core (pdftotext -f/-l runs): a
    secret in the first run, one on the last page and words across the break between two runs
    are all found, and the runs joined are pdftotext's text of the whole document."""
    count = 2 * leaks.RUN_FROM + 5           # two runs: pages 1–43 and 44–85
    pages = [f"<p style='break-after: page'>Бет {n}</p>" for n in range(1, count + 1)]
    pages[0] = f"<p style='break-after: page'>{SECRET} бірінші</p>"
    pages[-1] = f"<p>соңғы {SECRET[::-1]}</p>"
    HTML(string="".join(pages)).write_pdf(tmp_path / "long.pdf")
    data = (tmp_path / "long.pdf").read_bytes()
    hits = leaks.scan([tmp_path / "long.pdf"], [SECRET, SECRET[::-1], "нет такого"])
    assert {h.secret for h in hits} == {SECRET, SECRET[::-1]}
    assert leaks.scan([tmp_path / "long.pdf"], ["Бет 43 Бет 44"])  # across the two runs
    from concurrent.futures import ThreadPoolExecutor

    if shutil.which("pdftotext"):
        with ThreadPoolExecutor(2) as pool:
            assert leaks._in_runs(pool, data, count).result() == leaks._pdf_text(data)
