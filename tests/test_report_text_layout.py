"""The terminal report's own table layout: fits the terminal in cells, wraps and folds as rich."""

from __future__ import annotations

import re
from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from policycheck.model import DocumentResult, Finding, RenderOptions
from policycheck.report.text import render
from policycheck.report.textlayout import breaks, wrap
from report_fixture import FORCE_A, FORCE_B

ESCAPE = re.compile(r"\x1b\[[0-9;]*m")
CJK = "警察は被害者の情報を入国管理当局と共有しません"
URL = "https://www.example.police.uk/" + "policies/" * 12 + "victims.pdf"


def _with(result: DocumentResult, title: str = "", evidence: str = "", cid: str = "") -> (
    DocumentResult
):
    """The result with every criterion title, evidence text and (if given) id replaced."""

    def finding(f: Finding) -> Finding:
        crit = replace(f.criterion, title=title or f.criterion.title, id=cid or f.criterion.id)
        ev = tuple(replace(e, text=evidence) for e in f.evidence) if evidence else f.evidence
        return replace(f, criterion=crit, evidence=ev)

    reports = tuple(replace(r, findings=tuple(map(finding, r.findings))) for r in result.reports)
    return replace(result, reports=reports)


def _widest(text: str) -> int:
    return max(cell_len(ESCAPE.sub("", line)) for line in text.splitlines())


def test_wide_characters_count_as_two_cells_when_wrapping() -> None:
    result = _with(FORCE_A, title=CJK, evidence=f"{CJK} {CJK}")
    for width in (40, 57, 80):
        out = render([result], RenderOptions(width=width))
        assert _widest(out) <= width
        assert "警察は" in out


def test_a_word_longer_than_the_column_is_folded_not_cut() -> None:
    out = render([_with(FORCE_A, evidence=URL)], RenderOptions(width=60, extras={"ascii": True}))
    assert _widest(out) <= 60
    lines = out.splitlines()
    start = next(i for i, line in enumerate(lines) if "| REC4-FRAMEWORK" in line)
    cell = [lines[start].split("|", 2)[2].strip()]
    for line in lines[start + 1 :]:
        if not line.startswith("  |"):
            break
        cell.append(line.split("|", 2)[2].strip())
    assert len(cell) > 5 and URL in "".join(cell)


def test_details_continue_under_their_column_and_header_sits_on_its_last_line() -> None:
    out = render([FORCE_A], RenderOptions(width=40, extras={"ascii": True}))
    lines = out.splitlines()
    header = next(i for i, line in enumerate(lines) if "| Criterion" in line)
    assert lines[header].endswith("add") and "Evidence" in "".join(lines[header - 2 : header])
    assert lines[header + 1].startswith("--+----")
    end = next(i for i, line in enumerate(lines) if line.startswith("rec4: 3 of 6 met"))
    table = lines[header - 2 : end]
    assert len(table) > 20 and all(line[2] == "|" for line in table if line[0] != "-")
    assert len({line.index("|", 3) for line in table if line[0] != "-"}) == 1


def test_criterion_ids_too_long_for_the_terminal_still_fit() -> None:
    long_id = "REC9-" + "-".join(["SHARING"] * 6)
    out = render([_with(FORCE_B, cid=long_id)], RenderOptions(width=40))
    assert _widest(out) <= 40
    assert "REC9-SHARING" in out


def test_colour_styles_runs_without_changing_the_layout() -> None:
    for options in (RenderOptions(width=60), RenderOptions(width=60, extras={"ascii": True})):
        plain = render([FORCE_A, FORCE_B], options)
        coloured = render([FORCE_A, FORCE_B], replace(options, color=True))
        assert "\x1b[31mREC4-INFORM-VICTIMS" in coloured
        assert re.search("\x1b\\[3m.Officers will deliver", coloured)
        stripped = "\n".join(line.rstrip() for line in ESCAPE.sub("", coloured).splitlines())
        assert stripped + "\n" == plain


def test_wrapping_breaks_before_the_word_that_does_not_fit() -> None:
    assert breaks("one two three four", 9) == [8, 14]
    assert breaks("abcdefghij kl", 4) == [4, 8, 11]
    lines = wrap([("What to add: ", ""), ("name them", "bold")], 12)
    assert lines == [[("What to add:", "")], [("name them", "bold")]]


@settings(max_examples=80, deadline=None)
@given(
    st.lists(st.sampled_from(["ab", " ", "xyz", "警察", "é", "e\u0301", "—", "“",
                              "👩\u200d💻", "x" * 30]), max_size=40).map("".join),
    st.integers(min_value=40, max_value=120),
)
def test_any_text_fits_the_terminal_and_keeps_its_words(text: str, width: int) -> None:
    result = _with(FORCE_B, title=text or "t", evidence=text or "e")
    out = render([result], RenderOptions(width=width, verbose=True))
    assert _widest(out) <= width
    for word in text.split()[:3]:
        if cell_len(word) <= 6:  # narrower than the details column even at 40 columns
            assert word in out
