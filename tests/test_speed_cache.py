"""The fast portal build: cache, parallel course builds and hard links give the same site as a
clean single-process build, and a change rebuilds exactly the courses it must."""

from __future__ import annotations

import filecmp
import json
import os
from pathlib import Path

import pytest

import builder.plugin.build as build_module
from builder import profiles
from builder.plugin.build import check_courses
from tests.sites import REPO, build, new_course, project

LECTURE = "---\ntitle: Lecture 2\nmodule: M1\n---\n## Words\n\n{words}\n"


@pytest.fixture
def academy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Three tiny courses; the portal's theme is a copy we may edit (custom_dir)."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    root = project(tmp_path / "portal", jobs=1)
    theme = tmp_path / "theme"
    import shutil

    shutil.copytree(REPO / "theme", theme)
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        f"custom_dir: {REPO / 'theme'}", f"custom_dir: {theme}"), encoding="utf-8")
    for slug, lang in (("alpha", "kk"), ("beta", "ru"), ("gamma", "en")):
        new_course(root, slug, lang, **{"lectures/02-words.md": LECTURE.format(words=slug)})
    return root


@pytest.fixture
def built(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The courses each build below actually builds (not taken from the cache)."""
    names: list[str] = []
    original = build_module._build_one

    def recording(config_file: Path, course_dir: Path, *args: object) -> None:
        names.append(course_dir.name)
        original(config_file, course_dir, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(build_module, "_build_one", recording)
    return names


def rebuilt(root: Path, built: list[str]) -> set[str]:
    built.clear()
    build(root)
    return set(built)


def test_a_change_rebuilds_exactly_the_courses_it_must(academy: Path, built: list[str]) -> None:
    assert rebuilt(academy, built) == {"alpha", "beta", "gamma"}
    assert rebuilt(academy, built) == set()                  # nothing changed: all cached
    page = academy / "courses/alpha/lectures/02-words.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nOne more sentence.\n", encoding="utf-8")
    assert rebuilt(academy, built) == {"alpha"}
    assert "One more sentence." in (academy / "site/alpha/lectures/02-words/index.html").read_text(
        encoding="utf-8")
    yml = academy / "courses/beta/course.yml"
    yml.write_text(yml.read_text(encoding="utf-8").replace("title: ", "title: New ", 1),
                   encoding="utf-8")
    assert rebuilt(academy, built) == {"beta"}
    os.utime(academy / "courses/gamma/syllabus.md")          # touched, same content
    assert rebuilt(academy, built) == set()
    css = Path(str(academy.parent / "theme/assets/stylesheets/eumk.css"))
    css.write_text(css.read_text(encoding="utf-8") + "\n/* edited */\n", encoding="utf-8")
    assert rebuilt(academy, built) == {"alpha", "beta", "gamma"}
    config = academy / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert rebuilt(academy, built) == {"alpha", "beta", "gamma"}


def test_a_new_and_a_removed_course(academy: Path, built: list[str]) -> None:
    rebuilt(academy, built)
    new_course(academy, "delta", "ru")
    import shutil

    shutil.rmtree(academy / "courses/gamma")
    assert rebuilt(academy, built) == {"delta"}
    assert (academy / "site/delta/index.html").is_file()
    assert not (academy / "site/gamma").exists()


def same_trees(a: Path, b: Path) -> list[str]:
    """Paths that differ between two folders (missing on one side, or other bytes)."""
    left = {p.relative_to(a).as_posix() for p in a.rglob("*") if p.is_file()}
    right = {p.relative_to(b).as_posix() for p in b.rglob("*") if p.is_file()}
    differ = sorted(left ^ right)
    differ += [rel for rel in sorted(left & right)
               if not filecmp.cmp(a / rel, b / rel, shallow=False)]
    return differ


def test_fast_path_and_clean_single_process_build_give_the_same_files(academy: Path) -> None:
    config = academy / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    build(academy, site="clean")                               # jobs: 1, empty cache
    config.write_text(text.replace("jobs: 1", "jobs: 2").replace(
        "  - eumk:\n", "  - eumk:\n      cache_dir: .cache/fast\n"), encoding="utf-8")
    build(academy, site="fast")                                # parallel, fresh cache
    fast = build(academy, site="fast")                         # all from cache, hard links
    assert (fast / "alpha/index.html").stat().st_nlink > 1
    assert same_trees(academy / "clean", fast) == []


def test_the_check_cache_sees_every_change(tmp_path: Path) -> None:
    root = project(tmp_path)
    course = new_course(root, "alpha", "en")
    profile = profiles.get("mes-385", 30)
    cache = tmp_path / "cache"
    first = check_courses(root / "courses", profile, root, cache)
    assert first[0][1].errors == 0
    again = check_courses(root / "courses", profile, root, cache)
    assert again[0][1].findings == first[0][1].findings
    yml = course / "course.yml"
    yml.write_text(yml.read_text(encoding="utf-8").replace("credits: 1", "credits: 2"),
                   encoding="utf-8")
    changed = check_courses(root / "courses", profile, root, cache)
    assert "hours.credits" in {f.rule for f in changed[0][1].findings}
    other = check_courses(root / "courses", profiles.get("mes-385", 15), root, cache)
    assert "hours.credits" not in {f.rule for f in other[0][1].findings}  # 2 × 15 = 30 h


def test_a_failure_while_assembling_leaves_the_previous_site_whole(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from builder.errors import KitError
    from builder.plugin import build as build_module

    root = project(tmp_path)
    for slug in ("a1", "a2", "a3"):
        new_course(root, slug, "en")
    site = build(root)
    before = sorted(p.relative_to(site).as_posix() for p in site.rglob("*"))
    (root / "courses/a3/lectures/01-introduction.md").write_text(
        "---\ntitle: Changed\nmodule: M1\n---\nNew lecture text.\n", encoding="utf-8")

    def broken_link_tree(src: Path, dst: Path) -> None:  # a3 must be linked after a1, a2 moved
        raise KitError("disk full")

    monkeypatch.setattr(build_module, "_link_tree", broken_link_tree)
    with pytest.raises(KitError):
        build(root)
    assert sorted(p.relative_to(site).as_posix() for p in site.rglob("*")) == before


def test_a_theme_file_added_while_serving_reaches_the_course_sites(academy: Path,
                                                                     built: list[str]) -> None:
    """`mkdocs serve` rebuilds in one process: what it remembers of the theme must not go stale."""
    rebuilt(academy, built)
    extra = academy.parent / "theme/assets/stylesheets/added-later.css"
    extra.write_text("body { color: black; }\n", encoding="utf-8")
    assert rebuilt(academy, built) == {"alpha", "beta", "gamma"}
    assert (academy / "site/assets/stylesheets/added-later.css").is_file()
    config = academy / "mkdocs.yml"  # now linked by every page: from the one shared copy
    config.write_text(config.read_text(encoding="utf-8").replace(
        "extra_css:\n", "extra_css:\n  - assets/stylesheets/added-later.css\n"), encoding="utf-8")
    assert rebuilt(academy, built) == {"alpha", "beta", "gamma"}
    html = (academy / "site/alpha/lectures/02-words/index.html").read_text(encoding="utf-8")
    assert 'href="../../../assets/stylesheets/added-later.css"' in html


def test_the_one_course_to_rebuild_is_built_aside_while_the_portal_renders(
        academy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """After one edit (jobs: 2) the course is checked in the portal's process and built by a
    forked worker (with the check and the compiled templates it inherits); the edit is
    published, and a failure of that worker fails the build and leaves the last site whole."""
    from builder.errors import KitError

    config = academy / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("jobs: 1", "jobs: 2"),
                      encoding="utf-8")
    site = build(academy)
    lecture = academy / "courses/beta/lectures/02-words.md"
    lecture.write_text(LECTURE.format(words="правка-один"), encoding="utf-8")
    started: list[object] = []
    original = build_module.SitePlan.build_aside

    def aside(plan: build_module.SitePlan, job: tuple[Path, Path, Path, str, bool]) -> None:
        started.append(job[1].name)
        original(plan, job)

    monkeypatch.setattr(build_module.SitePlan, "build_aside", aside)
    build(academy)
    assert started == ["beta"]
    page = site / "beta/lectures/02-words/index.html"
    assert "правка-один" in page.read_text(encoding="utf-8")
    assert (academy / ".cache/eumk/templates").is_dir()  # workers compile no template again

    parent = os.getpid()
    original_build = build_module._build_one

    def failing(config_file: Path, course_dir: Path, *args: object) -> None:
        if os.getpid() != parent:  # only in the worker
            raise KitError("the worker failed")
        original_build(config_file, course_dir, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(build_module, "_build_one", failing)
    before = {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*")
              if p.is_file()}
    lecture.write_text(LECTURE.format(words="правка-два"), encoding="utf-8")
    with pytest.raises(KitError, match="the worker failed"):
        build(academy)
    assert {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*")
            if p.is_file()} == before
    assert not site.with_name(site.name + ".eumk-tmp").exists()


def test_a_kit_site_builds_aside_while_the_kit_gets_ready(academy: Path) -> None:
    """cached_course runs its `meanwhile` steps while a forked worker builds the offline site
    (and then its `then` step), and none when the cache holds it; the site is the same."""
    import os

    from builder.case.pdf import articles, articles_file
    from builder.plugin.build import cached_course
    from builder.settings import read

    options = read(academy / "mkdocs.yml")
    ran: list[tuple[str, int]] = []
    steps = (lambda: ran.append(("first", os.getpid())),)
    course = academy / "courses" / "beta"
    built = cached_course(academy / "mkdocs.yml", options, course, meanwhile=steps,
                          then=articles)
    assert ran == [("first", os.getpid())]        # here, while the worker built
    assert (built.site_dir / "index.html").is_file() and built.pages
    kept = json.loads(articles_file(built.site_dir).read_text(encoding="utf-8"))
    assert list(kept) == [page.html for page in built.pages]  # by the worker, once built
    # beside the site's folder: no course file (the site copies them) can stand in for it
    assert articles_file(built.site_dir).parent == built.site_dir.parent
    again = cached_course(academy / "mkdocs.yml", options, course, meanwhile=steps)
    assert ran == [("first", os.getpid())]        # cached: nothing to wait for
    assert again.site_dir == built.site_dir


def test_course_builds_take_mkdocs_yml_as_loaded_once(academy: Path, tmp_path: Path) -> None:
    """A process loads mkdocs.yml once for its course builds: each build gets a copy that is
    what MkDocs' own load gives (the same options, each plugin's events once, the plugins MkDocs
    keeps for a process shared, the others its own), and sites byte for byte the same."""
    config_file = academy / "mkdocs.yml"
    build_module._CONFIGS.clear()
    courses = [academy / "courses" / slug for slug in ("alpha", "beta", "gamma")]
    copies = [build_module._course_config(config_file, c, tmp_path / c.name) for c in courses]
    assert len(build_module._CONFIGS) == 1
    fresh = build_module._load(config_file, docs_dir=str(courses[1].resolve()),
                               site_dir=str(tmp_path / "beta"))
    ours = copies[1]
    for key in fresh:
        if key not in ("plugins", "theme", "mdx_configs"):
            assert ours[key] == fresh[key], key
    assert ours.docs_dir == str(courses[1].resolve())
    assert dict(ours.theme) == dict(fresh.theme)
    assert list(ours.plugins) == list(fresh.plugins)
    assert {e: len(m) for e, m in ours.plugins.events.items()} == \
        {e: len(m) for e, m in fresh.plugins.events.items()}
    assert ours.plugins["eumk"] is fresh.plugins["eumk"] is copies[0].plugins["eumk"]
    assert ours.plugins["material/offline"] is not copies[0].plugins["material/offline"]
    ours.plugins["material/search"].config.lang = ["xx"]  # a build's change: not the next's
    again = build_module._course_config(config_file, courses[2], tmp_path / "again")
    assert again.plugins["material/search"].config.lang == fresh.plugins[
        "material/search"].config.lang
    # built with the kept configuration or with a fresh load: the same site
    build_module._build_one(config_file, courses[0], tmp_path / "kept", "student", False)
    loaded = build_module._course_config
    try:
        build_module._course_config = lambda f, c, s: build_module._load(  # type: ignore[assignment]
            f, docs_dir=str(c.resolve()), site_dir=str(s))
        build_module._build_one(config_file, courses[0], tmp_path / "fresh", "student", False)
    finally:
        build_module._course_config = loaded  # type: ignore[assignment]
    kept = {p.relative_to(tmp_path / "kept"): p.read_bytes()
            for p in (tmp_path / "kept").rglob("*") if p.is_file()}
    assert len(kept) > 10
    assert kept == {p.relative_to(tmp_path / "fresh"): p.read_bytes()
                    for p in (tmp_path / "fresh").rglob("*") if p.is_file()}


def test_a_configuration_that_cannot_be_copied_is_loaded_for_each_build(
        academy: Path, tmp_path: Path) -> None:
    """mkdocs.yml with hooks (modules, which a deep copy refuses): loaded for every build."""
    (academy / "hooks.py").write_text("def on_config(config):\n    return config\n",
                                      encoding="utf-8")
    config_file = academy / "mkdocs.yml"
    config_file.write_text(config_file.read_text(encoding="utf-8") + "hooks:\n  - hooks.py\n",
                           encoding="utf-8")
    build_module._CONFIGS.clear()
    course = academy / "courses" / "alpha"
    first = build_module._course_config(config_file, course, tmp_path / "a")
    second = build_module._course_config(config_file, course, tmp_path / "b")
    assert list(build_module._CONFIGS.values()) == [None]
    assert first is not second and first.site_dir != second.site_dir
    assert list(second["hooks"]) == ["hooks.py"]
