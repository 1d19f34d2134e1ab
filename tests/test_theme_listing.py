"""The theme's file listing a process keeps (builder/plugin/templates.py) leaves out hidden
files (Material's .icons/), which MkDocs never copies: a site gets the same theme files."""

from __future__ import annotations

from pathlib import Path

from mkdocs.structure.files import Files

from builder.plugin import build as site_build
from builder.plugin import templates
from tests.sites import new_course, project


def test_a_site_gets_the_theme_files_mkdocs_would_copy(tmp_path: Path) -> None:
    root = project(tmp_path / "portal")
    course = new_course(root, "listing")
    config = site_build._load(root / "mkdocs.yml", docs_dir=str(course),  # noqa: SLF001
                              site_dir=str(tmp_path / "site"))
    templates.ENVS.clear()
    templates.LISTINGS.clear()
    env = templates.theme_env(config.theme)
    full = config.theme.get_env().loader.list_templates()  # MkDocs' own environment
    kept = env.loader.list_templates()
    assert len(full) > len(kept) + 1000 and any(n.startswith(".icons/") for n in full)
    ours, theirs = Files([]), Files([])
    ours.add_files_from_theme(env, config)
    env.loader.list_templates = lambda: list(full)  # type: ignore[method-assign]
    theirs.add_files_from_theme(env, config)
    assert [f.src_uri for f in ours] == [f.src_uri for f in theirs]
    assert any(f.src_uri.startswith("assets/") for f in ours)
