"""One course as its own MkDocs site: nav in order 385 p.6 order, generated pages, audiences."""

from __future__ import annotations

import json
import os
import posixpath
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink

from builder import messages, paths
from builder.audience import instructor_files, never_published
from builder.findings import CourseReport
from builder.ics import calendar
from builder.links import resolve
from builder.model import COMPONENTS, EXTRA, FOLDER_COMPONENTS, Bank, Course
from builder.model import Page as CoursePage
from builder.plugin import navigation, pages
from builder.profiles import Profile
from builder.quiz.view import quiz_data
from builder.rendered import RenderedCourse, RenderedPage
from builder.rules import check_course

ICS = "consultations.ics"
# Search per course language. lunr has no Kazakh: the Russian trimmer's word characters cover
# every Kazakh letter. No stemmer anywhere: with Material 9.8 a stemmed index finds nothing for
# Cyrillic queries, while its prefix search already finds inflected forms (безопасност*).
SEARCH = {
    "kk": {"lang": ["ru", "en"], "pipeline": ["trimmer", "stopWordFilter"]},
    "ru": {"lang": ["ru", "en"], "pipeline": ["trimmer", "stopWordFilter"]},
    "en": {"lang": ["en"], "pipeline": ["trimmer", "stopWordFilter"]},
}


def configure_search(config: MkDocsConfig, lang: str) -> None:
    """lunr's languages for a site in `lang`: Russian word characters cover Kazakh letters and
    English adds Latin letters and digits (course codes, years), no stemming."""
    search = config.plugins.get("material/search")
    if search is not None:
        search.config.lang = SEARCH.get(lang, SEARCH["en"])["lang"]
        search.config.pipeline = SEARCH.get(lang, SEARCH["en"])["pipeline"]


# Theme folders that feed print, case start pages and tickets, not the web sites.
THEME_PRIVATE = ("print/", "case/", "tickets/")


def public_theme_file(file: File) -> bool:
    return not (file.generated_by is None and file.src_uri.startswith(THEME_PRIVATE)
                and not file.src_uri.endswith(".md"))


def portal_nav(lang: str) -> list[Any]:
    ui = messages.ui(lang)
    return [{ui["catalogue"]: "index.md"}, {ui["compliance"]: "compliance.md"}]


def portal_pages(lang: str) -> dict[str, str]:
    ui = messages.ui(lang)
    return {
        "index.md": _front({"title": ui["catalogue"], "template": "eumk-catalogue.html",
                            "hide": ["navigation", "toc"]}),
        "compliance.md": _front({"title": ui["compliance"], "template": "eumk-compliance.html",
                                 "hide": ["toc"]}),
    }


def _front(meta: dict[str, Any]) -> str:
    return "---\n" + json.dumps(meta, ensure_ascii=False) + "\n---\n"


def bank_page_uri(bank: Bank) -> str:
    return bank.rel[: -len(".yml")] + ".md"   # interim/module-1.quiz.yml → interim/module-1.quiz.md


