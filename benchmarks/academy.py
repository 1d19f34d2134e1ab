"""`make bench`: build a synthetic academy with eumk and as a plain MkDocs site; print every
figure beside its target (issue 14) with PASS/FAIL.

    .venv/bin/python benchmarks/academy.py [--courses 300] [--runs 3] [--baseline-courses 100]
        [--big-pages 2000] [--kits 10] [--no-baseline]

Short steps are the median of `--runs` runs (one run when the first takes over 60 s). Targets
hold on an otherwise idle 2-core machine at 300 courses; at another N the build-time target is
scaled by N/300 and marked so. The load average at the start and end is printed: a figure from a
loaded machine is no evidence either way.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path[:0] = [str(REPO), str(HERE)]

import measure  # noqa: E402
import synthetic  # noqa: E402

BIN = Path(sys.executable).parent
MB = 1024 * 1024
EPOCH = "1767225600"


@dataclass
class Figure:
    name: str
    value: float
    unit: str
    target: float | None = None      # the value must be <= target (or >= when `at_least`)
    at_least: bool = False
    note: str = ""
    ok_run: bool = True              # the command itself succeeded

    def verdict(self) -> str:
        if not self.ok_run:
            return "FAIL (command failed)"
        if self.target is None:
            return ""
        good = self.value >= self.target if self.at_least else self.value <= self.target
        return "PASS" if good else "FAIL"

    def line(self) -> str:
        sign = "≥" if self.at_least else "≤"
        target = f"{sign} {self.target:g} {self.unit}" if self.target is not None else ""
        return (f"{self.name:52} {self.value:10.2f} {self.unit:8} {target:>16}  "
                f"{self.verdict():6} {self.note}")


def machine() -> dict[str, str]:
    cpu = next((ln.split(":", 1)[1].strip() for ln in Path("/proc/cpuinfo").read_text().splitlines()
                if ln.startswith("model name")), platform.processor())
    ram = next(int(ln.split()[1]) for ln in Path("/proc/meminfo").read_text().splitlines()
               if ln.startswith("MemTotal"))
    from importlib.metadata import version

    return {"cores": str(os.cpu_count()), "cpu": cpu, "ram": f"{ram / MB:.0f} GB",
            "python": platform.python_version(), "mkdocs": version("mkdocs"),
            "material": version("mkdocs-material"), "load": load()}


def load() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def portal_project(root: Path, jobs: int | None = None) -> Path:
    """root/mkdocs.yml: the repo's portal config with the theme by absolute path."""
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    text = text.replace("custom_dir: theme", f"custom_dir: {REPO / 'theme'}")
    if jobs:
        text = text.replace("  - eumk:\n", f"  - eumk:\n      jobs: {jobs}\n")
    (root / "mkdocs.yml").write_text(text, encoding="utf-8")
    return root / "mkdocs.yml"


def first_courses(work: Path, root: Path, count: int) -> None:
    """A fresh academy in `root` holding copies of the bench's first `count` courses."""
    clean(root)
    (root / "courses").mkdir(parents=True)
    for i in range(1, count + 1):
        slug = synthetic.course_slug(i)
        shutil.copytree(work / "courses" / slug, root / "courses" / slug)


def clean(*folders: Path) -> None:
    for folder in folders:
        shutil.rmtree(folder, ignore_errors=True)


def eumk(*args: str) -> list[str]:
    return [str(BIN / "eumk"), *args]


def search_sizes(site: Path) -> tuple[float, float]:
    """(largest course index, catalogue index) in MB."""
    courses = [p.stat().st_size for p in site.glob("*/search/search_index.json")]
    root = site / "search/search_index.json"
    return (max(courses, default=0) / MB, root.stat().st_size / MB if root.exists() else 0.0)


