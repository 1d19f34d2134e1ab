"""video.*: duration (p.24), subtitles (p.44), missing/undecodable, codec, lecture text (p.24),
chapters (p.16) — each triggered and not, naming the page file and its front matter line."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import ffmpeg
import pytest

from builder.findings import Finding
from builder.profiles import RULES
from tests.conftest import MakeCourse, only, run_rules
from tests.media_samples import (
    make_long_video,
    make_video,
    needs_ffmpeg,
    use_private_cache,
    vtt,
)

pytestmark = needs_ffmpeg


@pytest.fixture(autouse=True)
def private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return use_private_cache(tmp_path, monkeypatch)


@pytest.fixture(scope="module")
def long_video(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_long_video(tmp_path_factory.mktemp("long"))
PAGE = "lectures/01-intro.md"
TEXT = "The full text of the lecture. " * 40  # 240 words
SUBS = {"media/lecture-01.en.vtt": vtt(("00:00.000", "00:01.000", "Hello"))}


def page(*meta: str, body: str = TEXT) -> str:
    """A lecture page: title and module on lines 2–3, then `meta` from line 4."""
    return "---\ntitle: Lecture 1\nmodule: M1\n" + "".join(f"{m}\n" for m in meta) + "---\n" + body


def lecture(make_course: MakeCourse, *meta: str, video: Path | None = None, body: str = TEXT,
            files: dict | None = None, name: str = "lecture-01.mp4", slug: str = "course"
            ) -> Path:
    course = make_course({PAGE: page(*meta, body=body), **SUBS, **(files or {})}, slug=slug)
    if video is None:
        video = make_video(course / "media" / name)
    elif video.parent != course / "media":
        (course / "media").mkdir(exist_ok=True)
        shutil.copy(video, course / "media" / name)
    return course


GOOD = ("video: ../media/lecture-01.mp4", "subtitles: {en: ../media/lecture-01.en.vtt}")


def video_findings(course: Path, profile: str = "mes-385") -> list[Finding]:
    return [f for f in run_rules(course, profile) if f.rule.startswith("video.")]


def test_a_good_lecture_video_has_no_findings(make_course: MakeCourse) -> None:
    assert video_findings(lecture(make_course, *GOOD)) == []


def test_every_rule_is_registered_with_its_clause() -> None:
    assert RULES["video.duration"].clause == "recommendations 004 p.24"
    assert RULES["video.text"].clause == "order 385 p.6.2"
    assert RULES["video.subtitles"].clause == "recommendations 004 p.44"
    assert RULES["video.chapters"].clause == "recommendations 004 p.16 (good practice)"
    assert RULES["video.missing"].severity == "error"


def test_longer_than_20_minutes_warns_and_is_an_error_under_he_2020(
        make_course: MakeCourse, long_video: Path) -> None:
    course = lecture(make_course, *GOOD, 'chapters: [{title: A, start: "00:00"}]',
                     video=long_video)
    [mes] = only(video_findings(course), "video.duration")
    assert (mes.severity, mes.file, mes.line, mes.clause) == (
        "warning", PAGE, 4, "recommendations 004 p.24")
    assert mes.params["duration"] == "21:00"
    assert "21:00" in mes.message("en") and "--split" in mes.hint("en")
    [he] = only(video_findings(course, "he-2020"), "video.duration")
    assert he.severity == "error"


def test_twenty_minutes_or_less_is_fine(make_course: MakeCourse) -> None:
    course = lecture(make_course, *GOOD)
    assert only(video_findings(course, "he-2020"), "video.duration") == []


def test_no_subtitles_in_the_course_language(make_course: MakeCourse) -> None:
    course = lecture(make_course, "video: ../media/lecture-01.mp4",
                     "subtitles: {ru: ../media/lecture-01.ru.vtt}",
                     files={"media/lecture-01.ru.vtt": vtt(("00:00.000", "00:01.000", "Привет"))})
    [found] = video_findings(course)
    assert (found.rule, found.line, found.severity, found.clause) == (
        "video.subtitles", 5, "warning", "recommendations 004 p.44")
    assert found.params["language"] == "en"
    assert "subtitles" in found.message("en") and "субтитр" in found.message("kk")
    no_key = lecture(make_course, "video: ../media/lecture-01.mp4", slug="no-key")
    [found] = only(video_findings(no_key), "video.subtitles")
    assert found.line == 4  # the video line when there is no subtitles key


def test_subtitles_that_are_not_webvtt(make_course: MakeCourse) -> None:
    course = lecture(make_course, *GOOD, files={
        "media/lecture-01.en.vtt": "1\n00:00:00,000 --> 00:00:01,000\nSRT, not WebVTT\n"})
    [found] = video_findings(course)
    assert (found.rule, found.key, found.line) == ("video.subtitles", "video.subtitles-format", 5)


def test_a_missing_video_file(make_course: MakeCourse) -> None:
    course = make_course({PAGE: page("video: ../media/nowhere.mp4",
                                     "subtitles: {en: ../media/lecture-01.en.vtt}"), **SUBS})
    [found] = video_findings(course)
    assert (found.rule, found.severity, found.file, found.line) == ("video.missing", "error",
                                                                   PAGE, 4)
    assert "../media/nowhere.mp4" in found.message("en")


def test_a_file_that_is_not_a_decodable_video(make_course: MakeCourse) -> None:
    course = lecture(make_course, *GOOD)
    (course / "media" / "lecture-01.mp4").write_bytes(b"\x00\x00\x00\x18ftypmp42 truncated")
    [found] = video_findings(course)
    assert (found.rule, found.key, found.line) == ("video.missing", "video.undecodable", 4)


@pytest.mark.parametrize(("name", "codecs", "problem"), [
    ("lecture-01.mkv", {}, ".mkv container"),
    ("lecture-01.avi", {"vcodec": "mpeg4", "acodec": "mp3"}, "mpeg4 video"),
    ("lecture-01.mp4", {"pix_fmt": "yuv444p"}, "h264 yuv444p video"),
    ("lecture-01.mp4", {"vcodec": "mpeg4"}, "mpeg4 video"),
])
def test_a_video_browsers_will_not_play(make_course: MakeCourse, tmp_path: Path, name: str,
                                        codecs: dict, problem: str) -> None:
    made = make_video(tmp_path / "src" / name, **codecs)
    course = lecture(make_course, f"video: ../media/{name}", GOOD[1], video=made, name=name)
    [found] = video_findings(course)
    assert (found.rule, found.severity, found.line) == ("video.codec", "warning", 4)
    assert problem in found.params["problem"]
    assert f"eumk media {course.name} --target 720p" in found.hint("en")
    assert "lecture-01.720p.mp4" in found.hint("en")


def test_a_linked_video_in_the_text_is_checked_too(make_course: MakeCourse, tmp_path: Path
                                                   ) -> None:
    made = make_video(tmp_path / "src" / "demo.avi", vcodec="mpeg4", acodec="mp3")
    course = lecture(make_course, *GOOD, body=TEXT + "\n\nSee [the demo](../media/demo.avi).\n",
                     files={})
    shutil.copy(made, course / "media" / "demo.avi")
    [found] = video_findings(course)
    assert (found.rule, found.line, found.params["target"]) == ("video.codec", 9,
                                                                "../media/demo.avi")


def test_a_lecture_video_without_the_lecture_text(make_course: MakeCourse) -> None:
    course = lecture(make_course, *GOOD, body="# Lecture 1\n\nWatch the video.\n")
    [found] = video_findings(course)
    assert (found.rule, found.severity, found.line, found.clause) == (
        "video.text", "error", 4, "order 385 p.6.2")
    assert found.params["words"] == 3
    assert "slides:" in found.hint("en")


def test_slides_or_a_non_lecture_page_need_no_text(make_course: MakeCourse) -> None:
    with_slides = lecture(make_course, *GOOD, "slides: ../media/lecture-01.pdf",
                          body="Watch the video.\n")
    assert only(video_findings(with_slides), "video.text") == []
    seminar = make_course({"seminars/01-seminar.md": page(*GOOD, body="Watch it.\n"), **SUBS},
                          slug="seminar")
    make_video(seminar / "media" / "lecture-01.mp4")
    assert only(video_findings(seminar), "video.text") == []


def test_a_long_video_without_chapters_and_chapters_out_of_order(
        make_course: MakeCourse, long_video: Path) -> None:
    course = lecture(make_course, *GOOD, video=long_video)
    [found] = only(video_findings(course), "video.chapters")
    assert (found.line, found.clause) == (4, "recommendations 004 p.16 (good practice)")
    course = lecture(make_course, *GOOD, 'chapters: [{title: B, start: "05:00"}, '
                     '{title: A, start: "01:00"}]', video=long_video, slug="unordered")
    [found] = only(video_findings(course), "video.chapters")
    assert (found.key, found.line) == ("video.chapters-order", 6)


def test_chapters_from_a_webvtt_file(make_course: MakeCourse, long_video: Path) -> None:
    chapters = vtt(("00:00.000", "10:00.000", "Part A"), ("10:00.000", "21:00.000", "Part B"))
    course = lecture(make_course, *GOOD, "chapters: ../media/lecture-01.chapters.vtt",
                     video=long_video, files={"media/lecture-01.chapters.vtt": chapters})
    assert only(video_findings(course), "video.chapters") == []
    course = lecture(make_course, *GOOD, "chapters: ../media/none.chapters.vtt",
                     video=long_video, slug="no-file")
    [found] = only(video_findings(course), "video.chapters")
    assert (found.key, found.line) == ("video.chapters-invalid", 6)


def test_without_ffprobe_the_check_says_so_once(make_course: MakeCourse,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    course = lecture(make_course, *GOOD, body=TEXT + "\n[demo](../media/lecture-01.mp4)\n")

    def absent(*args: object, **kwargs: object) -> None:
        raise FileNotFoundError("ffprobe")

    monkeypatch.setattr(ffmpeg, "probe", absent)
    found = video_findings(course)
    assert [f.rule for f in found] == ["video.tool"]
    assert "ffmpeg" in found[0].hint("en")


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_every_message_is_filled_in_every_language(make_course: MakeCourse, long_video: Path,
                                                   lang: str) -> None:
    course = lecture(make_course, "video: ../media/lecture-01.mp4", video=long_video,
                     body="Short.\n")
    found = video_findings(course)
    assert {f.rule for f in found} == {"video.duration", "video.subtitles", "video.chapters",
                                       "video.text"}
    for finding in found:
        for text in (finding.message(lang), finding.hint(lang)):
            assert text and not re.search(r"\{[a-z_]+\}", text), (finding.rule, text)


def test_duration_applies_to_lecture_pages_only(make_course: MakeCourse, long_video: Path) -> None:
    seminar = make_course({"seminars/01-seminar.md": page(*GOOD, 'chapters: [{title: A, start: '
                                                          '"00:00"}]'), **SUBS}, slug="seminar")
    (seminar / "media").mkdir(exist_ok=True)
    shutil.copy(long_video, seminar / "media" / "lecture-01.mp4")
    assert only(video_findings(seminar, "he-2020"), "video.duration") == []


def test_the_text_a_lecture_video_needs_grows_with_its_length(make_course: MakeCourse,
                                                              long_video: Path) -> None:
    # 21 minutes × 60 words a minute = 1260 words; the page has 240
    course = lecture(make_course, *GOOD, 'chapters: [{title: A, start: "00:00"}]',
                     video=long_video)
    [found] = only(video_findings(course), "video.text")
    assert (found.params["words"], found.params["minimum"]) == (240, 1260)
    assert "60" in found.message("en")
    enough = lecture(make_course, *GOOD, 'chapters: [{title: A, start: "00:00"}]',
                     video=long_video, body="word " * 1260, slug="enough")
    assert only(video_findings(enough), "video.text") == []


def test_the_words_per_minute_ratio_is_a_profile_setting(make_course: MakeCourse,
                                                        long_video: Path) -> None:
    from builder import profiles
    from builder.rules import check_course

    course = lecture(make_course, *GOOD, 'chapters: [{title: A, start: "00:00"}]',
                     video=long_video, body="word " * 300)
    _, found = check_course(course, profiles.get("mes-385", words_per_video_minute=10),
                            root=course)
    assert only(found, "video.text") == []  # 21 × 10 = 210 ≤ 300
    _, found = check_course(course, profiles.get("mes-385"), root=course)
    assert [f.params["minimum"] for f in only(found, "video.text")] == [1260]


def test_video_text_cites_the_lecture_notes_or_the_2020_recommendations(
        make_course: MakeCourse) -> None:
    course = lecture(make_course, *GOOD, body="# Lecture 1\n\nWatch the video.\n")
    [mes] = only(video_findings(course), "video.text")
    [he] = only(video_findings(course, "he-2020"), "video.text")
    assert (mes.clause, he.clause) == ("order 385 p.6.2", "recommendations 004 p.24")
