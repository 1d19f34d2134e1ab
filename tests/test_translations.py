"""The theme's UI strings (builder/plugin/translations.py + theme/partials/language.html): every
page is byte for byte what Material's language macros render, in each course language."""

from __future__ import annotations

import re
from pathlib import Path

import material
import pytest

from builder.plugin import build as site_build
from builder.plugin import translations
from tests.sites import REPO, made_from_now, new_course, project, switched_off

OVERRIDE = REPO / "theme" / "partials" / "language.html"
MATERIAL = Path(material.__file__).parent / "templates" / "partials" / "language.html"


def test_the_fallback_is_materials_template() -> None:
    ours = OVERRIDE.read_text(encoding="utf-8")
    theirs = re.sub(r"^\{#-.*?-#\}\n", "", MATERIAL.read_text(encoding="utf-8"), flags=re.S)
    fallback = ours[ours.index("{% else %}\n") + len("{% else %}\n"): ours.index("{% endif %}")]
    assert fallback == theirs, "Material's language.html changed: copy it into theme/ again"


def _pages(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*.html"))}


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_every_page_is_what_materials_macros_render(tmp_path: Path, language: str,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    root = project(tmp_path / "portal")
    course = new_course(root, f"ui-{language}", language=language)
    config_file = root / "mkdocs.yml"
    made = made_from_now(monkeypatch, translations, "Translations")
    site_build.build_course(config_file, course, tmp_path / "fast")
    assert made and len(made[-1].made[language]) > 20  # used: many strings, each made once
    switched_off(monkeypatch, translations, "Translations")  # Material's macros, every string
    site_build.build_course(config_file, course, tmp_path / "material")
    fast, slow = _pages(tmp_path / "fast"), _pages(tmp_path / "material")
    assert len(fast) > 5
    assert fast == slow
    html = next(iter(fast.values())).decode("utf-8")
    assert f'lang="{language}"' in html


def test_one_lookup_answers_in_the_language_of_each_config(tmp_path: Path) -> None:
    """The lookup outlives a build in a process's shared environment (Material's search asks
    it in the next build's on_config): it answers in the language it is asked for."""
    from builder.plugin import templates

    root = project(tmp_path / "portal")
    course = new_course(root, "langs")
    config = site_build._load(root / "mkdocs.yml", docs_dir=str(course),  # noqa: SLF001
                              site_dir=str(tmp_path / "site"))
    env = templates.theme_env(config.theme)
    strings = translations.Translations(env)
    assert strings.of("kk")("search.placeholder") == "Іздеу"
    assert strings.of("ru")("search.placeholder") == "Поиск"
    assert strings.of("en")("search.placeholder") == "Search"
    assert strings.of("kk")("no.such.key") == "no.such.key"
    assert strings.of("ru") is strings.of("ru")
