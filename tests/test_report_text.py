"""The terminal report: readable at 80 columns, safe against hostile text, honours options."""

from __future__ import annotations

import re
from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from policycheck.model import RenderOptions
from policycheck.report.text import render
from report_fixture import (
    BROKEN,
    FORCE_A,
    FORCE_B,
    HOSTILE_MARKUP,
    RESULTS,
    SCANNED,
)

ESCAPE = re.compile(r"\x1b\[[0-9;]*m")


def test_every_line_fits_in_80_columns() -> None:
    out = render(RESULTS, RenderOptions(width=80))
    assert max(len(line) for line in out.splitlines()) <= 80


def test_document_header_shows_format_pages_and_notices() -> None:
    out = render([FORCE_B, SCANNED, FORCE_A], RenderOptions())
    assert "policies/force-b.pdf  (pdf, 9 pages)" in out
    assert "note: tracked changes accepted" in out
    assert "? not assessed: the document has no text layer" in out
    assert "note: no text layer: cannot assess" in out


def test_summary_line_per_ruleset_and_totals_across_documents() -> None:
    out = render(RESULTS, RenderOptions(width=200))
    assert "rec4: 3 of 6 met, 1 partial, 1 missing, 1 waived" in out
    assert "rec1: 1 of 2 met, 1 missing" in out
    assert out.rstrip().splitlines()[-1].startswith("4 documents checked (1 could not be read)")


def test_gaps_show_guidance_and_missing_parts_and_met_shows_citation() -> None:
    out = render([FORCE_A], RenderOptions(width=200))
    assert "Still missing: necessity and proportionality; a DPIA" in out
    assert "What to add: Commit to telling victims whether, when and why" in out
    assert "(§ Appendix B: contacts, table 2 r3c2, appendix)" in out
    assert "waived: Outreach plan is owned by the OPCC engagement strategy" in out


def test_document_error_is_reported_in_place() -> None:
    out = render([BROKEN], RenderOptions())
    assert "error: file is corrupt: truncated zip archive" in out


def test_ansi_escapes_and_control_characters_from_documents_are_stripped() -> None:
    out = render([FORCE_B], RenderOptions(width=200))
    assert "\x1b" not in out and "\x07" not in out and "\x00" not in out
    assert "recorded RED with the lawful basis" in out


def test_rich_markup_in_a_policy_prints_literally() -> None:
    plain = render([FORCE_B], RenderOptions(width=200))
    coloured = ESCAPE.sub("", render([FORCE_B], RenderOptions(width=200, color=True)))
    assert HOSTILE_MARKUP in plain
    assert HOSTILE_MARKUP in coloured
    assert "{0}{name}%s" in plain


def test_colour_only_when_asked() -> None:
    assert not ESCAPE.search(render(RESULTS, RenderOptions(color=False)))
    coloured = render(RESULTS, RenderOptions(color=True))
    assert "\x1b[31m" in coloured or "\x1b[1;31m" in coloured  # missing / errors in red


def test_quiet_shows_only_gaps_and_errors() -> None:
    out = render(RESULTS, RenderOptions(quiet=True, width=200))
    assert "REC4-INFORM-VICTIMS" in out and "REC4-DATA-PROTECTION" in out
    assert "REC1-NO-SHARE-ON-DOUBT" not in out  # met
    assert "REC4-OUTREACH" not in out.split("policies/force-b.pdf")[0]  # waived in force-a
    assert "policies/scanned.pdf" not in out  # nothing missing there
    assert "truncated zip archive" in out


def test_default_shows_best_evidence_and_verbose_shows_all() -> None:
    default = render([FORCE_A], RenderOptions(width=200))
    verbose = render([FORCE_A], RenderOptions(width=200, verbose=True))
    second = "leaflet is given at first contact"
    assert second not in default and "(+1 more; --verbose shows all)" in default
    assert second in verbose


def test_ascii_fallback_when_the_terminal_cannot_show_symbols() -> None:
    out = render(RESULTS, RenderOptions(extras={"ascii": True}))
    out.encode("ascii")  # raises if anything non-ASCII is left
    assert re.search(r"^x \| REC4-INFORM-VICTIMS", out, re.M)
    assert re.search(r"^\+ \| REC4-FRAMEWORK", out, re.M)


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=60)
       | st.text(alphabet="\x1b[]0123456789;m\x07\x00\x9b\r\n\t[bold]/ax", max_size=40))
def test_no_document_text_can_reach_the_terminal_as_control_codes(text: str) -> None:
    hostile = replace(FORCE_B, display_path=text, notices=(text,))
    out = render([hostile], RenderOptions(width=80))
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", out)
