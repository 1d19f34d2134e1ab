"""MkDocs plugin events: the portal (catalogue + compliance) and, per course, its own site."""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
from pathlib import Path
from typing import Any

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from builder import locks, messages, profiles
from builder.findings import CourseReport, to_text
from builder.model import Course
from builder.plugin import (
    build,
    catalogue_search,
    chrome,
    compact_html,
    course_site,
    header_memo,
    markdown_guards,
    markdown_reuse,
    nav_memo,
    pages,
    programme_pages,
    ranges,
    search_index,
    shared_assets,
    templates,
    titles,
    translations,
    url_marks,
)
from builder.plugin.config import EumkConfig
from builder.programme_check import CheckedProgramme, check_programmes

log = logging.getLogger("mkdocs.plugins.eumk")


class EumkPlugin(BasePlugin[EumkConfig]):
    """Portal mode by default; course mode when `course_dir` is set (one course, one site).

    MkDocs keeps one instance of a plugin with `on_startup` for every build in a process (so
    `mkdocs serve` can reuse it), and course builds may run inside the portal's build: every
    build therefore starts from clean state, and `build._build_one` clears course mode after.
    """

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.course_dir: Path | None = None   # set by build.build_course for a course build
        self.offline = False                  # course build for file:// (case kits)
        self.checked: tuple[Course, CourseReport] | None = None  # course build: portal's check
        self.serving = False
        self.results: list[tuple[Course, CourseReport]] = []
        self.programmes: list[CheckedProgramme] = []
        self.site: course_site.CourseSite | None = None
        self.final_site_dir: str | None = None
        self.site_lock = contextlib.ExitStack()  # held from on_config to the end of a build
        self.markdown = markdown_reuse.MarkdownReuse()

    # -- shared ------------------------------------------------------------------------------
    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"

    def profile(self) -> profiles.Profile:
        return self.config.rule_profile()

    def hold_locks(self, config: MkDocsConfig) -> None:
        """One portal build of a site at a time, and one user of the course cache (checks and
        course builds; `mkdocs serve` too), until the build ends (`self.site_lock`)."""
        self.site_lock.close()
        lang, wait = config.theme["language"], self.config.lock_wait
        if not self.serving:
            self.site_lock.enter_context(locks.one_writer(Path(config.site_dir).resolve(),
                                                          lang, wait))
        cache = Path(config.config_file_path or "mkdocs.yml").parent / self.config.cache_dir
        self.site_lock.enter_context(locks.one_writer(cache.resolve(), lang, wait))

    def courses_root(self, config: MkDocsConfig) -> Path:
        base = Path(config.config_file_path or ".").parent
        return (base / self.config.courses_dir).resolve()

    def programmes_root(self, config: MkDocsConfig) -> Path:
        base = Path(config.config_file_path or ".").parent
        return (base / self.config.programmes_dir).resolve()

    @event_priority(100)  # before Material's search reads the theme language
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        config.theme["font"] = False  # no Google Fonts: slow links, offline media
        if markdown_guards.__name__ not in config.markdown_extensions:  # last: after the patterns
            config.markdown_extensions.append(markdown_guards.__name__)  # it guards
        self.site, self.results, self.final_site_dir = None, [], None
        self.markdown = markdown_reuse.MarkdownReuse()  # this build's extensions, made once
        self.cards: list[dict[str, Any]] = []   # the catalogue's courses, for its search
        if self.course_dir is None:
            self.hold_locks(config)
        if self.course_dir is not None:
            self.site = course_site.CourseSite(self.course_dir, self.profile(),
                                               self.config.audience, self.offline, self.checked)
            self.site.configure(config)
            chrome.localise(config, config.theme["language"])
            return config
        root = self.courses_root(config)
        config_file = Path(config.config_file_path or "mkdocs.yml")
        cache = config_file.parent / self.config.cache_dir
        # each course is checked and its site built (unless cached) by one worker, on every core
        strict = self.config.strict and not self.serving
        plan = build.SitePlan(config_file, self.config, skip_errors=strict)
        results = (build.check_courses(root, self.profile(), root.parent, cache, plan,
                                       self.config.jobs or os.cpu_count() or 1)
                   if root.is_dir() else [])
        # course builds in this process reuse this plugin instance: portal state is set after
        self.site, self.results, self.plan = None, results, plan
        folder = self.programmes_root(config)
        self.programmes = check_programmes(folder, self.results, self.profile(), root=root.parent)
        reports = [r for _, r in self.results]
        programmes = [c.report for c in self.programmes]
        errors = sum(r.errors for r in [*reports, *programmes])
        report = to_text([r for r in reports if r.findings], programmes=[
            r for r in programmes if r.findings]) if errors or any(
            r.warnings for r in [*reports, *programmes]) else ""
        if errors and strict:
            raise Abort(f"{report}\n\neumk: {errors} error(s) in the courses and programmes; "
                        "fix them, or set "
                        "'strict: false' under the eumk plugin in mkdocs.yml while drafting.")
        if report:
            log.warning("eumk check:\n%s", report)
        config.nav = programme_pages.nav(course_site.portal_nav(config.theme["language"]),
                                         self.programmes, config.theme["language"])
        config.extra["eumk"] = {"portal": True, "ui": messages.ui(config.theme["language"])}
        chrome.localise(config, config.theme["language"])
        course_site.configure_search(config, config.theme["language"])
        # The portal's own pages are all generated: give MkDocs an empty docs folder instead
        # of every course file to list and drop, and watch the courses for `mkdocs serve`.
        config.watch.append(str(root))
        if folder.is_dir():
            config.watch.append(str(folder))
        config.docs_dir = str(_empty_folder(cache / "portal-docs"))
        if not self.serving:  # write beside the real site; swap in when complete
            self.final_site_dir = config.site_dir
            config.site_dir = build.building(config.site_dir)
            shutil.rmtree(config.site_dir, ignore_errors=True)
        return config

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        search_index.write_utf8(config.plugins.get("material/search"))

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        docs = Path(config.docs_dir).resolve()
        if self.site is not None:
            return self.site.files(files, config, docs)
        kept = Files([f for f in files if course_site.public_theme_file(f)])
        lang = config.theme["language"]
        generated = {**course_site.portal_pages(lang),
                     **programme_pages.portal_pages(self.programmes, lang)}
        for uri, content in generated.items():
            kept.append(File.generated(config, uri, content=content))
        return kept

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        env.autoescape = True  # Material's templates and ours: every value escaped (titles.py)
        marks = env.globals["eumk_marks"] = url_marks.UrlMarks()  # this build's kept HTML:
        env.globals["eumk_nav"] = nav_memo.NavMemo(config.theme["features"], marks)
        env.globals["eumk_header"] = header_memo.HeaderMemo(config.theme["features"], marks)
        url_marks.install(env)  # the url filter marks the links of what is kept
        env.globals["eumk_lang"] = translations.Translations(env)
        shared_assets.forget()
        if self.site is None:  # course builds get the template cache from build._build_one
            templates.use_template_cache(env, Path(config.config_file_path or ".").parent
                               / self.config.cache_dir)
        return env

    def on_pre_page(self, page: Page, *, config: MkDocsConfig, files: Files) -> Page:
        self.markdown.adopt(page)
        return page

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig,
                         files: Files) -> str:
        if self.site is not None:
            return self.site.page_markdown(markdown, page, files, config)
        lang = config.theme["language"]
        if page.file.src_uri == "index.md":
            page.meta["eumk"] = {**pages.catalogue(self.results, lang),
                                 **programme_pages.catalogue_groups(self.programmes, self.results)}
            self.cards = page.meta["eumk"]["courses"]
        elif page.file.src_uri == programme_pages.RULES_PAGE:
            page.meta["eumk"] = programme_pages.rules(self.profile(), lang)
        elif page.file.src_uri.startswith(programme_pages.PREFIX):
            checked = next(c for c in self.programmes
                           if programme_pages.page_uri(c) == page.file.src_uri)
            page.meta["eumk"] = programme_pages.programme(checked, self.results, lang)
        elif page.file.src_uri == "compliance.md":
            page.meta["eumk"] = pages.compliance(self.results, self.profile(), lang,
                                                 self.config.audience)
        return markdown

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        """The preview answers Range requests, so video chapter links seek (ranges.py)."""
        server.set_app(ranges.with_ranges(server.serve_request, server.root, server.mount_path))
        return server

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig,
                        files: Files) -> str:
        html = titles.plain_titles(page, html)
        if self.site is not None:
            self.site.page_toc(page)
        return html

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        return compact_html.collapse(output) if self.site is not None else output

    @event_priority(-200)  # last: the site is swapped in only when every plugin is done
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.site is not None:
            self.site.post_build(config)
            return
        final_site_dir = self.final_site_dir  # course builds below may reuse this instance
        catalogue_search.add_courses(Path(config.site_dir), self.cards, config.theme["language"])
        build.build_courses(Path(config.config_file_path), [c.path for c, _ in self.results],
                            Path(config.site_dir), self.config, offline=False, plan=self.plan)
        if final_site_dir:
            _swap(Path(config.site_dir), Path(final_site_dir))
            config.site_dir = final_site_dir
        self.site_lock.close()

    def on_build_error(self, *, error: Exception) -> None:
        plan = getattr(self, "plan", None)
        if self.course_dir is None and plan is not None:
            with contextlib.suppress(Exception):  # the build failed already: say that
                plan.join_aside()
        if self.final_site_dir and self.course_dir is None:
            shutil.rmtree(build.building(self.final_site_dir), ignore_errors=True)
        if self.course_dir is None:
            self.site_lock.close()

    def on_shutdown(self) -> None:
        if self.course_dir is None:
            self.site_lock.close()


def _empty_folder(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    for child in path.iterdir():
        shutil.rmtree(child) if child.is_dir() else child.unlink()
    return path


def _swap(new: Path, target: Path) -> None:
    """Replace `target` by `new` in two renames: a failed build never leaves a half site."""
    old = target.with_name(target.name + ".eumk-old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        os.replace(target, old)
    os.replace(new, target)
    shutil.rmtree(old, ignore_errors=True)
