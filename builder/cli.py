"""The `eumk` command line: argument parsing and exit codes only; each command calls the library."""

from __future__ import annotations

import argparse
import atexit
import contextlib
import os
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from builder import locks, profiles
from builder.errors import EumkError, UsageError
from builder.messages import LANGUAGES, text, ui

Command = Callable[[argparse.Namespace], int]
COMMANDS: dict[str, Command] = {}


def command(name: str) -> Callable[[Command], Command]:
    def register(fn: Command) -> Command:
        COMMANDS[name] = fn
        return fn

    return register


def _config(args: argparse.Namespace, **overrides: object):  # -> EumkConfig
    from builder.settings import SettingsError, read

    try:
        return read(Path(args.config), **overrides)
    except SettingsError as exc:
        raise UsageError(str(exc)) from None


def _course_dir(args: argparse.Namespace) -> Path:
    """The folder of course SLUG (a slug under courses_dir, or a path)."""
    from builder.load import find_courses

    given = Path(args.slug)
    courses = Path(_config(args).courses_dir)
    for folder in (given, courses / args.slug):
        if folder.is_dir() and find_courses([folder]) == [folder]:
            return folder
    raise UsageError(f"no course '{args.slug}' in {courses}/ (try: eumk check {courses})")


def _not_published(args: argparse.Namespace, option: str, out: str | None, *courses: Path
                   ) -> None:
    """A usage error when an output (`out`, or the current folder by default) would land inside
    courses/ or a course: the next build would publish it, answer keys and tickets included."""
    from builder.paths import contained

    target = Path(out or ".")
    for folder in (Path(_config(args).courses_dir), *courses):
        if folder.is_dir() and contained(folder, target) is not None:
            where = f"{option} {out}" if out else f"the current folder ({Path.cwd()})"
            raise UsageError(f"{where} is inside {folder}/, whose files the portal and the case "
                             "kits publish; write the output outside the courses folder "
                             "(e.g. --out dist/)")


@command("check")
def cmd_check(args: argparse.Namespace) -> int:
    from builder.check import check_passports
    from builder.findings import to_json, to_text
    from builder.programme_check import check_programmes

    config = _config(args, profile=args.profile)
    paths = [Path(p) for p in (args.paths or [config.courses_dir])]
    for path in paths:
        if not path.is_dir():
            raise UsageError(f"{path}: no such folder "
                             "(give a course folder or a folder of courses)")
    profile = config.rule_profile()
    cache = None if args.no_cache else _check_cache(args, config, paths)
    results = check_passports(paths, profile, args.lang, cache_root=cache)
    if not results:
        raise UsageError(f"no course folders (with course.yml) under {', '.join(map(str, paths))}")
    # Courses are checked as parts of their programmes; the programmes themselves are reported
    # when the whole courses folder is checked (a single course cannot tell which kits exist).
    checked = check_programmes(Path(config.programmes_dir), results, profile, args.lang)
    whole = any(p.resolve() == Path(config.courses_dir).resolve() for p in paths)
    programmes = [c.report for c in checked] if whole else []
    reports = [report for _, report in results]
    if args.format == "json":
        print(to_json(reports, programmes))
    else:
        print(to_text(reports, color=sys.stdout.isatty(), programmes=programmes))
    errors = sum(r.errors for r in [*reports, *programmes])
    warnings = sum(r.warnings for r in [*reports, *programmes])
    return 1 if errors or (args.strict and warnings) else 0


def _check_cache(args: argparse.Namespace, config: Any, paths: list[Path]) -> Path | None:
    """Where `eumk check` keeps its results: the portal's cache (shared with `eumk build`), when
    there is a portal (mkdocs.yml) and every PATH is inside its courses folder (a course folder
    elsewhere is not the portal's); never inside a course."""
    from builder.paths import contained

    config_file = Path(args.config)
    if not config_file.is_file():
        return None
    cache, courses = config_file.parent / config.cache_dir, Path(config.courses_dir)
    if not all(contained(courses, path) is not None for path in paths):
        return None
    if contained(courses, cache) is not None:
        return None
    return cache


@command("new")
def cmd_new(args: argparse.Namespace) -> int:
    from builder.scaffold import create

    target = Path(args.dir or _config(args).courses_dir) / args.slug
    create(target, args.language, args.title)
    print(text(args.language or "en", "new.done", "message", {"target": str(target)}))
    return 0


@command("build")
def cmd_build(args: argparse.Namespace) -> int:
    from builder.plugin.build import build_site

    return build_site(Path(args.config), audience=args.audience, site_dir=args.site_dir)


