"""The paper kit is complete: interim tests printed with options, blanks and columns, their answer
key at the end (never a final key), bookmarks opening where their item starts, wide tables in A4."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from builder.case.pdf import build_pdf
from builder.load import load_course
from builder.rendered import RenderedCourse, RenderedPage
from tests.case_kits import FIXTURES, PAGES, SECRET

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                reason="pdftotext not installed")

BANK = """\
title: 1-модуль бойынша тест
questions:
  - id: q-single
    type: single
    module: M1
    text: Электр қондырғысындағы өртті немен сөндіреді?
    options:
      - {text: Көмірқышқыл газбен, correct: true}
      - {text: Сумен}
      - {text: Көбікпен}
  - id: q-multiple
    type: multiple
    module: M1
    text: Өрт үшбұрышына не кіреді?
    options:
      - {text: Жылу, correct: true}
      - {text: Оттегі, correct: true}
      - {text: Құм}
  - id: q-tf
    type: truefalse
    module: M1
    text: Майды сумен сөндіруге болады.
    answer: false
  - id: q-number
    type: short
    module: M1
    text: Құтқару қызметінің нөмірі?
    answers: ["112"]
  - id: q-match
    type: matching
    module: M1
    text: Өрт класын затпен сәйкестендіріңіз.
    pairs:
      - {left: A класы, right: Қатты заттар}
      - {left: B класы, right: Сұйықтар}
      - {left: "", right: Металдар}
  - id: q-essay
    type: essay
    module: M1
    text: Эвакуация жоспарын сипаттаңыз.
  - id: q-numerical
    type: numerical
    module: M1
    text: Өрт сөндіргішті неше айда бір тексереді?
    answers:
      - {value: 12, tolerance: 1}
