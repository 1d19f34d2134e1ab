"""`eumk new`: a complete, valid course skeleton in kk, ru or en, rendered from scaffold/<lang>/."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from builder.errors import UsageError
from builder.messages import LANGUAGES
from builder.write import atomic_dir

HERE = Path(__file__).parent
DEFAULT_TITLES = {"kk": "Пәннің атауы", "ru": "Название дисциплины", "en": "Discipline title"}


def create(target: Path, language: str, title: str | None = None) -> None:
    """Write the skeleton of a course in `language` to `target` (which must not exist)."""
    if language not in LANGUAGES:
        raise UsageError(f"unknown language '{language}' (choose {', '.join(LANGUAGES)})")
    if target.exists():
        raise UsageError(f"{target} already exists: choose another SLUG or remove the folder")
    source = HERE / language
    env = Environment(loader=FileSystemLoader(source), undefined=StrictUndefined,
                      keep_trailing_newline=True, autoescape=False)
    values = {
        "slug": target.name,
        "title": title or DEFAULT_TITLES[language],
        "code": target.name.upper()[:12],
        "today": dt.date.today().isoformat(),
        "year": dt.date.today().year,
    }
    with atomic_dir(target) as tmp:
        for path in sorted(source.rglob("*")):
            if path.is_file():
                rel = path.relative_to(source).as_posix()
                out = tmp / rel
                out.parent.mkdir(parents=True, exist_ok=True)
                out.write_text(env.get_template(rel).render(values), encoding="utf-8")
