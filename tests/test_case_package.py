"""eumk case: every medium from a course, manifest, ISO read-back, capacity, guards, atomicity."""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
import time
import zipfile
from pathlib import Path

import pycdlib
import pytest

from builder.case import capacity, leaks, package
from builder.case.manifest import MANIFEST
from builder.errors import KitError
from tests.case_kits import FIXTURES, KAZAKH_PAGE, SECRET, make_kit

EPOCH = "1700000000"


@pytest.fixture(autouse=True)
def fixed_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)


def manifest_of(root: Path) -> dict[str, str]:
    text = (root / MANIFEST).read_text(encoding="utf-8")
    lines = text.splitlines()
    assert all(re.fullmatch(r"[0-9a-f]{64}  \S.*", line) for line in lines)
    paths = [line[66:] for line in lines]
    assert paths == sorted(paths, key=lambda p: p.encode("utf-8"))
    return {line[66:]: line[:64] for line in lines}


def test_usb_folder_and_zip_with_manifest_and_start_page(tmp_path: Path) -> None:
    course, rendered = make_kit(tmp_path)
    folder, zip_path = package.build_package(course, rendered, "usb", tmp_path / "out")
    assert (folder, zip_path) == (tmp_path / "out/case-course-usb",
                                  tmp_path / "out/case-course-usb.zip")
    entries = manifest_of(folder)
    on_disk = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}
    assert set(entries) == on_disk - {MANIFEST}          # every file, nothing else
    assert {"index.html", "case-course.pdf", "БАСТАУ.html", KAZAKH_PAGE} <= set(entries)
    assert "eumk-pages.json" not in entries
    start = (folder / "БАСТАУ.html").read_text(encoding="utf-8")
    assert 'href="index.html"' in start and "case-course.pdf" in start and "Пәнді ашу" in start
    assert subprocess.run(["sha256sum", "-c", "--quiet", MANIFEST], cwd=folder).returncode == 0
    unpacked = tmp_path / "unpacked"
    with zipfile.ZipFile(zip_path) as archive:
        archive.extractall(unpacked)
        assert all(i.date_time == (2023, 11, 14, 22, 13, 20) for i in archive.infolist())
    assert subprocess.run(["sha256sum", "-c", "--quiet", MANIFEST],
                          cwd=unpacked / "case-course").returncode == 0


def test_paper_is_the_pdf_and_its_manifest(tmp_path: Path) -> None:
    course, rendered = make_kit(tmp_path)
    [folder] = package.build_package(course, rendered, "paper", tmp_path / "out")
    assert sorted(p.name for p in folder.iterdir()) == [MANIFEST, "case-course.pdf"]
    assert subprocess.run(["sha256sum", "-c", "--quiet", MANIFEST], cwd=folder).returncode == 0


@pytest.mark.parametrize("medium", ["dvd", "cd"])
def test_iso_reads_back_with_real_names(tmp_path: Path, medium: str) -> None:
    course, rendered = make_kit(tmp_path)
    [image] = package.build_package(course, rendered, medium, tmp_path / "out")
    assert image == tmp_path / f"out/case-course-{medium}.iso"
    iso = pycdlib.PyCdlib()
    iso.open(str(image))
    try:
        assert iso.pvd.volume_identifier.decode().strip() == "TZH_2104"
        assert iso.joliet_vd.volume_identifier.decode("utf-16_be").strip() == "ТЖ-2104"
        with iso.open_file_from_iso(rr_path="/" + MANIFEST) as fh:
            expected = {line[66:]: line[:64] for line in fh.read().decode().splitlines()}
        assert KAZAKH_PAGE in expected
        for key in ("rr_path", "joliet_path"):
            found = []
            for folder, _, files in iso.walk(**{key: "/"}):
                found += [f"{folder.rstrip('/')}/{name}".lstrip("/") for name in files]
            assert set(found) - {MANIFEST} == set(expected), key
            for rel in (KAZAKH_PAGE, "case-course.pdf"):
                with iso.open_file_from_iso(**{key: "/" + rel}) as fh:
                    assert hashlib.sha256(fh.read()).hexdigest() == expected[rel]
        iso_names = [name for _, _, files in iso.walk(iso_path="/") for name in files]
        assert all(re.fullmatch(r"[A-Z0-9_]{1,8}\.[A-Z0-9_]{0,3};1", n) for n in iso_names)
    finally:
        iso.close()