def pdf_pages(folder: Path) -> int:
    from pypdf import PdfReader

    return sum(len(PdfReader(p).pages) for p in folder.rglob("*.pdf"))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--courses", type=int, default=300)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--baseline-courses", type=int, default=100,
                    help="academy size of the side-by-side baseline (default 100, at most N)")
    ap.add_argument("--big-pages", type=int, default=None,
                    help="pages of the one-component course (default 2000; 200 below N=100)")
    ap.add_argument("--kits", type=int, default=None,
                    help="courses in the `eumk case --all` run (default 10; 4 below N=100)")
    ap.add_argument("--no-baseline", action="store_true", help="skip the plain MkDocs build")
    ap.add_argument("--work", type=Path, help="work folder (default .cache/eumk-bench/N)")
    args = ap.parse_args()
    n = args.courses
    quick = n < 100
    big_pages = args.big_pages if args.big_pages is not None else (200 if quick else 2000)
    kits = args.kits if args.kits is not None else (4 if quick else 10)
    base_n = min(args.baseline_courses, n)
    work = (args.work or REPO / ".cache" / "eumk-bench" / str(n)).resolve()
    work.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH=EPOCH)
    started_load = load()
    figures: list[Figure] = []

    print(f"generating {n} courses in {work} … (load {started_load})", flush=True)
    synthetic.make_academy(work, n)
    portal_project(work)
    pages = sum(1 for _ in (work / "courses").rglob("*.md"))

    # 1. the portal, cold cache ------------------------------------------------------------
    print("portal: full build, cold cache …", flush=True)
    runs = measure.repeat(lambda i: clean(work / ".cache", work / "site"),
                          eumk("build", "--site-dir", "site"), work, args.runs, env)
    cold = measure.median(runs, "seconds")
    ok = all(r.returncode == 0 for r in runs)
    at_300 = n == 300  # the academy-size targets are set for 300 courses
    figures.append(Figure(f"portal, {n} courses, cold cache", cold, "s", 45 if at_300 else None,
                          note=f"{pages / cold:.0f} pages/s" + ("" if at_300 else
                                                               "; target 45 s at 300"), ok_run=ok))
    figures.append(Figure("  peak memory of the process tree", measure.median(runs, "tree_mb"),
                          "MB", 600, ok_run=ok))
    size, files = measure.tree_size(work / "site")
    figures.append(Figure("  output, bytes of every file", size / MB, "MB",
                          1024 if at_300 else None,
                          note=f"{files} files, {measure.disk_usage(work / 'site') / MB:.0f} MB "
                               f"on disk; {size / MB / n:.2f} MB a course"
                               + ("" if at_300 else "; target 1 GB at 300"), ok_run=ok))
    course_index, catalogue_index = search_sizes(work / "site")
    figures.append(Figure("  search index, largest course", course_index, "MB", 0.7, ok_run=ok))
    figures.append(Figure("  search index, catalogue", catalogue_index, "MB", 1.0, ok_run=ok))

    # 2. rebuild after one edit, check ---------------------------------------------------------
    lecture = work / "courses" / synthetic.course_slug(1) / "lectures" / "02-page.md"

    def edit(i: int) -> None:
        subprocess.run(eumk("build", "--site-dir", "site"), cwd=work, env=env,
                       capture_output=True, check=True)  # warm, untimed
        with lecture.open("a", encoding="utf-8") as fh:
            fh.write(f"\nEdit {i}: one more sentence.\n")

    print("portal: rebuild after editing one lecture …", flush=True)
    runs = measure.repeat(edit, eumk("build", "--site-dir", "site"), work, args.runs, env)
    figures.append(Figure(f"rebuild after one lecture edit ({n} courses)",
                          measure.median(runs, "seconds"), "s", 1.0,
                          ok_run=all(r.returncode == 0 for r in runs)))
    print("eumk check of every course …", flush=True)
    runs = measure.repeat(lambda i: None, eumk("check", "courses"), work, args.runs, env)
    figures.append(Figure(f"eumk check, {n} courses", measure.median(runs, "seconds"), "s", 1.5,
                          ok_run=all(r.returncode == 0 for r in runs)))

    # 3. case kits --------------------------------------------------------------------------------
    slug = synthetic.course_slug(1)
    print(f"eumk case {slug} --medium usb (cold: no kit cache; warm: cached site and PDF) …",
          flush=True)

    def cold_kit(i: int) -> None:
        clean(work / "case", work / ".cache/eumk/kits", work / ".cache/eumk/pdf")

    runs = measure.repeat(cold_kit, eumk("case", slug, "--medium", "usb", "--out", "case"),
                          work, args.runs, env)
    kit_pages = pdf_pages(work / "case" / f"{slug}-usb")
    figures.append(Figure(f"one course's usb kit, cold ({kit_pages} PDF pages)",
                          measure.median(runs, "seconds"), "s", 4.0,
                          ok_run=all(r.returncode == 0 for r in runs)))
    runs = measure.repeat(lambda i: clean(work / "case"),
                          eumk("case", slug, "--medium", "usb", "--out", "case"),
                          work, args.runs, env)
    figures.append(Figure("one course's usb kit, warm (site + PDF cached)",
                          measure.median(runs, "seconds"), "s", 4.0,
                          ok_run=all(r.returncode == 0 for r in runs)))

    print(f"eumk case --all --medium paper, {kits} courses, cold …", flush=True)
    kit_root = work / "kits"
    first_courses(work, kit_root, kits)
    portal_project(kit_root)
    run = measure.run(eumk("case", "--all", "--medium", "paper", "--out", "dist"), kit_root, env)
    printed = pdf_pages(kit_root / "dist")
    figures.append(Figure(f"eumk case --all --medium paper ({kits} courses)", run.seconds, "s",
                          note=f"{run.seconds / kits:.1f} s a kit; peak {run.tree_mb:.0f} MB",
                          ok_run=run.returncode == 0))
    figures.append(Figure("  PDF pages printed a second, both cores", printed / run.seconds,
                          "pages/s", 25, at_least=True,
                          note=f"{printed} pages; courses in parallel", ok_run=run.returncode == 0))
    clean(kit_root / ".cache/eumk/kits", kit_root / "dist2")
    run = measure.run(eumk("case", "--all", "--medium", "usb", "--out", "dist2"), kit_root, env)
    figures.append(Figure(f"eumk case --all --medium usb ({kits} courses, PDFs cached)",
                          run.seconds, "s", note=f"{run.seconds / kits:.1f} s a kit",
                          ok_run=run.returncode == 0))

    # 4. one course of many pages ------------------------------------------------------------------
    print(f"one course, {big_pages} lectures in one component …", flush=True)
    big = work / "big"
    big.mkdir(exist_ok=True)
    synthetic.make_big_course(big, big_pages)
    portal_project(big)
    clean(big / ".cache", big / "site")
    run = measure.run(eumk("build", "--site-dir", "site"), big, env)
    size, files = measure.tree_size(big / "site")
    full = big_pages == 2000  # targets set for 2,000 pages
    note = "" if full else "; targets at 2,000 pages: 30 s, 100 MB"
    figures.append(Figure(f"course of {big_pages} pages: build", run.seconds, "s",
                          30 if full else None, note=f"peak {run.tree_mb:.0f} MB" + note,
                          ok_run=run.returncode == 0))
    figures.append(Figure(f"course of {big_pages} pages: output", size / MB, "MB",
                          100 if full else None, note=f"{files} files", ok_run=run.returncode == 0))

    # 5. 1 → 2 cores ---------------------------------------------------------------------------
    scale_n = min(n, 40)
    print(f"scaling: {scale_n} courses on 1 core, then 2 …", flush=True)
    scaling = work / "scaling"
    first_courses(work, scaling, scale_n)
    by_jobs = {}
    for jobs in (1, 2):
        portal_project(scaling, jobs=jobs)
        one = measure.repeat(lambda i: clean(scaling / ".cache", scaling / "site"),
                             eumk("build", "--site-dir", "site"), scaling, min(args.runs, 2), env)
        by_jobs[jobs] = measure.median(one, "seconds")
    speedup = by_jobs[1] / by_jobs[2]
    per_course = by_jobs[1] / scale_n
    figures.append(Figure(f"scaling, {scale_n} courses: 1 core", by_jobs[1], "s",
                          note=f"{per_course:.2f} s a course"))
    figures.append(Figure(f"scaling, {scale_n} courses: 2 cores", by_jobs[2], "s",
                          note=f"{speedup:.2f}× of 1 core"))

    # 6. the baseline, side by side ---------------------------------------------------------
    base = None
    if not args.no_baseline:
        print(f"baseline: {base_n} courses, eumk and plain MkDocs + Material (prune) …",
              flush=True)
        side = work / "side"
        clean(side)
        (side / "courses").mkdir(parents=True)
        for i in range(1, base_n + 1):
            shutil.copytree(work / "courses" / synthetic.course_slug(i),
                            side / "courses" / synthetic.course_slug(i))
        config = portal_project(side)
        runs = measure.repeat(lambda i: clean(side / ".cache", side / "site"),
                              eumk("build", "--site-dir", "site"), side, args.runs, env)
        ours = measure.median(runs, "seconds")
        plain = synthetic.make_plain_site(side, side / "courses", config)
        base = measure.repeat(lambda i: clean(plain.parent / "site"),
                              [str(BIN / "mkdocs"), "build", "-q", "-f", str(plain)],
                              plain.parent, args.runs, env)
        theirs = measure.median(base, "seconds")
        bsize, _ = measure.tree_size(plain.parent / "site")
        clean(plain.parent / "site")
        figures.append(Figure(f"baseline, {base_n} courses: plain MkDocs + Material", theirs,
                              "s", note=f"peak {measure.median(base, 'tree_mb'):.0f} MB, "
                                        f"{bsize / MB:.0f} MB output",
                              ok_run=all(r.returncode == 0 for r in base)))
        figures.append(Figure(f"baseline, {base_n} courses: eumk, cold cache", ours, "s",
                              note=f"peak {measure.median(runs, 'tree_mb'):.0f} MB",
                              ok_run=all(r.returncode == 0 for r in runs)))
        figures.append(Figure(f"  eumk faster than the baseline ({base_n} courses)",
                              theirs / ours, "×", 12, at_least=True,
                              note="target at 100 courses" if base_n != 100 else ""))

    report(n, pages, figures, started_load, per_course, speedup)
    (work / "results.json").write_text(json.dumps(
        {"machine": machine(), "load_at_start": started_load, "courses": n, "pages": pages,
         "figures": [dict(f.__dict__, verdict=f.verdict()) for f in figures]},
        indent=1, ensure_ascii=False), encoding="utf-8")
    return 0 if all(f.verdict() != "FAIL (command failed)" for f in figures) else 1


def report(n: int, pages: int, figures: list[Figure], started_load: str, per_course: float,
           speedup: float) -> None:
    m = machine()
    print(f"\n{n} courses, {pages} Markdown pages · {m['cores']} cores, {m['cpu']}, {m['ram']} "
          f"RAM · Python {m['python']}, MkDocs {m['mkdocs']}, Material {m['material']}")
    print(f"load average at start: {started_load}; at end: {m['load']} "
          "(figures from a loaded machine prove nothing)\n")
    print(f"{'':52} {'value':>10} {'':8} {'target':>16}  verdict")
    for figure in figures:
        print(figure.line())
    total = 10000 * per_course  # seconds on one core
    print(f"\nA national catalogue of 10,000 courses at {per_course:.2f} s a course on one core "
          f"(measured here): {total / 60:.0f} min on 1 core, {total / speedup / 60:.0f} min on "
          f"this machine ({speedup:.2f}× on 2 cores), about {total / speedup / 32 / 60:.1f} min "
          "on 32 such machines — course builds are independent; gathering the sites is copying.")


if __name__ == "__main__":
    sys.exit(main())
