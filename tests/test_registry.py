"""The rule registry: README's rule table is generated from it, every clause of the seeds maps
to a rule or an out-of-scope reason, every rule the code emits is registered."""

from __future__ import annotations

import re
from pathlib import Path

from builder import registry
from builder.profiles import PROFILES, RULES

ROOT = Path(__file__).parents[1]
SEEDS = Path(__file__).parent / "fixtures" / "seeds" / "README.md"  # copy of ../shared/seeds
SHARED_SEEDS = ROOT.parents[1] / "shared" / "seeds" / "README.md"


def seed_clauses(text: str) -> list[str]:
    """The clauses the seeds README lists, as eumk cites them ('order 349 annex 1 p.8')."""
    out: list[str] = []
    prefix = ""
    parent = ""
    for line in text.splitlines():
        head = re.match(r"(Order (\d+)|Recommendations) \(file", line)
        if head:
            prefix = f"order {head.group(2)}" if head.group(2) else "recommendations 004"
            continue
        bullet = re.match(r"- ((?:annex \d+ )?)p\.([\d.]+)(?:[–-](\d+))?", line)
        if bullet and prefix:
            annex, first, last = bullet.groups()
            parent = f"{prefix} {annex}p.{first}"
            out.append(parent)
            if last:
                out.append(f"{prefix} {annex}p.{last}")
            continue
        sub = re.match(r"\s+(\d+)\. ", line)
        if sub and parent:
            if out and out[-1] == parent:
                out.pop()  # a clause with numbered sub-points is listed by its sub-points
            out.append(f"{parent}.{sub.group(1)}")
    return out


def test_the_registry_lists_the_clauses_of_the_seeds() -> None:
    assert list(registry.SEED_CLAUSES) == seed_clauses(SEEDS.read_text(encoding="utf-8"))


def test_the_copy_of_the_seeds_readme_is_current() -> None:
    if SHARED_SEEDS.is_file():  # in the project's workspace; CI has the copy only
        assert SEEDS.read_text(encoding="utf-8") == SHARED_SEEDS.read_text(encoding="utf-8")


def test_every_clause_maps_to_a_rule_or_a_reason() -> None:
    for clause in registry.SEED_CLAUSES:
        rules = registry.rules_citing(clause)
        assert bool(rules) != (clause in registry.OUT_OF_SCOPE), clause
    assert set(registry.OUT_OF_SCOPE) <= set(registry.SEED_CLAUSES)


def test_clauses_are_split_as_cited() -> None:
    assert registry.cited("order 385 p.6.7, p.14") == ["order 385 p.6.7", "order 385 p.14"]
    assert registry.cited("order 349 annex 1 p.8, annex 1 p.6") == [
        "order 349 annex 1 p.8", "order 349 annex 1 p.6"]
    assert registry.cited("recommendations 004 p.16 (good practice)") == [
        "recommendations 004 p.16"]
    assert registry.rules_citing("order 385 p.2") == ["file.name-too-long", "case.online"]


def test_readme_rule_table_is_generated_from_the_registry() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert registry.with_table(readme) == readme, (
        "README's rule table is out of date: run python -m builder.registry --write README.md")
    for rule in registry.REGISTRY:
        assert f"| `{rule.id}` |" in readme


def test_profiles_take_severity_and_clause_from_the_registry() -> None:
    assert set(RULES) == set(registry.BY_ID)
    assert PROFILES["he-2020"].severities["video.duration"] == "error"
    assert "video.duration" not in PROFILES["mes-385"].severities
    assert PROFILES["he-2020"].clauses["video.text"] == "recommendations 004 p.24"
    assert PROFILES["moe-349-tvet"].runs("hours.distance-cap")
    assert not PROFILES["mes-385"].runs("hours.distance-cap")
    assert (PROFILES["mes-385"].hours_per_credit, PROFILES["moe-349-tvet"].hours_per_credit) == (
        30, 24)


# Messages of commands, not rules of a kit (eumk import reports these as it reads a file).
NOT_RULES = ("import.",)
EMITTED = re.compile(r"""(?:rule=|\badd\(|\breport\(|Finding\()\s*["']([a-z]+\.[a-z-]+)["']""")


def test_every_rule_the_code_emits_is_registered() -> None:
    emitted = set()
    for path in (ROOT / "builder").rglob("*.py"):
        emitted.update(EMITTED.findall(path.read_text(encoding="utf-8")))
    unregistered = {r for r in emitted if r not in registry.BY_ID and not r.startswith(NOT_RULES)}
    assert not unregistered, f"add these to builder/registry.py: {sorted(unregistered)}"
    assert {"kit.missing", "hours.credits", "video.text", "tickets.draw"} <= emitted


def test_rationales_of_the_rules_are_translated() -> None:
    from builder import messages

    for lang in ("kk", "ru"):
        why = messages.catalogue(lang)["why"]
        assert set(why) == set(registry.BY_ID), (  # every rule, no stale entry
            lang, sorted(set(registry.BY_ID) ^ set(why)),
            f"add the rule's why to builder/messages/rules.{lang}.yml")
        assert set(messages.catalogue(lang)["out_of_scope"]) == set(registry.OUT_OF_SCOPE)
    assert registry.why(registry.BY_ID["kit.guided"], "ru").startswith("В плане есть часы СРСП")
    assert registry.why(registry.BY_ID["kit.guided"], "en") == registry.BY_ID["kit.guided"].why
