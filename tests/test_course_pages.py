"""Generated course pages: heading ids keep Kazakh and Russian letters, the syllabus's contents
list the generated thematic plan and literature, the schedule says when no session is ahead and
shows meeting links short."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from builder.plugin.pages import link_text
from tests.sites import build, new_course, project
from tests.test_portal import KK_LECTURE

PAST = """timezone: Asia/Almaty
teacher: Әлиев Н.Т.
channel: https://meet.example.kz/very/long/meeting/room/for/the/fire-safety-course?pwd=123456
sessions:
  - {date: 2020-02-03, start: "15:00", minutes: 60, topic: Бұрынғы кеңес}
"""
AHEAD = PAST.replace("2020-02-03", "2099-02-03")
RU_LECTURE = "---\ntitle: Лекция\nmodule: M1\n---\n## Введение в безопасность\n\nТекст.\n"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = project(tmp_path_factory.mktemp("course-pages"))
    new_course(root, "past", "kk", **{"lectures/02-fire.md": KK_LECTURE,
                                      "consultations.yml": PAST})
    new_course(root, "ahead", "ru", **{"lectures/02-ru.md": RU_LECTURE,
                                       "consultations.yml": AHEAD})
    return build(root)


def test_heading_ids_keep_cyrillic_letters(site: Path) -> None:
    kk = (site / "past/lectures/02-fire/index.html").read_text(encoding="utf-8")
    assert 'id="кіріспе"' in kk and 'href="#кіріспе"' in kk
    ru = (site / "ahead/lectures/02-ru/index.html").read_text(encoding="utf-8")
    assert 'id="введение-в-безопасность"' in ru
    assert not re.search(r'id="_\d*"', kk + ru)


def test_syllabus_contents_list_the_generated_sections(site: Path) -> None:
    html = (site / "past/syllabus/index.html").read_text(encoding="utf-8")
    toc = html[html.index('md-nav--secondary'):]
    toc = toc[:toc.index("</nav>")]
    for anchor, title in (("thematic-plan", "Тақырыптық жоспар"), ("literature", "Әдебиеттер"),
                          ("literature-basic", "Негізгі әдебиеттер"),
                          ("literature-additional", "Қосымша әдебиеттер")):
        assert f'href="#{anchor}"' in toc and title in toc, anchor
        assert f'id="{anchor}"' in html
    assert toc.index("#thematic-plan") < toc.index("#literature")


def test_schedule_says_when_no_session_is_ahead(site: Path) -> None:
    past = (site / "past/consultations/index.html").read_text(encoding="utf-8")
    note = re.search(r"<p[^>]*data-eumk-none[^>]*>", past).group(0)
    assert "hidden" not in note and "Алда кеңес жоқ" in past
    ahead = (site / "ahead/consultations/index.html").read_text(encoding="utf-8")
    assert "hidden" in re.search(r"<p[^>]*data-eumk-none[^>]*>", ahead).group(0)
    assert ">meet.example.kz/…</a>" in past
    assert 'href="https://meet.example.kz/very/long/meeting/room' in past


@pytest.mark.parametrize(("url", "text"), [
    ("https://meet.example.kz/ts-2104", "meet.example.kz/ts-2104"),
    ("https://zoom.us/j/1234567890123?pwd=abcdefghijklmnop", "zoom.us/…"),
    ("http://a.kz/", "a.kz"),
])
def test_meeting_links_are_shown_short(url: str, text: str) -> None:
    assert link_text(url) == text
