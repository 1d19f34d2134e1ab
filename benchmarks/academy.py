"""`make bench`: build a synthetic academy with eumk and as a plain MkDocs site; print figures.

    .venv/bin/python benchmarks/academy.py [--courses 300] [--runs 3] [--no-baseline]

Each figure is the median of `--runs` runs (one run when the first takes over 60 s).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path[:0] = [str(REPO), str(HERE)]

import measure  # noqa: E402
import synthetic  # noqa: E402

BIN = Path(sys.executable).parent
MB = 1024 * 1024


def machine() -> dict[str, str]:
    cpu = next((ln.split(":", 1)[1].strip() for ln in Path("/proc/cpuinfo").read_text().splitlines()
                if ln.startswith("model name")), platform.processor())
    ram = next(int(ln.split()[1]) for ln in Path("/proc/meminfo").read_text().splitlines()
               if ln.startswith("MemTotal"))
    from importlib.metadata import version

    return {"cores": str(os.cpu_count()), "cpu": cpu, "ram": f"{ram / MB:.0f} GB",
            "python": platform.python_version(), "mkdocs": version("mkdocs"),
            "material": version("mkdocs-material")}


def portal_project(root: Path) -> Path:
    """root/mkdocs.yml: the repo's portal config with the theme by absolute path."""
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    text = text.replace("custom_dir: theme", f"custom_dir: {REPO / 'theme'}")
    (root / "mkdocs.yml").write_text(text, encoding="utf-8")
    return root / "mkdocs.yml"


def has_case() -> bool:
    done = subprocess.run([str(BIN / "eumk"), "case", "--help"], capture_output=True)
    return done.returncode == 0


def row(name: str, runs: list[measure.Run], pages: int, output: Path | None = None
        ) -> dict[str, float | str]:
    out: dict[str, float | str] = {
        "name": name, "runs": len(runs),
        "seconds": measure.median(runs, "seconds"),
        "tree_mb": measure.median(runs, "tree_mb"),
        "process_mb": measure.median(runs, "process_mb"),
        "ok": all(r.returncode == 0 for r in runs),
    }
    out["pages_per_s"] = pages / float(out["seconds"]) if pages else 0.0
    if output is not None and output.exists():
        size, files = measure.tree_size(output)
        out.update(output_mb=size / MB, files=files, disk_mb=measure.disk_usage(output) / MB)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--courses", type=int, default=300)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--work", type=Path, help="work folder (default .cache/eumk-bench/N)")
    ap.add_argument("--no-baseline", action="store_true", help="skip the plain MkDocs build")
    args = ap.parse_args()
    work = (args.work or REPO / ".cache" / "eumk-bench" / str(args.courses)).resolve()
    work.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH="1767225600")

    print(f"generating {args.courses} courses in {work} …", flush=True)
    synthetic.make_academy(work, args.courses)
    config = portal_project(work)
    pages = sum(1 for _ in (work / "courses").rglob("*.md"))
    eumk = str(BIN / "eumk")
    results: list[dict[str, float | str]] = []

    def cold(_: int) -> None:
        shutil.rmtree(work / ".cache", ignore_errors=True)
        shutil.rmtree(work / "site", ignore_errors=True)

    print("full portal build (cold cache) …", flush=True)
    runs = measure.repeat(cold, [eumk, "build", "--site-dir", "site"], work, args.runs, env)
    results.append(row("portal: full build, cold cache", runs, pages, work / "site"))

    lecture = work / "courses" / synthetic.course_slug(1) / "lectures" / "02-page.md"

    def edit(i: int) -> None:
        # untimed: warm the cache for everything else (anything in builder/ or theme/ changed
        # meanwhile, e.g. by a colleague, rightly invalidates every course), then one edit
        subprocess.run([eumk, "build", "--site-dir", "site"], cwd=work, env=env,
                       capture_output=True, check=True)
        with lecture.open("a", encoding="utf-8") as fh:
            fh.write(f"\nEdit {i}: one more sentence.\n")

    print("rebuild after editing one lecture …", flush=True)
    runs = measure.repeat(edit, [eumk, "build", "--site-dir", "site"], work, args.runs, env)
    results.append(row("portal: rebuild after one lecture edit", runs, pages))

    print("eumk check of all courses …", flush=True)
    runs = measure.repeat(lambda i: None, [eumk, "check", "courses"], work, args.runs, env)
    results.append(row("eumk check, all courses", runs, pages))

    if has_case():
        print("case package of one course …", flush=True)
        slug = synthetic.course_slug(1)
        runs = measure.repeat(lambda i: shutil.rmtree(work / "case", ignore_errors=True),
                              [eumk, "case", slug, "--medium", "usb", "--out", "case"],
                              work, args.runs, env)
        results.append(row(f"eumk case {slug} --medium usb", runs, 0, work / "case"))
    else:
        print("  (skipped: no `eumk case` command in this checkout)")

    if not args.no_baseline:
        print("baseline: plain mkdocs build with navigation.prune …", flush=True)
        plain = synthetic.make_plain_site(work, work / "courses", config)
        runs = measure.repeat(
            lambda i: shutil.rmtree(plain.parent / "site", ignore_errors=True),
            [str(BIN / "mkdocs"), "build", "-q", "-f", str(plain)], plain.parent, args.runs, env)
        results.append(row("baseline: plain MkDocs + Material, prune", runs, pages,
                           plain.parent / "site"))
        shutil.rmtree(plain.parent / "site", ignore_errors=True)  # gigabytes at N=300

    report(args.courses, pages, results)
    (work / "results.json").write_text(json.dumps(
        {"machine": machine(), "courses": args.courses, "pages": pages, "results": results},
        indent=1, ensure_ascii=False), encoding="utf-8")
    return 0 if all(r["ok"] for r in results) else 1


def report(courses: int, pages: int, results: list[dict[str, float | str]]) -> None:
    m = machine()
    print(f"\n{courses} courses, {pages} Markdown pages · {m['cores']} cores, {m['cpu']}, "
          f"{m['ram']} RAM · Python {m['python']}, MkDocs {m['mkdocs']}, "
          f"Material {m['material']}\n")
    base = next((r for r in results if str(r["name"]).startswith("baseline")), None)
    head = f"{'':44} {'runs':>4} {'wall s':>8} {'pages/s':>8} {'tree MB':>8} {'proc MB':>8} " \
           f"{'out MB':>8} {'files':>7}"
    print(head)
    for r in results:
        out = f"{r['output_mb']:8.0f} {r['files']:7d}" if "output_mb" in r else f"{'':8} {'':7}"
        pps = f"{r['pages_per_s']:8.0f}" if r["pages_per_s"] else f"{'':8}"
        flag = "" if r["ok"] else "  FAILED"
        print(f"{r['name']:44} {r['runs']:4d} {r['seconds']:8.2f} {pps} {r['tree_mb']:8.0f} "
              f"{r['process_mb']:8.0f} {out}{flag}")
    full = results[0]
    share = 100 * float(results[1]["seconds"]) / float(full["seconds"])
    print(f"\nrebuild / full build: {share:.1f} %")
    if base:
        print(f"vs baseline: {float(base['seconds']) / float(full['seconds']):.1f}× faster, "
              f"memory {float(full['tree_mb']) / float(base['tree_mb']):.2f}×, "
              f"output {float(full['output_mb']) / float(base['output_mb']):.2f}× "
              f"(portal {full['output_mb']:.0f} MB / {full.get('disk_mb', 0):.0f} MB on disk; "
              f"baseline {base['output_mb']:.0f} MB)")


if __name__ == "__main__":
    sys.exit(main())
