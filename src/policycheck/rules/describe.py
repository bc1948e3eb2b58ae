"""Plain-text descriptions of rule sets and criteria for `rules list/show` and `explain`."""

from __future__ import annotations

from collections.abc import Sequence
from textwrap import indent, wrap

from policycheck.model import Criterion, RuleSet, Status
from policycheck.rules.logic import (
    AboutRef,
    AllOf,
    AnyOf,
    ConceptRef,
    Condition,
    HeadingRef,
    Rule,
    Without,
)

ASSESSMENT_TEXT = {
    "exclusion": "the policy places the topic out of its scope",
    "negation": "the clause is negated ('will not', 'no ...') and the rule did not ask for that",
    "deferral": "the thing is promised for later ('will be developed', 'under review')",
    "citation": "the source is only noted or welcomed, with no commitment",
    "generic": "stock phrases ('where appropriate', 'partner agencies') with nothing concrete",
    "inverted": "victims sent to Immigration Enforcement for advice, or officers giving it",
    "attribution": "the words are someone else's: quoted, or reported from the report or a "
                   "recommendation ('the report recommends ...', 'chief constables should ...'), "
                   "or an account of what others did",
    "scrutiny": "a body scrutinising someone else's practice ('will seek assurance', 'will work "
                "with the force to understand')",
}


def list_rulesets(rulesets: Sequence[RuleSet]) -> str:
    """One line per rule set, then its criteria."""
    lines: list[str] = []
    for rs in rulesets:
        lines.append(f"{rs.id} (version {rs.version}, {len(rs.criteria)} criteria): {rs.title}")
        lines += [f"  {c.id:<28} {c.severity.value:<9} {c.title}" for c in rs.criteria]
    return "\n".join(lines) + "\n"


def show_ruleset(rs: RuleSet) -> str:
    """A rule set's source, digest and every criterion's requirement."""
    lines = [f"{rs.id}: {rs.title}", f"  source:  {rs.source}", f"  version: {rs.version}"]
    if rs.path is not None:
        lines.append(f"  file:    {rs.path}")
    lines.append(f"  sha256:  {rs.digest}")
    for c in rs.criteria:
        lines += ["", f"{c.id} ({c.severity.value}): {c.title}"]
        lines += ["  " + line for line in wrap(c.requirement, 96)]
    return "\n".join(lines) + "\n"


def describe_condition(cond: Condition, rule: Rule, depth: int = 0) -> list[str]:
    """The condition tree as indented plain English."""
    pad = "  " * depth
    match cond:
        case ConceptRef(concept=name, label=label, min=least):
            concept = rule.concept(name)
            count = f" (at least {least} different)" if least > 1 else ""
            terms = _terms(rule, name)
            return [f"{pad}- {label}{count} [{name}: {terms}]"] if concept else []
        case HeadingRef(concept=name, label=label, absent=True):
            return [f"{pad}- {label} [the title says none of: {_terms(rule, name)}]"]
        case HeadingRef(concept=name, label=label, title_only=True):
            return [f"{pad}- {label} [the title: {_terms(rule, name)}]"]
        case HeadingRef(concept=name, label=label):
            return [f"{pad}- {label} [heading or title: {_terms(rule, name)}]"]
        case AllOf(parts=parts, within=scope):
            head = f"{pad}- all of these, in the same {scope.value}:"
            return [head] + [line for p in parts for line in describe_condition(p, rule, depth + 1)]
        case AboutRef(concept=name, label=label):
            where = "its paragraph, list, table row, headings or short section"
            return [f"{pad}- {label} [said in the sentence or {where}: {_terms(rule, name)}]"]
        case Without(concept=name, label=label):
            return [f"{pad}- {label} [none of: {_terms(rule, name)}]"]
        case AnyOf(parts=parts, min=least) if least > 1:
            head = f"{pad}- at least {least} of these:"
            return [head] + [line for p in parts for line in describe_condition(p, rule, depth + 1)]
        case AnyOf(parts=parts):
            head = f"{pad}- any one of these:"
            return [head] + [line for p in parts for line in describe_condition(p, rule, depth + 1)]
    return []


def _terms(rule: Rule, name: str, limit: int = 6) -> str:
    c = rule.concept(name)
    terms = [*(["a UK telephone number"] if c.numbers == "phone" else []), *c.phrases]
    terms += [*c.exact, *c.abbreviations]
    shown = ", ".join(terms[:limit])
    return shown + (f", ... ({len(terms) - limit} more)" if len(terms) > limit else "")


def explain(criterion: Criterion, ruleset: RuleSet) -> str:
    """Everything a reader needs to understand one criterion's verdicts."""
    rule: Rule = criterion.condition
    lines = [
        f"{criterion.id}: {criterion.title}",
        f"  rule set: {ruleset.id} ({ruleset.title}), severity: {criterion.severity.value}",
        "",
        "Requirement:",
        *["  " + line for line in wrap(criterion.requirement, 96)],
        "",
        "Met when a sentence that is not rejected says:",
        *indent("\n".join(describe_condition(rule.root, rule)), "  ").splitlines(),
        "",
        "A sentence does not count when:",
        "  - it is a heading, which names a topic and commits to nothing (heading)",
        *[f"  - {ASSESSMENT_TEXT[a]} ({a})" for a in sorted(rule.assess)],
    ]
    for excl in rule.exclude:
        also = rule.concept(excl.unless).label if excl.unless else ""
        unless = f", unless it also mentions {also}" if also else ""
        lines.append(f"  - it mentions {rule.concept(excl.concept).label}{unless}")
    if rule.veto is not None:
        lines += ["", "Nothing meets it when the document's own words say:",
                  *indent("\n".join(describe_condition(rule.veto, rule)), "  ").splitlines()]
    if rule.force_practice:
        lines += ["", "Only the force can adopt it: a document by a commissioner's office or a "
                  "police and crime panel reports it and does not meet it."]
    lines += ["", f"Key terms: {', '.join(criterion.keywords)}", "", "Guidance:"]
    lines += ["  " + line for line in wrap(criterion.guidance, 96)]
    for status, title in ((Status.MET, "Examples that meet it"), (Status.MISSING, "Near misses")):
        lines += ["", f"{title}:"]
        for ex in (e for e in criterion.examples if e.expect is status):
            lines += ["  - " + "\n    ".join(wrap(" ".join(ex.text.split()), 92))]
            lines.append(f"    ({ex.note})")
    return "\n".join(lines) + "\n"
