"""Kits for the whole academy: `eumk case --all`, offline sites and printed kits reused from the
portal's cache, and a printed kit that is the same bytes from one run to the next."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest

from builder.case import pdf
from builder.cli import main
from tests.case_kits import make_kit
from tests.sites import new_course, project


@pytest.fixture(autouse=True)
def fixed_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")


def test_comments_of_a_page_never_reach_the_printed_kit(tmp_path: Path) -> None:
    course, rendered = make_kit(tmp_path)
    page = rendered.site_dir / rendered.pages[0].html
    html = page.read_text(encoding="utf-8")
    page.write_text(html.replace("</article>", "<!-- a note for authors --></article>", 1),
                    encoding="utf-8")
    body, _ = pdf._article(rendered.site_dir, rendered.pages[0].html, "kit-p1", {})
    assert "Comment" not in body and "a note for authors" not in body


def test_a_kit_printed_again_is_taken_from_the_cache(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    course, rendered = make_kit(tmp_path)
    rendered.pdf_cache = tmp_path / "cache"
    pages = pdf.build_pdf(course, rendered, tmp_path / "one.pdf", 1700000000)
    import weasyprint

    def no_render(*args: object, **kwargs: object) -> None:
        raise AssertionError("rendered again")

    monkeypatch.setattr(weasyprint, "HTML", no_render)
    assert pdf.build_pdf(course, rendered, tmp_path / "two.pdf", 1700000000) == pages
    assert (tmp_path / "one.pdf").read_bytes() == (tmp_path / "two.pdf").read_bytes()
    with pytest.raises(AssertionError, match="rendered again"):  # another date: a new print
        pdf.build_pdf(course, rendered, tmp_path / "three.pdf", 1700000001)


def test_case_all_makes_every_courses_kit_and_names_the_one_it_cannot(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = project(tmp_path, jobs=2)
    for slug, lang in (("alpha", "kk"), ("beta", "ru"), ("gamma", "en")):
        new_course(root, slug, lang)
    (root / "courses/gamma/consultations.yml").unlink()   # kit.missing: no kit from it
    with contextlib.chdir(root):
        code = main(["case", "--all", "--medium", "paper", "--out", "dist"])
    out = capsys.readouterr()
    assert code == 1
    assert (root / "dist/alpha-paper/alpha.pdf").is_file()
    assert (root / "dist/beta-paper/beta.pdf").is_file()
    assert not (root / "dist/gamma-paper").exists()
    assert "alpha" in out.out and "beta" in out.out and "kit.missing" in out.err
    assert list((root / ".cache/eumk/kits").iterdir())            # offline sites kept
    with contextlib.chdir(root):
        assert main(["case", "alpha", "--all", "--medium", "usb"]) == 2  # SLUG or --all
        assert main(["case", "--medium", "usb"]) == 2


def test_kits_built_in_parallel_print_each_pdf_on_one_core(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """One pool: a kit's PDF is split over the cores only when kits are not built in parallel."""
    from builder.case import academy

    def job_sees(job: academy.KitJob) -> academy.KitResult:
        return academy.KitResult(job.course_dir.name, True, str(pdf.WORKERS))

    monkeypatch.setattr(academy, "make_kit", job_sees)
    jobs = [academy.KitJob(tmp_path, None, tmp_path / name, "paper", tmp_path, False)  # type: ignore[arg-type]
            for name in ("a", "b", "c")]
    assert [r.text for r in academy.make_kits(jobs, workers=2)] == ["1", "1", "1"]
    assert pdf.WORKERS == 0   # a single kit afterwards may use every core
    assert [r.text for r in academy.make_kits(jobs[:1], workers=2)] == ["0"]
