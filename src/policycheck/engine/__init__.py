"""The matching engine: sentence analysis, concept matching and criterion evaluation."""

from __future__ import annotations

from policycheck.model import Document, Report, RuleSet


def check(document: Document, ruleset: RuleSet) -> Report:
    """Decide every criterion of `ruleset` for `document`."""
    raise NotImplementedError
