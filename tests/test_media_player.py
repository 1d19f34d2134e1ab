"""The lecture video player: its data (tracks, chapters, poster) and, in headless Chromium from
file://, subtitles that load and chapter buttons that seek."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jinja2
import pytest

from builder.load import load_course
from builder.media.player import player_data, site_poster
from builder.model import Page
from tests.media_samples import make_video, needs_ffmpeg, use_private_cache, vtt
from tests.sites import chromium

pytestmark = needs_ffmpeg
ROOT = Path(__file__).resolve().parents[1]
THEME = ROOT / "theme"
PAGE = """---
title: Жану процесі
video: ../media/lecture-01.mp4
subtitles: {ru: ../media/lecture-01.ru.vtt, kk: ../media/lecture-01.kk.vtt}
chapters:
  - {title: Кіріспе, start: "00:00"}
  - {title: Өрт үшбұрышы, start: "00:03"}
  - {title: Қорытынды, start: "01:05"}
slides: ../media/lecture-01.pdf
---
Дәріс мәтіні.
"""


@pytest.fixture(autouse=True)
def private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return use_private_cache(tmp_path, monkeypatch)


def lecture_page(course: Path) -> Page:
    (course / "lectures").mkdir(parents=True, exist_ok=True)
    (course / "lectures/01-fire.md").write_text(PAGE, encoding="utf-8")
    (course / "course.yml").write_text("language: kk\n", encoding="utf-8")
    (course / "media").mkdir(exist_ok=True)
    (course / "media/lecture-01.kk.vtt").write_text(
        vtt(("00:00.000", "00:04.000", "Сәлеметсіздер ме")), encoding="utf-8")
    (course / "media/lecture-01.ru.vtt").write_text(
        vtt(("00:00.000", "00:04.000", "Здравствуйте")), encoding="utf-8")
    make_video(course / "media/lecture-01.mp4", seconds=8, size="160x120")
    loaded, _ = load_course(course)
    return next(p for p in loaded.pages if p.rel == "lectures/01-fire.md")


def url_for(course: Path, page: Page):  # noqa: ANN201
    """URLs as a built page at lectures/01-fire.html sees the mirrored course files."""
    import os

    return lambda path: Path(os.path.relpath(path, page.path.parent)).as_posix()


def test_player_data(tmp_path: Path) -> None:
    course = tmp_path / "course"
    page = lecture_page(course)
    data = player_data(page, "kk", url_for(course, page))
    assert data is not None
    json.dumps(data)  # JSON-able
    assert (data["src"], data["type"]) == ("../media/lecture-01.mp4", "video/mp4")
    assert data["poster"] == "../media/lecture-01.poster.jpg"
    assert data["slides"] == "../media/lecture-01.pdf"
    # the course language first and default; each language named in itself
    assert [(t["srclang"], t["label"], t["default"]) for t in data["tracks"]] == [
        ("kk", "Қазақша", True), ("ru", "Русский", False)]
    assert data["tracks"][0]["src"] == "../media/lecture-01.kk.vtt"
    assert data["chapters"] == [
        {"title": "Кіріспе", "seconds": 0.0, "label": "0:00"},
        {"title": "Өрт үшбұрышы", "seconds": 3.0, "label": "0:03"},
        {"title": "Қорытынды", "seconds": 65.0, "label": "1:05"}]
    assert data["labels"]["chapters"] == "Тараулар"
    inline = player_data(page, "kk", url_for(course, page), inline_tracks=True)
    assert inline and inline["tracks"][0]["src"].startswith("data:text/vtt;charset=utf-8;base64,")
    page.meta.video = None
    assert player_data(page, "kk", url_for(course, page)) is None


def test_chapters_from_a_webvtt_file_and_the_site_poster(tmp_path: Path) -> None:
    course = tmp_path / "course"
    page = lecture_page(course)
    (course / "media/lecture-01.chapters.vtt").write_text(
        vtt(("00:00.000", "00:02.000", "Бірінші"), ("00:02.000", "00:08.000", "Екінші")),
        encoding="utf-8")
    page.meta.chapters = "../media/lecture-01.chapters.vtt"
    data = player_data(page, "kk", url_for(course, page))
    assert data and [(c["title"], c["seconds"]) for c in data["chapters"]] == [
        ("Бірінші", 0.0), ("Екінші", 2.0)]
    site = tmp_path / "site"
    assert site_poster(page, course, site)
    assert (site / "media/lecture-01.poster.jpg").read_bytes()[:2] == b"\xff\xd8"


def render(page: Page, course: Path, out: Path, inline: bool) -> Path:
    """The partial in a minimal page, with the theme's JS and CSS, written beside the media."""
    data = player_data(page, "kk", url_for(course, page), inline_tracks=inline)
    site_poster(page, course, course)
    for asset in ("javascripts/eumk-video.js", "stylesheets/eumk-video.css"):
        shutil.copy(THEME / "assets" / asset, out.parent / Path(asset).name)
    env = jinja2.Environment(loader=jinja2.ChoiceLoader([
        jinja2.FileSystemLoader(str(THEME)),
        jinja2.DictLoader({"base.html": (
            '<!doctype html><html lang="kk"><head><meta charset="utf-8">'
            '<link rel="stylesheet" href="eumk-video.css"></head><body>'
            '{% include "partials/eumk/video.html" %}<article>{{ content }}</article>'
            '<script src="eumk-video.js"></script></body></html>')})]))
    html = env.get_template("base.html").render(page={"meta": {"eumk_video": data}},
                                                content="Дәріс мәтіні.")
    out.write_text(html, encoding="utf-8")
    return out


@pytest.mark.e2e
def test_the_player_from_file_urls_in_chromium(tmp_path: Path) -> None:
    course = tmp_path / "course"
    page = lecture_page(course)
    inline = render(page, course, course / "lectures/01-fire.html", inline=True)
    linked = render(page, course, course / "lectures/linked.html", inline=False)
    with chromium() as browser:
        view = browser.new_page()
        view.goto(inline.as_uri())
        view.wait_for_function("document.querySelector('video').readyState >= 1")
        tracks = view.evaluate("""() => { const v = document.querySelector('video');
            return Array.from(v.textTracks).map(t => [t.language, t.label, t.mode]); }""")
        assert tracks == [["kk", "Қазақша", "showing"], ["ru", "Русский", "disabled"]]
        view.wait_for_function("document.querySelector('track').readyState === 2")  # LOADED
        cue = view.evaluate("document.querySelector('video').textTracks[0].cues[0].text")
        assert cue == "Сәлеметсіздер ме"
        assert view.evaluate("document.querySelector('video').poster").endswith(
            "media/lecture-01.poster.jpg")
        buttons = view.locator("[data-eumk-seek]")
        assert buttons.count() == 3
        buttons.nth(1).click()
        view.wait_for_function("Math.abs(document.querySelector('video').currentTime - 3) < 1")
        assert buttons.nth(1).get_attribute("aria-current") == "true"
        assert buttons.nth(0).get_attribute("aria-current") is None
        # Chromium refuses <track src="x.vtt"> from file:// (unique origins): hence inline tracks
        view.goto(linked.as_uri())
        view.wait_for_function("document.querySelector('track').readyState === 3")  # ERROR
