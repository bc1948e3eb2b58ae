"""The fast JSON writer gives byte-for-byte what json.dumps(indent=2) gives, for any value."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from policycheck.report.jsontext import dumps_indented

SCALARS = (
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True, allow_infinity=True)
    | st.text()
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4)
    | st.tuples(inner, inner),
    max_leaves=30,
)


def _standard(value: Any) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False)


@given(VALUES)
def test_same_text_as_the_standard_library(value: Any) -> None:
    assert dumps_indented(value) == _standard(value)


def test_quotes_control_characters_and_keeps_non_ascii() -> None:
    value = {"quote": "He said “no”\n\t\"x\"\\", "empty": [], "none": {}, "n": [1, 2.5, None]}
    assert dumps_indented(value) == _standard(value)
    assert "“no”" in dumps_indented(value)


def test_a_non_string_key_is_written_as_the_standard_library_writes_it() -> None:
    value = {1: "one", None: [True]}
    assert dumps_indented(value) == _standard(value)
