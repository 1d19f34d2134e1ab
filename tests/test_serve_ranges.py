"""The author's preview (`mkdocs serve`) answers HTTP Range requests, so a video chapter link
seeks in the preview as it does on a real web server."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from builder.plugin.ranges import byte_range, with_ranges
from tests.media_samples import make_video, needs_ffmpeg, vtt
from tests.sites import chromium, new_course, project
from tests.test_portal_video import LECTURE


@pytest.mark.parametrize(("header", "size", "part"), [
    ("bytes=0-99", 1000, (0, 99)), ("bytes=500-", 1000, (500, 999)),
    ("bytes=-100", 1000, (900, 999)), ("bytes=900-5000", 1000, (900, 999)),
    ("bytes=1000-", 1000, None), ("bytes=5-2", 1000, None), ("bytes=-", 1000, None),
    ("items=0-1", 1000, None),
])
def test_byte_ranges(header: str, size: int, part: tuple[int, int] | None) -> None:
    assert byte_range(header, size) == part


def call(app, path: str, headers: dict[str, str]) -> tuple[str, dict[str, str], bytes]:  # noqa: ANN001
    seen: dict[str, object] = {}

    def start_response(status: str, head: list[tuple[str, str]]) -> None:
        seen["status"], seen["headers"] = status, dict(head)

    environ = {"PATH_INFO": path, "REQUEST_METHOD": "GET", **headers}
    body = b"".join(app(environ, start_response))
    return str(seen["status"]), seen["headers"], body  # type: ignore[return-value]


def test_the_wrapper_serves_parts_and_leaves_pages_to_mkdocs(tmp_path: Path) -> None:
    (tmp_path / "media").mkdir()
    (tmp_path / "media" / "v.mp4").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "index.html").write_text("<p>page</p>")

    def mkdocs_app(environ, start_response):  # noqa: ANN001, ANN202
        start_response("200 OK", [("X-From", "mkdocs")])
        return [b"whole"]

    app = with_ranges(mkdocs_app, str(tmp_path))
    status, head, body = call(app, "/media/v.mp4", {"HTTP_RANGE": "bytes=256-259"})
    assert status.startswith("206") and body == bytes([0, 1, 2, 3])
    assert head["Content-Range"] == "bytes 256-259/1024" and head["Content-Type"] == "video/mp4"
    assert call(app, "/media/v.mp4", {"HTTP_RANGE": "bytes=2000-"})[0].startswith("416")
    assert call(app, "/media/v.mp4", {})[2] == b"whole"                 # no Range: MkDocs
    assert call(app, "/index.html", {"HTTP_RANGE": "bytes=0-1"})[2] == b"whole"  # pages too
    assert call(app, "/../etc/passwd", {"HTTP_RANGE": "bytes=0-1"})[2] == b"whole"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def preview(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    tmp = tmp_path_factory.mktemp("serve")
    root = project(tmp / "p")
    course = new_course(root, "video-course", "kk", **{
        "lectures/02-video.md": LECTURE,
        "media/lecture.kk.vtt": vtt(("00:00.000", "00:02.000", "Сәлеметсіздер ме")),
    })
    make_video(course / "media/lecture.mp4", seconds=4)
    port = free_port()
    env = {**os.environ, "EUMK_CACHE_DIR": str(tmp / "cache")}
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve",
                               "-a", f"127.0.0.1:{port}"], cwd=root, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                urllib.request.urlopen(base + "video-course/", timeout=5).read()
                break
            except (urllib.error.URLError, ConnectionError):
                assert server.poll() is None, "mkdocs serve stopped"
                assert time.monotonic() < deadline, "mkdocs serve did not start"
                time.sleep(0.5)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)


@needs_ffmpeg
def test_mkdocs_serve_answers_range_requests(preview: str) -> None:
    url = preview + "video-course/media/lecture.mp4"
    whole = urllib.request.urlopen(url, timeout=10).read()
    request = urllib.request.Request(url, headers={"Range": "bytes=100-199"})
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.status == 206
        assert response.headers["Content-Range"] == f"bytes 100-199/{len(whole)}"
        assert response.read() == whole[100:200]


@pytest.mark.e2e
@needs_ffmpeg
def test_a_chapter_link_seeks_in_the_preview(preview: str) -> None:
    with chromium() as browser:
        page = browser.new_page()
        page.goto(preview + "video-course/lectures/02-video/")
        page.wait_for_function("document.querySelector('video').readyState >= 1")
        page.locator("[data-eumk-seek]").nth(1).click()
        page.wait_for_function("document.querySelector('video').currentTime >= 1.9",
                               timeout=10000)
        assert page.evaluate("document.querySelector('video').seekable.end(0)") > 3
