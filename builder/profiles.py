"""Rule profiles: which rules run, at which severity, citing which clause."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from builder.findings import Finding, Severity
from builder.registry import PROFILE_NAMES, REGISTRY

# Clauses of the mandatory set, order 385 p.6, by component.
COMPONENT_CLAUSE = {
    "syllabus": "order 385 p.6.1",
    "lectures": "order 385 p.6.2",
    "seminars": "order 385 p.6.3",
    "self-study": "order 385 p.6.4",
    "interim": "order 385 p.6.5",
    "final": "order 385 p.6.6",
    "consultations": "order 385 p.6.7",
}


@dataclass(frozen=True)
class RuleSpec:
    severity: Severity
    clause: str


# Every rule eumk knows with its default severity and clause, from the one registry (rules may
# cite a closer clause; profiles may change both).
RULES: dict[str, RuleSpec] = {r.id: RuleSpec(r.severity, r.clause) for r in REGISTRY}

# Words of lecture text expected per minute of its video (the "full text" of 004 p.24 / the
# electronic lecture notes of 385 p.6.2): about half of a lecturer's 110-130 spoken words a
# minute, since notes are denser than speech. Never fewer than MIN_LECTURE_WORDS.
WORDS_PER_VIDEO_MINUTE = 60.0
MIN_LECTURE_WORDS = 150

# Default size limit of one course text file (a page, a YAML file), in bytes.
PAGE_LIMIT = 5 * 1024 * 1024


@dataclass(frozen=True)
class Profile:
    """A rule set: which rules run, at which severity, citing which clause; hours per credit."""

    name: str
    title: str
    optional_rules: frozenset[str] = frozenset()
    severities: dict[str, Severity] = field(default_factory=dict)
    hours_per_credit: float = 30
    clauses: dict[str, str] = field(default_factory=dict)
    words_per_video_minute: float = WORDS_PER_VIDEO_MINUTE
    page_limit: int = PAGE_LIMIT  # bytes: a larger course text file is refused (page.too-large)

    def runs(self, rule: str) -> bool:
        return rule not in OPTIONAL or rule in self.optional_rules

    def apply(self, finding: Finding) -> Finding:
        spec = RULES.get(finding.rule, RuleSpec("error", ""))
        severity = self.severities.get(finding.rule, spec.severity)
        clause = finding.clause or self.clauses.get(finding.rule) or spec.clause
        return finding.with_profile(severity, clause)


# Rules that only some profiles run.
OPTIONAL = frozenset(r.id for r in REGISTRY if r.profiles is not None)

# Hours in one credit by the state standards (not in the seeds; see README "Credits"): higher
# education 30 academic hours, TVET (order 348 of 3 Aug 2022) 24. Configurable per portal and
# per programme.
HOURS_PER_CREDIT = {"mes-385": 30.0, "moe-349-tvet": 24.0, "he-2020": 30.0}
TITLES = {
    "mes-385": "Order 385 of the Ministry of Emergency Situations (9 Aug 2021)",
    "moe-349-tvet": "Order 349 of the Ministry of Enlightenment (TVET), with order 385",
    "he-2020": "Recommendations for higher education (annex to order 381, 2020), with order 385",
}


def _profile(name: str) -> Profile:
    severities: dict[str, Severity] = {}
    for rule in REGISTRY:
        level = rule.severity_in(name)
        if level is not None and level != rule.severity:
            severities[rule.id] = level
    return Profile(
        name, TITLES[name],
        optional_rules=frozenset(r.id for r in REGISTRY if r.profiles and name in r.profiles),
        severities=severities, hours_per_credit=HOURS_PER_CREDIT[name],
        clauses={r.id: r.clauses[name] for r in REGISTRY if name in r.clauses})


PROFILES: dict[str, Profile] = {name: _profile(name) for name in PROFILE_NAMES}
DEFAULT_PROFILE = "mes-385"


def get(name: str, hours_per_credit: float | None = None,
        words_per_video_minute: float | None = None, page_limit_mb: float | None = None
        ) -> Profile:
    """The profile called `name`, with hours per credit, words per video minute and the page
    size limit (MB) when given (else the profile's own); KeyError if unknown."""
    base = PROFILES[name]
    return replace(base, **({"hours_per_credit": hours_per_credit} if hours_per_credit else {}),
                   **({"words_per_video_minute": words_per_video_minute}
                      if words_per_video_minute else {}),
                   **({"page_limit": int(page_limit_mb * 1024 * 1024)}
                      if page_limit_mb else {}))