"""

# Long enough that the lecture spans pages: its sections start on later pages than it does.
LONG = "".join(f"<h2 id='part-{n}'>Бөлім {n} жалыны</h2>" + "<p>Жану — тотығу реакциясы. </p>" * 40
               for n in range(1, 5))
# A plan of nine columns with long Kazakh words: must stay inside the A4 text area.
WIDE = ("<table><thead><tr>" + "".join(f"<th>Практикалық{n}</th>" for n in range(9))
        + "</tr></thead><tbody><tr>"
        + "".join("<td>өртқауіптілігініңанықтамасы</td>" for _ in range(9))
        + "</tr></tbody></table>")


def page_texts(pdf: Path) -> list[str]:
    out = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, check=True,
                         text=True).stdout
    return [" ".join(page.split()) for page in out.split("\f")[:-1]]


@pytest.fixture(scope="module", params=[1, 3], ids=["one-part", "three-parts"])
def paper(tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest) -> Path:
    """The kit printed whole, and in three parts rendered in parallel, then merged."""
    tmp = tmp_path_factory.mktemp("paper")
    course_dir = tmp / "course"
    shutil.copytree(FIXTURES / "case-course", course_dir)
    (course_dir / "interim" / "module-1.quiz.yml").write_text(BANK, encoding="utf-8")
    site = tmp / "site"
    shutil.copytree(FIXTURES / "case-site", site)
    lecture = site / "lectures" / "01-жану.html"
    lecture.write_text(lecture.read_text(encoding="utf-8").replace(
        "</article>", LONG + "</article>"), encoding="utf-8")
    syllabus = site / "syllabus.html"
    syllabus.write_text(syllabus.read_text(encoding="utf-8").replace(
        "</article>", WIDE + "</article>"), encoding="utf-8")
    quiz = site / "interim" / "module-1.quiz.html"
    quiz.write_text((site / "interim" / "01-control.html").read_text(encoding="utf-8")
                    .replace("Бақылау жұмысы", "1-модуль бойынша тест"), encoding="utf-8")
    course, findings = load_course(course_dir)
    assert not [f for f in findings if f.severity == "error"]
    pages = [RenderedPage(c, t, h) for c, t, h in PAGES]
    pages.insert(5, RenderedPage("interim", "1-модуль бойынша тест", "interim/module-1.quiz.html"))
    target = tmp / "kit.pdf"
    build_pdf(course, RenderedCourse(course.slug, site, pages, offline=True), target, 1700000000,
              workers=request.param)
    return target


def _flat(reader: PdfReader, outline: list, depth: int = 0) -> list[tuple[int, str, int]]:
    out: list[tuple[int, str, int]] = []
    for item in outline:
        if isinstance(item, list):
            out += _flat(reader, item, depth + 1)
        else:
            out.append((depth, item.title, reader.get_destination_page_number(item)))
    return out


def test_every_bookmark_opens_the_page_where_its_heading_is_printed(paper: Path) -> None:
    reader = PdfReader(paper)
    texts = page_texts(paper)
    items = _flat(reader, reader.outline)
    assert len(items) > 15
    for _depth, title, page in items:
        # the first page after the contents (page 2) where the heading stands
        printed = next(n for n, text in enumerate(texts) if n > 1 and title in text)
        assert page == printed, f"bookmark {title!r} → page {page + 1}, printed on {printed + 1}"
    lecture = next(p for d, t, p in items if t == "Жану процесі")
    last_part = next(p for d, t, p in items if t == "Бөлім 4 жалыны")
    assert last_part > lecture   # the lecture spans pages: its bookmark is its FIRST page


def test_outline_nests_component_page_section(paper: Path) -> None:
    items = _flat(PdfReader(paper), PdfReader(paper).outline)
    depth = {title: d for d, title, _ in items}
    assert depth["Дәрістер конспектісі"] == 0
    assert depth["Жану процесі"] == 1
    assert depth["Бөлім 1 жалыны"] == 2
    assert depth["Өзін-өзі тексеру тесттерінің жауаптары"] == 0


def test_interim_test_printed_with_options_blanks_and_columns(paper: Path) -> None:
    whole = " ".join(page_texts(paper)[2:])
    start = whole.index("1-сұрақ")
    quiz = whole[start:whole.index("Өзін-өзі тексеру тесттерінің жауаптары", start)]
    for printed in ("Электр қондырғысындағы өртті немен сөндіреді?", "1. ", "2. ", "3. ",
                    "Көмірқышқыл газбен", "Сумен", "Көбікпен", "Бір дұрыс жауаптың нөмірін",
                    "Барлық дұрыс жауаптардың нөмірлерін", "Ақиқат", "Жалған",
                    "Жауабыңыз (сан):", "6-сұрақ Эвакуация жоспарын сипаттаңыз. Жауабыңыз:",
                    "1. A класы", "2. B класы", "1 – ____",
                    "А. Металдар", "Б. Сұйықтар", "В. Қатты заттар",
                    "7-сұрақ Өрт сөндіргішті неше айда бір тексереді? Жауабыңыз (сан):"):
        assert printed in quiz, printed
    assert "112" not in quiz   # the answer is in the key at the end, not under the question


def test_interim_answers_at_the_end_under_their_heading_final_keys_never(paper: Path) -> None:
    texts = page_texts(paper)
    assert "Өзін-өзі тексеру тесттерінің жауаптары" in texts[-1]
    key = texts[-1].split("Өзін-өзі тексеру тесттерінің жауаптары")[-1]
    assert "1-модуль бойынша тест" in key
    assert "112" in key and "1–В, 2–Б" in key and "7 12 ± 1" in key
    assert "автоматты түрде бағаланбайды" in key   # the essay
    # the right option's printed number, whatever the shuffle made it
    quiz = next(t for t in texts[2:] if "1-сұрақ" in t)
    options = re.findall(r"(\d)\. (Көмірқышқыл газбен|Сумен|Көбікпен)", quiz)
    right = next(n for n, o in options if o == "Көмірқышқыл газбен")
    assert re.search(rf"\b1 {right} 2 ", key), key
    assert SECRET not in " ".join(texts)
    assert "Өзін-өзі тексеру тесттерінің жауаптары" in texts[1]   # listed in the contents


def test_wide_tables_stay_inside_the_a4_text_area(paper: Path) -> None:
    out = subprocess.run(["pdftotext", "-bbox", str(paper), "-"], capture_output=True,
                         check=True, text=True).stdout
    for page in re.findall(r"<page width=\"([\d.]+)\".*?</page>", out, re.S):
        assert abs(float(page) - 595.28) < 1   # A4 portrait, slides are not in this kit
    right = 595.28 - 18 / 25.4 * 72 + 1        # the right margin (18 mm), 1 pt of slack
    widest = max(float(x) for x in re.findall(r'xMax="([\d.]+)"', out))
    assert widest <= right, f"text reaches {widest:.1f} pt, the margin is at {right:.1f} pt"
    assert "өртқ" in " ".join(page_texts(paper))   # the table is printed, its words wrapped


def test_the_portal_typeface_is_embedded(paper: Path) -> None:
    out = subprocess.run(["pdffonts", str(paper)], capture_output=True, check=True,
                         text=True).stdout
    names = [line.split()[0] for line in out.splitlines()[2:]]
    assert names and all("+Noto-Sans" in name for name in names), names
    assert any("Light" not in n and "Bold" not in n and "Cyrillic-Ext" in n for n in names)
