"""The eumk plugin's options, declared as MkDocs config options (mkdocs.yml → plugins → eumk)."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as opt

from builder import profiles
from builder.profiles import DEFAULT_PROFILE, PROFILES


class EumkConfig(base.Config):
    courses_dir = opt.Type(str, default="courses")
    profile = opt.Choice(tuple(PROFILES), default=DEFAULT_PROFILE)
    # Hours in one credit; unset: the profile's (mes-385 and he-2020 30, moe-349-tvet 24).
    hours_per_credit = opt.Optional(opt.Type((int, float)))
    # Words of lecture text expected per minute of its video (video.text); unset: 60.
    words_per_video_minute = opt.Optional(opt.Type((int, float)))
    # Programme files (programmes/<code>.yml): the working curricula the courses belong to.
    programmes_dir = opt.Type(str, default="programmes")
    # Fail the build when any course has errors; set false while drafting.
    strict = opt.Type(bool, default=True)
    audience = opt.Choice(("student", "instructor"), default="student")
    # Parallel course builds (0: one per CPU core) and the per-course cache.
    jobs = opt.Type(int, default=0)
    cache_dir = opt.Type(str, default=".cache/eumk")
    # A course page or YAML file larger than this (MB) is refused: page.too-large.
    page_limit_mb = opt.Type((int, float), default=5)
    # Seconds to wait for another eumk run writing the same site folder or cache.
    lock_wait = opt.Type((int, float), default=1800)

    def rule_profile(self) -> profiles.Profile:
        """The rule profile these options select, with their hours per credit, word ratio and
        page size limit."""
        return profiles.get(self.profile, self.hours_per_credit, self.words_per_video_minute,
                            self.page_limit_mb)
