"""Self-check quizzes: quiz_data for interim banks only, secrets of final control, and the page
in headless Chromium from file:// (rendered with Jinja from theme/, no server, no network)."""

from __future__ import annotations

import shutil
from pathlib import Path

import jinja2
import pytest

from builder.load import load_course
from builder.model import Bank, Course
from builder.quiz.secrets import secret_strings
from builder.quiz.view import quiz_data
from tests.conftest import MakeCourse

THEME = Path(__file__).resolve().parents[1] / "theme"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run"]
# Material's main.html stands in: the blocks eumk-quiz.html fills, and the `url` filter.
MAIN = """<!doctype html><html lang="en"><head><meta charset="utf-8">
{% block styles %}{% endblock %}
</head><body><main class="md-typeset">{% block content %}<h1>{{ page.title }}</h1>{% endblock %}
</main>{% block scripts %}{% endblock %}</body></html>"""


def course(make_course: MakeCourse, slug: str = "course") -> Course:
    return load_course(make_course(overlay="quiz-course", slug=slug))[0]


def interim(c: Course) -> Bank:
    return c.banks_of("interim")[0]


def test_quiz_data_renders_markdown_and_keys(make_course: MakeCourse) -> None:
    data = quiz_data(interim(course(make_course)), "kk")
    assert data["title"] == "Module 1 self-check" and data["ui"]["check"] == "Тексеру"
    single, multiple, truefalse, short, matching, essay = data["questions"]
    assert "<strong>electrical</strong>" in single["html"]
    assert "arithmatex" in single["html"]  # formulas kept for MathJax/KaTeX
    assert [o["correct"] for o in single["options"]] == [True, False, False]
    assert [o["correct"] for o in truefalse["options"]] == [False, True]
    assert truefalse["options"][0]["html"] == "Ақиқат"
    assert short["answers"] == ["112", "101"]
    choice = {c["key"]: c["text"] for c in matching["choices"]}
    assert [choice[p["right"]] for p in matching["pairs"]] == ["Solids", "Liquids"]
    assert len(matching["choices"]) == 3 and len(matching["pairs"]) == 2
    assert essay["scored"] is False


def test_final_banks_are_refused(make_course: MakeCourse) -> None:
    with pytest.raises(ValueError):
        quiz_data(course(make_course).banks_of("final")[0], "en")


def test_secret_strings(make_course: MakeCourse) -> None:
    secrets = secret_strings(course(make_course))
    assert "Secret exam answer alpha" in secrets and "Secret exam answer beta" in secrets
    assert "Өрт сөндіргіштің түрлері мен қолданылуы." in secrets  # a ticket question
    assert "Carbon dioxide" not in secrets  # interim answers are public
    assert all(len(s) >= 8 for s in secrets)


def render_page(data: dict, site: Path) -> Path:
    """The quiz page with the theme's assets beside it, as a case kit would hold it."""
    env = jinja2.Environment(loader=jinja2.ChoiceLoader([
        jinja2.DictLoader({"main.html": MAIN}), jinja2.FileSystemLoader(THEME)]),
        autoescape=True)
    env.filters["url"] = lambda value: value
    html = env.get_template("eumk-quiz.html").render(page={"title": data["title"],
                                                           "meta": {"quiz": data}})
    for rel in ("assets/javascripts/eumk-quiz.js", "assets/stylesheets/eumk-quiz.css"):
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(THEME / rel, site / rel)
    page = site / "index.html"
    page.write_text(html, encoding="utf-8")
    return page


