"""Every value that crosses a stage boundary: read this module first.

extract(path) -> Document; load_rulesets(specs) -> tuple[RuleSet, ...];
check(document, ruleset) -> Report; render(results, options) -> str | bytes.
All values are frozen: stages build new values instead of mutating old ones.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any


class BlockKind(StrEnum):
    """What a block of text was in its document."""

    HEADING = "heading"
    PARAGRAPH = "paragraph"
    LIST_ITEM = "list-item"
    TABLE_CELL = "table-cell"


class Status(StrEnum):
    """The verdict on one criterion for one document."""

    MET = "met"
    PARTIAL = "partial"
    MISSING = "missing"
    NOT_ASSESSABLE = "not-assessable"
    WAIVED = "waived"


class Severity(StrEnum):
    """How much a criterion matters to the exit code."""

    REQUIRED = "required"
    ADVISORY = "advisory"


@dataclass(frozen=True, slots=True)
class Location:
    """Where a block stands, precise enough for a reader to find it.

    Numbers are 1-based. `paragraph` counts body blocks in document order;
    `section` is the nearest heading path joined with " > ".
    """

    page: int | None = None
    heading_path: tuple[str, ...] = ()
    paragraph: int | None = None
    table: int | None = None
    row: int | None = None
    cell: int | None = None
    line: int | None = None
    part: str | None = None  # "body", "footnote", "endnote", "textbox", "appendix"...

    @property
    def section(self) -> str | None:
        return " > ".join(self.heading_path) if self.heading_path else None

    def cite(self) -> str:
        """A short human citation: 'p. 4, §Information sharing, para 17'."""
        parts: list[str] = []
        if self.page is not None:
            parts.append(f"p. {self.page}")
        if self.heading_path:
            parts.append(f"§ {self.heading_path[-1]}")
        if self.table is not None:
            cell = f"table {self.table}"
            if self.row is not None and self.cell is not None:
                cell += f" r{self.row}c{self.cell}"
            parts.append(cell)
        if self.paragraph is not None:
            parts.append(f"para {self.paragraph}")
        elif self.line is not None:
            parts.append(f"line {self.line}")
        if self.part and self.part != "body":
            parts.append(self.part)
        return ", ".join(parts) if parts else "document"


@dataclass(frozen=True, slots=True)
class Block:
    """One heading, paragraph, list item or table cell, with normalised text."""

    kind: BlockKind
    text: str
    location: Location
    level: int = 0  # heading level (1 = top) or list nesting depth
    quoted: bool = False  # set off as a quotation (a blockquote, Word's Quote style)


@dataclass(frozen=True, slots=True)
class Comment:
    """A reviewer's comment in the source document: shown, never used as evidence."""

    author: str
    text: str
    anchor: str = ""


@dataclass(frozen=True, slots=True)
class Document:
    """A policy document as the checker reads it."""

    path: Path
    format: str  # "docx", "pdf", "odt", "html", "markdown", "text"
    blocks: tuple[Block, ...]
    title: str | None = None
    pages: int | None = None
    has_text_layer: bool = True  # False for a scanned PDF: cannot be assessed
    had_revisions: bool = False  # tracked changes were present and have been accepted
    comments: tuple[Comment, ...] = ()
    notices: tuple[str, ...] = ()  # things the reader should know about the extraction

    @property
    def assessable(self) -> bool:
        return self.has_text_layer and any(b.text.strip() for b in self.blocks)


@dataclass(frozen=True, slots=True)
class Example:
    """A passage that a criterion must find met, or must find missing."""

    text: str
    expect: Status
    note: str = ""


@dataclass(frozen=True, slots=True)
class Criterion:
    """One checkable requirement. `condition` is the compiled rule, owned by the engine."""

    id: str
    ruleset: str
    title: str
    requirement: str
    severity: Severity
    guidance: str
    condition: Any = None
    examples: tuple[Example, ...] = ()
    keywords: tuple[str, ...] = ()  # key terms: the plain keyword baseline and `explain`


@dataclass(frozen=True, slots=True)
class RuleSet:
    """A named set of criteria drawn from one source."""

    id: str
    title: str
    source: str
    version: str
    criteria: tuple[Criterion, ...]
    path: Path | None = None
    digest: str = ""  # content hash of the rule file, for caches and baselines
    relevance: Any = None  # what a document must be about first (rules.logic.Relevance)


@dataclass(frozen=True, slots=True)
class Evidence:
    """A sentence that supports a finding, where it stands, and what it satisfied."""

    text: str  # the sentence as it stands in the document
    location: Location
    context: str = ""  # the whole block the sentence comes from
    highlights: tuple[tuple[int, int], ...] = ()  # character spans in `text`
    satisfied: tuple[str, ...] = ()  # labels of the conditions this sentence satisfied


@dataclass(frozen=True, slots=True)
class Waiver:
    """An approved, time-limited exemption for one criterion on some documents."""

    criterion: str
    paths: tuple[str, ...]
    reason: str
    approved_by: str
    expires: str  # ISO date
    expired: bool = False


@dataclass(frozen=True, slots=True)
class Finding:
    """The verdict on one criterion for one document, with its reasons."""

    criterion: Criterion
    status: Status
    evidence: tuple[Evidence, ...] = ()
    reason: str = ""
    missing_parts: tuple[str, ...] = ()
    waiver: Waiver | None = None
    new_since_baseline: bool | None = None  # None when no baseline was given


@dataclass(frozen=True, slots=True)
class Report:
    """Every finding of one rule set on one document."""

    ruleset: RuleSet
    findings: tuple[Finding, ...]

    def count(self, status: Status) -> int:
        return sum(1 for f in self.findings if f.status is status)


@dataclass(frozen=True, slots=True)
class DocumentResult:
    """What happened to one input: its reports, or the error that stopped it."""

    path: Path
    display_path: str  # relative, stable path used in every output
    format: str | None
    reports: tuple[Report, ...] = ()
    error: str | None = None
    had_revisions: bool = False
    notices: tuple[str, ...] = ()
    pages: int | None = None
    digest: str = ""  # content hash of the input file

    @property
    def findings(self) -> tuple[Finding, ...]:
        return tuple(f for r in self.reports for f in r.findings)


@dataclass(frozen=True, slots=True)
class RenderOptions:
    """How a formatter should render: chosen by the CLI, never by the formatter."""

    verbose: bool = False
    quiet: bool = False
    color: bool = False
    width: int = 100
    tool_version: str = ""
    extras: dict[str, Any] = field(default_factory=dict)
