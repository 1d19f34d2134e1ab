"""`eumk tickets`: exam tickets drawn from a final bank, as a PDF (WeasyPrint), one per page."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from builder import messages
from builder.errors import KitError
from builder.fetcher import KitFetcher
from builder.model import Course, Question
from builder.quiz.draw import Shortage, draw
from builder.quiz.markup import to_html
from builder.theme import THEME, environment
from builder.write import source_date_epoch, write_bytes


def drawn(course: Course) -> list[list[Question]]:
    """The tickets of `course`, or KitError naming what the bank is short of."""
    lang = course.language
    if course.tickets is None:
        raise KitError(messages.text(lang, "tickets.none", "message", {"course": course.slug}))
    result = draw(course, course.tickets)
    if isinstance(result, Shortage):
        where = course.where(course.tickets.path)
        raise KitError(f"{where}: " + messages.text(lang, result.key, "message", result.params)
                       + "\n  → " + messages.text(lang, result.key, "hint", result.params))
    return result


def tickets_html(course: Course, tickets: list[list[Question]]) -> str:
    """The tickets as one HTML document for print (theme/tickets/tickets.html)."""
    ui = messages.ui(course.language)
    created = dt.datetime.fromtimestamp(source_date_epoch(), dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    modules = {m.id: m.title for m in course.meta.modules}
    data: list[dict[str, Any]] = [
        {"n": n, "title": ui["tickets_ticket"].format(n=n),
         "questions": [{"html": to_html(q.text), "module": q.module,
                        "module_title": modules.get(q.module or "", "")} for q in ticket]}
        for n, ticket in enumerate(tickets, start=1)]
    return environment("tickets").get_template("tickets.html").render(
        course=course.meta, spec=course.tickets, tickets=data, ui=ui, lang=course.language,
        created=created, css=(THEME / "tickets/tickets.css").read_text(encoding="utf-8"))


def write_tickets(course: Course, out: str | Path | None = None) -> tuple[Path, int]:
    """Draw the tickets and write the PDF (default `<slug>-tickets.pdf`; `out` may be a folder,
    `DIR/`): (path, ticket count)."""
    import weasyprint

    from builder.quiz.exchange import out_path

    tickets = drawn(course)
    html = tickets_html(course, tickets)
    pdf = weasyprint.HTML(string=html, base_url=str(course.path / "final") + "/",
                          url_fetcher=KitFetcher([course.path])).write_pdf()
    path = out_path(out, f"{course.slug}-tickets.pdf")
    write_bytes(path, pdf)
    return path, len(tickets)
