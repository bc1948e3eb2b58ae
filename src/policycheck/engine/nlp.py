"""The spaCy pipeline (one per process) and the per-document analysis every rule set shares."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from policycheck.model import BlockKind, Document

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

# The lookup table has a few wrong entries for words policies use a lot.
LEMMA_FIXES = {
    "does": "do",
    "developed": "develop",
    "developing": "develop",
    "data": "data",
    "as": "as",
    "means": "means",
    "criteria": "criteria",
    "media": "media",
    "wound": "wound",
}

# One-for-one character replacements, so offsets in the normalised text stay true to the source.
_CHAR_MAP = str.maketrans(
    {
        "\u2019": "'",
        "\u2018": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u02bc": "'",
        "`": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2033": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
        "\u00a0": " ",
        "\u2007": " ",
        "\u202f": " ",
        "\t": " ",
    }
)
_WORD_HYPHEN = re.compile(r"(?<=[A-Za-z])-(?=[A-Za-z])")


def normalise(text: str) -> str:
    """Straight quotes, plain hyphens, and 'case-by-case' read as 'case by case'; same length."""
    return _WORD_HYPHEN.sub(" ", text.translate(_CHAR_MAP))


LEMMA_DATA = "data/en_lemma_lookup.json.gz"


@functools.cache
def _lemma_table() -> Any:
    """The English lookup lemmas of spacy-lookups-data: word -> lemma.

    Read straight from the data package (about 10 ms): spaCy's `load_lookups` gives the same
    table but first looks up every installed package's entry points (about 100 ms).
    """
    import gzip
    import json
    from importlib import resources

    try:
        data = resources.files("spacy_lookups_data").joinpath(LEMMA_DATA).read_bytes()
        table = json.loads(gzip.decompress(data))
    except (ModuleNotFoundError, OSError, ValueError):
        from spacy.lookups import load_lookups

        return load_lookups("en", ["lemma_lookup"]).get_table("lemma_lookup")
    return table if isinstance(table, dict) else {}


def import_spacy() -> Any:
    """`import spacy`, without loading its command-line package on the way.

    spaCy 3.8's `__init__` imports `spacy.cli.info` only to offer `spacy.info`, and with it the
    whole command-line package (typer, requests, httpx, weasel): about 0.3 s of a 0.6 s import.
    While spaCy imports, placeholders stand in for `spacy.cli` and `spacy.cli.info`; afterwards
    they are removed, so a later `import spacy.cli` loads the real package, and `spacy.info`
    loads it when called. Any surprise falls back to the plain import.
    """
    import sys

    if "spacy" in sys.modules:
        return sys.modules["spacy"]
    import importlib.util
    import types
    from pathlib import Path

    spec = importlib.util.find_spec("spacy")
    if spec is None or spec.origin is None:
        import spacy

        return spacy
    cli = types.ModuleType("spacy.cli")
    cli.__path__ = [str(Path(spec.origin).parent / "cli")]
    info = types.ModuleType("spacy.cli.info")
    info.info = _spacy_info  # type: ignore[attr-defined]
    placeholders = {"spacy.cli": cli, "spacy.cli.info": info}
    sys.modules.update(placeholders)
    plain = False
    try:
        import spacy
    except ImportError:  # a spaCy that wants more of its CLI at import: import it plainly
        plain = True
    finally:
        for name, module in placeholders.items():
            if sys.modules.get(name) is module:
                del sys.modules[name]
        loaded = sys.modules.get("spacy")
        if loaded is not None and getattr(loaded, "cli", None) is cli:
            delattr(loaded, "cli")
    if plain:
        import spacy
    return spacy


def _spacy_info(*args: Any, **kwargs: Any) -> Any:
    """`spacy.info`, loading spaCy's command-line package on first use."""
    from spacy.cli.info import info

    return info(*args, **kwargs)


@functools.lru_cache(maxsize=65536)
def lemma(lower: str) -> str:
    """The lookup lemma of a lowercase word (the table is case-sensitive, so lowercase first)."""
    if lower == "n't":
        return "not"
    fixed = LEMMA_FIXES.get(lower)
    return fixed if fixed is not None else str(_lemma_table().get(lower, lower))


SHORT_DOC = 24


def set_norms(doc: Doc) -> Doc:
    """Store each token's lowercase lemma in NORM, where both matchers read it."""
    import numpy
    from spacy.attrs import LOWER, NORM

    if len(doc) < SHORT_DOC:  # a phrase: setting a few tokens beats building arrays
        for token in doc:
            token.norm_ = lemma(token.lower_)
        return doc
    strings = doc.vocab.strings
    norms = _norm_ids(id(strings))
    ids = []
    for lower in doc.to_array([LOWER]).tolist():
        norm = norms.get(lower)
        if norm is None:
            norm = norms[lower] = strings.add(lemma(strings[lower]))
        ids.append(norm)
    column: Any = numpy.array(ids, dtype="uint64").reshape(-1, 1)
    doc.from_array([NORM], column)
    return doc


@functools.cache
def _norm_ids(store: int) -> dict[int, int]:
    """LOWER id -> NORM id for one string store (one per pipeline)."""
    return {}


# Abbreviations with a full stop that policies use mid-sentence (spaCy's English exceptions
# already cover e.g., i.e., etc., Mr., Dr. and the months).
_ABBREVIATIONS = ("ext", "tel", "approx", "para", "paras", "cf", "ref", "sgt", "insp", "supt",
                  "det", "cllr", "dept", "incl", "nos", "fig", "vol", "pp", "ch")


def pipeline(model: str | None = None) -> Language:
    """spacy.blank('en') + sentencizer (or an installed full pipeline when named), once each."""
    return _pipeline(model or "")


