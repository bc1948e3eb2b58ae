"""Paragraph rebuilding from positioned PDF lines, on hand-made pages."""

from __future__ import annotations

from policycheck.extract.assemble import assemble
from policycheck.extract.pdf_engines import Line, Page
from policycheck.extract.pdf_layout import pieces
from policycheck.model import BlockKind

PITCH = 14.0


def page(number: int, rows: list[tuple[float, str]], *, size: float = 11.0,
         head: str | None = None, foot: str | None = None) -> Page:
    """A page of single-column lines at the given tops, with optional running head and foot."""
    lines = []
    if head:
        lines.append(Line(head, 72, 30, 300, 41, size))
    for top, text in rows:
        heading = text.isupper()
        width = 72 + 6.0 * len(text)
        lines.append(Line(text, 72, top, min(width, 520), top + size,
                          14.0 if heading else size, heading))
    if foot:
        lines.append(Line(foot, 280, 800, 320, 811, size))
    return Page(number, 595, 842, lines)


def rows(start: float, *texts: str) -> list[tuple[float, str]]:
    return [(start + i * PITCH, t) for i, t in enumerate(texts)]


def test_hyphenated_line_breaks_and_paragraph_gaps() -> None:
    pages = [page(1, rows(100, "Officers will support victims with insecure immigra-",
                          "tion status and offer a follow-",
                          "up visit within seven days of the report.")
                  + rows(160, "A second paragraph starts after a gap."))]
    blocks = assemble(pieces(pages))
    assert [b.text for b in blocks] == [
        "Officers will support victims with insecure immigration status and offer a "
        "follow-up visit within seven days of the report.",
        "A second paragraph starts after a gap.",
    ]


def test_a_line_that_opens_like_a_numbered_item_after_a_hyphen_continues_the_word() -> None:
    # '(PP-' at a line end and '031) and are not repeated here.' below it: one reference
    pages = [page(1, rows(100, "The detailed entitlements are set out in the force's Victims' Code "
                               "Compliance Procedure (PP-",
                          "031) and are not repeated here."))]
    blocks = assemble(pieces(pages))
    assert [b.text for b in blocks] == [
        "The detailed entitlements are set out in the force's Victims' Code Compliance "
        "Procedure (PP-031) and are not repeated here.",
    ]


def test_a_legal_reference_broken_between_its_brackets_continues_the_sentence() -> None:
    # 'Article 6(1)' at a line end and '(e) UK GDPR and ...' below it: no lettered item
    pages = [page(1, rows(100, "The council processes the information under Article 6(1)",
                          "(e) UK GDPR and Schedule 1 of the 2018 Act."))]
    blocks = assemble(pieces(pages))
    assert [b.text for b in blocks] == [
        "The council processes the information under Article 6(1)(e) UK GDPR and Schedule 1 "
        "of the 2018 Act.",
    ]


def test_repeating_head_and_foot_and_bare_page_numbers_removed() -> None:
    words = ["Scope and purpose.", "Victims first.", "Referral routes.", "Review dates."]
    pages = [page(n, rows(100, words[n - 1]), head=f"Northshire Police Policy v{n}.0",
                  foot=f"- {n} -") for n in range(1, 5)]
    blocks = assemble(pieces(pages))
    assert [b.text for b in blocks] == words
    assert [b.location.page for b in blocks] == [1, 2, 3, 4]


def test_a_line_seen_on_one_page_only_is_kept() -> None:
    pages = [page(1, rows(100, "Body one."), head="Appendix A"),
             page(2, rows(100, "Body two.")), page(3, rows(100, "Body three."))]
    texts = [b.text for b in assemble(pieces(pages))]
    assert texts[0] == "Appendix A"


def test_headings_by_size_and_numbering_give_heading_paths() -> None:
    pages = [page(1, rows(80, "INFORMATION SHARING") + rows(110, "4.2 Referral pathways")
                  + rows(130, "Officers refer victims to specialist services.")
                  + rows(170, "• Call the helpline.", "• Record the referral."))]
    blocks = assemble(pieces(pages))
    shape = [(b.kind, b.text, b.location.heading_path) for b in blocks]
    assert shape == [
        (BlockKind.HEADING, "INFORMATION SHARING", ("INFORMATION SHARING",)),
        (BlockKind.HEADING, "4.2 Referral pathways",
         ("INFORMATION SHARING", "4.2 Referral pathways")),
        (BlockKind.PARAGRAPH, "Officers refer victims to specialist services.",
         ("INFORMATION SHARING", "4.2 Referral pathways")),
        (BlockKind.LIST_ITEM, "Call the helpline.", ("INFORMATION SHARING",
                                                     "4.2 Referral pathways")),
        (BlockKind.LIST_ITEM, "Record the referral.", ("INFORMATION SHARING",
                                                       "4.2 Referral pathways")),
    ]


