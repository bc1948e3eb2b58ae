"""Annotate a Word draft: a copy with comments on each evidence paragraph and a list of gaps."""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from policycheck.errors import CorruptDocumentError, InputError, UnsupportedFormatError
from policycheck.extract.limits import Limits, Package
from policycheck.model import DocumentResult, Evidence, Finding, Status
from policycheck.report.display import GAPS, LABELS, clean

if TYPE_CHECKING:
    from docx.document import Document as WordDocument
    from docx.text.paragraph import Paragraph
    from docx.text.run import Run

_QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "′": "'", "“": '"', "”": '"',
                         "„": '"', "″": '"', "–": "-", "—": "-", "‑": "-", "\u00ad": None})
_NON_WORD = re.compile(r"[\W_]+")
_XML_INVALID = re.compile("[\ud800-\udfff\ufffe\uffff]")
FUZZY_THRESHOLD = 90.0


@dataclass(frozen=True, slots=True)
class Annotation:
    """The annotated copy and how its comments were placed."""

    data: bytes
    anchored: int  # comments on evidence paragraphs
    unplaced: int  # pieces of evidence listed in the top comment instead


def default_output(source: Path) -> Path:
    """'policy.docx' -> 'policy.reviewed.docx' beside it."""
    return source.with_name(f"{source.stem}.reviewed.docx")


def ensure_docx(path: Path) -> None:
    """Raise unless `path` is a Word .docx file (the only format that can carry comments here)."""
    if path.suffix.lower() != ".docx":
        raise UnsupportedFormatError(
            f"annotate reads only Word .docx files, not '{path.suffix or 'no suffix'}'", path)
    if not path.is_file():  # a FIFO would block; a folder or device is no draft
        raise InputError("is not a regular file", path)
    try:
        package = Package(path, Limits(), "Word")
    except CorruptDocumentError as exc:
        raise CorruptDocumentError(f"cannot be opened as .docx ({exc.reason})", path) from exc
    with package:
        # The whole package is rewritten, so every member must pass the zip-bomb checks.
        for name in package.infos:
            package.check(name, size_limit=False)
        names = set(package.infos)
        rels = package.read("_rels/.rels") if "_rels/.rels" in names else b""
    if "[Content_Types].xml" not in names or not rels:
        raise CorruptDocumentError("not a Word document (no package parts)", path)
    if b"purl.oclc.org/ooxml" in rels:
        raise UnsupportedFormatError(
            "is saved as Strict Open XML, which annotate cannot write; "
            "save it as a Word Document (.docx)", path)


def _open(source: Path) -> WordDocument:
    """Open the draft with python-docx; a package it cannot read becomes a typed error."""
    from docx import Document
    from lxml.etree import XMLSyntaxError

    try:
        return Document(io.BytesIO(source.read_bytes()))
    except (KeyError, ValueError, XMLSyntaxError, zipfile.BadZipFile) as exc:
        raise CorruptDocumentError(f"cannot be opened for annotation ({exc})", source) from exc


def normalise(text: str) -> str:
    """Text reduced for matching: NFKC, words only (no punctuation or soft hyphens), casefold."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    return " ".join(_NON_WORD.sub(" ", text).split()).casefold()


def _comment_text(text: str) -> str:
    return _XML_INVALID.sub("", clean(text))


def paragraph_text(paragraph: Paragraph) -> str:
    """The paragraph as it stands with tracked changes accepted (deleted text left out)."""
    parts = paragraph._p.xpath(".//w:t[not(ancestor::w:moveFrom)]/text()")
    return "".join(str(p) for p in parts)


def _paragraphs(doc: WordDocument) -> list[Paragraph]:
    """Body paragraphs in document order, including those in table cells, not text boxes."""
    from docx.text.paragraph import Paragraph

    body = doc.element.body
    return [Paragraph(p, doc._body) for p in body.xpath(".//w:p[not(ancestor::w:txbxContent)]")]


def locate(evidence: Evidence, index: Sequence[str]) -> int | None:
    """The position in `index` (normalised paragraph texts) of the paragraph holding `evidence`."""
    needle = normalise(evidence.text)
    if not needle:
        return None
    # A paragraph that is exactly the evidence beats one that merely contains it.
    hits = [i for i, text in enumerate(index) if needle == text]
    hits = hits or [i for i, text in enumerate(index) if needle in text]
    if not hits and evidence.context:
        whole = normalise(evidence.context)
        hits = [i for i, text in enumerate(index) if text and (text in whole or whole in text)]
    if not hits:
        from rapidfuzz import fuzz

        scores = [(fuzz.partial_ratio(needle, text), i) for i, text in enumerate(index)
                  if len(text) >= min(20, len(needle))]
        best = max(scores, default=(0.0, -1))
        hits = [best[1]] if best[0] >= FUZZY_THRESHOLD else []
    if not hits:
        return None
    want = evidence.location.paragraph
    # Numbering differs around tables; the closest candidate to the cited paragraph wins.
    return min(hits, key=lambda i: abs(i + 1 - want)) if want is not None else hits[0]


def _anchor_runs(paragraph: Paragraph) -> list[Run]:
    """Runs to hang a comment on: the paragraph's own runs, or a new empty one at its end."""
    runs = [r for r in paragraph.runs if r.text]
    return runs or [paragraph.add_run("")]


