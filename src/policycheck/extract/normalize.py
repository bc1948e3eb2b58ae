"""The one text normaliser every extractor uses, and the hyphenated line-break joiner.

What `clean` does, in order:
- folds typographic ligatures (ﬁ ﬂ ﬀ ﬃ ﬄ ﬅ ﬆ) to their letters;
- turns every Unicode space (no-break, thin, em, ideographic…), tab and line break into a space;
- removes soft hyphens, zero-width characters, byte-order marks and other control or
  format characters, which carry no meaning in running text;
- collapses runs of whitespace and strips the ends.

It deliberately does NOT apply full NFKC (which would turn "½" into "1⁄2" and "²" into "2")
and keeps curly quotes and apostrophes exactly as the author typed them: evidence is quoted
verbatim and the engine matches ’ and ' alike. Dashes are kept as they are.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Sequence

_LIGATURES = {
    "\ufb00": "ff",
    "\ufb01": "fi",
    "\ufb02": "fl",
    "\ufb03": "ffi",
    "\ufb04": "ffl",
    "\ufb05": "st",
    "\ufb06": "st",
    "\u0132": "IJ",
    "\u0133": "ij",
}

# Zero-width and invisible format characters that only affect rendering.
_INVISIBLE = "\u00ad\u200b\u200c\u200d\u200e\u200f\u2060\u2061\u2062\u2063\u2064\ufeff\u180e"

_TABLE: dict[int, str | None] = {ord(k): v for k, v in _LIGATURES.items()}
_TABLE.update({ord(c): None for c in _INVISIBLE})

_SPACES = re.compile(r"\s+")

# Second halves that usually make a real compound when a line ends in "word-":
# "follow-\nup" stays "follow-up", "third-\nparty" stays "third-party".
_TAILS = (
    "up down in out on off over back based led related specific sharing making term level "
    "wide free friendly being aware informed party agency agencies going ended known owned run "
    "saving facing focused centred centered oriented time scale date to by worn complaint "
    "complaints only memoire memoires"
)
COMPOUND_TAILS = frozenset(_TAILS.split())
# First halves that usually make a real compound: "one-\npage" stays "one-page", "non-\n
# molestation" stays "non-molestation". A word broken by hyphenation rarely ends on one of these.
_HEADS = (
    "one two three four five six seven eight nine ten twelve twenty half full part multi cross "
    "self non co well long short high low first second third face front back year day week "
    "month hour minute time risk age child single double dip spot"
)
COMPOUND_HEADS = frozenset(_HEADS.split())


@functools.lru_cache(maxsize=4096)
def _drop_char(ch: str) -> bool:
    category = unicodedata.category(ch)
    # Cc: control, Cf: format, Cs: surrogate, Co: private use, Cn: unassigned.
    return category in ("Cc", "Cf", "Cs", "Co", "Cn") and ch not in "\t\n\r"


def clean(text: str) -> str:
    """Normalise one block's text: ligatures, odd spaces, invisibles, whitespace collapsed."""
    text = text.translate(_TABLE)
    # Each distinct character is judged once (a block has a few dozen), then one translate.
    table: dict[int, str | None] = {}
    for ch in set(text):
        if _drop_char(ch):
            table[ord(ch)] = None
        elif ch.isspace():
            table[ord(ch)] = " "
    return _SPACES.sub(" ", text.translate(table) if table else text).strip()


SOFT_HYPHEN = "\u00ad"  # an automatic hyphen: only there because the line broke
HARD_HYPHEN = "\u2011"  # marks a line-end hyphen an extractor knows was typed: always kept


def _ends_with_break_hyphen(line: str) -> bool:
    """A line ending in letter + hyphen (not a dash, not a lone '-')."""
    return len(line) >= 2 and line[-1] in "-\u2010" and line[-2].isalpha()


def _keeps_hyphen(out: str, word: str) -> bool:
    """Whether an ambiguous line-end hyphen before `word` is a real one.

    It is when the next word is a compound tail, starts with a capital or is missing (a digit,
    punctuation), and when the word before it is already hyphenated ("case-by-" + "case").
    """
    if not word or not word[0].islower() or word.lower() in COMPOUND_TAILS:
        return True
    last = out[:-1].rsplit(" ", 1)[-1]
    if (last.lower() in COMPOUND_HEADS or len(last) == 1) and len(word) >= 3:
        return True  # 'e-' + 'learning': hyphenation never leaves one letter behind
    if len(last) >= 2 and last.isalpha() and last.isupper():
        return True  # 'OISC-' + 'regulated', 'NRM-' + 'related': no word is split inside an acronym
    if "@" in last or "://" in last or last.lower().startswith("www."):
        return True  # 'referrals@northfell-' + 'mlp.example.org': an address keeps its hyphens
    return "-" in last or "\u2010" in last


