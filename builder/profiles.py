"""Rule profiles: which rules run, at which severity, citing which clause."""

from __future__ import annotations

from dataclasses import dataclass, field

from builder.findings import Finding, Severity

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


# Every rule eumk knows, with its default severity and clause (rules may cite a closer clause).
RULES: dict[str, RuleSpec] = {
    "file.encoding": RuleSpec("error", "order 385 p.4"),
    "file.unreadable": RuleSpec("error", "order 385 p.4"),
    "yaml.syntax": RuleSpec("error", "order 385 p.4"),
    "yaml.shape": RuleSpec("error", "order 385 p.4"),
    "yaml.value": RuleSpec("error", "order 385 p.4"),
    "course.missing": RuleSpec("error", "order 385 p.4"),
    "course.field": RuleSpec("error", "order 385 p.4"),
    "kit.missing": RuleSpec("error", "order 385 p.6"),
    "syllabus.modules": RuleSpec("error", "order 385 p.6.1"),
    "syllabus.literature": RuleSpec("error", "order 385 p.6.1"),
    "hours.credits": RuleSpec("error", "order 385 p.4, p.6.1"),
    "hours.sync-share": RuleSpec("error", "order 349 annex 2 p.5"),
    "hours.distance-cap": RuleSpec("error", "order 349 annex 1 p.8"),
    "hours.sync-exceeds": RuleSpec("error", "order 385 p.6.1"),
    "page.module": RuleSpec("error", "order 385 p.6.1"),
    "consultations.overlap": RuleSpec("error", "order 385 p.6.7"),
    "consultations.channel": RuleSpec("error", "order 385 p.6.7, p.14"),
    "link.broken": RuleSpec("error", "order 385 p.5"),
    "pdf.unreadable": RuleSpec("error", "recommendations 004 p.47"),
    "video.duration": RuleSpec("warning", "recommendations 004 p.24"),
    "video.subtitles": RuleSpec("warning", "recommendations 004 p.44"),
    "video.missing": RuleSpec("error", "recommendations 004 p.47"),
    "video.codec": RuleSpec("warning", "recommendations 004 p.47"),
    "video.text": RuleSpec("error", "recommendations 004 p.24"),
    "video.chapters": RuleSpec("warning", "recommendations 004 p.16"),
    "video.tool": RuleSpec("warning", "recommendations 004 p.47"),
    "quiz.empty": RuleSpec("error", "order 385 p.6.5, p.6.6"),
    "quiz.id": RuleSpec("error", "order 385 p.6.5, p.6.6"),
    "quiz.duplicate-id": RuleSpec("error", "order 385 p.6.5, p.6.6"),
    "quiz.text": RuleSpec("error", "order 385 p.6.5, p.6.6"),
    "quiz.answer": RuleSpec("error", "order 385 p.6.5, p.6.6"),
    "quiz.options": RuleSpec("error", "order 385 p.6.5, p.6.6"),
    "quiz.fields": RuleSpec("warning", "order 385 p.6.5, p.6.6"),
    "quiz.module": RuleSpec("error", "order 385 p.6.5, p.6.6"),
    "quiz.no-module": RuleSpec("warning", "order 385 p.6.5, p.6.6"),
    "tickets.draw": RuleSpec("error", "order 385 p.6.6"),
}


@dataclass(frozen=True)
class Profile:
    """A rule set: which optional rules run and which severities differ from the defaults."""

    name: str
    title: str
    optional_rules: frozenset[str] = frozenset()
    severities: dict[str, Severity] = field(default_factory=dict)
    hours_per_credit: float = 30

    def runs(self, rule: str) -> bool:
        return rule not in OPTIONAL or rule in self.optional_rules

    def apply(self, finding: Finding) -> Finding:
        spec = RULES.get(finding.rule, RuleSpec("error", ""))
        severity = self.severities.get(finding.rule, spec.severity)
        return finding.with_profile(severity, finding.clause or spec.clause)


# Rules that only some profiles run.
OPTIONAL = frozenset({"hours.sync-share", "hours.distance-cap"})

PROFILES: dict[str, Profile] = {
    "mes-385": Profile(
        "mes-385", "Order 385 of the Ministry of Emergency Situations (9 Aug 2021)"),
    "moe-349-tvet": Profile(
        "moe-349-tvet", "Order 349 of the Ministry of Enlightenment (TVET), with order 385",
        optional_rules=frozenset({"hours.sync-share", "hours.distance-cap"})),
    "he-2020": Profile(
        "he-2020",
        "Recommendations for higher education (annex to order 381, 2020), with order 385",
        severities={"video.duration": "error"}),
}
DEFAULT_PROFILE = "mes-385"


def get(name: str, hours_per_credit: float = 30) -> Profile:
    """The profile called `name` with the given hours per credit; KeyError if unknown."""
    base = PROFILES[name]
    return Profile(base.name, base.title, base.optional_rules, base.severities, hours_per_credit)