@command("case")
def cmd_case(args: argparse.Namespace) -> int:
    from builder.case.notice import say
    from builder.case.package import build_package
    from builder.check import check_paths
    from builder.findings import to_text
    from builder.plugin.build import cached_course

    if args.all:
        return _case_all(args)
    if not args.slug:
        raise UsageError("give a course SLUG, or --all for every course")
    course_dir = _course_dir(args)
    _not_published(args, "--out", args.out, course_dir)
    config = _config(args)
    [(course, report)] = check_paths([course_dir],
                                     config.rule_profile())
    if report.errors:  # no package from a kit with errors
        print(to_text([report], color=sys.stderr.isatty()), file=sys.stderr)
        return 1
    # the offline site from the portal's cache (built there when missing)
    from builder.case.pdf import articles, prepared, warmed_up

    rendered = cached_course(Path(args.config), config, course_dir, (course, report),
                             meanwhile=(prepared, warmed_up),  # here, while the site builds
                             then=articles)  # in the worker, once it is built
    paths = build_package(course, rendered, args.medium, Path(args.out),
                          transcode=args.transcode, progress=sys.stderr.isatty(),
                          wait=config.lock_wait)
    medium = ui(course.language)[f"medium_{args.medium}"]
    print(say(course.language, "case.done", medium=medium, slug=course.slug,
              paths=", ".join(map(str, paths))))
    return 0


def _case_all(args: argparse.Namespace) -> int:
    """`eumk case --all`: every course's kit in parallel; exit 1 if any could not be made."""
    from builder.case.academy import KitJob, make_kits
    from builder.load import find_courses

    if args.slug:
        raise UsageError("give a course SLUG or --all, not both")
    _not_published(args, "--out", args.out)
    config = _config(args)
    courses = find_courses([Path(config.courses_dir)])
    if not courses:
        raise UsageError(f"no course folders (with course.yml) under {config.courses_dir}")
    jobs = [KitJob(Path(args.config), config, d, args.medium, Path(args.out), args.transcode)
            for d in courses]
    results = make_kits(jobs, progress=sys.stderr.isatty())
    for result in results:
        print(result.text, file=sys.stdout if result.ok else sys.stderr)
    return 0 if all(r.ok for r in results) else 1


@command("verify")
def cmd_verify(args: argparse.Namespace) -> int:
    from builder.case.verify import verify

    verdict = verify(Path(args.package), args.lang)
    print("\n".join(verdict.lines()), file=sys.stdout if verdict.comparison.intact else sys.stderr)
    return 0 if verdict.comparison.intact else 1


@command("media")
def cmd_media(args: argparse.Namespace) -> int:
    from builder.media.course_videos import run

    return run(_course_dir(args), target=args.target, do_split=args.split, update=args.update)


@command("tickets")
def cmd_tickets(args: argparse.Namespace) -> int:
    from builder.quiz.exchange import load_for_quiz
    from builder.quiz.tickets import write_tickets

    course_dir = _course_dir(args)
    _not_published(args, "--out", args.out, course_dir)
    course = load_for_quiz(course_dir)
    path, count = write_tickets(course, args.out)  # a trailing / means a folder
    print(f"{path}: {count}")
    return 0


@command("export")
def cmd_export(args: argparse.Namespace) -> int:
    from builder.quiz.exchange import describe, export_course, load_for_quiz

    course_dir = _course_dir(args)
    _not_published(args, "--out", args.out, course_dir)
    course = load_for_quiz(course_dir)
    paths, lost = export_course(course, args.format, args.out)  # a trailing / means a folder
    for finding in lost:
        print(describe(finding, course.language), file=sys.stderr)
    for path in paths:
        print(path)
    return 0


@command("import")
def cmd_import(args: argparse.Namespace) -> int:
    from builder.quiz.exchange import describe, import_file, out_path

    source = Path(args.file)
    out = out_path(args.out, f"{source.name.split('.')[0] or 'bank'}.quiz.yml")
    count, findings = import_file(source, args.format, out, args.module,
                                  args.lang or "en", args.max_size, args.skip_invalid)
    for finding in findings:
        print(describe(finding, args.lang), file=sys.stderr)
    if count:
        print(f"{out}: {count}")
    return 0 if count and not any(f.severity == "error" for f in findings) else 1