@pytest.mark.skipif(shutil.which("xorriso") is None, reason="xorriso not installed")
def test_xorriso_sees_the_kazakh_name(tmp_path: Path) -> None:
    course, rendered = make_kit(tmp_path)
    [image] = package.build_package(course, rendered, "cd", tmp_path / "out")
    listing = subprocess.run(["xorriso", "-indev", str(image), "-find", "/", "-type", "f"],
                             capture_output=True, text=True, check=True).stdout
    assert "/lectures/01-жану.html" in listing and "/БАСТАУ.html" in listing


def test_zip_and_iso_are_byte_identical_when_built_twice(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    built = []
    for run, zone in ((1, "UTC"), (2, "Asia/Almaty")):  # the host's time zone changes nothing
        monkeypatch.setenv("TZ", zone)
        time.tzset()
        course, rendered = make_kit(tmp_path / f"src{run}")
        out = tmp_path / f"out{run}"
        _, zip_path = package.build_package(course, rendered, "usb", out)
        [image] = package.build_package(course, rendered, "dvd", out)
        built.append((zip_path.read_bytes(), image.read_bytes()))
    time.tzset()
    assert built[0] == built[1]


def test_too_big_for_the_medium_is_refused_naming_sizes(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    course, rendered = make_kit(tmp_path, video=b"\1" * 300_000)
    [image] = package.build_package(course, rendered, "cd", tmp_path / "out")
    before = image.read_bytes()
    monkeypatch.setitem(capacity.CAPACITY, "cd", 100_000)
    with pytest.raises(KitError) as refused:
        package.build_package(course, rendered, "cd", tmp_path / "out")
    message = str(refused.value)
    assert "CD" in message and "100000" in message and "media/lecture-01.mp4" in message
    assert "--transcode" in message
    assert image.read_bytes() == before                  # the previous image stays
    assert [p.name for p in (tmp_path / "out").iterdir()] == [image.name]  # no leftovers


def test_transcode_brings_the_videos_under_the_budget(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.media_samples import FFMPEG

    if FFMPEG is None:
        pytest.skip("ffmpeg is not installed")
    monkeypatch.setenv("EUMK_CACHE_DIR", str(tmp_path / "cache"))
    video = tmp_path / "big.mp4"  # lossless 720p: megabytes in 3 seconds
    subprocess.run([FFMPEG, "-loglevel", "error", "-f", "lavfi", "-i",
                    "testsrc2=size=1280x720:rate=25:duration=3", "-c:v", "libx264", "-preset",
                    "ultrafast", "-qp", "0", "-pix_fmt", "yuv420p", str(video)], check=True)
    assert video.stat().st_size > 3_000_000
    course, rendered = make_kit(tmp_path, video=video.read_bytes())
    others = [f for f in capacity.files_of(rendered.site_dir) if not f.rel.endswith(".mp4")]
    budget = capacity.iso_estimate(others) + 1_000_000   # the PDF, start page and a small video
    monkeypatch.setitem(capacity.CAPACITY, "cd", budget)
    with pytest.raises(KitError):
        package.build_package(course, rendered, "cd", tmp_path / "out")
    [image] = package.build_package(course, rendered, "cd", tmp_path / "out", transcode=True)
    assert image.stat().st_size <= budget


def test_banks_tickets_and_instructor_pages_are_refused(tmp_path: Path) -> None:
    for leaked in ("final/exam-questions.quiz.yml", "final/tickets.yml",
                   "lectures/02-notes.html", "data/copy.bin"):
        course, rendered = make_kit(tmp_path / leaked.replace("/", "_"))
        target = rendered.site_dir / leaked
        target.parent.mkdir(parents=True, exist_ok=True)
        source = FIXTURES / "case-course" / (
            "final/exam-questions.quiz.yml" if leaked == "data/copy.bin" else leaked)
        target.write_bytes(source.read_bytes() if source.exists() else b"<p>notes</p>")
        with pytest.raises(KitError, match="instructor"):
            package.build_package(course, rendered, "usb", tmp_path / "out")
        assert not (tmp_path / "out" / "case-course-usb").exists()


def test_secret_text_in_a_page_is_refused(tmp_path: Path) -> None:
    course, rendered = make_kit(tmp_path)
    page = rendered.site_dir / "seminars/01-seminar.html"
    page.write_text(page.read_text(encoding="utf-8").replace("Тапсырма", SECRET),
                    encoding="utf-8")
    with pytest.raises(KitError, match="seminars/01-seminar.html"):
        package.build_package(course, rendered, "dvd", tmp_path / "out")
    assert not (tmp_path / "out" / "case-course-dvd.iso").exists()


def test_leak_scan_finds_secrets_in_folders_zips_isos_and_pdfs(tmp_path: Path) -> None:
    course, rendered = make_kit(tmp_path)
    out = tmp_path / "out"
    folder, zip_path = package.build_package(course, rendered, "usb", out)
    [image] = package.build_package(course, rendered, "cd", out)
    [paper] = package.build_package(course, rendered, "paper", out)
    everything = [folder, zip_path, image, paper / "case-course.pdf"]
    assert leaks.scan(everything, [SECRET]) == []
    assert leaks.scan(everything, ["Жану — тотығу реакциясы"])  # a sentence that is there
    # the fixture's own leaky site: the secret in a page (HTML-escaped) and in the search index
    leaky = tmp_path / "leaky"
    shutil.copytree(folder, leaky)
    (leaky / "search/search_index.json").write_text(
        '{"docs":[{"text":"' + SECRET.encode("unicode_escape").decode() + '"}]}')
    (leaky / "extra.html").write_text("<p>Құпия жауап\n  тотығу реакциясы</p>", encoding="utf-8")
    hits = leaks.scan([leaky], [SECRET])
    assert {Path(h.where).name for h in hits} == {"search_index.json", "extra.html"}


def test_a_failed_run_leaves_the_previous_package(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    course, rendered = make_kit(tmp_path)
    out = tmp_path / "out"
    folder, zip_path = package.build_package(course, rendered, "usb", out)
    before = (manifest_of(folder), zip_path.read_bytes())

    def broken(*args: object, **kwargs: object) -> None:
        raise KitError("interrupted")

    (rendered.site_dir / "new-page.html").write_text("<p>new</p>")
    monkeypatch.setattr(package, "write_zip", broken)
    with pytest.raises(KitError):
        package.build_package(course, rendered, "usb", out)
    assert (manifest_of(folder), zip_path.read_bytes()) == before
    assert sorted(p.name for p in out.iterdir()) == ["case-course-usb", "case-course-usb.zip"]


def test_the_zip_deflates_text_at_the_fastest_level(tmp_path: Path) -> None:
    """Text is deflated at level 1 (the kit's zip step a fifth of level 6's time); media and
    PDFs are stored; the content is exactly what the folder holds."""
    import io
    import zlib

    from builder.case.zipkit import write_zip

    root = tmp_path / "kit"
    root.mkdir()
    text = "".join(f"<p>Өрт қауіпсіздігі, дәріс {n}: жану.</p>\n" for n in range(3000)).encode()
    (root / "page.html").write_bytes(text)
    (root / "kit.pdf").write_bytes(b"%PDF-1.7 " + bytes(range(256)) * 40)
    out = io.BytesIO()
    write_zip(root, out, "c", 1767225600)
    with zipfile.ZipFile(out) as archive:
        page, pdf = archive.getinfo("c/page.html"), archive.getinfo("c/kit.pdf")
        assert archive.read("c/page.html") == text
        assert pdf.compress_type == zipfile.ZIP_STORED
    fastest = zlib.compressobj(1, zlib.DEFLATED, -15)
    assert page.compress_size == len(fastest.compress(text) + fastest.flush())
