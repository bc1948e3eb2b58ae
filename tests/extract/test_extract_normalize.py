"""The normaliser: what it folds, what it keeps, and the hyphenated line-break heuristic."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from policycheck.extract.normalize import HARD_HYPHEN, clean, join_lines


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("of\ufb01cers and the \ufb02ow", "officers and the flow"),  # ligatures
        ("a\u00a0b\u2009c\u202fd\u3000e", "a b c d e"),  # no-break, thin, narrow, ideographic
        ("immi\u00adgration", "immigration"),  # soft hyphen
        ("zero\u200bwidth\u200d join\ufeff", "zerowidth join"),
        ("bell\x07 and\x00 nul", "bell and nul"),
        ("  tabs\tand\nnew\r\nlines  ", "tabs and new lines"),
        ("the Victims\u2019 Code \u201cfirst\u201d", "the Victims\u2019 Code \u201cfirst\u201d"),
        ("5\u20137 days \u2014 at least", "5\u20137 days \u2014 at least"),  # dashes kept
        ("\u00bd of the 2\u00b2 forces", "\u00bd of the 2\u00b2 forces"),  # no full NFKC
    ],
)
def test_clean_folds_noise_and_keeps_meaning(raw: str, expected: str) -> None:
    assert clean(raw) == expected


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["Victims with insecure immigra-", "tion status"],
         "Victims with insecure immigration status"),
        (["a follow-", "up visit"], "a follow-up visit"),  # compound tail keeps the hyphen
        (["a one-page aide-", "memoire for officers"], "a one-page aide-memoire for officers"),
        (["e-mail referrals@amani.examp", "le.org.uk today"],
         "e-mail referrals@amani.example.org.uk today"),
        # a whole address at a line end: the next word is the sentence's
        (["Hub e-mail referral to mvas@example.org.uk", "with consent"],
         "Hub e-mail referral to mvas@example.org.uk with consent"),
        # an address broken after a dot in a narrow cell; a sentence ending an address goes on
        (["E-mail referrals@staintonmac.", "example.org.uk or call"],
         "E-mail referrals@staintonmac.example.org.uk or call"),
        (["write to info@example.org.uk.", "then wait"],
         "write to info@example.org.uk. then wait"),
        # a web address broken before its last label; a sentence ending a site name goes on
        (["Referral form at southallblacksisters.org.", "uk"],
         "Referral form at southallblacksisters.org.uk"),
        (["see www.example.", "org.uk for more"], "see www.example.org.uk for more"),
        (["visit example.org.", "uk and more"], "visit example.org.uk and more"),
        (["as the report said.", "uk forces"], "as the report said. uk forces"),
        (["Referral form at southallblacksisters.org", ".uk"],
         "Referral form at southallblacksisters.org.uk"),
        (["e-mail help@example.org", ".uk today"], "e-mail help@example.org.uk today"),
        # an address broken at its own hyphen keeps it: hyphenation never splits an address
        (["e-mail referrals@northfell-", "mlp.example.org with consent"],
         "e-mail referrals@northfell-mlp.example.org with consent"),
        (["see www.fellside-", "mwp.example.org for more"],
         "see www.fellside-mwp.example.org for more"),
        (["a one-", "page flowchart"], "a one-page flowchart"),
        (["complete the e-", "learning module"], "complete the e-learning module"),
        (["the Plan 2021\u2013", "2025 and the strategy"],
         "the Plan 2021\u20132025 and the strategy"),
        (["a third-", "party referral"], "a third-party referral"),
        (["the Anti-", "Slavery Commissioner"], "the Anti-Slavery Commissioner"),
        (["during COVID-", "19 restrictions"], "during COVID-19 restrictions"),
        (["advisers who are OISC-", "regulated"], "advisers who are OISC-regulated"),
        (["officers must -", "not may - refer"], "officers must - not may - refer"),
        (["one line", "", "  next line  "], "one line next line"),
        (["ends with a dash \u2013", "and goes on"], "ends with a dash \u2013 and goes on"),
        (["ring 01632 960418 (Mon\u2013Fri 9am\u2013", "5pm) today"],
         "ring 01632 960418 (Mon\u2013Fri 9am\u20135pm) today"),
        (["open Mon\u2013", "Fri"], "open Mon\u2013Fri"),
        # A hyphenated compound broken at its last hyphen keeps it: not "case-bycase".
        (["decided on a case-by-", "case basis"], "decided on a case-by-case basis"),
        (["meet them face-to-", "face"], "meet them face-to-face"),
        (["gather body-", "worn video"], "gather body-worn video"),
        # A soft hyphen is dropped and the halves joined, with no space left between them.
        (["the Detective Superin\u00ad", "tendent"], "the Detective Superintendent"),
        # A hyphen the extractor knows was typed is kept, whatever follows.
        (["a case-by" + HARD_HYPHEN, "case basis"], "a case-by-case basis"),
        (["well" + HARD_HYPHEN, "established"], "well-established"),
        (["ends on a typed hyphen" + HARD_HYPHEN], "ends on a typed hyphen-"),
    ],
)
def test_join_lines_undoes_line_break_hyphens_only(lines: list[str], expected: str) -> None:
    assert join_lines(lines) == expected


@given(st.text())
def test_clean_is_idempotent_and_tidy(text: str) -> None:
    once = clean(text)
    assert clean(once) == once
    assert "  " not in once
    assert once == once.strip()
    assert not any(unicodedata.category(ch) in ("Cc", "Cf") for ch in once)


@given(st.lists(st.text(), max_size=8))
def test_join_lines_never_raises_and_output_is_clean(lines: list[str]) -> None:
    joined = join_lines(lines)
    assert clean(joined) == joined
