"""Lecture videos in the built portal and in offline course sites: player, tracks, poster."""

from __future__ import annotations

from pathlib import Path

import pytest

from builder.plugin.build import build_course
from tests.media_samples import make_video, use_private_cache, vtt
from tests.sites import build, chromium, new_course, project, serve

LECTURE = """---
title: Бейне дәріс
module: M1
video: ../media/lecture.mp4
subtitles: {kk: ../media/lecture.kk.vtt}
chapters:
  - {title: Кіріспе, start: "00:00"}
  - {title: Өрт үшбұрышы, start: "00:02"}
---
## Дәріс мәтіні

""" + "Жану үшін жанғыш зат, тотықтырғыш және жылу көзі қажет. " * 30


@pytest.fixture(autouse=True)
def _cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    use_private_cache(tmp_path, monkeypatch)


@pytest.fixture
def portal(tmp_path: Path) -> Path:
    root = project(tmp_path / "p")
    course = new_course(root, "video-course", "kk", **{
        "lectures/02-video.md": LECTURE,
        "media/lecture.kk.vtt": vtt(("00:00.000", "00:02.000", "Сәлеметсіздер ме")),
    })
    make_video(course / "media/lecture.mp4", seconds=4)
    return root


def test_player_with_tracks_chapters_and_poster_in_the_portal(portal: Path) -> None:
    site = build(portal)
    page = site / "video-course/lectures/02-video/index.html"
    html = page.read_text(encoding="utf-8")
    assert '<source src="../../media/lecture.mp4" type="video/mp4">' in html
    assert 'srclang="kk"' in html and "../../media/lecture.kk.vtt" in html
    assert html.count("data-eumk-seek=") == 2
    article = html[html.index("<article"):]
    assert article.index("<video") < article.index("Дәріс мәтіні")
    assert (site / "video-course/media/lecture.poster.jpg").stat().st_size > 500
    assert (site / "video-course/media/lecture.mp4").is_file()


def test_offline_course_inlines_subtitles(portal: Path, tmp_path: Path) -> None:
    rendered = build_course(portal / "mkdocs.yml", portal / "courses/video-course",
                            tmp_path / "kit", offline=True)
    html = (rendered.site_dir / "lectures/02-video.html").read_text(encoding="utf-8")
    assert 'src="data:text/vtt;charset=utf-8;base64,' in html
    assert (rendered.site_dir / "media/lecture.poster.jpg").is_file()


@pytest.mark.e2e
def test_chapter_button_seeks_the_video(portal: Path) -> None:
    site = build(portal)
    with serve(site) as base, chromium() as browser:
        page = browser.new_page()
        page.goto(base + "video-course/lectures/02-video/")
        page.wait_for_function("document.querySelector('video').readyState >= 1")
        assert page.evaluate("document.querySelector('video').textTracks.length") == 1
        page.click("button[data-eumk-seek='2.0'], button[data-eumk-seek='2']")
        page.wait_for_function("document.querySelector('video').currentTime >= 1.9")
