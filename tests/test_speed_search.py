"""Search that scales: each course has its own full-text index; the portal's root index holds
the catalogue (codes, titles, developers, descriptions) and no lecture text, whatever the size
of the academy's text."""

from __future__ import annotations

import json
from pathlib import Path

from tests.sites import build, new_course, project

LECTURE = "---\ntitle: Long lecture\nmodule: M1\n---\n## Text\n\n{text}\n"


def index_text(site: Path) -> str:
    data = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))
    return " ".join(f"{d['title']} {d['text']}" for d in data["docs"])


def test_root_index_holds_the_catalogue_and_no_lecture_text(tmp_path: Path) -> None:
    root = project(tmp_path)
    for slug, lang in (("alpha", "kk"), ("beta", "ru")):
        course = new_course(root, slug, lang, **{
            "lectures/02-long.md": LECTURE.format(text=f"LECTUREWORD{slug} " * 50)})
        yml = course / "course.yml"
        yml.write_text(yml.read_text(encoding="utf-8").replace(
            "description: ", f"description: DESCRIPTIONWORD{slug} ", 1), encoding="utf-8")
    site = build(root)
    catalogue = index_text(site)
    for slug in ("alpha", "beta"):
        assert f"DESCRIPTIONWORD{slug}" in catalogue and slug.upper() in catalogue  # code
        assert f"LECTUREWORD{slug}" not in catalogue
        assert f"LECTUREWORD{slug}" in index_text(site / slug)
    assert "Surname N.N." in catalogue                                            # developer
    size = (site / "search/search_index.json").stat().st_size

    more = root / "courses/alpha/lectures/03-more.md"
    more.write_text(LECTURE.format(text="MOREWORDS " * 5000), encoding="utf-8")
    site = build(root)
    assert (site / "search/search_index.json").stat().st_size == size
    assert "MOREWORDS" in index_text(site / "alpha")
    assert 'class="md-search__input"' in (site / "index.html").read_text(encoding="utf-8")


def test_indexes_are_utf8_json_in_the_portal_and_in_offline_kits(tmp_path: Path) -> None:
    from builder.plugin.build import build_course

    root = project(tmp_path)
    new_course(root, "alpha", "kk", **{
        "lectures/02-long.md": LECTURE.format(text="Өрт қауіпсіздігі әғқңөұүһі " * 20)})
    site = build(root)
    for index in (site / "search/search_index.json", site / "alpha/search/search_index.json"):
        raw = index.read_text(encoding="utf-8")
        assert "\\u" not in raw
        json.loads(raw)
    assert "әғқңөұүһі" in index_text(site / "alpha")
    kit = build_course(root / "mkdocs.yml", root / "courses/alpha", tmp_path / "kit",
                       offline=True).site_dir
    offline = (kit / "search/search_index.js").read_text(encoding="utf-8")
    assert offline.startswith("var __index = {") and "\\u" not in offline
    assert "әғқңөұүһі" in offline
    assert json.loads(offline.removeprefix("var __index = ")) == json.loads(
        (kit / "search/search_index.json").read_text(encoding="utf-8"))


def test_the_utf8_index_is_the_index_material_generates() -> None:
    """write_utf8: the same JSON data as Material's own generation, unescaped and compact; a
    dirty rebuild (a previous index to merge) is left to Material."""
    from types import SimpleNamespace

    from material.plugins.search.plugin import SearchIndex

    from builder.plugin import search_index

    settings = {"lang": ["ru", "en"], "separator": r"[\s\-]+", "pipeline": ["trimmer"],
                "fields": {"title": {"boost": 1e3}}, "jieba_dict": None}
    index = SearchIndex(**settings)
    index.entries = [{"location": "a/", "title": "Өрт «қауіпсіздігі»", "text": "<p>әғқ</p>"},
                     {"location": "b/#x", "title": "B", "text": "", "tags": ["т"]}]
    materials = index.generate_search_index(None)
    search_index.write_utf8(SimpleNamespace(search_index=index))
    ours = index.generate_search_index(None)
    assert json.loads(ours) == json.loads(materials)
    assert "\\u" in materials and "\\u" not in ours and ", " not in ours
    assert "Өрт «қауіпсіздігі»" in ours
    previous = SearchIndex(**settings)
    previous.entries = [{"location": "c/", "title": "C", "text": "с"}]
    merged = json.loads(index.generate_search_index(previous))
    assert [d["location"] for d in merged["docs"]] == ["c/", "a/", "b/#x"]
