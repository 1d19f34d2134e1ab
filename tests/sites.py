"""Test helpers for built sites: a throwaway portal project, builds, a local server, Chromium."""

from __future__ import annotations

import contextlib
import functools
import http.server
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from builder.scaffold import create

REPO = Path(__file__).parents[1]
CHROMIUM = "/usr/bin/chromium"
# Plain headless flags: no --allow-file-access-from-files, which would hide file:// problems.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]


def project(root: Path, courses: list[Path] | None = None, **options: object) -> Path:
    """A portal project in `root`: the repo's mkdocs.yml (theme by absolute path) + courses."""
    root.mkdir(parents=True, exist_ok=True)
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    text = text.replace("custom_dir: theme", f"custom_dir: {REPO / 'theme'}")
    for key, value in options.items():
        marker = f"      {key}: "
        lines = [ln for ln in text.splitlines() if ln.startswith(marker)]
        dumped = yaml.safe_dump(value, default_flow_style=True).strip()
        new = f"{marker}{dumped.removesuffix('...').strip()}"
        if lines:
            text = text.replace(lines[0], new)
        else:
            text = text.replace("  - eumk:\n", f"  - eumk:\n{new}\n")
    (root / "mkdocs.yml").write_text(text, encoding="utf-8")
    (root / "courses").mkdir(exist_ok=True)
    for course in courses or []:
        shutil.copytree(course, root / "courses" / course.name)
    return root


def new_course(root: Path, slug: str, language: str = "en", **files: str) -> Path:
    """A valid scaffolded course under root/courses/ (English scaffold, `language` set),
    with `files` (relative path → text) added or replaced."""
    course = root / "courses" / slug
    create(course, "en")
    if language != "en":
        yml = course / "course.yml"
        text = yml.read_text(encoding="utf-8")
        yml.write_text(text.replace("language: en", f"language: {language}"), encoding="utf-8")
    for rel, text in files.items():
        path = course / rel.replace("__", "/")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return course


def build(root: Path, audience: str = "student", site: str = "site") -> Path:
    """Build the portal of project `root` in-process (as `eumk build`); returns the site folder."""
    from builder.plugin.build import build_site

    with contextlib.chdir(root):
        assert build_site(root / "mkdocs.yml", audience=audience, site_dir=site) == 0
    return root / site


def made_from_now(monkeypatch: pytest.MonkeyPatch, module: object, name: str) -> list[Any]:
    """Every instance of the class `module.name` made from now on (patched with a subclass that
    keeps them)."""
    made: list[Any] = []

    class Kept(getattr(module, name)):  # type: ignore[misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            made.append(self)

    monkeypatch.setattr(module, name, Kept)
    return made


def switched_off(monkeypatch: pytest.MonkeyPatch, module: object, name: str) -> None:
    """Patch the class `module.name` with a subclass whose instances are false: the templates
    that ask `{% if eumk_… %}` then render as Material does, without eumk's memo."""
    real = getattr(module, name)
    monkeypatch.setattr(module, name, type(f"{name}Off", (real,), {"__bool__": lambda _: False}))


def all_text(folder: Path) -> Iterator[tuple[Path, str]]:
    """Every file of `folder` as text (binary decoded leniently), for leak searches."""
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            yield path, path.read_bytes().decode("utf-8", "replace")


@contextlib.contextmanager
def serve(folder: Path) -> Iterator[str]:
    """Serve `folder` on localhost; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@contextlib.contextmanager
def chromium() -> Iterator[object]:
    """A headless Debian Chromium driven by Playwright (never downloads a browser)."""
    import pytest

    if not Path(CHROMIUM).exists():
        pytest.skip("Debian chromium is not installed (make test installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()
