"""Plain text and Markdown: encodings, headings, lists, tables and line numbers."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from policycheck.errors import InputError
from policycheck.extract import ExtractOptions
from policycheck.extract.markdown import extract_markdown
from policycheck.extract.text import extract_text
from policycheck.model import BlockKind

POLICY_TEXT = """MIGRANT VICTIMS POLICY

1. Scope
This policy applies to all officers and staff.

2. Information sharing

2.1 Sharing with Immigration Enforcement
Officers will not share information solely to
establish a victim's immigra-
tion status.

- Refer victims to a specialist service.
- Explain when information may be shared,
  and why.

1. Officers must record the decision.
2. Supervisors review it.
"""


def test_text_headings_paragraphs_lists_and_lines(tmp_path: Path) -> None:
    path = tmp_path / "policy.txt"
    path.write_text(POLICY_TEXT, encoding="utf-8")
    doc = extract_text(path, ExtractOptions())
    shape = [(b.kind, b.level, b.text, b.location.line) for b in doc.blocks]
    assert shape == [
        (BlockKind.HEADING, 1, "MIGRANT VICTIMS POLICY", 1),
        (BlockKind.HEADING, 1, "1. Scope", 3),
        (BlockKind.PARAGRAPH, 0, "This policy applies to all officers and staff.", 4),
        (BlockKind.HEADING, 1, "2. Information sharing", 6),
        (BlockKind.HEADING, 2, "2.1 Sharing with Immigration Enforcement", 8),
        (BlockKind.PARAGRAPH, 0, "Officers will not share information solely to establish a "
         "victim's immigration status.", 9),
        (BlockKind.LIST_ITEM, 1, "Refer victims to a specialist service.", 13),
        (BlockKind.LIST_ITEM, 1, "Explain when information may be shared, and why.", 14),
        (BlockKind.LIST_ITEM, 1, "Officers must record the decision.", 17),
        (BlockKind.LIST_ITEM, 1, "Supervisors review it.", 18),
    ]
    assert doc.blocks[5].location.heading_path == ("2. Information sharing",
                                                   "2.1 Sharing with Immigration Enforcement")
    assert doc.blocks[5].location.cite() == (
        "§ 2.1 Sharing with Immigration Enforcement, para 6")


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-le", "cp1252"])
def test_text_encodings_are_detected(tmp_path: Path, encoding: str) -> None:
    text = "Victims\u2019 Code applies to every victim, whatever their status \u2013 always.\n"
    path = tmp_path / "enc.txt"
    path.write_bytes(text.encode(encoding))
    doc = extract_text(path, ExtractOptions())
    assert [b.text for b in doc.blocks] == [text.strip()]


def test_utf8_bom_is_not_text(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(codecs.BOM_UTF8 + b"Scope of the policy.")
    assert extract_text(path, ExtractOptions()).blocks[0].text == "Scope of the policy."


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=2000))
def test_text_reader_on_arbitrary_bytes(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "any.txt"
    path.write_bytes(data)
    try:
        doc = extract_text(path, ExtractOptions())
    except InputError:
        return
    assert all(b.text and b.text == b.text.strip() for b in doc.blocks)


def test_markdown_structure_and_line_numbers(tmp_path: Path) -> None:
    path = tmp_path / "policy.md"
    path.write_text("""---
title: Front matter is not text
---
# Safe reporting