def test_paragraph_broken_by_a_page_end_is_joined_on_its_first_page() -> None:
    pages = [page(1, rows(700, "The force will tell victims whether their information",
                          "may be shared with Immigration Enforcement and")),
             page(2, rows(72, "why, at the first contact.", ))]
    blocks = assemble(pieces(pages))
    assert [(b.text, b.location.page) for b in blocks] == [
        ("The force will tell victims whether their information may be shared with "
         "Immigration Enforcement and why, at the first contact.", 1)]


def test_protective_marking_removed_even_on_a_single_page() -> None:
    pages = [page(1, rows(100, "OFFICIAL SENSITIVE is a marking officers must apply."),
                  head="OFFICIAL - SENSITIVE", foot="Page 1 of 1")]
    blocks = assemble(pieces(pages))
    assert [b.text for b in blocks] == ["OFFICIAL SENSITIVE is a marking officers must apply."]


def test_segments_split_inside_a_word_are_joined_without_a_space() -> None:
    from policycheck.extract.pdf_engines import _merge_segments, table_hint

    segments = [
        Line("details to Immi", 90, 100, 488, 111, 11),
        Line("-", 490, 105, 493, 106, 11),  # a hyphen glyph's tight box
        Line("and super", 90, 115, 200, 126, 11),
        Line("visors will chal", 201, 117, 300, 126, 11),
        Line("lenge any ", 302, 115, 360, 126, 11),
        Line("Name", 90, 130, 120, 141, 11),
        Line("Role", 300, 130, 330, 141, 11),  # a column gutter is marked with a tab
    ]
    lines = _merge_segments(segments)
    assert [ln.text for ln in lines] == [
        "details to Immi-", "and supervisors will challenge any ", "Name\tRole"]
    assert lines[-1].gutters == (300,)
    assert not table_hint(lines)
    rows = [Line(name, 90, top, 120, top + 11, 11) for name, top in
            (("Officer", 150), ("Supervisor", 165), ("Inspector", 180))]
    roles = [Line("Refers.", 300, ln.top, 340, ln.bottom, 11) for ln in rows]
    table = _merge_segments([seg for pair in zip(rows, roles, strict=True) for seg in pair])
    assert table_hint(table)


def test_protective_markings_are_capitals_only() -> None:
    from policycheck.extract.headings import protective_marking

    marked = ["OFFICIAL", "OFFICIAL - SENSITIVE", "OFFICIAL-SENSITIVE", "NOT PROTECTIVELY MARKED",
              "Northshire Police – OFFICIAL"]
    unmarked = ["Official guidance for staff", "Confidential reporting line",
                "OFFICIAL SENSITIVE is a marking officers must apply."]
    assert [protective_marking(t) for t in marked] == [True] * len(marked)
    assert [protective_marking(t) for t in unmarked] == [False] * len(unmarked)


def test_a_title_in_large_type_over_five_lines_is_one_heading() -> None:
    title = ["Sharing Information about", "Victims and Witnesses with", "Immigration Enforcement:",
             "Guidance for Police Forces in", "England and Wales"]
    lines = [Line(t, 72, 100 + i * 32, 500, 126 + i * 32, 26.0) for i, t in enumerate(title)]
    body = "This guidance applies to every officer and member of staff in the force."
    lines += [Line(body, 72, 300 + i * 40, 500, 311 + i * 40, 11.0) for i in range(6)]
    blocks = assemble(pieces([Page(1, 595, 842, lines)]))
    assert (blocks[0].kind, blocks[0].text) == (BlockKind.HEADING, " ".join(title))


def test_a_numbered_heading_that_wraps_to_a_second_line_is_one_heading() -> None:
    lines = [Line("7.3 Information sharing with Home Office Immigration", 72, 100, 520, 113, 13.0,
                  True),
             Line("Enforcement", 72, 116, 160, 129, 13.0, True)]
    body = "No officer is to pass the details of a victim to the Home Office on doubt alone."
    lines += [Line(body, 72, 150 + i * 14, 500, 161 + i * 14, 11.0) for i in range(6)]
    blocks = assemble(pieces([Page(1, 595, 842, lines)]))
    assert (blocks[0].kind, blocks[0].text) == (
        BlockKind.HEADING, "7.3 Information sharing with Home Office Immigration Enforcement")
    assert blocks[1].location.heading_path[-1] == blocks[0].text