def _megabytes(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        number = -1.0
    if not 0 < number < float("inf"):
        raise argparse.ArgumentTypeError(f"not a positive number of megabytes: {value!r}")
    return number


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(
        prog="eumk",
        description="Electronic teaching kits (ЭОӘК/ЭУМК) in Markdown → validated portal and "
                    "offline case kits.")
    top.add_argument("--config", default="mkdocs.yml", help="the portal's mkdocs.yml")
    sub = top.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("new", help="scaffold a complete, valid course skeleton")
    p.add_argument("slug", metavar="SLUG")
    p.add_argument("--language", choices=LANGUAGES, default="kk")
    p.add_argument("--title")
    p.add_argument("--dir", help="folder of courses (default: courses_dir of mkdocs.yml)")

    p = sub.add_parser("check", help="check courses against the distance-learning rules")
    p.add_argument("paths", nargs="*", metavar="PATH")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("--strict", action="store_true", help="warnings fail too (exit 1)")
    p.add_argument("--profile", choices=tuple(profiles.PROFILES))
    p.add_argument("--lang", choices=LANGUAGES, help="language of the messages")
    p.add_argument("--no-cache", action="store_true",
                   help="check every course again (default: unchanged courses are not checked "
                        "again; their results are kept in the portal's cache, as a build keeps "
                        "them)")

    p = sub.add_parser("tickets", help="exam tickets as PDF (instructor only)")
    p.add_argument("slug", metavar="SLUG")
    p.add_argument("--out", metavar="FILE", help="the PDF, or a folder DIR/ "
                                                 "(default: SLUG-tickets.pdf)")

    p = sub.add_parser("export", help="question banks to Moodle XML, GIFT or <variant> text "
                                      "(with answer keys)")
    p.add_argument("slug", metavar="SLUG")
    p.add_argument("--format", choices=("moodle-xml", "gift", "variant"), required=True)
    p.add_argument("--out", metavar="FILE",
                   help="one file for all banks (default: SLUG.xml / SLUG.gift.txt); "
                        "a folder (existing, or ending in /): one file per bank")

    p = sub.add_parser("import", help="a bank (*.quiz.yml) from GIFT, Moodle XML or <variant> text")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--format", choices=("gift", "moodle-xml", "variant"), required=True)
    p.add_argument("--out", metavar="BANK.quiz.yml", required=True,
                   help="the bank to write, or a folder DIR/ (then FILE's name.quiz.yml)")
    p.add_argument("--module", help="module id for questions that name none")
    p.add_argument("--lang", choices=LANGUAGES, default="en", help="language of the messages")
    p.add_argument("--max-size", type=_megabytes, default=50, metavar="MB",
                   help="refuse files larger than this (default 50 MB)")
    p.add_argument("--skip-invalid", action="store_true",
                   help="write the valid questions and list the others (default: nothing is "
                        "written unless every question is valid)")

    p = sub.add_parser("build", help="build the portal (same as mkdocs build)")
    p.add_argument("--audience", choices=("student", "instructor"), default="student")
    p.add_argument("--site-dir")

    p = sub.add_parser("media", help="list, transcode or split a course's videos")
    p.add_argument("slug", metavar="SLUG")
    p.add_argument("--target", choices=("480p", "720p"),
                   help="transcode to H.264/AAC MP4 of this size (new files beside the old)")
    p.add_argument("--split", action="store_true",
                   help="split videos longer than 20 minutes at their chapters")
    p.add_argument("--update", action="store_true",
                   help="also point the pages' front matter at the new files")

    p = sub.add_parser("case", help="a case package: usb folder + zip, dvd/cd ISO, paper PDF")
    p.add_argument("slug", metavar="SLUG", nargs="?")
    p.add_argument("--all", action="store_true",
                   help="every course of courses_dir, in parallel (one kit per course)")
    p.add_argument("--medium", choices=("usb", "dvd", "cd", "paper"), required=True)
    p.add_argument("--out", default="dist/case", help="folder for the package (default dist/case)")
    p.add_argument("--transcode", action="store_true",
                   help="re-encode the videos smaller when the package does not fit the disc")

    p = sub.add_parser("verify", help="check a package (folder, zip, ISO) against its manifest")
    p.add_argument("package", metavar="PACKAGE")
    p.add_argument("--lang", choices=LANGUAGES,
                   help="language of the report (default: the package's course language)")
    return top


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    args = parser().parse_args(argv)
    try:
        with locks.stop_cleanly():  # SIGTERM, like Ctrl-C, removes the run's temporary files
            return COMMANDS[args.command](args)
    except EumkError as exc:
        print(f"eumk {args.command}: {exc}", file=sys.stderr)
        return exc.exit_code
    except OSError as exc:  # an output folder that cannot be written, a file that went away
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"eumk {args.command}: {where}{exc.strerror or exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt as exc:
        print("eumk: interrupted", file=sys.stderr)
        return exc.exit_code if isinstance(exc, locks.Stopped) else 130


def run() -> None:
    """The console script: `main`, then the exit a normal one makes (atexit handlers run,
    streams flushed) without tearing the interpreter down object by object — after a kit that
    took longer than zipping it (mypy exits the same way). With threads still running it exits
    normally, which waits for them."""
    code = main()
    if threading.active_count() > 1:
        sys.exit(code)
    atexit._run_exitfuncs()  # noqa: SLF001 - logging's shutdown, temporary folders, pools
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    os._exit(code)


if __name__ == "__main__":
    run()
