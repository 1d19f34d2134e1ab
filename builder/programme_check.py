"""Checking programmes: each programme's findings, and the hours rules of its courses under the
programme (its hours per credit; the 349 shares counted over the programme, not per course)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from builder import profiles
from builder.findings import CourseReport, Finding, ProgrammeReport, relpath
from builder.model import Course
from builder.profiles import Profile
from builder.programme import Programme, find_programmes, load_programme
from builder.rules import hours
from builder.rules import programme as programme_rules

# hours.* rules run again for a course under its programme; the two shares become information.
HOURS_RULES = frozenset({"hours.credits", "hours.zero-topic", "hours.sync-exceeds",
                         "hours.sync-share", "hours.distance-cap", "hours.practice-remote"})
SHARE_RULES = frozenset({"hours.sync-share", "hours.distance-cap"})


@dataclass
class CheckedProgramme:
    """A programme file with its report and the profile it is checked under."""

    programme: Programme | None
    report: ProgrammeReport
    profile: Profile


def programme_profile(programme: Programme, base: Profile) -> Profile:
    """The programme's profile (its own or the portal's) with its hours per credit (its own, the
    portal's setting when the profile is the portal's, else the profile's)."""
    if programme.profile and programme.profile != base.name:
        chosen = profiles.get(programme.profile, programme.hours_per_credit,
                              base.words_per_video_minute)
    else:
        chosen = profiles.get(base.name, programme.hours_per_credit or base.hours_per_credit,
                              base.words_per_video_minute)
    return chosen


def check_programmes(folder: Path, results: list[tuple[Course, CourseReport]], base: Profile,
                     lang: str | None = None, root: Path | None = None
                     ) -> list[CheckedProgramme]:
    """Check every programme file of `folder` against the checked courses `results`, and
    re-check the hours of each course that belongs to a programme under that programme (the
    reports in `results` are changed in place)."""
    courses = {course.slug: course for course, _ in results}
    reports = {course.slug: report for course, report in results}
    out: list[CheckedProgramme] = []
    for path in find_programmes(folder):
        programme, found = load_programme(path, root)
        profile = programme_profile(programme, base) if programme else base
        languages = []
        if programme is not None:
            found += programme_rules.check(programme, courses, profile, relpath(path, root))
            for _, course in programme_rules.kits(programme, courses):
                if course is not None:
                    languages.append(course.language)
                    _under_programme(course, reports[course.slug], profile)
        language = lang or (programme.language if programme and programme.language else
                            languages[0] if languages else "en")
        report = ProgrammeReport(
            slug=path.stem, path=relpath(path, root), lang=language,
            findings=[profile.apply(f) for f in found if profile.runs(f.rule)],
            code=programme.code if programme else path.stem,
            title=programme.title if programme else "")
        out.append(CheckedProgramme(programme, report, profile))
    return out


def _under_programme(course: Course, report: CourseReport, profile: Profile) -> None:
    """The hours findings of `course` as its programme sees them."""
    kept = [f for f in report.findings if f.rule not in HOURS_RULES]
    again: list[Finding] = [profile.apply(f) for f in hours.check(course, profile)
                            if profile.runs(f.rule) and f.rule not in SHARE_RULES]
    report.findings[:] = kept + again
