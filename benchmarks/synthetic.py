"""A synthetic academy for benchmarks: N valid courses (`eumk new` skeleton + generated pages)
of deterministic Kazakh and Russian text, and the same pages as one plain MkDocs site."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

from builder.scaffold import create

# Word stock: course text is drawn from these, seeded by the course number (deterministic).
WORDS = {
    "kk": ("өрт қауіпсіздік төтенше жағдай құтқару адам ғимарат ереже нұсқаулық жабдық су "
           "сөндіру дабыл эвакуация жол жарақат алғашқы көмек қорғау құрал оқыту жаттығу "
           "қызметкер басшы жоспар талап бақылау тексеру тәуекел қауіп жүйе өнеркәсіп орман "
           "апат жер сілкінісі су тасқыны газ электр желі бөлме есік терезе баспалдақ").split(),
    "ru": ("пожарная безопасность чрезвычайная ситуация спасение человек здание правило "
           "инструкция оборудование вода тушение сигнал эвакуация путь травма первая помощь "
           "защита средство обучение учение сотрудник руководитель план требование контроль "
           "проверка риск опасность система промышленность лес авария землетрясение "
           "наводнение газ электричество сеть помещение дверь окно лестница").split(),
}
TITLES = {"kk": ("дәріс", "семинар", "өзіндік жұмыс", "бақылау жұмысы"),
          "ru": ("Лекция", "Семинар", "Самостоятельная работа", "Контрольная работа")}
# Extra pages a course gets on top of the skeleton's: folder → (first number, last number, kind).
EXTRA_PAGES = {"lectures": (2, 15, 0), "seminars": (2, 10, 1), "self-study": (2, 8, 2),
               "interim": (2, 3, 3)}
PARAGRAPHS = 14   # ≈ 1,200 words a page


def text(rng: random.Random, lang: str, words: int) -> str:
    stock = WORDS[lang]
    out = " ".join(rng.choice(stock) for _ in range(words))
    return out[0].upper() + out[1:] + "."


def page(rng: random.Random, lang: str, title: str) -> str:
    body = [f"---\ntitle: \"{title}\"\nmodule: M1\n---\n"]
    for n in range(1, PARAGRAPHS + 1):
        if n % 4 == 1:
            body.append(f"## {n // 4 + 1}. {text(rng, lang, 4)[:-1]}\n")
        body.append(" ".join(text(rng, lang, rng.randint(8, 16)) for _ in range(7)) + "\n")
    body.append("| № | " + " | ".join(text(rng, lang, 1)[:-1] for _ in range(3)) + " |\n"
                "|---|---|---|---|\n" + "".join(
                    f"| {i} | " + " | ".join(text(rng, lang, 2) for _ in range(3)) + " |\n"
                    for i in range(1, 6)))
    return "\n".join(body)


def course_slug(n: int) -> str:
    return f"c{n:03d}"


def make_course(courses: Path, n: int) -> Path:
    """Course number `n`: kk for even n, ru for odd; ~40 pages."""
    lang = "kk" if n % 2 == 0 else "ru"
    rng = random.Random(n)
    target = courses / course_slug(n)
    create(target, lang, title=f"{text(rng, lang, 3)[:-1]} {n}")
    yml = target / "course.yml"
    yml.write_text(yml.read_text(encoding="utf-8").replace(
        "description: ", f"description: {text(rng, lang, 20)} ", 1), encoding="utf-8")
    for folder, (first, last, kind) in EXTRA_PAGES.items():
        for i in range(first, last + 1):
            title = f"{i} {TITLES[lang][kind]}. {text(rng, lang, 3)[:-1]}"
            (target / folder / f"{i:02d}-page.md").write_text(page(rng, lang, title),
                                                               encoding="utf-8")
    return target


def make_academy(root: Path, courses: int) -> list[Path]:
    """root/courses/ with `courses` courses (the folder is recreated)."""
    folder = root / "courses"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    return [make_course(folder, n) for n in range(1, courses + 1)]


def _top_level_blocks(text: str) -> dict[str, str]:
    """A YAML file's top-level keys → their block of lines (comments dropped)."""
    blocks: dict[str, list[str]] = {}
    key = None
    for line in text.splitlines():
        if line.startswith("#") or not line.strip():
            continue
        if not line.startswith((" ", "-")):
            key = line.split(":", 1)[0]
            blocks[key] = []
        if key is not None:
            blocks[key].append(line)
    return {k: "\n".join(v) + "\n" for k, v in blocks.items()}


def make_plain_site(root: Path, courses: Path, mkdocs_yml: Path) -> Path:
    """The academy's Markdown as one ordinary MkDocs + Material site (navigation.prune, no eumk):
    root/plain/mkdocs.yml and root/plain/docs/<slug>/…; returns the config file."""
    plain = root / "plain"
    shutil.rmtree(plain, ignore_errors=True)
    docs = plain / "docs"
    for md in sorted(courses.rglob("*.md")):
        out = docs / md.relative_to(courses)
        out.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(md, out)
    (docs / "index.md").write_text("# Academy\n", encoding="utf-8")
    # The portal's theme and Markdown extensions as written (the file holds Python tags, e.g.
    # pymdownx.slugs, so it is cut into its top-level blocks rather than loaded), without eumk.
    blocks = _top_level_blocks(mkdocs_yml.read_text(encoding="utf-8"))
    theme = "\n".join(line for line in blocks["theme"].splitlines()
                      if not line.strip().startswith(("custom_dir:", "language:")))
    search = blocks["plugins"].split("  - offline:")[0]  # the search entry comes first
    (plain / "mkdocs.yml").write_text(
        "site_name: Academy\ndocs_dir: docs\nsite_dir: site\n"
        + theme + "\n  language: ru\n"   # Material has no Kazakh UI (eumk ships its own)
        + search.rstrip() + "\n" + blocks["markdown_extensions"], encoding="utf-8")
    return plain / "mkdocs.yml"


def make_big_course(root: Path, pages: int) -> Path:
    """root/courses/ holding one course with `pages` lectures in its lectures component (the
    scaffold's other components as they are); each lecture a third of the academy's pages."""
    folder = root / "courses"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    rng = random.Random(2000)
    target = folder / "big"
    create(target, "ru", title="Большой курс")
    for old in (target / "lectures").glob("*.md"):
        old.unlink()
    for i in range(1, pages + 1):
        body = [f"---\ntitle: \"Лекция {i}\"\nmodule: M1\n---\n"]
        for n in range(1, 5):
            if n % 2 == 1:
                body.append(f"## {n // 2 + 1}. {text(rng, 'ru', 4)[:-1]}\n")
            body.append(" ".join(text(rng, "ru", rng.randint(8, 16)) for _ in range(7)) + "\n")
        (target / "lectures" / f"{i:04d}-lecture.md").write_text("\n".join(body),
                                                                 encoding="utf-8")
    return target