class CourseSite:
    """Everything the plugin does for one course build."""

    def __init__(self, course_dir: Path, profile: Profile, audience: str, offline: bool,
                 checked: tuple[Course, CourseReport] | None = None) -> None:
        self.profile = profile
        self.audience = audience
        self.offline = offline
        self.course: Course
        if checked is not None:  # the portal checked this course already
            self.course, self.report = checked
        else:
            self.course, findings = check_course(course_dir, profile, root=course_dir.parent.parent)
            self.report = CourseReport(self.course.slug, self.course.where(course_dir),
                                       self.course.language, findings)
        self.titles = messages.component_titles(self.course.language)
        self.banks = {bank_page_uri(b): b for b in self.course.banks if self.shows_bank(b)}
        self.page_uris: dict[str, list[str]] = {}

    # -- what is published -------------------------------------------------------------------
    def shows_bank(self, bank: Bank) -> bool:
        """Interim banks are self-check quizzes for everyone; final banks only for instructors."""
        return bank.component == "interim" or self.audience == "instructor"

    def shows_page(self, rel: str) -> bool:
        page = next((p for p in self.course.pages if p.rel == rel), None)
        return page is None or self.audience == "instructor" or page.meta.audience == "student"

    def published(self) -> dict[str, list[str]]:
        """Page URIs by component (kit order), as they appear in the nav."""
        out: dict[str, list[str]] = {"syllabus": ["syllabus.md"] if self.course.syllabus else []}
        for component in (*FOLDER_COMPONENTS, EXTRA):
            uris = [p.rel for p in self.course.pages_of(component)
                    if p.has_content and self.shows_page(p.rel)]
            uris += [u for u, b in self.banks.items() if b.component == component]
            out[component] = sorted(uris)
        out["consultations"] = ["consultations.md"]
        return out

    # -- events ------------------------------------------------------------------------------
    def configure(self, config: MkDocsConfig) -> None:
        course = self.course
        lang = course.language
        config.theme["language"] = lang
        config.theme["features"] = navigation.features(config.theme["features"])
        name = " ".join(filter(None, [course.meta.code, course.meta.title]))
        config.site_name = name or course.slug
        config.site_url = None
        if self.offline:
            config.use_directory_urls = False
            config.extra["polyfills"] = ["assets/javascripts/vendor/iframe-worker/shim.js"]
            offline = config.plugins.get("material/offline")
            if offline is not None:
                offline.config.enabled = True
        configure_search(config, lang)
        self.page_uris = self.published()
        config.nav = self.nav()
        config.extra["eumk"] = {
            "portal": False, "offline": self.offline, "audience": self.audience,
            "catalogue": None if self.offline else "../",
            "course": {"code": course.meta.code, "title": course.meta.title, "lang": lang},
            "ui": messages.ui(lang),
        }

    def nav(self) -> list[Any]:
        nav: list[Any] = [{self.course.meta.title or self.course.slug: "index.md"}]
        for component in (*COMPONENTS, EXTRA):
            uris = self.page_uris.get(component, [])
            if component in ("syllabus", "consultations") and uris:
                nav.append({self.titles[component]: uris[0]})
            elif uris:
                nav.append({self.titles[component]: navigation.component(uris)})
        return nav

    def files(self, files: Files, config: MkDocsConfig, docs: Path) -> Files:
        with paths.scanned(docs):  # one walk of the course answers every containment question
            return self._files(files, config, docs)

    def _files(self, files: Files, config: MkDocsConfig, docs: Path) -> Files:
        wanted = {u for uris in self.page_uris.values() for u in uris}
        student = self.audience == "student"
        private = instructor_files(self.course) if student else set()
        private_pages = {p.rel for p in self.course.pages if p.meta.audience == "instructor"}
        blocked = tuple(f"{link.rel}/" for link in paths.refused_links(docs, private_pages)
                        if student or link.reason != "sealed")  # MkDocs walks folder links
        kept = Files([])
        for f in files:
            course_file = bool(f.abs_src_path) and not f.generated_by and _named_in(
                f.abs_src_path or "", docs)
            if not course_file and not _within(f.abs_src_path or "", docs) and \
                    not public_theme_file(f):
                continue
            if course_file:
                refused = paths.refusal(docs, f.src_uri, private_pages)
                if (refused and (student or refused != "sealed")) or f.src_uri.startswith(
                        blocked):
                    continue  # a symlink out of the course (or around its audience)
                if never_published(f.src_uri):
                    continue
                if f.src_uri.endswith(".md"):
                    if f.src_uri not in wanted:
                        continue
                elif Path(f.abs_src_path).resolve() in private:
                    continue
            kept.append(f)
        generated = {
            "index.md": {"title": self.course.meta.title or self.course.slug,
                         "template": "eumk-course.html"},
            "consultations.md": {"title": self.titles["consultations"],
                                 "template": "eumk-consultations.html"},
        }
        for uri, bank in self.banks.items():
            generated[uri] = {"title": bank.title or Path(bank.rel).name,
                              "template": "eumk-quiz.html"}
        for uri, meta in generated.items():
            kept.append(File.generated(config, uri, content=_front(meta)))
        kept.append(File.generated(config, ICS, content=calendar(self.course)))
        return kept

    def page_markdown(self, markdown: str, page: Page, files: Files, config: MkDocsConfig) -> str:
        uri = page.file.src_uri
        if uri == "index.md":
            links = {c: _url(page, files, uris[0]) for c, uris in self.page_uris.items() if uris}
            page.meta["eumk"] = pages.course_home(self.course, self.report, links)
        elif uri == "syllabus.md":
            page.meta["template"] = "eumk-syllabus.html"
            page.meta["eumk"] = pages.syllabus(self.course, self.profile.hours_per_credit)
            page.meta.setdefault("title", self.titles["syllabus"])
        elif uri == "consultations.md":
            page.meta["eumk"] = pages.consultations(self.course, ICS)
        elif uri in self.banks:
            page.meta["quiz"] = quiz_data(self.banks[uri], self.course.language, self.audience)
        else:
            source = next((p for p in self.course.pages if p.rel == uri), None)
            if source is not None and source.meta.video:
                page.meta["eumk_video"] = self.video(source, page, Path(config.site_dir))
        return markdown

    def page_toc(self, page: Page) -> None:
        """The syllabus's table of contents lists the sections eumk-syllabus.html adds after the
        author's text (ids as in that template and partials/eumk/thematic-plan.html)."""
        if page.file.src_uri != "syllabus.md" or page.toc is None:
            return
        ui = messages.ui(self.course.language)
        plan = AnchorLink(ui["thematic_plan"], "thematic-plan", 2)
        literature = AnchorLink(ui["literature"], "literature", 2)
        literature.children = [AnchorLink(ui[kind], f"literature-{kind}", 3)
                               for kind in ("basic", "additional")]
        page.toc.items.extend([plan, literature])

    def video(self, source: CoursePage, page: Page, site: Path) -> dict[str, Any] | None:
        """Player data of a lecture video: tracks inline for file:// kits, poster made now."""
        from builder.media.player import player_data, site_poster

        course_root = self.course.path.resolve()
        base = posixpath.dirname(page.file.dest_uri) or "."

        def url_for(path: Path) -> str:
            rel = path.resolve().relative_to(course_root).as_posix()
            return posixpath.relpath(rel, base)

        has_poster = site_poster(source, self.course.path, site)
        return player_data(source, self.course.language, url_for, poster=has_poster,
                           inline_tracks=self.offline)

    def post_build(self, config: MkDocsConfig) -> None:
        """Record the site's pages in kit order (for print and packages)."""
        site = Path(config.site_dir)
        rendered = self.rendered(site, config.use_directory_urls)
        (site / "eumk-pages.json").write_text(json.dumps(
            [{"component": p.component, "title": p.title, "html": p.html,
              "attachments": [Path(os.path.relpath(a, self.course.path)).as_posix()
                              for a in p.attachments]} for p in rendered.pages],
            ensure_ascii=False, indent=1), encoding="utf-8")

    def rendered(self, site: Path, directory_urls: bool) -> RenderedCourse:
        by_rel = {p.rel: p for p in self.course.pages}
        out = RenderedCourse(self.course.slug, site, offline=self.offline)
        for component in (*COMPONENTS, EXTRA):
            for uri in self.page_uris.get(component, []):
                source = by_rel.get(uri)
                title = (source.title if source else
                         self.banks[uri].title if uri in self.banks else self.titles[component])
                if uri == "syllabus.md":
                    title = self.titles["syllabus"]
                slides = ()
                if source is not None and source.meta.slides:
                    found = resolve(source, source.meta.slides)  # contained, or does not exist
                    slides = (found,) if found.is_file() else ()
                out.pages.append(RenderedPage(component, title, _html_path(uri, directory_urls),
                                              slides))
        return out


def _html_path(uri: str, directory_urls: bool) -> str:
    stem = uri[: -len(".md")]
    if stem == "index" or stem.endswith("/index"):
        return stem + ".html"
    return f"{stem}/index.html" if directory_urls else f"{stem}.html"


def _url(page: Page, files: Files, uri: str) -> str | None:
    target = files.get_file_from_path(uri)
    return target.url_relative_to(page.file) if target else None


def _named_in(path: str, folder: Path) -> bool:
    """True when `path` is in `folder` by its name (symlinks not followed)."""
    return os.path.abspath(path).startswith(str(folder) + os.sep)


def _within(path: str, folder: Path) -> bool:
    try:
        Path(path).resolve().relative_to(folder)
    except ValueError:
        return False
    return True

