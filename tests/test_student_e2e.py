"""Every page type as a student meets it, in headless Chromium: 0 serious or critical axe-core
violations, nothing scrolls sideways at 390 px, quizzes and video chapters work with the
keyboard alone, the consultation schedule stays readable (past sessions, phones, no session
ahead) — portal over HTTP and the offline kit from file://."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.sample_portal import sample_kit, sample_site
from tests.sites import chromium, serve
from tests.test_fonts import rendered_fonts

pytestmark = pytest.mark.e2e

PAGES = {
    "catalogue": "",
    "compliance": "compliance/",
    "rules": "rules/",
    "course home": "fire-safety/",
    "syllabus": "fire-safety/syllabus/",
    "lecture with video": "fire-safety/lectures/08-video/",
    "seminar": "fire-safety/seminars/01-combustion-air/",
    "quiz": "fire-safety/interim/module-1.quiz/",
    "quiz (ru)": "first-aid/interim/module-3.quiz/",
    "consultations": "fire-safety/consultations/",
    "consultations (ru)": "first-aid/consultations/",
}
KIT_PAGES = ["БАСТАУ.html", "index.html", "lectures/08-video.html", "interim/module-1.quiz.html",
             "consultations.html"]
SERIOUS = ("serious", "critical")


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with chromium() as b:
        yield b


@pytest.fixture(scope="module")
def portal() -> Iterator[str]:
    site = sample_site()
    programmes = sorted(p.relative_to(site).parent.as_posix() + "/"
                        for p in site.glob("programmes/*/index.html"))
    assert programmes   # the repo ships a programme (programmes/6B12301.yml)
    PAGES.update({"programme": programmes[0]})
    with serve(site) as base:
        yield base


def axe_serious(page) -> list[str]:  # noqa: ANN001
    from axe_playwright_python.sync_playwright import Axe

    violations = Axe().run(page).response["violations"]
    return [f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes'][:3]]}"
            for v in violations if v["impact"] in SERIOUS]


def overflow(page) -> list[str]:  # noqa: ANN001
    """What is wider than the screen: the page itself, and the widest culprits."""
    return page.evaluate("""() => {
      const root = document.documentElement;
      if (root.scrollWidth <= root.clientWidth && document.body.scrollWidth <= root.clientWidth)
        return [];
      return [`page ${root.scrollWidth} > ${root.clientWidth}`, ...[...document.querySelectorAll(
        'body *')].filter(e => e.getBoundingClientRect().right > root.clientWidth + 1)
        .slice(-5).map(e => e.tagName + '.' + e.className)];
    }""")


def test_every_page_type_has_no_serious_axe_violation(portal: str, browser) -> None:  # noqa: ANN001
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    found = {}
    for name, url in PAGES.items():
        page.goto(portal + url)
        page.wait_for_load_state("load")
        problems = axe_serious(page)
        if problems:
            found[name] = problems
    assert not found, found
    page.close()


def test_the_dark_scheme_too(portal: str, browser) -> None:  # noqa: ANN001
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    found = {}
    for name in ("catalogue", "course home", "consultations", "quiz", "programme"):
        page.goto(portal + PAGES[name])
        # Material fades colours for 125 ms on a scheme change; axe must read the final ones,
        # not a mid-fade mix (a loaded machine caught the navigation half-way).
        page.add_style_tag(content="*, *::before, *::after { transition: none !important; }")
        page.evaluate("document.body.setAttribute('data-md-color-scheme', 'slate')")
        if name == "quiz":
            page.locator("form.eumk-quiz button[type=submit]").click()
            page.locator(".eumk-quiz__score").wait_for(state="visible")
        problems = axe_serious(page)
        if problems:
            found[name] = problems
    assert not found, found
    page.close()


def test_nothing_scrolls_sideways_at_390_px(portal: str, browser) -> None:  # noqa: ANN001
    page = browser.new_page(viewport={"width": 390, "height": 844}, is_mobile=True)
    wide = {}
    for name, url in PAGES.items():
        page.goto(portal + url)
        page.wait_for_load_state("load")
        width = page.evaluate("[document.documentElement.scrollWidth, "
                              "document.documentElement.clientWidth]")
        assert width[1] <= 390
        if overflow(page):
            wide[name] = overflow(page)
    assert not wide, wide
    page.close()


def test_quiz_by_keyboard_alone_then_no_axe_violation(portal: str, browser) -> None:  # noqa: ANN001
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(portal + PAGES["quiz"])
    form = page.locator("form.eumk-quiz")
    first = form.locator("input[type=radio]").first
    first.focus()
    page.keyboard.press("Space")                 # choose an option
    assert first.is_checked()
    page.keyboard.press("ArrowDown")             # radios move with the arrows
    matching = form.locator("select").first
    matching.focus()
    page.keyboard.press("ArrowDown")             # choose a matching answer by keyboard
    assert matching.input_value() != ""
    assert not form.locator("button[type=reset]").is_visible()   # "retry" only after checking
    submit = form.locator("button[type=submit]")
    submit.focus()
    page.keyboard.press("Enter")
    score = form.locator(".eumk-quiz__score")
    score.wait_for(state="visible")
    assert score.inner_text().strip()
    assert page.evaluate("document.activeElement.classList.contains('eumk-quiz__score')")
    assert form.locator(".eumk-quiz__result:not([hidden])").count() > 0
    assert not axe_serious(page)
    page.close()


def test_video_chapters_by_keyboard_alone(portal: str, browser) -> None:  # noqa: ANN001
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(portal + PAGES["lecture with video"])
    page.wait_for_function("document.querySelector('video').readyState >= 1")
    chapter = page.locator("[data-eumk-seek]").nth(1)
    page.keyboard.press("Tab")
    for _ in range(80):                           # Tab through the page to the chapter
        if page.evaluate("document.activeElement.hasAttribute('data-eumk-seek') && "
                         "document.activeElement.dataset.eumkSeek !== '0'"):
            break
        page.keyboard.press("Tab")
    else:
        raise AssertionError("the second chapter is not reachable with Tab")
    page.keyboard.press("Enter")
    page.wait_for_function("document.querySelector('video').currentTime >= 1.9")
    page.wait_for_function("document.querySelectorAll('[data-eumk-seek]')[1]"
                           ".getAttribute('aria-current') === 'true'", timeout=5000)
    assert chapter.get_attribute("aria-current") == "true"
    page.close()


def test_consultations_readable_on_phones_and_say_when_none_is_ahead(
        portal: str, browser) -> None:  # noqa: ANN001
    page = browser.new_page(viewport={"width": 390, "height": 844}, is_mobile=True)
    page.goto(portal + PAGES["consultations"])
    # the samples' sessions are in spring 2026: the page says none is ahead
    none = page.locator("[data-eumk-none]")
    if page.evaluate("Date.now() > Date.parse('2026-06-01')"):
        assert none.is_visible() and "Алда кеңес жоқ" in none.inner_text()
    rows = page.locator("table.eumk-schedule tbody tr")
    assert rows.count() > 5
    assert page.evaluate("getComputedStyle(document.querySelector("
                         "'table.eumk-schedule tbody tr')).display") == "block"   # a card
    links = page.locator("table.eumk-schedule a")
    assert links.count() and all(len(t) <= 30 for t in links.all_inner_texts())
    assert links.first.get_attribute("href").startswith("https://")
    past = page.locator("tr.eumk-past").first
    assert page.evaluate("e => getComputedStyle(e).opacity", past.element_handle()) == "1"
    assert past.locator(".eumk-past__label").is_visible()
    page.close()


def test_offline_kit_pages_from_file(browser) -> None:  # noqa: ANN001
    kit = sample_kit()
    found, wide = {}, {}
    for viewport, record in (({"width": 1280, "height": 800}, found),
                             ({"width": 390, "height": 844}, wide)):
        page = browser.new_page(viewport=viewport)
        for rel in KIT_PAGES:
            page.goto((kit / rel).as_uri())
            page.wait_for_load_state("load")
            problems = axe_serious(page) if record is found else overflow(page)
            if problems:
                record[rel] = problems
            if record is found and rel in ("БАСТАУ.html", "lectures/08-video.html"):
                page.evaluate("document.fonts.ready.then(() => true)")   # the kit's own font
                for font in rendered_fonts(page, "h1"):
                    assert font["postScriptName"].startswith("NotoSans-"), (rel, font)
        page.close()
    assert not found, found
    assert not wide, wide


def test_pages_checked_exist(portal: str) -> None:
    site = sample_site()
    for url in PAGES.values():
        assert (site / url / "index.html").is_file(), url
    kit = sample_kit()
    assert all((kit / rel).is_file() for rel in KIT_PAGES)
    assert Path(kit / "assets" / "fonts" / "noto-sans").is_dir()
