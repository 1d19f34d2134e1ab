"""Data for the programme pages (disciplines × components, kits, 349 shares, hours chart), the
catalogue grouped by programme and semester, and the "What is checked" page."""

from __future__ import annotations

import copy
import json
from typing import Any

from builder import messages, registry
from builder.clauses import label
from builder.findings import CourseReport, ordered
from builder.model import COMPONENTS, Course
from builder.percent import percent
from builder.plugin.chart import stacked_bars
from builder.plugin.pages import course_card, status
from builder.profiles import COMPONENT_CLAUSE, Profile
from builder.programme_check import CheckedProgramme
from builder.rules.hours import DISTANCE_MAX, SYNC_MIN, distance_clause
from builder.rules.programme import kits, remote_hours, shares

PREFIX = "programmes/"
RULES_PAGE = "rules.md"


def page_uri(checked: CheckedProgramme) -> str:
    return f"{PREFIX}{checked.report.slug}.md"


def _front(meta: dict[str, Any]) -> str:
    return "---\n" + json.dumps(meta, ensure_ascii=False) + "\n---\n"


def portal_pages(programmes: list[CheckedProgramme], lang: str) -> dict[str, str]:
    """The generated programme pages and the "What is checked" page (uri → source)."""
    ui = messages.ui(lang)
    out = {page_uri(c): _front({"title": f"{c.report.code} · {c.report.title}",
                                "template": "eumk-programme.html", "hide": ["toc"]})
           for c in programmes}
    out[RULES_PAGE] = _front({"title": ui["what_is_checked"], "template": "eumk-rules.html",
                              "hide": ["toc"]})
    return out


def nav(portal: list[Any], programmes: list[CheckedProgramme], lang: str) -> list[Any]:
    """The portal's navigation with its programmes after the catalogue, and what is checked."""
    ui = messages.ui(lang)
    entries = [{f"{c.report.code} · {c.report.title}": page_uri(c)} for c in programmes]
    section = [{ui["programmes"]: entries}] if entries else []
    return [*portal[:1], *section, *portal[1:], {ui["what_is_checked"]: RULES_PAGE}]


def _cells(report: CourseReport) -> list[dict[str, Any]]:
    """The seven components of a course: missing, errors, warnings or ok."""
    cells = []
    for component in COMPONENTS:
        found = [f for f in report.findings if f.component == component]
        state = ("missing" if any(f.rule == "kit.missing" for f in found) else
                 "errors" if any(f.severity == "error" for f in found) else
                 "warnings" if found else "ok")
        cells.append({"component": component, "status": state, "count": len(found)})
    return cells


def _share(part: float, whole: float, limit: float, ui: dict[str, str]) -> dict[str, Any]:
    shown = percent(part, whole, 100 * limit) if whole else "0"
    return {"part": f"{round(part, 2):g}", "whole": f"{round(whole, 2):g}", "share": shown,
            "text": ui["share_of"].format(part=f"{round(part, 2):g}",
                                          whole=f"{round(whole, 2):g}", share=shown)}


