"""The repo's own sample courses (kk fire-safety, ru first-aid) built once per test process into a
throwaway portal, for tests that look at every page type as a student meets it; fire-safety gets
a lecture with a (generated) video, subtitles and chapters, which the samples do not ship."""

from __future__ import annotations

import atexit
import contextlib
import functools
import shutil
import tempfile
from pathlib import Path

from tests.sites import REPO, build, project

SAMPLES = sorted(p for p in (REPO / "courses").iterdir() if (p / "course.yml").is_file())


@functools.cache
def sample_site() -> Path:
    """The built portal of the sample courses (student audience); removed at exit."""
    root = Path(tempfile.mkdtemp(prefix="eumk-samples-"))
    atexit.register(shutil.rmtree, root, True)
    project(root / "project", SAMPLES)
    _video_lecture(root / "project" / "courses" / "fire-safety")
    programmes = REPO / "programmes"
    if programmes.is_dir():
        shutil.copytree(programmes, root / "project" / "programmes")
    return build(root / "project")


def course_language(course: Path) -> str:
    for line in (course / "course.yml").read_text(encoding="utf-8").splitlines():
        if line.startswith("language:"):
            return line.split(":", 1)[1].split("#")[0].strip()
    return "en"


VIDEO_PAGE = "lectures/08-video.md"
VIDEO_LECTURE = """---
title: Бейнедәріс. Өрт сөндіргішпен жұмыс
module: M3
video: ../media/extinguisher.mp4
subtitles: {kk: ../media/extinguisher.kk.vtt}
chapters:
  - {title: Кіріспе, start: "00:00"}
  - {title: Өрт сөндіргішті қолдану, start: "00:02"}
---
## Бейненің мазмұны

Өрт сөндіргішті қолданудың төрт қадамы: тексеру, бағыттау, басу, сөндіру.
""" + "Өрт сөндіргішті тексеріп, пломбасын жұлып, шлангіні жалынның түбіне бағыттайды. " * 20


def _video_lecture(course: Path) -> None:
    from tests.media_samples import make_video, vtt

    (course / VIDEO_PAGE).write_text(VIDEO_LECTURE, encoding="utf-8")
    (course / "media").mkdir(exist_ok=True)
    (course / "media" / "extinguisher.kk.vtt").write_text(
        vtt(("00:00.000", "00:02.000", "Сәлеметсіздер ме")), encoding="utf-8")
    make_video(course / "media" / "extinguisher.mp4", seconds=4)


@functools.cache
def sample_kit() -> Path:
    """fire-safety as the root of a USB kit: its offline site and the start page (no PDF: the
    paper tests print; here the pages are looked at from file://)."""
    from builder.case.startpage import write_start_page
    from builder.load import load_course
    from builder.plugin.build import build_course

    project_dir = sample_site().parent
    course_dir = project_dir / "courses" / "fire-safety"
    kit = project_dir.parent / "kit"
    with contextlib.chdir(project_dir):
        build_course(project_dir / "mkdocs.yml", course_dir, kit, offline=True)
    course, _ = load_course(course_dir)
    write_start_page(course, kit, "fire-safety.pdf", "usb")
    return kit
