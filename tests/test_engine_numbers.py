"""Telephone numbers as contact details: which digit runs count as a UK phone number."""

from __future__ import annotations

import pytest

from policycheck.engine.nlp import pipeline
from policycheck.engine.numbers import may_hold_phone, phone_spans


def numbers(text: str) -> list[str]:
    doc = pipeline().make_doc(text)
    return [doc[a:b].text for a, b in phone_spans(doc, 0, len(doc))]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Call 01632 963 517 for advice.", ["01632 963 517"]),
        ("Contact Report Safe on 0800 096 1180, by WhatsApp.", ["0800 096 1180"]),
        ("Telephone 020 7243 2942 or email the team.", ["020 7243 2942"]),
        ("From abroad dial +44 20 7243 2942.", ["+44 20 7243 2942"]),
        ("Ring 08082000247 at any time.", ["08082000247"]),
    ],
)
def test_uk_numbers_are_found_whole(text: str, found: list[str]) -> None:
    assert numbers(text) == found


@pytest.mark.parametrize(
    "text",
    [
        "Since 1 June 2021 the instruction has applied.",
        "Section 45 of the Modern Slavery Act 2015 gives a defence.",
        "Reviewed on 01 03 2024 by the board.",
        "Reference 0123 45.",
    ],
)
def test_dates_statutes_and_short_references_are_not_numbers_to_call(text: str) -> None:
    assert numbers(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Call 01632 963 517 for advice.",
        "From abroad dial +44 20 7243 2942.",
        "Ring 08082000247 at any time.",
        "Ring \u0660\u0668\u0660\u0668 in Arabic-Indic digits.",  # other scripts: always scanned
    ],
)
def test_the_quick_digit_test_never_skips_a_number(text: str) -> None:
    assert may_hold_phone(text)


@pytest.mark.parametrize(
    "text", ["Section 4 of the 2018 Act.", "No digits here.", "Page 12 of 40."],
)
def test_the_quick_digit_test_skips_sentences_too_short_of_digits(text: str) -> None:
    assert not may_hold_phone(text)
