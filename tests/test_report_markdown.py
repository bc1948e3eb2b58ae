"""Markdown for PR comments: document text can never become HTML, links, emphasis or cells."""

from __future__ import annotations

import html as htmllib
import re
from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from policycheck.model import RenderOptions
from policycheck.report.display import clean
from policycheck.report.markdown import escape, render
from report_fixture import BROKEN, FORCE_A, FORCE_B, RESULTS


def _html(markdown: str) -> str:
    return MarkdownIt("commonmark", {"html": True}).enable("table").render(markdown)


def test_injected_script_renders_as_text_not_html() -> None:
    html = _html(render([FORCE_B], RenderOptions()))
    assert "<script>" not in html
    assert "&lt;script&gt;document.title=" in html


def test_markdown_syntax_in_document_text_is_shown_literally() -> None:
    html = _html(render([FORCE_B], RenderOptions()))
    assert "*and* _DPIA_ `ref`" in html
    assert "<em>and</em>" not in html and "<code>ref</code>" not in html
    assert "[bold]not bold[/bold]" in html


def test_escape_neutralises_every_special_character() -> None:
    assert escape("a|b") == "a\\|b"
    assert escape("[x](http://e.com)") == "\\[x\\](http://e.com)"
    assert escape("<img src=x>") == "&lt;img src=x&gt;"
    assert escape("line one\nline two\x07") == "line one line two"


def test_summary_table_has_one_row_per_document_with_stable_columns() -> None:
    hostile = replace(BROKEN, display_path="odd|name.docx", error="bad | worse\nlater")
    lines = render([*RESULTS, hostile], RenderOptions()).splitlines()
    table = [line for line in lines if line.startswith("| ")]
    assert len(table) == 2 + len(RESULTS) + 1  # header, separator, one row per document
    widths = {line.replace("\\|", "").count("|") for line in table}
    assert len(widths) == 1, "a cell leaked a pipe and broke the table"
    assert "| 4 | 1 | 2 | 0 | 1 |" in table[2]
    assert "bad \\| worse later" in table[-1]


def test_evidence_is_quoted_with_its_citation_and_gaps_have_guidance() -> None:
    out = render([FORCE_A], RenderOptions())
    assert "  > “Any sharing is lawful under Part 3 of the Data Protection Act 2018" in out
    assert "  > — § Information sharing, para 22" in out
    assert "**What to add:** Commit to telling victims whether, when and why" in out
    assert "**Still missing:** necessity and proportionality; a DPIA" in out


def test_quiet_lists_only_gaps() -> None:
    out = render([FORCE_A], RenderOptions(quiet=True))
    assert "REC4-INFORM-VICTIMS" in out
    assert "**REC4-FRAMEWORK**" not in out


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=40)
       | st.text(alphabet="#*_`[]()<>!|~&;-+=.)1 \\\nax:/", max_size=30))
def test_any_document_text_renders_back_as_exactly_that_text(text: str) -> None:
    rendered = MarkdownIt("commonmark", {"html": True}).render(escape(text))
    inner = re.sub(r"^<p>(.*)</p>\n$", r"\1", rendered, flags=re.S) if rendered else ""
    assert "<" not in inner.replace("&lt;", ""), rendered  # no element of any kind
    assert htmllib.unescape(inner) == clean(text)