# The ends of web addresses a narrow cell can push onto the next line.
_DOMAIN_TAILS = frozenset({"uk", "com", "org", "net", "gov", "info", "cymru", "wales", "scot",
                           "org.uk", "gov.uk", "co.uk", "ac.uk", "nhs.uk", "police.uk"})


def _inside_address(out: str, line: str) -> bool:
    """An e-mail or web address broken at a line end inside a word carries on without a space."""
    last = out.rsplit(" ", 1)[-1]
    if line[:1] == "." and ("." in last or last.startswith("www") or "@" in last):
        # 'southallblacksisters.org' + '.uk': broken before the dot of its last label
        return line[1:].split(" ", 1)[0].rstrip(".,;:)") in _DOMAIN_TAILS
    if not line[:1].isalnum() or line[:1].isupper():
        return False
    if out[-1:] == ".":  # 'referrals@staintonmac.' + 'example.org.uk': broken after a dot
        first = line.split(" ", 1)[0].rstrip(".,;:)")
        if "@" in last:
            return "." in first and "@" not in first
        # 'southallblacksisters.org.' + 'uk': a web address broken before its last label
        return ("." in last[:-1] or last.startswith("www")) and first in _DOMAIN_TAILS
    if not out[-1:].isalnum():
        return False
    if not ("@" in last or "://" in last or last.startswith("www.")):
        return False
    # 'mvas@example.org.uk' + 'with consent': a whole address, then the sentence goes on
    first = line.split(" ", 1)[0]
    return last.rsplit(".", 1)[-1].lower() not in _DOMAIN_TAILS or any(c in first for c in "./@")


def join_lines(lines: Sequence[str]) -> str:
    """Join the lines of one paragraph, undoing hyphenated line breaks.

    A soft hyphen (U+00AD) at a line end is dropped and the halves joined; a hyphen the
    extractor marked as typed (HARD_HYPHEN) is kept and the halves joined. A plain '-' is
    ambiguous, so a heuristic decides: when the next line starts with a lowercase letter the
    hyphen was a line-break hyphen and the halves are joined ("Immigra-" + "tion" ->
    "Immigration"), unless the next word is a common compound tail (COMPOUND_TAILS:
    "follow-" + "up" -> "follow-up") or the word before is already hyphenated ("case-by-" +
    "case" -> "case-by-case"). When the next line starts with an uppercase letter or a digit
    ("Anti-" + "Slavery", "COVID-" + "19") the hyphen is real and kept, with no space. Every
    other line break becomes one space.
    """
    out = ""
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        if not out:
            out = line
            continue
        first = re.match(r"[^\W\d_]+", line)
        word = first.group(0) if first else ""
        if out[-1] == SOFT_HYPHEN and len(out) >= 2 and out[-2].isalpha() and word:
            out = out[:-1] + line
        elif out[-1] == HARD_HYPHEN and len(out) >= 2 and out[-2].isalpha():
            out = out[:-1] + "-" + line
        elif _ends_with_break_hyphen(out):
            if not _keeps_hyphen(out, word):
                out = out[:-1] + line
            elif word or line[0].isdigit():
                out = out + line
            else:
                out = out + " " + line
        elif out[-1] in "\u2013\u2014-" and out[-2:-1].isdigit() and line[:1].isdigit():
            out = out + line  # '2021–' + '2025': a range of years broken at its dash
        elif out[-1] in "\u2013\u2014" and out[-2:-1].isalnum() and line[:1].isalnum():
            out = out + line  # '9am–' + '5pm', 'Mon–' + 'Fri': a closed-up dash joins its range
        elif re.search(r"\w\(\w{1,4}\)$", out) and re.match(r"\(\w{1,4}\)", line):
            out = out + line  # 'Article 6(1)' + '(e) UK GDPR': a legal reference goes on
        elif _inside_address(out, line):
            out = out + line  # 'referrals@amani.examp' + 'le.org.uk': a cell too narrow for it
        else:
            out = out + " " + line
    if out.endswith(HARD_HYPHEN):
        out = out[:-1] + "-"
    return clean(out)