Victims can report **without** fear of
[immigration enforcement](https://example.org).

## Pathways

- Refer to an IDVA
  - within 24 hours
- Call the `0800` helpline

| Role | Duty |
|------|------|
| Officer | Refers victims. |

> Victims first.

<div>raw html</div>
""", encoding="utf-8")
    doc = extract_markdown(path, ExtractOptions())
    shape = [(b.kind, b.level, b.text, b.location.line) for b in doc.blocks]
    assert shape == [
        (BlockKind.HEADING, 1, "Safe reporting", 4),
        (BlockKind.PARAGRAPH, 0, "Victims can report without fear of immigration "
         "enforcement.", 6),
        (BlockKind.HEADING, 2, "Pathways", 9),
        (BlockKind.LIST_ITEM, 1, "Refer to an IDVA", 11),
        (BlockKind.LIST_ITEM, 2, "within 24 hours", 12),
        (BlockKind.LIST_ITEM, 1, "Call the 0800 helpline", 13),
        (BlockKind.TABLE_CELL, 0, "Role", 15),
        (BlockKind.TABLE_CELL, 0, "Duty", 15),
        (BlockKind.TABLE_CELL, 0, "Officer", 17),
        (BlockKind.TABLE_CELL, 0, "Refers victims.", 17),
        (BlockKind.PARAGRAPH, 0, "Victims first.", 19),
    ]
    cells = [(b.location.table, b.location.row, b.location.cell) for b in doc.blocks
             if b.kind is BlockKind.TABLE_CELL]
    assert cells == [(1, 1, 1), (1, 1, 2), (1, 2, 1), (1, 2, 2)]
    assert doc.title == "Safe reporting"


def test_underlined_headings_in_text(tmp_path: Path) -> None:
    path = tmp_path / "setext.txt"
    path.write_text("Safe Reporting\n==============\n\nScope\n-----\nAll staff.\n")
    doc = extract_text(path, ExtractOptions())
    assert [(b.kind, b.level, b.text, b.location.line) for b in doc.blocks] == [
        (BlockKind.HEADING, 1, "Safe Reporting", 1),
        (BlockKind.HEADING, 2, "Scope", 4),
        (BlockKind.PARAGRAPH, 0, "All staff.", 6),
    ]


def test_a_row_of_figures_is_not_a_numbered_heading(tmp_path: Path) -> None:
    path = tmp_path / "figures.txt"
    path.write_text("2. Figures\n\n1 April – 30 June 2021 - 2 - 2\n\nThe log shows two.\n")
    doc = extract_text(path, ExtractOptions())
    assert [(b.kind, b.text) for b in doc.blocks] == [
        (BlockKind.HEADING, "2. Figures"),
        (BlockKind.PARAGRAPH, "1 April – 30 June 2021 - 2 - 2"),
        (BlockKind.PARAGRAPH, "The log shows two."),
    ]


def test_a_long_capitalised_first_line_is_the_title_and_field_lines_stay_apart(
        tmp_path: Path) -> None:
    path = tmp_path / "committee.txt"
    path.write_text(
        "COMMUNITY SAFETY SCRUTINY COMMITTEE – MIGRANT VICTIMS' CONFIDENCE TO REPORT CRIME: "
        "REPORT OF THE TASK AND FINISH GROUP\n\n"
        "Meeting: Community Safety Scrutiny Committee, 14 January 2025\nAgenda item: 7\n"
        "Report of: Chair of the Task and Finish Group\nStatus: Public\n\n"
        "The group met five times.\nIt heard from the force.\n")
    doc = extract_text(path, ExtractOptions())
    assert doc.title is not None and doc.title.startswith("COMMUNITY SAFETY SCRUTINY COMMITTEE")
    assert [(b.kind, b.text, b.location.line) for b in doc.blocks[1:]] == [
        (BlockKind.PARAGRAPH, "Meeting: Community Safety Scrutiny Committee, 14 January 2025", 3),
        (BlockKind.PARAGRAPH, "Agenda item: 7", 4),
        (BlockKind.PARAGRAPH, "Report of: Chair of the Task and Finish Group", 5),
        (BlockKind.PARAGRAPH, "Status: Public", 6),
        # ordinary wrapped lines are still one paragraph
        (BlockKind.PARAGRAPH, "The group met five times. It heard from the force.", 8),
    ]
    assert doc.blocks[0].kind is BlockKind.HEADING
