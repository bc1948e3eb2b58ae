"""Run every criterion's examples through the engine: the rule sets' own specification."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from policycheck.model import (
    Block,
    BlockKind,
    Criterion,
    Document,
    Example,
    Finding,
    Location,
    RuleSet,
    Status,
)


def passage_document(text: str, name: str = "example") -> Document:
    """A Document from a passage: blank lines split paragraphs, '# ' lines are headings, '- '
    lines list items and '> ' lines a quotation set off from the text."""
    blocks: list[Block] = []
    path: list[str] = []
    para = 0
    for chunk in text.replace("\r\n", "\n").split("\n\n"):
        for line in _lines(chunk):
            if line.startswith("#"):
                level = len(line) - len(line.lstrip("#"))
                title = line.lstrip("#").strip()
                path = [*path[: level - 1], title]
                blocks.append(
                    Block(BlockKind.HEADING, title, Location(heading_path=tuple(path)), level)
                )
            else:
                para += 1
                kind = BlockKind.LIST_ITEM if line.startswith("- ") else BlockKind.PARAGRAPH
                quoted = line.startswith("> ")
                body = line[2:] if kind is BlockKind.LIST_ITEM or quoted else line
                blocks.append(Block(kind, body, Location(heading_path=tuple(path), paragraph=para),
                                    quoted=quoted))
    return Document(path=Path(name), format="text", blocks=tuple(blocks))


def _lines(chunk: str) -> Iterator[str]:
    """Headings and list items stand on their own line; other lines join into one paragraph."""
    buffer: list[str] = []
    for raw in chunk.split("\n"):
        line = raw.strip()
        if line.startswith(("#", "- ", "> ")) and buffer:
            yield " ".join(buffer)
            buffer = []
        if line.startswith("#"):
            yield line
        elif line:
            buffer.append(line)
    if buffer:
        yield " ".join(buffer)


@dataclass(frozen=True, slots=True)
class ExampleResult:
    """One example run: what was expected and what the engine found."""

    ruleset: RuleSet
    criterion: Criterion
    example: Example
    number: int
    finding: Finding

    @property
    def passed(self) -> bool:
        """A met example must be met; a missing one must not be."""
        if self.example.expect is Status.MET:
            return self.finding.status is Status.MET
        return self.finding.status is not Status.MET

    def where(self) -> str:
        """file:line of the criterion in its rule file."""
        from policycheck.rules.loader import shown_path

        line = getattr(self.criterion.condition, "line", None)
        path = shown_path(self.ruleset.path) if self.ruleset.path else self.ruleset.id
        return f"{path}:{line}" if line else path


def run_examples(rulesets: Sequence[RuleSet]) -> list[ExampleResult]:
    """Check each example passage against its own criterion only."""
    from policycheck.engine import check

    results: list[ExampleResult] = []
    for ruleset in rulesets:
        for criterion in ruleset.criteria:
            single = RuleSet(
                ruleset.id,
                ruleset.title,
                ruleset.source,
                ruleset.version,
                (criterion,),
                ruleset.path,
                ruleset.digest,
            )
            for n, example in enumerate(criterion.examples, start=1):
                report = check(passage_document(example.text, f"{criterion.id}#{n}"), single)
                results.append(ExampleResult(ruleset, criterion, example, n, report.findings[0]))
    return results