@functools.cache
def _pipeline(model: str) -> Language:
    spacy = import_spacy()
    _lemma_table()
    if model:
        try:
            nlp = spacy.load(model, exclude=["ner", "textcat"])
        except OSError as exc:
            from policycheck.errors import UsageError

            raise UsageError(f"spaCy model '{model}' is not installed") from exc
    else:
        nlp = spacy.blank("en")
        nlp.add_pipe("sentencizer")
    for abbr in _ABBREVIATIONS:  # 'ext. 4417' does not end a sentence
        for form in (abbr, abbr.capitalize()):
            nlp.tokenizer.add_special_case(form + ".", [{"ORTH": form + "."}])
    _capital_negations(nlp)
    nlp.max_length = 5_000_000  # one block; the extractors cap whole documents
    return nlp


def _capital_negations(nlp: Language) -> None:
    """A pocket card's "DON'T call IE" is 'DO' + "N'T", as "don't" is: spaCy's tokenizer
    exceptions are case-sensitive and split only the lower-case and capitalised forms."""
    from spacy.attrs import NORM, ORTH

    tokenizer: Any = nlp.tokenizer
    rules = tokenizer.rules or {}
    for form, pieces in list(rules.items()):
        if not form.islower() or not form.endswith(("n't", "n\u2019t")) \
                or form.upper() in rules:
            continue
        upper = [{ORTH: piece[ORTH].upper(), **({NORM: piece[NORM]} if NORM in piece else {})}
                 for piece in pieces]
        tokenizer.add_special_case(form.upper(), upper)


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence of one block: offsets are into the block's text."""

    index: int
    block: int
    start: int
    end: int
    tok_start: int
    tok_end: int
    text: str


@dataclass(frozen=True, slots=True, eq=False)
class Analysis:
    """A document read once: a spaCy Doc per block, its sentences, and its headings."""

    document: Document
    docs: tuple[Any, ...]  # spacy Doc per block
    sentences: tuple[Sentence, ...]
    headings: dict[str, Any]  # heading text (and title) -> spacy Doc


def _docs(texts: list[str], model: str | None) -> list[Doc]:
    nlp = pipeline(model)
    return [set_norms(doc) for doc in nlp.pipe((normalise(t) for t in texts), batch_size=256)]


_TITLE_GOES_ON = frozenset("(),;:\u2013\u2014")
_CLOSING_QUOTES = "\"'\u201d\u2019"


# 'named in Appendix A. It does not cover ...': the tokenizer keeps 'A.' as one token (an
# initial), so the sentencizer runs the two sentences together.
_LETTERED = frozenset({"appendix", "annex", "annexe", "schedule", "part", "table", "figure",
                       "option", "section", "chart", "form", "plan", "category", "level"})


_LETTER_STOP = re.compile(r"\b[A-Z]\.\s+[A-Z]")


def _lettered_ends(doc: Doc, span: Any) -> list[Any]:
    """`span` cut after 'Appendix A.' where the next word starts a new sentence."""
    if _LETTER_STOP.search(span.text) is None:
        return [span]
    out: list[Any] = []
    start = span.start
    for i in range(span.start + 1, span.end - 1):
        tok = doc[i]
        if len(tok.text) == 2 and tok.text[0].isupper() and tok.text[1] == "." \
                and doc[i - 1].lower_ in _LETTERED and doc[i + 1].text[:1].isupper():
            out.append(doc[start : i + 1])
            start = i + 1
    out.append(doc[start : span.end])
    return out


def _sentences(doc: Doc) -> list[Any]:
    """The block's sentences; a '?' followed by a lower-case word, a bracket or a comma ends a
    title quoted inside the sentence ('Recommendation 4 of Safe to share? and the NPCC
    guidance', 'Safe to share? (HMICFRS, December 2020) found that ...'), not the sentence."""
    spans = [part for span in doc.sents for part in _lettered_ends(doc, span)]
    out: list[Any] = []
    for span in spans:
        # ... inside its quotation marks too: 'the "Safe to share?" report (HMICFRS, ...)'
        last = out[-1].text.rstrip().rstrip(_CLOSING_QUOTES) if out else ""
        if last.endswith(("? (", "?(")) or (last.endswith("?") and (
                span.text[:1].islower() or span.text[:1] in _TITLE_GOES_ON)):
            out[-1] = doc[out[-1].start : span.end]
        else:
            out.append(span)
    return out


@functools.lru_cache(maxsize=8)
def analyse(document: Document, model: str | None = None) -> Analysis:
    """Tokenise, split and lemmatise every block of `document` (cached for its rule sets)."""
    docs = _docs([b.text for b in document.blocks], model)
    sentences: list[Sentence] = []
    for bi, (block, doc) in enumerate(zip(document.blocks, docs, strict=True)):
        spans = [doc[:]] if block.kind is BlockKind.HEADING else _sentences(doc)
        for span in spans:
            text = block.text[span.start_char : span.end_char].strip()
            if not text:
                continue
            sentences.append(
                Sentence(
                    len(sentences),
                    bi,
                    span.start_char,
                    span.end_char,
                    span.start,
                    span.end,
                    block.text[span.start_char : span.end_char],
                )
            )
    names = {h for b in document.blocks for h in b.location.heading_path}
    names |= {b.text for b in document.blocks if b.kind is BlockKind.HEADING}
    if document.title:
        names.add(document.title)
    ordered = sorted(names)
    headings = dict(zip(ordered, _docs(ordered, model), strict=True))
    return Analysis(document, tuple(docs), tuple(sentences), headings)
