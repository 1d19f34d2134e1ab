"""Posters, transcoding (target and byte budget), splitting at chapters, WebVTT offsets."""

from __future__ import annotations

from pathlib import Path

import pytest

from builder.errors import KitError
from builder.media import poster as poster_module
from builder.media import transcode as transcode_module
from builder.media import vtt
from builder.media.poster import make_poster, poster_name
from builder.media.probe import MediaInfo, probe
from builder.media.split import Part, SplitError, can_copy, plan_parts, split
from builder.media.transcode import TARGETS, plan_to_fit, transcode, transcode_to_fit
from tests.media_samples import (
    make_audio,
    make_long_video,
    make_video,
    needs_ffmpeg,
    use_private_cache,
)

pytestmark = needs_ffmpeg


@pytest.fixture(autouse=True)
def private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return use_private_cache(tmp_path, monkeypatch)


@pytest.fixture(scope="module")
def long_video(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_long_video(tmp_path_factory.mktemp("long"))


# -- posters ---------------------------------------------------------------------------------
def test_a_poster_is_a_jpeg_frame_reproducible_and_cached(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    video = make_video(tmp_path / "lecture-01.mp4", seconds=3, size="160x120")
    first, second = tmp_path / "site/a.jpg", tmp_path / "site/b.jpg"
    make_poster(video, first)
    assert first.read_bytes()[:3] == b"\xff\xd8\xff"  # JPEG
    monkeypatch.setattr(poster_module, "_extract",
                        lambda *a: pytest.fail("the cached poster was extracted again"))
    make_poster(video, second)
    assert second.read_bytes() == first.read_bytes()
    monkeypatch.undo()
    monkeypatch.setenv("EUMK_CACHE_DIR", str(tmp_path / "other-cache"))
    third = tmp_path / "site/c.jpg"
    make_poster(video, third)  # extracted afresh: same bytes
    assert third.read_bytes() == first.read_bytes()
    later = tmp_path / "site/d.jpg"
    make_poster(video, later, at_seconds=2.5)  # testsrc moves: another frame
    assert later.read_bytes() != first.read_bytes()
    assert poster_name(video) == "lecture-01.poster.jpg"


def test_no_poster_for_audio(tmp_path: Path) -> None:
    with pytest.raises(KitError):
        make_poster(make_audio(tmp_path / "talk.mp3"), tmp_path / "p.jpg")


# -- transcoding -----------------------------------------------------------------------------
def test_transcode_to_a_target_gives_browser_safe_mp4_with_progress(tmp_path: Path) -> None:
    src = make_video(tmp_path / "src.mkv", seconds=3, size="640x480", pix_fmt="yuv444p")
    heard: list[float] = []
    info = transcode(src, tmp_path / "out/src.480p.mp4", "480p", heard.append)
    assert (info.video_codec, info.audio_codec, info.pix_fmt) == ("h264", "aac", "yuv420p")
    assert (info.width, info.height) == (640, 480)
    assert sum(heard) == pytest.approx(3.0, abs=0.3)  # from ffmpeg's -progress output
    data = (tmp_path / "out/src.480p.mp4").read_bytes()
    assert data.index(b"moov") < data.index(b"mdat")  # -movflags +faststart
    assert not list((tmp_path / "out").glob(".*"))  # no temporary file left


def test_transcode_scales_down_but_never_up(tmp_path: Path) -> None:
    big = make_video(tmp_path / "big.mp4", seconds=1, size="1280x720")
    small = make_video(tmp_path / "small.mp4", seconds=1, size="96x64", audio=False)
    assert transcode(big, tmp_path / "b.mp4", "480p").height == 480
    out = transcode(small, tmp_path / "s.mp4", "720p")
    assert (out.width, out.height, out.audio_codec) == (96, 64, None)


def test_a_budget_picks_the_target_and_bitrate(monkeypatch: pytest.MonkeyPatch) -> None:
    lecture = MediaInfo(size=300_000_000, duration=20 * 60, video_codec="h264")
    monkeypatch.setattr(transcode_module, "probe", lambda path: lecture)
    videos = [Path(f"lecture-{i}.mp4") for i in range(3)]  # an hour of lectures
    assert plan_to_fit(videos, 10**9).target.name == "720p"
    plan = plan_to_fit(videos, 500_000_000)
    assert plan.target.name == "480p" and plan.estimated_bytes <= 500_000_000
    tight = plan_to_fit(videos, 70_000_000)
    assert tight.target.name == "240p" and tight.video_kbps < TARGETS["240p"].video_kbps
    assert tight.estimated_bytes <= 70_000_000
    with pytest.raises(KitError, match=r"need at least \d+ MB .* than the 20 MB"):
        plan_to_fit(videos, 20_000_000)


def test_transcode_to_fit_stays_within_the_budget(tmp_path: Path) -> None:
    videos = [make_video(tmp_path / f"v{i}.mp4", seconds=4, size="320x240") for i in (1, 2)]
    budget = 2 * 4 * (90 + 48) * 1000 // 8 + 8_000  # just above the lowest bitrate
    out = transcode_to_fit(videos, budget, tmp_path / "fit")
    assert sorted(p.name for p in out.values()) == ["v1.240p.mp4", "v2.240p.mp4"]
    assert sum(p.stat().st_size for p in out.values()) <= budget


# -- splitting -------------------------------------------------------------------------------
def test_parts_group_chapters_up_to_the_limit() -> None:
    chapters = [("Intro", 0), ("A", 300), ("B", 630), ("C", 1000)]
    parts = plan_parts(1260, chapters)
    assert [(p.start, p.end) for p in parts] == [(0, 1000), (1000, 1260)]
    assert parts[0].chapters == (("Intro", 0), ("A", 300), ("B", 630))
    assert parts[1].chapters == (("C", 0),)
    assert all(p.length <= 1200 for p in parts)
    late = plan_parts(1260, [("A", 60), ("B", 700)])  # before the first chapter: part 1
    assert [(p.start, p.end) for p in late] == [(0, 700), (700, 1260)]


@pytest.mark.parametrize(("chapters", "key"), [
    ([], "media_split_no_chapters"),
    ([("Intro", 0), ("All of it", 30)], "media_split_long_chapter"),
])
def test_splitting_is_refused_when_chapters_cannot_give_short_parts(chapters: list, key: str
                                                                    ) -> None:
    with pytest.raises(SplitError) as caught:
        plan_parts(1260, chapters)
    assert caught.value.key == key


def test_split_copies_streams_when_cuts_fall_on_keyframes(tmp_path: Path) -> None:
    src = make_video(tmp_path / "lec.mp4", seconds=6, rate=10, gop=10)  # a keyframe each second
    parts = [Part(1, 0, 3, (("One", 0),)), Part(2, 3, 6, (("Two", 0), ("Three", 1.5)))]
    subs = tmp_path / "lec.en.vtt"
    subs.write_text(vtt.dump([vtt.Cue(0.5, 1.0, "a"), vtt.Cue(2.5, 3.5, "b"),
                              vtt.Cue(4.0, 5.0, "c")]), encoding="utf-8")
    written = split(src, parts, tmp_path / "out", {"en": subs})
    assert [f.video.name for f in written] == ["lec.part1.mp4", "lec.part2.mp4"]
    assert all(f.copied for f in written)
    for files in written:  # stream copy cuts at packets (8 kHz AAC: 128 ms)
        assert probe(files.video).duration == pytest.approx(3.0, abs=0.25)
    second = written[1]
    assert [(c.start, c.end, c.text) for c in vtt.read(second.subtitles["en"])] == [
        (0.0, 0.5, "b"), (1.0, 2.0, "c")]
    assert [(c.start, c.end, c.text) for c in vtt.read(second.chapters)] == [
        (0.0, 1.5, "Two"), (1.5, 3.0, "Three")]


def test_split_reencodes_when_a_cut_is_not_on_a_keyframe(tmp_path: Path) -> None:
    src = make_video(tmp_path / "lec.mp4", seconds=6, rate=10, gop=100)
    parts = [Part(1, 0, 2.5), Part(2, 2.5, 6)]
    assert not can_copy(src, probe(src), parts)
    written = split(src, parts, tmp_path / "out")
    assert not any(f.copied for f in written)
    assert [round(probe(f.video).duration or 0, 1) for f in written] == [2.5, 3.5]
    assert probe(written[1].video).video_codec == "h264"


def test_splitting_a_real_21_minute_lecture(long_video: Path, tmp_path: Path) -> None:
    parts = plan_parts(probe(long_video).duration or 0, [("First", 0), ("Second", 630)])
    written = split(long_video, parts, tmp_path)
    assert all(f.copied for f in written)  # keyframes every 30 s
    assert [round(probe(f.video).duration or 0) for f in written] == [630, 630]


# -- WebVTT ----------------------------------------------------------------------------------
def test_webvtt_round_trip_and_errors() -> None:
    text = ("WEBVTT - lecture\n\nNOTE a comment\n\n1\n00:01.000 --> 00:02.500 line:0\nБірінші\n"
            "жол\n\n01:00:00.000 --> 01:00:01.000\nlate\n")
    cues = vtt.parse(text)
    assert cues[0] == vtt.Cue(1.0, 2.5, "Бірінші\nжол", "1", "line:0")
    assert cues[1].start == 3600.0
    assert vtt.parse(vtt.dump(cues)) == cues
    with pytest.raises(vtt.VttError):
        vtt.parse("1\n00:00:01,000 --> 00:00:02,000\nSRT\n")
    with pytest.raises(vtt.VttError) as caught:
        vtt.parse("WEBVTT\n\n00:0x.000 --> 00:02.000\nbad\n")
    assert caught.value.line == 3