def annotate_docx(
    source: Path, result: DocumentResult, *, author: str = "policycheck",
) -> Annotation:
    """Return a commented copy of `source`; the file itself is never changed."""
    doc = _open(source)
    paragraphs = _paragraphs(doc)
    index = [normalise(paragraph_text(p)) for p in paragraphs]
    notes: dict[int, list[str]] = {}
    unplaced: list[str] = []
    for finding in result.findings:
        if finding.status not in (Status.MET, Status.PARTIAL):
            continue
        placed = {locate(ev, index) for ev in finding.evidence}
        for position in sorted(p for p in placed if p is not None):
            notes.setdefault(position, []).append(_here(finding))
        if finding.evidence and placed == {None}:
            unplaced.append(_unplaced(finding))
    for position, lines in sorted(notes.items()):
        _comment(doc, paragraphs[position], lines, author)
    top = next((p for p in paragraphs if paragraph_text(p).strip()), None)
    if top is None:
        top = paragraphs[0] if paragraphs else doc.add_paragraph()
    _comment(doc, top, _summary(result, unplaced), author)
    out = io.BytesIO()
    doc.save(out)
    return Annotation(out.getvalue(), anchored=len(notes), unplaced=len(unplaced))


def _comment(doc: WordDocument, paragraph: Paragraph, lines: Sequence[str], author: str) -> None:
    initials = "".join(w[0] for w in author.split()[:3]).upper() or None
    comment = doc.add_comment(_anchor_runs(paragraph), text=_comment_text(lines[0]),
                              author=author, initials=initials)
    for line in lines[1:]:
        comment.add_paragraph(_comment_text(line))
    _span_paragraph(paragraph, comment.comment_id)


_CONTENT = ("w:r", "w:ins", "w:del", "w:hyperlink", "w:moveTo", "w:moveFrom", "w:smartTag",
            "w:sdt", "w:fldSimple")


def _span_paragraph(paragraph: Paragraph, comment_id: int) -> None:
    """Start the comment's range before the paragraph's first content, tracked changes included.

    python-docx anchors on runs; text inside a tracked insertion is not a direct run, so without
    this the comment would cover only part of the paragraph, or a point at its end.
    """
    p = paragraph._p
    starts = p.xpath(f"./w:commentRangeStart[@w:id='{comment_id}']")
    first = next(iter(p.xpath("|".join(f"./{tag}" for tag in _CONTENT))), None)
    if starts and first is not None and first is not starts[0]:
        first.addprevious(starts[0])


def _here(finding: Finding) -> str:
    crit = finding.criterion
    if finding.status is Status.PARTIAL:
        text = f"{crit.id} partly met here: {crit.title}."
        if finding.missing_parts:
            text += " Still missing: " + "; ".join(finding.missing_parts) + "."
        return text
    return f"{crit.id} met here: {crit.title}"


def _unplaced(finding: Finding) -> str:
    cites = "; ".join(ev.location.cite() for ev in finding.evidence[:2])
    return f"{finding.criterion.id} {LABELS[finding.status]} ({cites}): {finding.criterion.title}"


def _summary(result: DocumentResult, unplaced: Sequence[str]) -> list[str]:
    """The top comment: every gap with its guidance, then evidence that could not be anchored."""
    gaps = [f for f in result.findings if f.status in GAPS]
    rulesets = ", ".join(r.ruleset.id for r in result.reports)
    if gaps:
        lines = [f"policycheck ({rulesets}): {len(gaps)} criteria missing or partial."]
    else:
        lines = [f"policycheck ({rulesets}): every criterion checked is met or waived."]
    for finding in gaps:
        crit = finding.criterion
        line = f"{crit.id} ({LABELS[finding.status]}): {crit.title}. What to add: {crit.guidance}"
        if finding.missing_parts:
            line += " Still missing: " + "; ".join(finding.missing_parts) + "."
        lines.append(line)
    for finding in result.findings:
        if finding.status is Status.NOT_ASSESSABLE:
            lines.append(f"{finding.criterion.id} not assessed: {finding.reason}")
    if unplaced:
        lines.append("Found, but the passage could not be located in this draft:")
        lines.extend(unplaced)
    if result.had_revisions:
        lines.append("Checked as the draft stands with all tracked changes accepted.")
    return lines
