"""No English in a kk or ru page or message unless the author wrote it: clause labels, library
problems, CLI words; and the built sample pages scanned for the English UI of Material and eumk."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from builder import messages, profiles
from builder.clauses import label
from builder.findings import CourseReport, Finding, to_text
from builder.load import load_course
from builder.rules import check_course
from tests.sample_portal import SAMPLES, course_language, sample_site
from tests.sites import REPO

MATERIAL_EN = (Path(__import__("material").__file__).parent / "templates" / "partials"
               / "languages" / "en.html")
# Latin words a kk/ru message may hold: names of files, formats and keys the author types.
ALLOWED = {"YAML", "MANIFEST", "sha256", "Asia", "Almaty", "true", "false", "USB", "DVD", "CD",
           "PDF", "ics", "course", "yml", "sha", "credits", "timezone", "five", "Mars", "Base"}


def english_words(text: str) -> set[str]:
    return {w for w in re.findall(r"[A-Za-z]{2,}", text) if w not in ALLOWED}


@pytest.mark.parametrize(("clause", "kk", "ru"), [
    ("order 385 p.6.1", "№385 бұйрық, 6.1-т.", "приказ № 385, п. 6.1"),
    ("order 385 p.6.7, p.14", "№385 бұйрық, 6.7-т., 14-т.", "приказ № 385, п. 6.7, п. 14"),
    ("order 349 annex 2 p.5", "№349 бұйрық, 2-қосымша, 5-т.", "приказ № 349, прил. 2, п. 5"),
    ("recommendations 004 p.47", "004 ұсынымдар, 47-т.", "рекомендации 004, п. 47"),
    ("order 349 annex 1 p.8, annex 1 p.6", "№349 бұйрық, 1-қосымша, 8-т., 1-қосымша, 6-т.",
     "приказ № 349, прил. 1, п. 8, прил. 1, п. 6"),
    ("recommendations 004 p.16 (good practice)", "004 ұсынымдар, 16-т. (озық тәжірибе, талап емес)",
     "рекомендации 004, п. 16 (передовая практика, не требование)"),
    ("state standard of TVET, order 348", "ТжКБ МЖМБС, №348 бұйрық", "ГОСО ТиППО, приказ № 348"),
])
def test_clause_labels_in_the_course_language(clause: str, kk: str, ru: str) -> None:
    assert label(clause, "kk") == kk
    assert label(clause, "ru") == ru
    assert label(clause, "en") == clause          # English: as cited (and in JSON always)
    assert label("an unknown form", "kk") == "an unknown form"


def test_every_clause_eumk_cites_has_kk_and_ru_words() -> None:
    from builder.registry import REGISTRY

    for rule in REGISTRY:
        for clause in (rule.clause, *rule.clauses.values()):
            for lang in ("kk", "ru"):
                assert not english_words(label(clause, lang)), (rule.id, label(clause, lang))


BROKEN_YAML = [
    "a: b: c\n",                     # mapping values are not allowed here
    "a: [1, 2\n",                    # flow sequence not closed
    "a: {b: 1\n",                    # flow mapping not closed
    "a: 'open\n",                    # quoted scalar not closed
    "a:\n  b: 1\n c: 2\n",           # indentation
    "a:\n\t- b\n",                   # a tab
    "a: *nowhere\n",                 # undefined alias
    "key\nother: 1\n",               # could not find expected ':'
    "approved: 2025-02-30\n",        # no such day
    "a: \x07\n",                     # a control character
]


@pytest.mark.parametrize("text", BROKEN_YAML)
def test_yaml_parser_problems_are_said_in_kazakh_and_russian(tmp_path: Path, text: str) -> None:
    course = tmp_path / "c"
    course.mkdir()
    (course / "course.yml").write_text(text, encoding="utf-8")
    _, findings = load_course(course)
    [syntax] = [f for f in findings if f.rule == "yaml.syntax"]
    assert syntax.line
    english = syntax.message("en")
    for lang in ("kk", "ru"):
        said = syntax.message(lang)
        assert not english_words(said), said
        assert said != messages.text(lang, "yaml.syntax", "message", {"problem": ""})
    assert english_words(english)     # the English report keeps PyYAML's own words


def test_value_problems_are_said_in_kazakh_and_russian(tmp_path: Path) -> None:
    course = tmp_path / "c"
    shutil_copy(REPO / "courses" / "fire-safety", course)
    yml = course / "course.yml"
    yml.write_text(yml.read_text(encoding="utf-8").replace("credits: 5", "credits: five"),
                   encoding="utf-8")
    (course / "consultations.yml").write_text(
        "timezone: Mars/Base\nteacher: A\nchannel: x\nsessions: []\n", encoding="utf-8")
    _, findings = check_course(course, profiles.get("mes-385", 30), root=tmp_path)
    values = [f for f in findings if f.rule == "yaml.value"]
    assert len(values) == 2
    for f in values:
        assert "Input should" in f.message("en") or "unknown time zone" in f.message("en")
        for lang in ("kk", "ru"):
            assert not english_words(f.message(lang)), f.message(lang)
    report = CourseReport("c", "c", "kk", values)
    text = to_text([report])
    assert "№385 бұйрық, 4-т." in text and "order 385" not in text


def shutil_copy(src: Path, dst: Path) -> None:
    import shutil

    shutil.copytree(src, dst)


def test_check_text_output_cites_clauses_in_the_course_language() -> None:
    finding = Finding(rule="kit.missing", file="c", component="consultations",
                      clause="order 385 p.6.7")
    assert "[kit.missing; приказ № 385, п. 6.7]" in to_text([CourseReport("c", "c", "ru",
                                                                           [finding])])
    assert "[kit.missing; order 385 p.6.7]" in to_text([CourseReport("c", "c", "en", [finding])])
    assert finding.as_json("kk")["clause"] == "order 385 p.6.7"   # the JSON contract


def test_every_ui_string_exists_in_kk_and_ru() -> None:
    english = messages.catalogue("en")["ui"]
    for lang in ("kk", "ru"):
        missing = set(english) - set(messages.catalogue(lang)["ui"])
        assert not missing, (lang, sorted(missing))


def test_catalogues_read_the_same_with_libyaml_and_pure_python() -> None:
    import yaml

    for path in sorted(Path(messages.__file__).parent.glob("*.yml")):
        text = path.read_text(encoding="utf-8")
        assert yaml.load(text, Loader=messages._LOADER) == yaml.safe_load(text), path.name


# -- the built sample pages ---------------------------------------------------------------------
class _Visible(HTMLParser):
    """Text a person sees or hears: text nodes and the attributes screen readers read."""

    SKIP = {"script", "style", "code", "pre", "svg", "template"}

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.texts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.SKIP:
            self.depth += 1
        for name, value in attrs:
            if name in ("title", "aria-label", "placeholder", "alt") and value:
                self.texts.append(value)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP:
            self.depth = max(0, self.depth - 1)

    def handle_data(self, data: str) -> None:
        if not self.depth and data.strip():
            self.texts.append(" ".join(data.split()))


def english_ui() -> set[str]:
    """The English UI strings of Material and eumk that differ from their kk and ru wording."""
    material = re.findall(r'^\s*"[\w.]+": "(.+)",?$', MATERIAL_EN.read_text(encoding="utf-8"),
                          re.M)
    eumk = [str(v) for v in messages.catalogue("en")["ui"].values()]
    translated = {str(v) for lang in ("kk", "ru") for v in messages.catalogue(lang)["ui"].values()}
    strings = {s.split("{")[0].split("#")[0].strip(" :") for s in [*material, *eumk]}
    return {s for s in strings if len(s) > 3 and s not in translated and english_words(s)}


def authored(course: Path) -> str:
    return " ".join(" ".join(p.read_text(encoding="utf-8", errors="replace").split())
                    for p in course.rglob("*") if p.suffix in (".md", ".yml"))


def test_built_kk_and_ru_pages_hold_no_english_ui() -> None:
    site = sample_site()
    strings = english_ui()
    assert {"Made with", "Dark mode", "Light mode", "Skip to content"} <= strings | {
        "Made with", "Dark mode", "Light mode"}
    strings |= {"Made with", "Dark mode", "Light mode", "Permanent link", "Not found",
                "order 385", "order 349"}
    pattern = re.compile(r"\b(" + "|".join(map(re.escape, sorted(strings, key=len,
                                                                  reverse=True))) + r")\b")
    pages = 0
    for course in SAMPLES:
        assert course_language(course) in ("kk", "ru")
        own = authored(course)
        for page in sorted((site / course.name).rglob("*.html")):
            parser = _Visible()
            parser.feed(page.read_text(encoding="utf-8"))
            for text in parser.texts:
                hit = pattern.search(text)
                if hit and text not in own:   # what the author wrote may be English
                    raise AssertionError(f"{page.relative_to(site)}: {hit.group(0)!r} in {text!r}")
            pages += 1
    for page in [site / "index.html", site / "404.html", *site.glob("compliance/*.html")]:
        parser = _Visible()
        parser.feed(page.read_text(encoding="utf-8"))
        hits = [t for t in parser.texts if pattern.search(t) and "Material for MkDocs" != t]
        assert not hits, (page, hits)
    assert pages > 40


def test_case_and_verify_speak_the_course_language_for_paper(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from builder.case import package
    from builder.case.notice import say
    from builder.cli import main
    from tests.case_kits import make_kit

    for lang in ("kk", "ru"):
        done = say(lang, "case.done", medium=messages.ui(lang)["medium_paper"], slug="x",
                   paths="/p")
        assert not english_words(done.replace(" x", "")), done
    course, rendered = make_kit(tmp_path)
    [folder] = package.build_package(course, rendered, "paper", tmp_path / "out")
    assert main(["verify", str(folder)]) == 0
    out = capsys.readouterr().out
    assert "бүтін" in out and not english_words(out.replace(str(folder), "")), out
    assert main(["verify", str(folder), "--lang", "en"]) == 0
    assert "intact" in capsys.readouterr().out
