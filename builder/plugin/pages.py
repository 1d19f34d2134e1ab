"""Data for the generated pages (catalogue, compliance, course home, syllabus, consultations).

Templates in theme/ render these dicts; nothing here produces HTML.
"""

from __future__ import annotations

from typing import Any

from builder import messages
from builder.clauses import label
from builder.findings import CourseReport, Finding, ordered
from builder.model import COMPONENTS, EXTRA, HOUR_KINDS, Course
from builder.profiles import COMPONENT_CLAUSE, Profile
from builder.rules.kit import component_present
from builder.schedule import slots
from builder.write import build_time

PLAN_COLUMNS = (*HOUR_KINDS, "sync")


def status(report: CourseReport) -> str:
    return "errors" if report.errors else "warnings" if report.warnings else "ok"


def course_card(course: Course, report: CourseReport) -> dict[str, Any]:
    m = course.meta
    return {
        "slug": course.slug, "code": m.code, "title": m.title or course.slug,
        "language": m.language, "credits": f"{m.credits:g}", "developer": m.developer,
        "programme": m.programme, "technologies": list(m.technologies), "form": m.form,
        "description": m.description, "status": status(report),
        "errors": report.errors, "warnings": report.warnings,
    }


def catalogue(results: list[tuple[Course, CourseReport]], lang: str) -> dict[str, Any]:
    cards = [course_card(c, r) for c, r in results]
    return {
        "ui": messages.ui(lang),
        "courses": cards,
        "languages": sorted({c["language"] for c in cards}),
        "programmes": sorted({c["programme"] for c in cards if c["programme"]}),
    }


def _about_secrets(finding: Finding) -> bool:
    """A finding whose text may quote final-control material (an option of an exam test)."""
    return finding.component == "final" and finding.rule.startswith(("quiz.", "tickets."))


def compliance(results: list[tuple[Course, CourseReport]], profile: Profile, lang: str,
               audience: str = "student") -> dict[str, Any]:
    """Matrix course × component, each cell the worst severity there, with every finding (for
    students, findings about final-control banks show rule, clause and place, not their text)."""
    titles = messages.component_titles(lang)
    rows = []
    for course, report in results:
        cells = []
        for component in COMPONENTS:
            found = [f for f in report.findings if f.component == component]
            worst = ("errors" if any(f.severity == "error" for f in found) else
                     "warnings" if found else "ok")
            cells.append({"component": component, "status": worst, "count": len(found)})
        rows.append({
            **course_card(course, report),
            "cells": cells,
            "findings": [
                {**f.as_json(report.lang), "component_title": titles.get(f.component or "", ""),
                 "clause_label": label(f.clause, report.lang),
                 **({"message": "", "hint": ""} if audience == "student" and _about_secrets(f)
                    else {})}
                for f in ordered(report.findings)],
        })
    return {
        "ui": messages.ui(lang),
        "profile": {"name": profile.name},
        "components": [{"id": c, "title": titles[c], "clause": label(COMPONENT_CLAUSE[c], lang)}
                       for c in COMPONENTS],
        "rows": rows,
    }


def course_home(course: Course, report: CourseReport | None, links: dict[str, str]
                ) -> dict[str, Any]:
    """The course's start page: passport and the components with where they live."""
    lang = course.language
    titles = messages.component_titles(lang)
    parts = [{"id": c, "title": titles[c], "url": links.get(c), "present":
              component_present(course, c), "clause": label(COMPONENT_CLAUSE[c], lang)}
             for c in COMPONENTS]
    if links.get(EXTRA):
        parts.append({"id": EXTRA, "title": titles[EXTRA], "url": links[EXTRA], "present": True,
                      "clause": label("order 385 p.7", lang)})
    m = course.meta
    return {
        "ui": messages.ui(lang),
        "course": {"code": m.code, "title": m.title, "developer": m.developer,
                   "programme": m.programme, "approved": m.approved.isoformat()
                   if m.approved else "", "credits": f"{m.credits:g}", "form": m.form,
                   "technologies": list(m.technologies), "institution": m.institution,
                   "description": m.description},
        "components": parts,
        "status": status(report) if report else None,
    }


def syllabus(course: Course, hours_per_credit: float) -> dict[str, Any]:
    """Modules with topics, the thematic plan with totals and the credit check, literature."""
    meta = course.meta
    modules = []
    totals = dict.fromkeys((*PLAN_COLUMNS, "total"), 0.0)
    for module in meta.modules:
        topics = []
        for topic in module.topics:
            row = {k: getattr(topic, k) for k in PLAN_COLUMNS}
            row["total"] = topic.total
            for k, v in row.items():
                totals[k] += v
            topics.append({"title": topic.title, "hours": {k: f"{v:g}" if v else ""
                                                           for k, v in row.items()}})
        modules.append({"id": module.id, "title": module.title, "topics": topics})
    columns = [k for k in PLAN_COLUMNS if totals[k]]
    expected = meta.credits * hours_per_credit
    ui = messages.ui(course.language)
    check_values = {"total": f"{totals['total']:g}", "credits": f"{meta.credits:g}",
                    "per_credit": f"{hours_per_credit:g}", "expected": f"{expected:g}"}
    matches = abs(totals["total"] - expected) < 1e-6
    return {
        "ui": ui,
        "modules": modules,
        "columns": columns,
        "totals": {k: f"{v:g}" for k, v in totals.items()},
        "credit_check": {"ok": matches, "text": ui["credit_check" if matches else
                                                   "credit_mismatch"].format(**check_values)},
        "literature": {"basic": list(meta.literature.basic),
                       "additional": list(meta.literature.additional)},
    }


def link_text(url: str, longest: int = 28) -> str:
    """A meeting link as people read it on a phone: no scheme, long paths cut to the host."""
    text = url.split("://", 1)[-1].rstrip("/")
    if len(text) <= longest:
        return text
    host = text.split("/", 1)[0]
    return host if "/" not in text else host + "/…"


def consultations(course: Course, ics_name: str) -> dict[str, Any]:
    """The schedule: upcoming slots first (as of build time; the page script re-sorts on view)."""
    cons = course.consultations
    ui = messages.ui(course.language)
    if cons is None:
        return {"ui": ui, "rows": [], "weekly": [], "ics": None, "upcoming": False}
    now = build_time()
    rows = []
    for slot in slots(cons):
        rows.append({
            "start_iso": slot.start.isoformat(), "end_iso": slot.end.isoformat(),
            "date": slot.start.strftime("%d.%m.%Y"),
            "weekday": ui[slot.start.strftime("%a").lower()[:3]],
            "time": f"{slot.start:%H:%M}–{slot.end:%H:%M}", "minutes": slot.minutes,
            "topic": slot.topic, "channel": slot.channel or "",
            "link": (slot.channel or "").startswith(("http://", "https://")),
            "link_text": link_text(slot.channel or ""),
            "past": slot.end < now, "weekly": slot.weekly,
        })
    rows.sort(key=lambda r: (r["past"], r["start_iso"]))
    weekly = [{"weekday": ui[w.weekday], "start": w.start, "minutes": w.minutes,
               "from": w.from_.strftime("%d.%m.%Y"), "until": w.until.strftime("%d.%m.%Y"),
               "topic": w.topic, "channel": w.channel or cons.channel or ""}
              for w in cons.weekly]
    return {"ui": ui, "rows": rows, "weekly": weekly, "teacher": cons.teacher,
            "upcoming": any(not r["past"] for r in rows),
            "timezone": ui["timezone"].format(zone=cons.timezone), "ics": ics_name}
