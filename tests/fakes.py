"""A tiny stand-in rule loader and engine, so batch/CI behaviour is testable on its own.

A fake criterion is met when one block contains all its key terms, partial when it contains
some, missing otherwise. Module-level functions so that worker processes can import them.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Sequence
from pathlib import Path

import yaml

from policycheck.errors import PolicycheckError, RuleFileError
from policycheck.extract import ExtractOptions, extract
from policycheck.model import (
    Criterion,
    Document,
    DocumentResult,
    Evidence,
    Finding,
    Report,
    RuleSet,
    Severity,
    Status,
)
from policycheck.pipeline import display_path, file_digest


def criterion(
    ruleset: str, cid: str, keywords: tuple[str, ...], severity: str = "required",
) -> Criterion:
    return Criterion(
        id=cid, ruleset=ruleset, title=f"{cid.title()} title",
        requirement=f"The policy covers {cid}.", severity=Severity(severity),
        guidance=f"Say how the policy handles {' and '.join(keywords)}.", keywords=keywords,
    )


def _ruleset(rid: str, criteria: tuple[Criterion, ...], digest: str = "") -> RuleSet:
    return RuleSet(id=rid, title=f"Rule set {rid}", source="test", version="1", criteria=criteria,
                   digest=digest or hashlib.sha256(rid.encode()).hexdigest())


BUNDLED: dict[str, RuleSet] = {
    "rec4": _ruleset("rec4", (
        criterion("rec4", "REC4-OUTREACH", ("outreach", "communities")),
        criterion("rec4", "REC4-MSHT-DA", ("trafficking", "domestic abuse")),
        criterion("rec4", "REC4-PATHWAY-AWARENESS", ("training", "pathways"), "advisory"),
    )),
    "rec5": _ruleset("rec5", (criterion("rec5", "REC5-SAFE-REPORTING", ("report", "safely")),)),
}


def load_rulesets(specs: Sequence[str]) -> tuple[RuleSet, ...]:
    """Bundled fake ids, or a YAML file `{id, criteria: [{id, keywords, severity}]}`."""
    out: list[RuleSet] = []
    for spec in specs:
        if spec in BUNDLED:
            out.append(BUNDLED[spec])
            continue
        path = Path(spec)
        if not path.is_file():
            raise RuleFileError(f"unknown rule set '{spec}'")
        raw = path.read_bytes()
        data = yaml.safe_load(raw)
        criteria = tuple(
            criterion(data["id"], c["id"], tuple(c["keywords"]), c.get("severity", "required"))
            for c in data["criteria"]
        )
        out.append(_ruleset(data["id"], criteria, hashlib.sha256(raw).hexdigest()))
    return tuple(out)


def check(document: Document, ruleset: RuleSet, model: str | None = None) -> Report:
    findings = []
    for crit in ruleset.criteria:
        best: tuple[int, int] = (0, -1)
        for index, block in enumerate(document.blocks):
            hits = sum(1 for k in crit.keywords if k in block.text.lower())
            best = max(best, (hits, index))
        hits, index = best
        if hits == len(crit.keywords):
            block = document.blocks[index]
            findings.append(Finding(crit, Status.MET, (Evidence(block.text, block.location),),
                                    reason="all key terms in one passage"))
        elif hits:
            findings.append(Finding(crit, Status.PARTIAL, reason="some key terms only",
                                    missing_parts=crit.keywords[hits:]))
        else:
            findings.append(Finding(crit, Status.MISSING, reason="nothing on this"))
    return Report(ruleset=ruleset, findings=tuple(findings))


def check_document(
    path: Path, rulesets: Sequence[RuleSet], options: ExtractOptions,
) -> DocumentResult:
    """Like pipeline.check_document with the fake engine; 'hang'/'crash' files misbehave."""
    if "hang" in path.name:
        time.sleep(300)
    if "crash" in path.name:
        os._exit(3)
    if "slow" in path.name:
        time.sleep(0.3)
    try:
        document = extract(path, options)
    except PolicycheckError as exc:
        return DocumentResult(
            path=path, display_path=display_path(path), format=None, error=exc.reason,
        )
    reports = tuple(check(document, rs) for rs in rulesets)
    return DocumentResult(path=path, display_path=display_path(path), format=document.format,
                          reports=reports, digest=file_digest(path))
