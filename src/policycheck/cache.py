"""A content-addressed cache of check results, stored as plain JSON (never executable)."""

from __future__ import annotations

import functools
import gzip
import hashlib
import json
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from policycheck.errors import PolicycheckError
from policycheck.model import (
    Criterion,
    DocumentResult,
    Evidence,
    Finding,
    Location,
    Report,
    RuleSet,
    Status,
)
from policycheck.output import write_atomic

FORMAT = 1
DEFAULT_DIR = ".policycheck_cache"
TAG = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This file is a cache directory tag created by policycheck.\n"
    "# For information about cache directory tags see https://bford.info/cachedir/\n"
)


def ruleset_digest(ruleset: RuleSet) -> str:
    """The rule set's content hash, or one computed from its criteria when the loader gave none."""
    if ruleset.digest:
        return ruleset.digest
    parts = [ruleset.id, ruleset.version] + [
        f"{c.id}|{c.title}|{c.requirement}|{c.severity}|{c.guidance}|{c.keywords}"
        for c in ruleset.criteria
    ]
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()


@functools.cache
def code_digest() -> str:
    """sha256 over the package's own code, so a changed engine or extractor never reuses results."""
    package = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*")):
        if path.suffix in (".py", ".j2") and path.is_file():
            digest.update(path.relative_to(package).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def cache_key(
    document_digest: str, rulesets: Sequence[RuleSet], tool_version: str, options: dict[str, Any],
) -> str:
    """sha256 over the document's hash, rule-set digests, tool version and code, and options."""
    material = {
        "format": FORMAT, "document": document_digest, "tool": tool_version, "options": options,
        "code": code_digest(),
        "rulesets": [[rs.id, ruleset_digest(rs)] for rs in rulesets],
    }
    text = json.dumps(material, sort_keys=True, default=str)  # default: paths, enums in options
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _location(loc: Location) -> dict[str, Any]:
    return {
        "page": loc.page, "heading_path": list(loc.heading_path), "paragraph": loc.paragraph,
        "table": loc.table, "row": loc.row, "cell": loc.cell, "line": loc.line, "part": loc.part,
    }


def _evidence(ev: Evidence) -> dict[str, Any]:
    return {
        "text": ev.text, "location": _location(ev.location), "context": ev.context,
        "highlights": [list(h) for h in ev.highlights], "satisfied": list(ev.satisfied),
    }


def encode(result: DocumentResult) -> dict[str, Any]:
    """A JSON-ready form of a result (waivers and baselines are applied later, never cached)."""
    return {
        "format": result.format, "pages": result.pages, "had_revisions": result.had_revisions,
        "notices": list(result.notices), "digest": result.digest, "error": result.error,
        "reports": [
            {
                "ruleset": report.ruleset.id,
                "findings": [
                    {
                        "criterion": f.criterion.id, "status": f.status.value, "reason": f.reason,
                        "missing_parts": list(f.missing_parts),
                        "evidence": [_evidence(ev) for ev in f.evidence],
                    }
                    for f in report.findings
                ],
            }
            for report in result.reports
        ],
    }


def _decode_evidence(data: dict[str, Any]) -> Evidence:
    loc = dict(data["location"])
    loc["heading_path"] = tuple(loc["heading_path"])
    return Evidence(
        text=data["text"], location=Location(**loc), context=data["context"],
        highlights=tuple((int(a), int(b)) for a, b in data["highlights"]),
        satisfied=tuple(data["satisfied"]),
    )


def decode(
    data: dict[str, Any], path: Path, display_path: str, rulesets: Sequence[RuleSet],
) -> DocumentResult:
    """Rebuild a result, linking findings back to the loaded criteria (KeyError if stale)."""
    by_id = {rs.id: rs for rs in rulesets}
    reports: list[Report] = []
    for rep in data["reports"]:
        ruleset = by_id[rep["ruleset"]]
        criteria: dict[str, Criterion] = {c.id: c for c in ruleset.criteria}
        findings = tuple(
            Finding(
                criterion=criteria[f["criterion"]], status=Status(f["status"]), reason=f["reason"],
                missing_parts=tuple(f["missing_parts"]),
                evidence=tuple(_decode_evidence(ev) for ev in f["evidence"]),
            )
            for f in rep["findings"]
        )
        reports.append(Report(ruleset=ruleset, findings=findings))
    return DocumentResult(
        path=path, display_path=display_path, format=data["format"], reports=tuple(reports),
        had_revisions=bool(data["had_revisions"]), notices=tuple(data["notices"]),
        pages=data["pages"], digest=data["digest"], error=data.get("error"),
    )


@dataclass(frozen=True, slots=True)
class ResultCache:
    """Results under `folder`, one gzipped JSON file per key; the folder is safe to delete."""

    folder: Path

    def _entry(self, key: str) -> Path:
        return self.folder / f"v{FORMAT}" / key[:2] / f"{key}.json.gz"

    def get(
        self, key: str, path: Path, display_path: str, rulesets: Sequence[RuleSet],
    ) -> DocumentResult | None:
        """The cached result for `key`, or None on a miss or an unreadable entry."""
        try:
            data = json.loads(gzip.decompress(self._entry(key).read_bytes()))
            if data.get("key") != key:
                return None
            return decode(data["result"], path, display_path, rulesets)
        except (OSError, EOFError, zlib.error, ValueError, KeyError, TypeError, AttributeError):
            return None  # a missing or corrupted entry is a miss; it will be rewritten

    def put(self, key: str, result: DocumentResult) -> bool:
        """Store a result; False when the cache folder cannot be written."""
        try:
            self._prepare()
            payload = json.dumps({"key": key, "result": encode(result)}, ensure_ascii=False)
            # Evidence repeats its passage's text: compressed entries are about a tenth the size.
            write_atomic(self._entry(key), gzip.compress(payload.encode("utf-8"), mtime=0))
        except (OSError, PolicycheckError):
            return False
        return True

    def _prepare(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        tag = self.folder / "CACHEDIR.TAG"
        if not tag.exists():
            tag.write_text(TAG, encoding="utf-8")
        ignore = self.folder / ".gitignore"
        if not ignore.exists():
            ignore.write_text("# Created by policycheck: this folder is a cache.\n*\n", "utf-8")