@pytest.mark.e2e
def test_quiz_in_chromium_from_file(make_course: MakeCourse, tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    data = quiz_data(interim(course(make_course)), "en")
    page_file = render_page(data, tmp_path / "site")
    requests: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        page = browser.new_page()
        page.on("request", lambda r: requests.append(r.url))
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(page_file.as_uri())
        form = page.locator("form[data-eumk-quiz]")
        # single: answer wrongly by keyboard-reachable label; multiple: right
        page.get_by_label("Water").check()
        for label in ("Heat", "Fuel", "Oxygen"):
            page.get_by_label(label, exact=True).check()
        page.get_by_label("False", exact=True).check()
        page.get_by_label("Your answer").first.fill("  112 ")
        page.get_by_label("Class A").select_option(label="Solids")
        page.get_by_label("Class B").select_option(label="Liquids")
        page.get_by_role("button", name="Check").click()
        score = form.locator(".eumk-quiz__score")
        assert score.get_attribute("aria-live") == "polite"
        assert score.inner_text() == "Score: 4 of 5"
        assert page.evaluate("document.activeElement.className") == "eumk-quiz__score"
        first = form.locator(".eumk-quiz__question").first
        assert first.locator(".eumk-quiz__verdict").inner_text() == "Incorrect"
        assert first.get_by_text("Water conducts electricity.").is_visible()
        assert first.get_by_text("See lecture 1.").is_visible()
        page.get_by_role("button", name="Try again").click()
        page.wait_for_function("document.querySelector('.eumk-quiz__score').textContent === ''")
        page.keyboard.press("Tab")  # focus moves through real controls
        assert page.evaluate("document.activeElement.tagName") in ("INPUT", "SELECT", "BUTTON")
        page.get_by_label("Carbon dioxide").check()
        page.get_by_role("button", name="Check").click()
        assert score.inner_text() == "Score: 1 of 5"
        orders = set()
        for _ in range(8):  # options are shuffled on every try
            page.reload()
            orders.add(tuple(page.locator(".eumk-quiz__question").first.locator(
                "input").evaluate_all("els => els.map(e => e.value)")))
        browser.close()
    assert len(orders) > 1
    assert errors == []
    assert all(url.startswith("file://") for url in requests)


def numbers_bank(c: Course) -> Bank:
    return next(b for b in c.banks_of("interim") if b.rel == "interim/module-2.quiz.yml")


def test_quiz_data_of_numerical_and_feedback(make_course: MakeCourse) -> None:
    data = quiz_data(numbers_bank(course(make_course)), "ru")
    pi, span, year, short, truefalse = data["questions"]
    assert pi["numbers"] == [{"value": 3.1415, "tolerance": 0.0005}]  # full credit only
    assert pi["answers_text"] == "3.1415 ± 0.0005"
    assert span["numbers"] == [{"value": 1992.5, "tolerance": 2.5}]
    assert year["numbers"] == [{"value": 1991, "tolerance": 0}]
    assert short["answers"] == ["nazareth"]  # the 75 % one is not "right"
    assert [o["feedback"] for o in truefalse["options"]] == [
        "<p>No: water spreads burning oil.</p>", "<p>Right.</p>"]


@pytest.mark.e2e
def test_numerical_quiz_in_chromium(make_course: MakeCourse, tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    data = quiz_data(numbers_bank(course(make_course)), "en")
    page_file = render_page(data, tmp_path / "site")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        page = browser.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(page_file.as_uri())
        fields = page.get_by_label("Your answer")
        fields.nth(0).fill(" 3,1417 ")  # a decimal comma, within the tolerance
        fields.nth(1).fill("1994")      # inside the range 1990..1995
        fields.nth(2).fill("1990")      # wrong
        fields.nth(3).fill("nazareth")
        page.get_by_label("True", exact=True).check()
        page.get_by_role("button", name="Check").click()
        verdicts = page.locator(".eumk-quiz__verdict").all_inner_texts()
        assert verdicts == ["Correct", "Correct", "Incorrect", "Correct", "Incorrect"]
        assert page.locator(".eumk-quiz__score").inner_text() == "Score: 3 of 5"
        assert page.get_by_text("No: water spreads burning oil.").is_visible()
        assert page.get_by_text("Right answer: 1991").is_visible()
        fields.nth(0).fill("3.15")  # outside ±0.0005
        fields.nth(2).fill("abc")
        page.get_by_role("button", name="Check").click()
        assert page.locator(".eumk-quiz__verdict").all_inner_texts()[:3] == [
            "Incorrect", "Correct", "Incorrect"]
        browser.close()
    assert errors == []
