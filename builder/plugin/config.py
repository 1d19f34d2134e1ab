"""The eumk plugin's options, declared as MkDocs config options (mkdocs.yml → plugins → eumk)."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as opt

from builder.profiles import DEFAULT_PROFILE, PROFILES


class EumkConfig(base.Config):
    courses_dir = opt.Type(str, default="courses")
    profile = opt.Choice(tuple(PROFILES), default=DEFAULT_PROFILE)
    hours_per_credit = opt.Type((int, float), default=30)
    # Fail the build when any course has errors; set false while drafting.
    strict = opt.Type(bool, default=True)
    audience = opt.Choice(("student", "instructor"), default="student")
    # Parallel course builds (0: one per CPU core) and the per-course cache.
    jobs = opt.Type(int, default=0)
    cache_dir = opt.Type(str, default=".cache/eumk")
