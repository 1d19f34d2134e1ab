"""The one rule registry: every rule's id, clause, severity per profile and why it exists.

README's rule table and the portal's "What is checked" page are generated from `REGISTRY`
(`python -m builder.registry --write README.md`); a test proves README matches it and that
every clause of the regulations eumk follows maps to a rule or to an out-of-scope reason.
A new rule is one `Rule(...)` line here plus its messages in builder/messages/.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

Severity = Literal["error", "warning"]
PROFILE_NAMES = ("mes-385", "moe-349-tvet", "he-2020")
TVET_ONLY = frozenset({"moe-349-tvet"})
HE_ONLY = frozenset({"he-2020"})


@dataclass(frozen=True)
class Rule:
    """One rule: `severity`/`clause` unless a profile names its own; `profiles`: where it runs
    (None: every profile)."""

    id: str
    clause: str
    why: str
    severity: Severity = "error"
    severities: Mapping[str, Severity] = field(default_factory=dict)
    clauses: Mapping[str, str] = field(default_factory=dict)
    profiles: frozenset[str] | None = None

    def runs_in(self, profile: str) -> bool:
        return self.profiles is None or profile in self.profiles

    def severity_in(self, profile: str) -> Severity | None:
        """The severity under `profile`; None when the rule does not run there."""
        return self.severities.get(profile, self.severity) if self.runs_in(profile) else None

    def clause_in(self, profile: str) -> str:
        return self.clauses.get(profile, self.clause)


O385, O349, R004 = "order 385", "order 349", "recommendations 004"
CREDIT_HE = "state standard of higher education"  # 1 credit = 30 h
CREDIT_TVET = "state standard of TVET, order 348"  # of 3 Aug 2022: 1 credit = 24 h

REGISTRY: tuple[Rule, ...] = (
    # -- files and the course passport ----------------------------------------------------
    Rule("file.encoding", f"{O385} p.4", "A file that is not UTF-8 shows broken letters "
         "(Kazakh ә ғ қ ң ө ұ ү һ і first)."),
    Rule("file.unreadable", f"{O385} p.4", "A file the kit names but nobody can open."),
    Rule("yaml.syntax", f"{O385} p.4", "course.yml, banks and schedules that do not parse "
         "cannot be checked or published."),
    Rule("yaml.shape", f"{O385} p.4", "A YAML file whose top is not 'key: value' lines."),
    Rule("yaml.value", f"{O385} p.4", "A value of the wrong kind (text for hours, a date "
         "that is not a date) is dropped and named."),
    Rule("yaml.duplicate-key", f"{O385} p.4", "A key given twice in one mapping (course.yml, "
         "front matter, consultations, banks, tickets): YAML would silently keep the later "
         "value; both lines are named."),
    Rule("page.too-large", f"{O385} p.4", "A page or YAML file over the size limit "
         "(page_limit_mb, default 5 MB) is left out, so one file cannot exhaust a build."),
    Rule("file.name-too-long", f"{O385} p.2.2", "A file or folder name a medium cannot hold "
         "once published (pages as .html): over 64 characters (Joliet, DVD/CD) or 255 bytes."),
    Rule("course.missing", f"{O385} p.4", "Every discipline's kit starts with its passport, "
         "course.yml."),
    Rule("course.field", f"{O385} p.4", "The passport names code, title, language, developer, "
         "programme, approval date and credits (p.4: prepared by the course developer from "
         "the approved programme)."),
    # -- the mandatory set ----------------------------------------------------------------
    Rule("kit.missing", f"{O385} p.6", "Each of the seven components of the mandatory set is "
         "there and has content students see (final control: exam questions, tests, tickets' "
         "questions or exam control works)."),
    Rule("kit.guided", f"{O385} p.6.4", "The plan has teacher-guided self-study hours, so the "
         "kit needs the tasks for them (СОӨЖ/СРСП), not only self-study."),
    Rule("syllabus.modules", f"{O385} p.6.1", "The syllabus divides the discipline into "
         "modules, each with topics."),
    Rule("syllabus.literature", f"{O385} p.6.1", "The syllabus lists basic and additional "
         "literature."),
    Rule("syllabus.assessment", f"{R004} p.67.3", "The syllabus is an agreement with the "
         "learners and states a clear assessment policy.", profiles=HE_ONLY),
    Rule("page.module", f"{O385} p.6.1", "A page tied to a module the syllabus does not have."),
    # -- hours ------------------------------------------------------------------------------
    Rule("hours.credits", CREDIT_HE, "The thematic plan's hours equal credits × hours per "
         "credit of the state standard: 30 in higher education, 24 in TVET (order 348 of "
         "3 Aug 2022); configurable as hours_per_credit.",
         clauses={"moe-349-tvet": CREDIT_TVET}),
    Rule("hours.zero-topic", f"{O385} p.6.1", "A topic of the thematic plan with no hours "
         "is not taught."),
    Rule("hours.sync-exceeds", f"{O385} p.6.1", "A topic cannot have more live hours than "
         "contact hours."),
    Rule("hours.distance-cap", f"{O349} annex 1 p.8, annex 1 p.6", "The 20 % cap applies over "
         "the whole programme; a course in no programme gets this reminder when it alone is "
         "above it.", severity="warning", profiles=TVET_ONLY),
    Rule("hours.sync-share", f"{O349} annex 2 p.5, annex 1 p.6", "The 30 % synchronous floor "
         "applies over the whole programme; a course in no programme gets this reminder when "
         "it alone is below it.", severity="warning", profiles=TVET_ONLY),
    Rule("hours.practice-remote", f"{O349} annex 2 p.6", "In online TVET, practicals and labs "
         "are held fully or partly on site: some of their hours must be 'onsite'.",
         profiles=TVET_ONLY),
    # -- consultations, links, case ----------------------------------------------------------
    Rule("consultations.overlap", f"{O385} p.6.7", "Two slots of the consultation schedule "
         "at the same time."),
    Rule("consultations.channel", f"{O385} p.6.7, p.14", "A remote consultation names the "
         "telecom means (link, phone, messenger) it is held by."),
    Rule("consultations.empty-rule", f"{O385} p.6.7", "A weekly rule whose dates hold no "
         "such weekday gives no consultation at all.", severity="warning"),
    Rule("link.broken", f"{O385} p.5", "A link, image or front-matter file that does not "
         "exist or points to what students never get."),
    Rule("path.outside", f"{O385} p.5", "A symlink, front-matter path, link, raw-HTML attribute "
         "or file: URL that leaves the course folder, or reaches final/, course data or an "
         "instructor page by a symlink: eumk never follows it."),
    Rule("pdf.unreadable", f"{R004} p.47", "A PDF learners are given must open without a "
         "password."),
    Rule("case.online", f"{O385} p.2.2", "Case technology means self-study without a network: "
         "pages that need the internet are listed.", severity="warning"),
    # -- video ------------------------------------------------------------------------------
    Rule("video.missing", f"{R004} p.47", "A video named by a page exists and plays."),
    Rule("video.codec", f"{R004} p.47", "A video in a format web browsers do not play.",
         severity="warning"),
    Rule("video.tool", f"{R004} p.47", "ffprobe is missing, so videos were not checked.",
         severity="warning"),
    Rule("video.duration", f"{R004} p.24", "An online lecture runs at most 20 minutes "
         "(lecture pages only).", severity="warning", severities={"he-2020": "error"}),
    Rule("video.text", f"{O385} p.6.2", "A lecture video comes with the lecture's text "
         "(words per video minute, configurable) or its full presentation.",
         clauses={"he-2020": f"{R004} p.24"}),
    Rule("video.subtitles", f"{R004} p.44", "Subtitles in the course language, for learners "
         "with special needs and slow links.", severity="warning"),
    Rule("video.chapters", f"{R004} p.16 (good practice)", "Chapters let learners on slow "
         "links jump to a section; 004 p.16 describes this as practice abroad, so a warning.",
         severity="warning"),
    # -- question banks and tickets -----------------------------------------------------------
    Rule("quiz.empty", f"{O385} p.6.5, p.6.6", "A question bank without questions."),
    Rule("quiz.id", f"{O385} p.6.5, p.6.6", "A question without an id cannot be exchanged "
         "with an LMS."),
    Rule("quiz.duplicate-id", f"{O385} p.6.5, p.6.6", "Two questions of a course with one id."),
    Rule("quiz.text", f"{O385} p.6.5, p.6.6", "A question without text."),
    Rule("quiz.answer", f"{O385} p.6.5, p.6.6", "A question without a right answer, or a "
         "single-choice question with several."),
    Rule("quiz.options", f"{O385} p.6.5, p.6.6", "Fewer than two options, an empty option, "
         "the same option twice."),
    Rule("quiz.fields", f"{O385} p.6.5, p.6.6", "A field the question type does not use.",
         severity="warning"),
    Rule("quiz.module", f"{O385} p.6.5, p.6.6", "A question tied to a module the syllabus "
         "does not have."),
    Rule("quiz.no-module", f"{O385} p.6.5, p.6.6", "A question tied to no module cannot be "
         "drawn by module.", severity="warning"),
    Rule("quiz.weight", f"{O385} p.6.5, p.6.6", "A grade Moodle does not accept (it takes "
         "100, 90, 83.33333 … 5, 0 and their negatives), or right options of a multi-answer "
         "question that do not add up to 100 %: the LMS would reject the question."),
    Rule("export.lost", f"{O385} p.6.5, p.6.6", "`eumk export` lists, question by question, "
         "what the target format cannot hold (a type, feedback, partial credit), never "
         "dropping it quietly.", severity="warning"),
    Rule("tickets.draw", f"{O385} p.6.6", "The exam tickets of final/tickets.yml can be drawn "
         "from the bank."),
    # -- the programme ------------------------------------------------------------------------
    Rule("programme.missing-kit", f"{O385} p.4", "Every discipline of the curriculum has its "
         "kit (a warning: curricula are approved before every kit is written; --strict fails "
         "on it).",
         severity="warning"),
    Rule("programme.field", f"{O385} p.4", "A programme file names its code, title and "
         "disciplines."),
    Rule("programme.unknown-course", f"{O385} p.4", "A discipline names a course folder that "
         "does not exist."),
    Rule("programme.mismatch", f"{O385} p.4", "The kit follows the approved programme: code, "
         "credits and form of study agree with the curriculum."),
    Rule("programme.distance-cap", f"{O349} annex 1 p.8", "At most 20 % of the programme's "
         "hours (practice excluded) are taught remotely.", profiles=TVET_ONLY),
    Rule("programme.sync-share", f"{O349} annex 2 p.5", "An online programme holds at least "
         "30 % of its hours (practice excluded) live.", profiles=TVET_ONLY),
)

BY_ID: dict[str, Rule] = {rule.id: rule for rule in REGISTRY}

# Clauses of the regulations (../shared/seeds/README.md) no rule checks, and why.
OUT_OF_SCOPE: dict[str, str] = {
    f"{O385} p.3": "the institution's portal, testing complex and LMS are systems, not kit "
                   "content; eumk builds the content portal and exports banks to the LMS",
    f"{O385} p.7": "the additional set is defined by the institution; extra/ is published "
                   "as it is",
    f"{O349} annex 2 p.7": "proctoring of online attestation happens in the LMS, outside a "
                           "static site",
    f"{R004} p.45": "met by the portal itself (Kazakh, Russian and English interface), not "
                    "a property of a course",
    f"{R004} p.46": "met by the portal's 'What is checked' page, generated from this "
                    "registry",
}

# The clauses of ../shared/seeds/README.md, in its order.
SEED_CLAUSES: tuple[str, ...] = (
    f"{O385} p.2", f"{O385} p.3", f"{O385} p.4", f"{O385} p.5",
    *(f"{O385} p.6.{i}" for i in range(1, 8)), f"{O385} p.7", f"{O385} p.14",
    f"{O349} annex 1 p.8", f"{O349} annex 1 p.9", f"{O349} annex 2 p.5", f"{O349} annex 2 p.6",
    f"{O349} annex 1 p.6", f"{O349} annex 2 p.7",
    f"{R004} p.16", f"{R004} p.24", f"{R004} p.44", f"{R004} p.45", f"{R004} p.46",
    f"{R004} p.47", f"{R004} p.67.3",
)

# Clauses cited only in some findings (by form of study or component), named here for coverage.
ALSO_CITED: dict[str, tuple[str, ...]] = {
    "hours.distance-cap": (f"{O349} annex 1 p.9",),
    "programme.distance-cap": (f"{O349} annex 1 p.9", f"{O349} annex 1 p.6"),
    "programme.sync-share": (f"{O349} annex 1 p.6",),
    "kit.missing": tuple(f"{O385} p.6.{i}" for i in range(1, 8)),
}


def why(rule: Rule, lang: str) -> str:
    """The rule's rationale in `lang` (builder/messages/rules.<lang>.yml), else in English."""
    from builder import messages

    return str(messages.catalogue(lang).get("why", {}).get(rule.id) or rule.why)