def programme(checked: CheckedProgramme, results: list[tuple[Course, CourseReport]],
              lang: str) -> dict[str, Any]:
    """One programme: its disciplines with their kits' state, the shares, the hours chart."""
    ui = messages.ui(lang)
    titles = messages.component_titles(lang)
    prog = checked.programme
    report = checked.report
    findings = [{**f.as_json(report.lang), "clause_label": label(f.clause, report.lang)}
                for f in ordered(report.findings)]
    data: dict[str, Any] = {"ui": ui, "code": report.code, "title": report.title,
                            "findings": findings, "file": report.path,
                            "status": status(report), "errors": report.errors,
                            "warnings": report.warnings,
                            "components": [{"id": c, "title": titles[c],
                                            "clause": label(COMPONENT_CLAUSE[c], lang)}
                                           for c in COMPONENTS]}
    if prog is None:
        return {**data, "rows": [], "missing": [], "practice": [], "chart": None, "shares": []}
    courses = {c.slug: c for c, _ in results}
    reports = {c.slug: r for c, r in results}
    per_credit = checked.profile.hours_per_credit
    rows, missing = [], []
    for discipline, course in sorted(kits(prog, courses), key=lambda d: d[0].semester):
        row: dict[str, Any] = {"code": discipline.code, "title": discipline.title,
                               "credits": f"{discipline.credits:g}",
                               "semester": discipline.semester, "slug": None}
        if course is None:
            missing.append(row)
        else:
            meta = course.meta
            total = meta.total_hours
            row.update(slug=course.slug, status=status(reports[course.slug]),
                       cells=_cells(reports[course.slug]),
                       distance=_share(remote_hours(course), total, DISTANCE_MAX, ui)
                       if total else None,
                       sync=_share(meta.sync_hours, total, SYNC_MIN, ui) if total else None)
        rows.append(row)
    hours = shares(prog, courses, per_credit)
    online = prog.form == "online"
    runs = checked.profile.runs
    data["shares"] = [
        {"title": ui["distance_share"], **_share(hours.distance, hours.total, DISTANCE_MAX, ui),
         "limit": ui["share_limit_max"].format(limit=20),
         "clause": label(distance_clause(prog.form), lang), "applies": not online,
         "checked": runs("programme.distance-cap"),
         "ok": hours.distance <= hours.total * DISTANCE_MAX + 1e-9},
        {"title": ui["sync_share"], **_share(hours.sync, hours.total, SYNC_MIN, ui),
         "limit": ui["share_limit_min"].format(limit=30),
         "clause": label("order 349 annex 2 p.5", lang), "applies": online,
         "checked": runs("programme.sync-share"),
         "ok": hours.sync >= hours.total * SYNC_MIN - 1e-9},
    ]
    by_semester = copy.deepcopy(hours.by_semester)
    for item in prog.practice:
        row = by_semester.setdefault(item.semester, {})
        row["practice"] = row.get("practice", 0.0) + item.credits * per_credit
    chart = stacked_bars(by_semester) if by_semester else None
    return {**data, "rows": rows, "missing": missing, "chart": chart,
            "form": ui.get(f"form_{prog.form}", prog.form),
            "profile": checked.profile.name, "per_credit": f"{per_credit:g}",
            "practice": [{"title": p.title, "credits": f"{p.credits:g}",
                          "semester": p.semester} for p in prog.practice]}


def catalogue_groups(programmes: list[CheckedProgramme],
                     results: list[tuple[Course, CourseReport]]) -> dict[str, Any]:
    """The catalogue by programme and semester, then the courses in no programme."""
    courses = {c.slug: c for c, _ in results}
    reports = {c.slug: r for c, r in results}
    grouped: set[str] = set()
    groups = []
    for checked in programmes:
        if checked.programme is None:
            continue
        semesters: dict[int, dict[str, list[Any]]] = {}
        for discipline, course in kits(checked.programme, courses):
            slot = semesters.setdefault(discipline.semester, {"cards": [], "missing": []})
            if course is None:
                slot["missing"].append({"code": discipline.code, "title": discipline.title})
            else:
                slot["cards"].append(course_card(course, reports[course.slug]))
                grouped.add(course.slug)
        groups.append({"code": checked.report.code, "title": checked.report.title,
                       "url": page_uri(checked)[:-3] + "/",
                       "semesters": [{"semester": s, **semesters[s]} for s in sorted(semesters)]})
    others = [course_card(c, r) for c, r in results if c.slug not in grouped]
    return {"groups": groups, "others": others}


def rules(profile: Profile, lang: str) -> dict[str, Any]:
    """The registry as the portal's "What is checked" page, for the portal's profile."""
    ui = messages.ui(lang)
    rows = []
    for rule in registry.REGISTRY:
        rows.append({"id": rule.id, "why": registry.why(rule, lang),
                     "why_lang": lang if registry.why(rule, lang) != rule.why else "en",
                     "severity": rule.severity_in(profile.name),
                     "clause": label(rule.clause_in(profile.name), lang),
                     "profiles": [{"name": p, "severity": rule.severity_in(p)}
                                  for p in registry.PROFILE_NAMES]})
    out_of_scope = [{"clause": label(c, lang), "why": registry.out_of_scope(c, lang)}
                    for c in registry.OUT_OF_SCOPE]
    return {"ui": ui, "profile": profile.name, "rows": rows, "out_of_scope": out_of_scope,
            "profiles": list(registry.PROFILE_NAMES)}
