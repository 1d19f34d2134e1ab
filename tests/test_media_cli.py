"""`eumk media SLUG [--target 480p|720p] [--split] [--update]`: exit codes, files, offers."""

from __future__ import annotations

from pathlib import Path

import pytest

from builder.cli import main
from builder.media.probe import probe
from tests.conftest import MakeCourse
from tests.media_samples import make_long_video, make_video, needs_ffmpeg, use_private_cache, vtt

pytestmark = needs_ffmpeg
PAGE = "lectures/01-intro.md"
TEXT = "The full text of the lecture. " * 40


@pytest.fixture(autouse=True)
def private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return use_private_cache(tmp_path, monkeypatch)


def course_with(make_course: MakeCourse, *meta: str, name: str = "lecture-01.mp4",
                long: bool = False) -> Path:
    head = "---\ntitle: Lecture 1\nmodule: M1\n" + "".join(f"{m}\n" for m in meta) + "---\n"
    course = make_course({PAGE: head + TEXT})
    if long:
        make_long_video(course / "media").rename(course / "media" / name)
    else:
        make_video(course / "media" / name, seconds=2, size="320x240")
    return course


def test_listing_a_courses_videos(make_course: MakeCourse, capsys: pytest.CaptureFixture) -> None:
    course = course_with(make_course, "video: ../media/lecture-01.mp4")
    assert main(["media", str(course)]) == 0
    out = capsys.readouterr().out
    assert "media/lecture-01.mp4: 0:02, h264, aac, 320×240" in out


def test_transcoding_offers_the_front_matter_change(make_course: MakeCourse,
                                                    capsys: pytest.CaptureFixture) -> None:
    course = course_with(make_course, "video: ../media/lecture-01.mkv", name="lecture-01.mkv")
    before = (course / PAGE).read_text(encoding="utf-8")
    assert main(["media", str(course), "--target", "480p"]) == 0
    out = capsys.readouterr().out
    made = course / "media" / "lecture-01.480p.mp4"
    assert probe(made).video_codec == "h264" and probe(made).height == 240
    assert f"{PAGE}, line 4" in out and "+ ../media/lecture-01.480p.mp4" in out
    assert "--update" in out
    assert (course / PAGE).read_text(encoding="utf-8") == before  # nothing changed silently
    # again, with --update: no second encoding, only the named line changes
    stamp = made.stat().st_mtime_ns
    assert main(["media", str(course), "--target", "480p", "--update"]) == 0
    out = capsys.readouterr().out
    assert made.stat().st_mtime_ns == stamp and "up to date" in out
    after = (course / PAGE).read_text(encoding="utf-8")
    assert after == before.replace("video: ../media/lecture-01.mkv",
                                   "video: ../media/lecture-01.480p.mp4")


def test_splitting_a_long_lecture_at_its_chapters(make_course: MakeCourse,
                                                  capsys: pytest.CaptureFixture) -> None:
    course = course_with(make_course, "video: ../media/lecture-01.mp4",
                         "subtitles: {en: ../media/lecture-01.en.vtt}",
                         'chapters: [{title: One, start: "00:00"}, {title: Two, start: "10:30"}]',
                         long=True)
    (course / "media/lecture-01.en.vtt").write_text(
        vtt(("10:29.000", "10:32.000", "across the cut")), encoding="utf-8")
    assert main(["media", str(course), "--split"]) == 0
    out = capsys.readouterr().out
    parts = sorted((course / "media").glob("lecture-01.part*.mp4"))
    assert [p.name for p in parts] == ["lecture-01.part1.mp4", "lecture-01.part2.mp4"]
    assert all((probe(p).duration or 0) <= 20 * 60 for p in parts)
    assert (course / "media/lecture-01.part2.en.vtt").read_text().count("00:00:00.000 --> "
                                                                        "00:00:02.000") == 1
    assert "video: ../media/lecture-01.part2.mp4" in out
    assert "chapters: ../media/lecture-01.part2.chapters.vtt" in out
    assert "subtitles: {en: ../media/lecture-01.part2.en.vtt}" in out


def test_splitting_is_refused_without_suitable_chapters(make_course: MakeCourse,
                                                        capsys: pytest.CaptureFixture) -> None:
    course = course_with(make_course, "video: ../media/lecture-01.mp4",
                         'chapters: [{title: Everything, start: "00:00"}]', long=True)
    assert main(["media", str(course), "--split"]) == 1
    out = capsys.readouterr().out
    assert "cannot be split" in out and "'Everything' alone lasts 21.0 min" in out
    assert not list((course / "media").glob("*.part*"))


def test_bad_usage_and_missing_ffmpeg_give_messages_not_tracebacks(
        make_course: MakeCourse, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture) -> None:
    assert main(["media", "no-such-course"]) == 2
    assert "no course 'no-such-course'" in capsys.readouterr().err
    with pytest.raises(SystemExit) as caught:
        main(["media", "x", "--target", "4k"])
    assert caught.value.code == 2
    course = course_with(make_course, "video: ../media/lecture-01.mp4")
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    assert main(["media", str(course), "--target", "720p"]) == 1
    err = capsys.readouterr().err
    assert "ffmpeg is not installed" in err and "apt-get install ffmpeg" in err
    assert "Traceback" not in err