def out_of_scope(clause: str, lang: str) -> str:
    """Why `clause` is not checked, in `lang`, else in English."""
    from builder import messages

    return str(messages.catalogue(lang).get("out_of_scope", {}).get(clause)
               or OUT_OF_SCOPE[clause])


def cited(text: str) -> list[str]:
    """'order 385 p.6.5, p.6.6' → ['order 385 p.6.5', 'order 385 p.6.6'] (notes dropped)."""
    out: list[str] = []
    prefix = ""
    for part in re.sub(r"\s*\(.*?\)", "", text).split(","):
        part = part.strip()
        found = re.match(r"(.*?)\s*((?:annex \d+ )?p\.[\d.]+)$", part)
        if not found:
            continue
        head, point = found.groups()
        if head.startswith(("order", "recommendations")):
            prefix = head.split(" annex")[0]
            out.append(f"{head} {point}")
        elif prefix:
            out.append(f"{prefix} {point}")
    return out


def rules_citing(clause: str) -> list[str]:
    """Ids of the rules whose clauses are `clause` or a sub-point of it (p.2 ← p.2.2)."""
    hits = []
    for rule in REGISTRY:
        texts = [rule.clause, *rule.clauses.values()]
        keys = [c for t in texts for c in cited(t)] + list(ALSO_CITED.get(rule.id, ()))
        if any(k == clause or k.startswith(clause + ".") for k in keys):
            hits.append(rule.id)
    return hits


