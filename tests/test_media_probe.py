"""Probing media with ffprobe, and the content-hash cache that spares a second `eumk check`."""

from __future__ import annotations

from pathlib import Path

import ffmpeg
import pytest

from builder.media import cache
from builder.media.probe import probe
from tests.conftest import MakeCourse, run_rules
from tests.media_samples import make_audio, make_video, needs_ffmpeg, use_private_cache

pytestmark = needs_ffmpeg


@pytest.fixture(autouse=True)
def private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return use_private_cache(tmp_path, monkeypatch)


def test_probe_reads_duration_codecs_resolution_and_size(tmp_path: Path) -> None:
    video = make_video(tmp_path / "v.mp4", seconds=2, size="96x64", rate=10)
    info = probe(video)
    assert info.playable and info.error is None
    assert info.duration == pytest.approx(2.0, abs=0.1)
    assert (info.video_codec, info.audio_codec) == ("h264", "aac")
    assert (info.width, info.height, info.pix_fmt, info.fps) == (96, 64, "yuv420p", 10.0)
    assert info.size == video.stat().st_size > 0
    assert "mp4" in info.container


def test_probe_of_audio_only_and_of_files_that_are_not_media(tmp_path: Path) -> None:
    audio = probe(make_audio(tmp_path / "talk.mp3"))
    assert audio.playable and audio.audio_codec == "mp3" and audio.video_codec is None
    text = tmp_path / "notes.mp4"
    text.write_text("these are lecture notes, not a video\n")
    assert not probe(text).playable and probe(text).error
    picture = make_video(tmp_path / "still.png", seconds=0.1, audio=False, vcodec="png",
                         pix_fmt="rgb24")
    assert not probe(picture).playable and "image" in (probe(picture).error or "")


def test_a_second_probe_neither_runs_ffprobe_nor_rehashes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, private_cache: Path) -> None:
    video = make_video(tmp_path / "v.mp4")
    first = probe(video)
    assert list((private_cache / "probe").glob("*.json"))  # stored under the cache folder

    def fail(*args: object, **kwargs: object) -> None:
        raise AssertionError("probed or hashed again")

    monkeypatch.setattr(ffmpeg, "probe", fail)
    monkeypatch.setattr(cache, "file_sha256", fail)
    assert probe(video) == first


def test_the_cache_follows_content_not_names(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                             ) -> None:
    a = make_video(tmp_path / "a.mp4", seconds=1)
    probe(a)
    copy = tmp_path / "copy-of-a.mp4"
    copy.write_bytes(a.read_bytes())
    monkeypatch.setattr(ffmpeg, "probe", lambda *a, **k: pytest.fail("same content probed"))
    assert probe(copy).duration == probe(a).duration  # hashed, not probed
    monkeypatch.undo()
    monkeypatch.setenv("EUMK_CACHE_DIR", str(tmp_path / "eumk-cache"))
    make_video(a, seconds=2)  # new content, same name
    assert probe(a).duration == pytest.approx(2.0, abs=0.1)


def test_a_second_eumk_check_does_not_probe_again(
        make_course: MakeCourse, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    course = make_course({"lectures/01-intro.md": (
        "---\ntitle: Lecture 1\nmodule: M1\nvideo: ../media/lecture-01.mp4\n---\n"
        + "word " * 200)})
    make_video(course / "media" / "lecture-01.mp4")
    calls: list[str] = []
    real = ffmpeg.probe

    def counting(filename: str, **kwargs: object) -> dict:
        calls.append(filename)
        return real(filename, **kwargs)

    monkeypatch.setattr(ffmpeg, "probe", counting)
    first = run_rules(course)
    assert len(calls) == 1
    monkeypatch.setattr(ffmpeg, "probe", lambda *a, **k: pytest.fail("probed on the second run"))
    assert run_rules(course) == first
