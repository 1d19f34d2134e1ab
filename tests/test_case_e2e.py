"""A USB case kit opened from file:// in plain headless Chromium, with no network at all:
navigation, search, a self-check quiz and the video player all work, and no request leaves."""

from __future__ import annotations

from pathlib import Path

import pytest

from builder.cli import main
from tests.media_samples import make_video, use_private_cache, vtt
from tests.sites import chromium, new_course, project
from tests.test_portal import KK_LECTURE
from tests.test_portal_video import LECTURE as VIDEO_LECTURE

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def kit(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("case-e2e")
    with pytest.MonkeyPatch.context() as mp:
        use_private_cache(tmp, mp)
        root = project(tmp / "p")
        course = new_course(root, "kit-course", "kk", **{
            "lectures/02-fire.md": KK_LECTURE,
            "lectures/03-video.md": VIDEO_LECTURE,
            "media/lecture.kk.vtt": vtt(("00:00.000", "00:03.000", "Сәлеметсіздер ме")),
        })
        make_video(course / "media/lecture.mp4", seconds=4)
        mp.chdir(root)
        assert main(["case", "kit-course", "--medium", "usb", "--out", str(tmp / "out")]) == 0
    return tmp / "out" / "kit-course-usb"


def test_kit_works_from_file_without_network(kit: Path, tmp_path: Path) -> None:
    assert (kit / "index.html").is_file() and (kit / "MANIFEST.sha256").is_file()
    outside: list[str] = []
    with chromium() as browser:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        context.route("**/*", lambda route: (outside.append(route.request.url), route.abort())
                      if not route.request.url.startswith(("file:", "data:", "blob:"))
                      else route.continue_())
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto((kit / "index.html").as_uri())
        page.get_by_role("link", name="Өрт қауіпсіздігі").first.click()
        page.wait_for_url("**/lectures/02-fire.html")
        page.screenshot(path=str(tmp_path / "kit-lecture.png"))

        box = page.locator("input.md-search__input")
        box.click()
        box.fill("қауіпсіздік")
        box.press("End")
        page.wait_for_selector(".md-search-result__item", timeout=15000)
        hits = page.locator(".md-search-result__item a").evaluate_all(
            "els => els.map(e => e.getAttribute('href'))")
        assert any("02-fire.html" in h for h in hits), hits

        page.goto((kit / "interim/module-1.quiz.html").as_uri())
        page.get_by_label("The correct answer").check()
        page.locator("input[type=radio][value=true]").first.check()
        page.locator("form[data-eumk-quiz] button[type=submit]").first.click()
        score = page.locator(".eumk-quiz__score").first
        page.wait_for_function("document.querySelector('.eumk-quiz__score').textContent !== ''")
        assert "2" in score.inner_text()

        page.goto((kit / "lectures/03-video.html").as_uri())
        page.wait_for_function("document.querySelector('video').readyState >= 1")
        page.wait_for_function(
            "document.querySelector('video').textTracks[0].mode === 'showing'")
        page.locator("button[data-eumk-seek]").nth(1).click()
        page.wait_for_function("document.querySelector('video').currentTime >= 1.9")
    assert outside == []
    assert errors == []