def severity_text(rule: Rule) -> str:
    """'error', or per profile where they differ: 'warning; he-2020: error'."""
    runs = [p for p in PROFILE_NAMES if rule.runs_in(p)]
    levels = {p: rule.severity_in(p) for p in runs}
    if len(set(levels.values())) == 1:
        only = next(iter(levels.values()))
        return f"{only}" + ("" if len(runs) == len(PROFILE_NAMES) else f" ({', '.join(runs)})")
    default = rule.severity
    extra = [f"{p}: {s}" for p, s in levels.items() if s != default]
    return f"{default}; " + "; ".join(extra)


def clause_text(rule: Rule) -> str:
    extra = [f"{p}: {c}" for p, c in rule.clauses.items()]
    return rule.clause + (f" ({'; '.join(extra)})" if extra else "")


BEGIN, END = "<!-- rules:begin (generated by python -m builder.registry) -->", "<!-- rules:end -->"


def markdown() -> str:
    """README's rule table and clause coverage, generated."""
    lines = ["| rule | severity | clause | why |", "|---|---|---|---|"]
    for rule in REGISTRY:
        lines.append(f"| `{rule.id}` | {severity_text(rule)} | {clause_text(rule)} | "
                     f"{rule.why} |")
    lines += ["", "Every clause eumk follows (`../shared/seeds/README.md`) and what covers it:",
              "", "| clause | covered by |", "|---|---|"]
    for clause in SEED_CLAUSES:
        rules = rules_citing(clause)
        cover = ", ".join(f"`{r}`" for r in rules) or f"out of scope: {OUT_OF_SCOPE[clause]}"
        lines.append(f"| {clause} | {cover} |")
    return "\n".join(lines)


def with_table(readme: str) -> str:
    """`readme` with the text between BEGIN and END replaced by the generated table."""
    start, end = readme.index(BEGIN) + len(BEGIN), readme.index(END)
    return readme[:start] + "\n" + markdown() + "\n" + readme[end:]


def main(argv: list[str]) -> int:
    if len(argv) == 2 and argv[0] == "--write":
        path = Path(argv[1])
        from builder.write import write_text

        write_text(path, with_table(path.read_text(encoding="utf-8")))
        return 0
    print(markdown())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
