"""Whose words a sentence holds: the document's own, or someone else's it quotes or reports.

A response letter quotes the recommendation it answers; a committee paper retells what the
inspectorate found; a web page quotes the report. None of that is the document committing to
anything. Someone else's words are found by:
- markup: a blockquote or a paragraph in a quotation style;
- a reporting verb after a source ("the report recommends that ...", "HMICFRS found ..."), a
  recommendation's own form ("chief constables should ..."), or an outside body's past act ("the
  Home Office published ..."): what follows the verb is theirs, to the end of the sentence (or of
  the clause, for "as the report says, ..."; a ';' or "and we will ..." returns to the document);
- quotation marks around six words or more, when the sentence attributes them or is nothing but
  the quotation;
- a lead-in that is someone else's and ends in a colon ("To chief constables: ... They should:"):
  the list (or the one paragraph) after it is quoted too.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from policycheck.engine import author, cues
from policycheck.engine.context import units
from policycheck.engine.matcher import Hit
from policycheck.engine.nlp import Analysis, Sentence
from policycheck.model import BlockKind

# In an audit or inspection report: what it says the procedure requires, and what it found.
AUDIT_VOICE = {"described": "attributed", "auditor": "history"}
_COUNTED = re.compile(r"\bfiles?\b|\bcases?\b", re.IGNORECASE)
AUDIT_MIN = 2  # mentions of an auditor's own work that make a document an audit report
_REPORTED = frozenset({"reported", "reported-head"})  # in a heading or a column header
CUE_VOICE = {"attribution": "attributed", "addressed": "attributed", "history": "history",
             "reported": "attributed"}
# A retelling lead that covers what comes after it: "the force has advised as follows".
# 'the following', not 'following concerns raised by both services' (after them)
_AHEAD = ("as follows", "below", "the following", "following:")
MIN_QUOTE_WORDS = 6
# Words that start a clause of the document's own after someone else's ("..., and we will").
OWN_ACTORS = frozenset({"we", "our", "force", "constabulary", "service", "officer", "staff",
                        "this", "pcc", "opcc", "commissioner", "i"})
CONTINUES = frozenset({"they", "it", "these", "this", "he", "she"})
# Words around a quotation that make it the document's own script ('Say to the victim: "..."').
SCRIPT = OWN_ACTORS | {"say", "tell", "explain", "ask", "reassure", "inform", "advise", "you",
                       "script", "word", "use",
                       # 'Section 4.2 of the procedure states: "..."': the author's own document
                       "procedure", "policy", "section", "paragraph", "sop", "instruction",
                       "direction"}
_OPEN_CLOSE = {"\u201c": "\u201d", "\u00ab": "\u00bb", "\u201e": "\u201d"}


@dataclass(frozen=True, slots=True)
class Voice:
    """Tokens of a sentence that are someone else's words, and what shows it."""

    kind: str  # "attributed" (quoted or reported) or "history" (what others did)
    words: str  # the cue: 'the report recommends', 'a quotation', 'set off as a quotation'
    start: int  # token offsets in the block's Doc
    end: int


_OPENERS = re.compile('["\u201c\u00ab\u201e\u2018]')


def quotations(text: str) -> list[tuple[int, int]]:
    """Character spans inside quotation marks (an unclosed quotation runs to the end)."""
    if not _OPENERS.search(text):  # most paragraphs quote nothing
        return []
    return list(_quotations(text))


@functools.lru_cache(maxsize=4096)
def _quotations(text: str) -> tuple[tuple[int, int], ...]:
    spans: list[tuple[int, int]] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        close = _OPEN_CLOSE.get(ch)
        if close is None and ch == '"':
            close = '"'
        if close is None and ch == "\u2018" and (i == 0 or not text[i - 1].isalnum()):
            close = "\u2019"
        if close is None:
            i += 1
            continue
        j = i + 1
        while j < n:
            if text[j] == close and (close != "\u2019" or j + 1 == n or not text[j + 1].isalpha()):
                break
            j += 1
        spans.append((i + 1, j))
        i = j + 1
    return tuple(spans)


def _span_end(norms: list[str], texts: list[str], sent: Sentence, hit: Hit) -> int:
    """Where someone else's words that begin after `hit` end, within its sentence."""
    before = norms[max(sent.tok_start, hit.start - 3):hit.start]
    aside = "as" in before or "like" in before  # "As the report says, officers will ..."
    listed = False  # 'You asked us to do seven things: to stop ...; to make sure ...;'
    for i in range(hit.end, sent.tok_end):
        listed = listed or (texts[i] == ":" and not aside)
        if (texts[i] == ";" and not listed) or (aside and texts[i] in {",", ";", ":"}):
            return i
        nxt = norms[i + 1] if i + 1 < sent.tok_end else ""
        after = norms[i + 2] if nxt == "the" and i + 2 < sent.tok_end else nxt
        if norms[i] in {"and", "but"} and i > hit.end and texts[i - 1] in {",", ";"} \
                and after in OWN_ACTORS:
            return i
    return sent.tok_end


# A name in quotation marks: 'completed the e-learning module "Victims First: Immigration
# Status"', 'a leaflet called "Safe to report"' names a title, it states nothing.
_NAMING = frozenset({"module", "course", "package", "leaflet", "booklet", "campaign", "poster",
                     "titled", "entitled", "called", "named", "headed", "video", "film",
                     "e-learning", "input", "session", "toolkit", "programme", "conference"})


def _titles(doc: Any, text: str) -> list[tuple[int, int]]:
    """Quoted names of short length right after a naming word."""
    out: list[tuple[int, int]] = []
    for a, b in quotations(text):
        if len(text[a:b].split()) >= MIN_QUOTE_WORDS:
            continue
        span = doc.char_span(a, b, alignment_mode="expand")
        if span is None or not len(span):
            continue
        before = [t.norm_ for t in doc[max(0, span.start - 3):span.start]]
        if _NAMING & set(before):
            out.append((span.start, span.end))
    return out


def _quoted_tokens(doc: Any, text: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for a, b in quotations(text):
        if len(text[a:b].split()) < MIN_QUOTE_WORDS:
            continue
        span = doc.char_span(a, b, alignment_mode="expand")
        if span is not None and len(span):
            out.append((span.start, span.end))
    return out


@dataclass(slots=True)
class _Block:
    """Working state for one block."""

    sentences: list[Sentence]
    voices: dict[int, list[Voice]]  # sentence index -> voices

    def attributed_to_end(self) -> bool:
        """Its last sentence is someone else's to the end (a lead-in, if it ends in ':')."""
        last = self.sentences[-1]
        return any(v.kind == "attributed" and v.end >= last.tok_end
                   for v in self.voices.get(last.index, ()))


@dataclass(frozen=True, slots=True)
class _Carried:
    """What the block before hands on: its voice at its end, and a quotation left open."""

    kind: str | None = None  # "attributed" or "history" when the block before ended in it
    open_quote: bool = False  # it opened a quotation that it did not close
    own_lead: bool = False  # it introduced the author's own document: 'the procedure states:'


def _block_voices(
    analysis: Analysis, bi: int, sents: list[Sentence], hits: list[Hit],
    words: tuple[list[str], list[str]], carried: _Carried = _Carried(), audit: bool = False,
) -> _Block:
    norms, texts = words
    block = analysis.document.blocks[bi]
    doc = analysis.docs[bi]
    state = _Block(sents, {})
    # ('Question 1. Yes. In June 2022 ...' answers question 1, and 'Q1 – B. ...' is an answer
    # key: a question names its asker or asks)
    lead = _QUESTION_LEAD.match(block.text)
    asked = lead is not None and ("(" in lead.group() or "?" in block.text
                                  or _TRUE_OR_FALSE.match(block.text, lead.end()) is not None)
    for sent in sents:
        mine = state.voices.setdefault(sent.index, [])
        if block.quoted and not carried.own_lead:  # 'Paragraph 4.3 of our procedure states:'
            mine.append(Voice("attributed", "set off as a quotation", sent.tok_start, sent.tok_end))
            continue
        if asked and _ANSWER_LEAD.match(sent.text):
            asked = False
        if asked:
            mine.append(Voice("attributed", "a question put", sent.tok_start, sent.tok_end))
            continue
        for hit in hits:
            kind = CUE_VOICE.get(hit.concept) or (AUDIT_VOICE.get(hit.concept) if audit else None)
            if kind and not hit.cancelled_by and sent.tok_start <= hit.start < sent.tok_end:
                end = _span_end(norms, texts, sent, hit)
                # a review's count names what it found before the count: 'Needs assessments
                # were recorded in 15 files'
                start = sent.tok_start if hit.concept == "auditor" and _COUNTED.search(
                    doc[hit.start:hit.end].text) else hit.end
                mine.append(Voice(kind, doc[hit.start:hit.end].text, start, end))
        mine.extend(_speakers(doc, norms, texts, sent, hits))
        mine.extend(_askers(norms, texts, sent))
        party = _PARTY_SUBJECT.match(sent.text)
        if party is not None:  # 'The Project will not share ...' in an agreement with the force
            mine.append(Voice("party", party.group(1), sent.tok_start, sent.tok_end))
    if carried.open_quote:
        _closing_quote(state, doc, block.text)
    # Across paragraphs only the report's own form carries on ('They should:'), or an account
    # ('It concerned ...'): 'This guidance gives effect to the report' is the document's own.
    if carried.kind is not None and not carried.own_lead and sents and (
            _recommends(norms, sents[0]) or (
            carried.kind == "history" and norms[sents[0].tok_start] in {"it", "they"})):
        first = sents[0]
        state.voices[first.index].append(
            Voice(carried.kind, "continuing from the paragraph before", first.tok_start,
                  first.tok_end))
    _quotes(state, doc, block.text, carried.own_lead)
    _continuations(state, norms)
    return state


_OPENING_QUOTES = ("\u201c", '"', "\u2018", "'")
# 'On informing victims, the procedure states:' introduces the author's own words.
_OWN_DOCUMENTS = frozenset({"procedure", "policy", "sop", "instruction", "direction", "section",
                            "paragraph", "order", "scope", "wording"})
_PRESENT_SAYS = frozenset({"states", "says", "requires", "reads", "provides", "sets"})


def _own_lead(state: _Block, doc: Any, text: str) -> bool:
    """A paragraph that ends in ':' and whose last sentence introduces a document of the
    author's own, in the present tense, with nothing in it someone else's ('the report states:'
    is not; 'We can release the force's policy position. Our procedure states:' is)."""
    if not state.sentences:
        return False
    if not text.rstrip().endswith(":"):
        # an FOI answer's 'The relevant extracts of the procedure are reproduced below.', a
        # review's 'The paragraphs below are reproduced as they now stand in PP-031 v2.1.'
        lowered = text.lower()
        if "below" not in lowered and "follows" not in lowered:
            return False
        return any(_reproduced_below(state, doc, sent) for sent in state.sentences)
    last = state.sentences[-1]
    if _SPOKESPERSON.search(last.text):  # the force's own officer, quoted in its statement
        return True
    if _POSITION_LEAD.search(last.text):  # an FOI answer releasing the force's own position
        return True
    if state.voices.get(last.index):
        return False
    span = doc[last.tok_start:last.tok_end]
    words = {t.text.lower() for t in span}
    # 'Paragraph 5.3 now reads:', and in a letter on the author's own procedure 'It is now the
    # first paragraph of the procedure:' or 'We have changed the scope accordingly:'
    own_voice = bool(words & _PRESENT_SAYS) or bool(words & {"now", "we"})
    if own_voice and any(t.norm_ in _OWN_DOCUMENTS for t in span):
        return True
    # a script: 'You must tell them, in these or similar words:', 'Say to the caller:'
    return bool(words & _SCRIPT_VERBS) and bool(words & _SCRIPT_MARKS)


_NUMBERED = re.compile(r"^\s*\d+(?:\.\d+)+\s")
# 'The force has provided the following statement of its current position:'
_POSITION_LEAD = re.compile(r"\b(?:the force|we)\b[^:]{0,60}\bstatement of (?:its|our) "
                            r"(?:current )?position\b[^:]{0,20}:\s*$", re.IGNORECASE)
# A force's statement quoting its own officer: 'Detective Chief Superintendent Mark
# Postlethwaite, Head of Public Protection at Black Combe Police, said:'
_SPOKESPERSON = re.compile(
    r"\b(?:(?:assistant |deputy )?chief constable|(?:detective )?(?:chief )?superintendent"
    r"|(?:detective )?chief inspector|head of [\w ]{3,40}) [^:]{0,80}\b(?:police|constabulary"
    # '... Rachel Osei, the force lead for public protection, said:'
    r"|the force(?:'s|\u2019s)?)\b[^:]{0,40}\b(?:said|says|added|explained|commented)\s*:\s*$"
    r"|\b(?:police|constabulary)\b[^:]{0,40}\b(?:spokesperson|spokesman|spokeswoman)"
    r"[^:]{0,10}\b(?:said|says)\s*:\s*$", re.IGNORECASE)


def _reproduced_below(state: _Block, doc: Any, sent: Sentence) -> bool:
    if state.voices.get(sent.index):
        return False
    span = doc[sent.tok_start:sent.tok_end]
    words = {t.text.lower() for t in span}
    return bool(words & _BELOW) and bool(words & _REPRODUCED) and any(
        t.norm_.removesuffix("s") in _OWN_DOCUMENTS for t in span)


_BELOW = frozenset({"below", "follows"})
_REPRODUCED = frozenset({"reproduced", "quoted", "extracts", "extract", "set"})
_SCRIPT_VERBS = frozenset({"tell", "say", "explain", "reassure", "read"})
_SCRIPT_MARKS = frozenset({"words", "script", "wording", "them", "her", "him", "caller",
                           "victim", "witness"})


# A question put at a meeting or in a request, labelled as one: 'Question (Commissioner): I
# would like the force to consider ...', 'Q3: Can officers check ...?'. The answer that follows
# in the same paragraph ('A: No. Officers must not ...') is the answerer's own.
_QUESTION_LEAD = re.compile(r"\s*(?:Q(?:\d+[a-z]?)?|Question(?:\s+\d+[a-z]?)?)"
                            r"\s*(?:\([^)]{1,60}\))?\s*[:.\u2013\u2014-]\s", re.IGNORECASE)
# A knowledge check's statement put for judgement: 'Question 2: True or false – you may share a
# victim's details with Immigration Enforcement whenever ...'
_TRUE_OR_FALSE = re.compile(r"\s*(?:true or false|true/false|t/f)\b", re.IGNORECASE)
_ANSWER_LEAD = re.compile(r"\s*(?:A(?:\d+[a-z]?)?|Answer|Response|Reply)\b"
                          r"\s*(?:\([^)]{1,60}\))?\s*[:.\u2013\u2014-]\s", re.IGNORECASE)


# Another party as the subject of its own duty: 'The Project will not share any information
# about a service user's immigration status ...', 'The council does not give immigration advice;
# applicants are signposted ...'. (A commissioned Provider delivers the force's or the
# Commissioner's service, so its duties are not set aside here.)
_PARTY_SUBJECT = re.compile(
    r"\s*(?:\(?\d+(?:\.\d+)*[.)]?\s+|\(?[a-z][.)]\s+)?((?:the|The) (?:Project|project|Charity|"
    r"charity|Council|council|Refuge|refuge|[Ll]ocal [Aa]uthority|Centre|Trust))"
    r"(?: also| itself)? (?:will|shall|must|may|can|should|does|do|did|is|has|agrees|undertakes|"
    r"shares|gives|provides|keeps|retains|applies|acts|offers|makes|remains)\b")


# The victim's question: 'If the victim asks whether their details will be passed to the Home
# Office, record the question'. An officer who asks whether the victim wants a referral offers it.
_ASKERS = frozenset({"victim", "victims", "witness", "witnesses", "they", "she", "he", "caller",
                     "callers", "person", "people", "someone", "survivor", "survivors", "woman",
                     "women", "if"})


_ANSWERS = frozenset({"say", "tell", "explain", "answer", "reassure", "reply", "respond",
                      "confirm", "inform", "advise"})


def _askers(norms: list[str], texts: list[str], sent: Sentence) -> list[Voice]:
    out: list[Voice] = []
    lowered = sent.text.lower()
    if "ask" not in lowered and "wonder" not in lowered:
        return out
    for i in range(sent.tok_start + 1, sent.tok_end - 1):
        if norms[i] not in {"ask", "asks", "asked", "wonder", "wonders"} \
                or norms[i + 1] not in {"whether", "if"}:
            continue
        prev = norms[i - 1]
        if prev in {"often", "sometimes", "may", "might", "will", "can", "also", "be", "is",
                    "are", "was"} and i - 2 >= sent.tok_start:
            prev = norms[i - 2]
        if prev not in _ASKERS:
            continue
        end = next((j for j in range(i + 2, sent.tok_end) if texts[j] in {",", ";", ":"}),
                   sent.tok_end)
        answer = next((j for j in range(end, sent.tok_end) if norms[j] in _ANSWERS), None)
        if answer is not None and not {"not", "never", "no"} & set(norms[end:answer]):
            continue  # a script answers it: 'If the caller asks whether ..., say: "We do not ..."'
        out.append(Voice("attributed", f"{texts[i]} {texts[i + 1]}", i, end))
    return out


SPEAKER_GAP = 4  # words between a speaker's title and what they did: 'DCI Anna Patel reported'


def _speakers(
    doc: Any, norms: list[str], texts: list[str], sent: Sentence, hits: list[Hit],
) -> list[Voice]:
    """What a named person at a meeting reported, said or summarised: theirs to the sentence's
    end (and, through `_continuations`, to the paragraph's)."""
    titles = [h for h in hits if h.concept == "speaker" and not h.cancelled_by
              and sent.tok_start <= h.start < sent.tok_end]
    out: list[Voice] = []
    initials = _initialled(norms, texts, sent)
    if initials is not None:
        first, verb_end = initials
        end = _span_end(norms, texts, sent, Hit("spoken", "", first, verb_end))
        out.append(Voice("attributed", " ".join(texts[first:verb_end]), verb_end, end))
        return out
    for verb in hits:
        if verb.concept != "spoken" or verb.cancelled_by \
                or not sent.tok_start <= verb.start < sent.tok_end:
            continue
        who = next((t for t in titles if 0 <= verb.start - t.end <= SPEAKER_GAP), None)
        if who is not None:
            end = _span_end(norms, texts, sent, verb)
            out.append(Voice("attributed", doc[who.start:verb.end].text, verb.end, end))
    return out


# Minutes name speakers by their initials: 'PR said the Refuge was willing ...', 'SP and TN
# confirmed that ...'. What follows the verb is theirs.
_SAID = frozenset({"say", "said", "ask", "asked", "propose", "proposed", "confirm", "confirmed",
                   "report", "reported", "note", "noted", "explain", "explained", "state",
                   "stated", "advise", "advised", "suggest", "suggested", "add", "added", "reply",
                   "replied", "respond", "responded", "remind", "reminded", "highlight",
                   "highlighted", "raise", "raised", "update", "updated", "comment", "commented",
                   "question", "questioned", "welcome", "welcomed", "feel", "felt", "observe",
                   "observed", "describe", "described", "outline", "outlined", "offer",
                   "offered", "stress", "stressed", "emphasise", "emphasised", "queried",
                   "query", "request", "requested", "summarise", "summarised", "present",
                   "presented"})


def _initials(text: str) -> bool:
    return 2 <= len(text) <= 4 and text.isalpha() and text.isupper()


def _initialled(norms: list[str], texts: list[str], sent: Sentence) -> tuple[int, int] | None:
    """(first token, token after the verb) when the sentence opens with a speaker's initials
    and a reporting verb ('PR said', 'SP and TN confirmed that'), else None."""
    i = sent.tok_start
    if i < sent.tok_end and _NUMBERING.match(texts[i]):  # '3.8 Olumide Bankole asked ...'
        i += 1
    if i < sent.tok_end and not _initials(texts[i]):
        return _named(norms, texts, sent, i)
    if i >= sent.tok_end:
        return None
    j = i + 1
    while j + 1 < sent.tok_end and texts[j] in {"and", "&", ","} and _initials(texts[j + 1]):
        j += 2
    if j < sent.tok_end and texts[j].lower() in {"also", "then", "further"}:
        j += 1
    if j < sent.tok_end and (texts[j].lower() in _SAID or norms[j] in _SAID):
        k = j + 1
        if k < sent.tok_end and norms[k] == "that":
            k += 1
        return i, k
    return None


_NUMBERING = re.compile(r"^\d+(?:\.\d+)*\.?$")
_NOT_NAMES = frozenset({"the", "this", "that", "these", "our", "we", "it", "they", "he", "she",
                        "i", "a", "an", "all", "each", "every", "some", "members", "officers"})
NAME_WORDS = (2, 4)  # a person's name at a meeting: 'Olumide Bankole', 'Mary Anne de Souza'


def _named(norms: list[str], texts: list[str], sent: Sentence, i: int) -> tuple[int, int] | None:
    """Minutes that name a member in full: '3.8 Olumide Bankole asked whether ...' (a name of
    two to four capitalised words, then a reporting verb in the past)."""
    j = i
    while j < sent.tok_end and j - i < NAME_WORDS[1] and texts[j][:1].isupper() \
            and texts[j].isalpha() and texts[j].lower() not in _NOT_NAMES:
        j += 1
    if j - i < NAME_WORDS[0] or j >= sent.tok_end:
        return None
    verb = texts[j].lower()
    if verb not in _SAID or not (verb.endswith("ed") or verb == "said"):
        return None
    k = j + 1
    if k < sent.tok_end and norms[k] == "that":
        k += 1
    return i, k


def _closing_quote(state: _Block, doc: Any, text: str) -> None:
    """A quotation opened in the block before (a PDF paragraph split in two) closes here."""
    close = min((i for i in (text.find("\u201d"), text.find('"')) if i >= 0), default=-1)
    opened = min((i for i in (text.find("\u201c"),) if i >= 0), default=-1)
    if close < 0 or 0 <= opened < close:
        return
    span = doc.char_span(0, close, alignment_mode="expand")
    if span is None or not len(span):
        return
    for sent in state.sentences:
        a, b = max(span.start, sent.tok_start), min(span.end, sent.tok_end)
        if a < b:
            state.voices[sent.index].append(Voice("attributed", "a quotation", a, b))


def _unclosed(text: str) -> bool:
    """The block opens a quotation of six words or more that it does not close."""
    spans = quotations(text)
    if not spans:
        return False
    a, b = spans[-1]
    return b >= len(text) and len(text[a:b].split()) >= MIN_QUOTE_WORDS


def _quotes(state: _Block, doc: Any, text: str, own_lead: bool = False) -> None:
    """Long quotations that the sentence attributes, or that are the whole sentence (unless the
    paragraph before introduced the author's own procedure); and quoted names."""
    for start, end in _titles(doc, text):
        for sent in state.sentences:
            a, b = max(start, sent.tok_start), min(end, sent.tok_end)
            if a < b:
                state.voices[sent.index].append(Voice("attributed", "a quoted title", a, b))
    for start, end in _quoted_tokens(doc, text):
        for prev, sent in zip([None, *state.sentences], state.sentences, strict=False):
            a, b = max(start, sent.tok_start), min(end, sent.tok_end)
            if a >= b:
                continue
            mine = state.voices[sent.index]
            said = any(v.kind == "attributed" for v in mine)
            led = prev is not None and prev.text.rstrip().endswith(":") and any(
                v.kind == "attributed" for v in state.voices[prev.index])
            whole = (b - a) >= 0.75 * (sent.tok_end - sent.tok_start)
            own = own_lead or any(doc[i].norm_ in SCRIPT for i in range(sent.tok_start,
                                                                      sent.tok_end)
                                  if not a <= i < b)
            if said or led or (whole and not own):
                mine.append(Voice("attributed", "a quotation", a, b))


def _continuations(state: _Block, norms: list[str]) -> None:
    """'They should: ...' after a sentence of the report's carries on in the report's voice, and
    so does a recommendation's next sentence in its own form ('The framework should ...'): a
    'should' with nothing of the document's own (we, our, the force) before it."""
    for prev, sent in zip(state.sentences, state.sentences[1:], strict=False):
        kind = _ends_in(state, prev)
        if kind is None:
            continue
        speaker = _spoken(state, prev)
        if speaker or _continues(norms, sent) or _recommends(norms, sent):
            words = ("continuing the quoted text" if kind == "attributed"
                     else "continuing the account")
            # what someone said at a meeting goes on to the end of the paragraph: keep their name
            state.voices[sent.index].append(Voice(kind, speaker or words, sent.tok_start,
                                                  sent.tok_end))


# 'This guidance ...' after a sentence of the report's names the document itself.
DOCUMENT_NOUNS = frozenset({"guidance", "procedure", "policy", "framework", "document", "note",
                            "order", "direction", "page", "protocol", "sop", "instruction",
                            "force", "constabulary", "letter", "response", "paper", "report"})


def _continues(norms: list[str], sent: Sentence) -> bool:
    """The sentence opens with a word that refers back to the one before ('They', 'It')."""
    first = norms[sent.tok_start]
    if first not in CONTINUES:
        return False
    nxt = norms[sent.tok_start + 1] if sent.tok_start + 1 < sent.tok_end else ""
    return not (first in {"this", "these"} and nxt in DOCUMENT_NOUNS)


_SPEAKER_WORDS = frozenset(w.lower() for w in cues.SPEAKERS if " " not in w)
# 'Chief Inspector Rana reported ...', but not 'chief constables should ...'
_SPEAKER_PAIRS = frozenset({("chief", "inspector"), ("chief", "superintendent"),
                            ("chief", "constable"), ("deputy", "chief"), ("assistant", "chief"),
                            ("head", "of")})


def _speaker(words: str) -> bool:
    parts = [w.lower().rstrip(".") for w in words.split()[:2]]
    return bool(parts) and (parts[0] in _SPEAKER_WORDS or tuple(parts) in _SPEAKER_PAIRS)


def _spoken(state: _Block, sent: Sentence) -> str:
    """What someone at a meeting said ('DCI Patel reported that ...'), if the sentence reports
    it: the rest of the paragraph is their account too."""
    return next((v.words for v in state.voices.get(sent.index, ())
                 if v.kind == "attributed" and v.words and _speaker(v.words)), "")


def _ends_in(state: _Block, sent: Sentence) -> str | None:
    """'attributed' or 'history' when the sentence is someone else's words to its end."""
    for kind in ("attributed", "history"):
        if any(v.kind == kind and v.end >= sent.tok_end for v in state.voices.get(sent.index, ())):
            return kind
    return None


def _recommends(norms: list[str], sent: Sentence) -> bool:
    """The sentence says what someone 'should' do, with no actor of the document's own first."""
    for i in range(sent.tok_start, min(sent.tok_end, sent.tok_start + 8)):
        if norms[i] in OWN_ACTORS - {"this", "officer", "staff"}:
            return False
        if norms[i] == "should":
            return True
    return False


@dataclass(frozen=True, slots=True)
class _Told:
    """A section whose text is not the author's own practice: the level of the heading (or lead)
    that opened it, the voice its sentences get, and the reason a report gives."""

    level: int
    kind: str
    why: str


_REQUEST = 'retold after "the request"'


# Model wording that guidance offers forces to adopt: 'Model wording 3.1 – "[Force] officers
# and staff will not share ..."'. A letter template's '[SPECIALIST ORGANISATION]' is the
# template's own; a placeholder for the force's name marks text for another force.
_MODEL = re.compile(
    r"^\s*(?:model|suggested|template|sample) (?:wording|text|clause|paragraph|statement)\b"
    r"|\[(?:force|force name|name of force|the force|constabulary|police force|force area)\]",
    re.IGNORECASE)


# A list of abbreviations: 'IE – Immigration Enforcement · NCCU – National Command and Control
# Unit · DA – domestic abuse · MS – modern slavery'. It names things; it says nothing of them.
_GLOSSED = re.compile(r"(?:^|[\s\u00b7;|,])[A-Z][A-Z0-9]{1,5}\s*[\u2013\u2014=:-]\s*[A-Za-z]")
GLOSSARY_MIN = 4
_GLOSS_MARKS = ("\u2013", "\u2014", "=", ":", "-")


# Front matter: 'Owner: Victim and Witness Services Manager Version: 2.0 (updated for the
# Victims' Code 2021) Published: April 2021', or a document control table's 'Version | 2.0 ...'.
_FIELDS = ("owner", "policy owner", "document owner", "author", "version", "version no",
           "published", "date published", "publication date", "review", "review date",
           "next review", "next review date", "approved", "approved by", "approval date",
           "issued", "issued by", "issue date", "date of issue", "effective date", "effective from",
           "status", "reference", "document reference", "classification",
           "protective marking", "security classification", "department", "date")
_FIELD = re.compile(r"(?:^|(?<=\s))(" + "|".join(sorted(_FIELDS, key=len, reverse=True))
                    + r")\s*:", re.IGNORECASE)


def _not_a_statement(analysis: Analysis, bi: int) -> tuple[str, str] | None:
    """(voice, why) for a block none of whose sentences is the document's own statement."""
    text = analysis.document.blocks[bi].text
    if _MODEL.search(text):  # 'Model wording 3.1 – "[Force] officers and staff will not ..."'
        return "attributed", "model wording for a force to adopt"
    if sum(text.count(d) for d in _GLOSS_MARKS) >= GLOSSARY_MIN \
            and len(_GLOSSED.findall(text)) >= GLOSSARY_MIN:  # 'IE – Immigration Enforcement · ...'
        return "glossary", "a list of abbreviations"
    if _front_matter(analysis, bi):  # 'Owner: ... Version: 2.0 (updated for the Victims' Code)'
        return "front-matter", _short(text)
    return None


def _front_matter(analysis: Analysis, bi: int) -> bool:
    """A line of 'Field: value' pairs that opens with one, or a document control table's value
    beside a field name ('Version | 2.0 (updated for the Victims' Code 2021)')."""
    block = analysis.document.blocks[bi]
    if block.kind is BlockKind.TABLE_CELL:
        loc = block.location
        if loc.cell in (None, 1) or bi < 1:
            return False
        first = analysis.document.blocks[bi - (loc.cell or 1) + 1]
        return first.location.table == loc.table and first.location.row == loc.row \
            and first.text.strip().rstrip(":").lower() in _FIELDS
    if block.kind is not BlockKind.PARAGRAPH:
        return False
    if block.text.count(":") < 2:
        return False
    fields = _FIELD.findall(block.text)
    return len({f.lower() for f in fields}) >= 2 and _FIELD.match(block.text.strip()) is not None


def voices(
    analysis: Analysis, cue_hits: Sequence[list[Hit]],
    words: Sequence[tuple[list[str], list[str]]],
) -> tuple[tuple[Voice, ...], ...]:
    """Per sentence of the document: the spans of it that are not the document's own words."""
    by_block: dict[int, list[Sentence]] = {}
    for sent in analysis.sentences:
        by_block.setdefault(sent.block, []).append(sent)
    found: dict[int, list[Voice]] = {}
    lead: str | None = None  # a quoted lead-in ending in ':' that the next blocks follow
    lead_kind = "attributed"  # ... or a recommendation to another body ('The force should:')
    in_list = False
    told: _Told | None = None  # a section that is not the author's own practice
    level = 0  # the level of the heading the current block stands under
    carried = _Carried()  # what the last body block hands on to the next
    columns = _column_voices(analysis, cue_hits)
    # an audit, inspection, survey or review, or a document by an oversight body: what it says
    # the force's procedure requires is a description, and what it found is history
    audit = sum(1 for hits in cue_hits for h in hits
                if h.concept == "auditor" and not h.cancelled_by) >= AUDIT_MIN \
        or author.oversight(analysis) is not None
    planned = _action_tables(analysis)
    open_rows, done_rows = _row_statuses(analysis)
    parties = _party_headings(analysis)
    title = (analysis.document.title or "").strip()
    for bi, block in enumerate(analysis.document.blocks):
        sents = by_block.get(bi, [])
        handed, carried = carried, _Carried()
        loc = block.location
        header = columns.get((loc.table, loc.cell)) if loc.row not in (None, 1) else None
        if block.kind is BlockKind.TABLE_CELL and header is not None:
            voice, head = header  # 'Force position (as reported by the force)', 'What we will do'
            for sent in sents:
                found[sent.index] = [Voice(voice, f'in the column "{head}"',
                                           sent.tok_start, sent.tok_end)]
            continue
        whole = _not_a_statement(analysis, bi)
        if whole is not None:  # model wording, a list of abbreviations, front matter
            for sent in sents:
                found[sent.index] = [Voice(*whole, sent.tok_start, sent.tok_end)]
            continue
        if block.kind is BlockKind.TABLE_CELL and loc.table in planned \
                and loc.row not in (None, 1) and (loc.table, loc.row) not in done_rows:
            for sent in sents:  # a row of an action log: owner, action, due date
                found[sent.index] = [Voice("deferral", "an action still to be done",
                                           sent.tok_start, sent.tok_end)]
            continue
        if block.kind is BlockKind.TABLE_CELL and (loc.table, loc.row) in open_rows:
            for sent in sents:  # a tracker row whose status says it is not yet done
                found[sent.index] = [Voice("deferral", "a row marked as not yet done",
                                           sent.tok_start, sent.tok_end)]
            continue
        if _request_lead(block.text):  # 'Your request' in an FOI answer: the requester's words
            told = _Told((block.level if block.kind is BlockKind.HEADING else level) or 99,
                         "attributed", _REQUEST)
            if block.kind is BlockKind.HEADING:
                level = block.level
            continue
        if told is not None and told.why == _REQUEST and _response_lead(block.text):
            told = None
        if block.kind is BlockKind.HEADING:
            if told is not None and block.level <= told.level:
                told = None
            level = block.level
            head = _short(block.text)
            if _told_heading(cue_hits[bi], audit):  # '4. What the force has told the Panel'
                told = _Told(level or 99, "attributed", f'retold after "{head}"')
            elif _advises(block.text) or _asks(block.text):  # '7.1 The Chief Constable should:'
                told = _Told(level or 99, "scrutiny", f'recommended after "{head}"')
            elif bi in parties:  # '6.2 Dentdale Council – NRPF Team' beside '6.1 Dentdale Police'
                told = _Told(level or 99, "party", f'another party\'s duty, under "{head}"')
            elif _recommends_heading(block.text, audit):  # '5. Recommendations to the force'
                told = _Told(level or 99, "scrutiny", f'recommended, under "{head}"')
            elif _lead_words(block.text) in _RISKS:  # '6. Risks': what could go wrong
                told = _Told(level or 99, "risk", f'a risk, under "{head}"')
            elif _lead_words(block.text) in _DEFINITIONS:  # '4. Definitions': what words mean
                told = _Told(level or 99, "glossary", f'a definition, under "{head}"')
            elif _lead_words(block.text) in _REPORT_PURPOSE:  # '1. Purpose of the report'
                told = _Told(level or 99, "scrutiny", f'a paper\'s purpose, under "{head}"')
            elif audit and _findings_heading(block.text):  # 'Finding 3 – Referrals', 'Method'
                told = _Told(level or 99, "history", f'found, under "{head}"')
            elif _learning_heading(block.text):  # '3. Learning outcomes': what trainees learn
                told = _Told(level or 99, "deferral", f'a learning aim, under "{head}"')
            elif _stories_heading(block.text):  # '3. Victims' stories', 'Case studies'
                told = _Told(level or 99, "history", f'a case told, under "{head}"')
            elif _proposes(block.text):  # '6.1 Option 3 is recommended. If approved, PR-212 would:'
                told = _Told(level or 99, "deferral", f'proposed after "{head}"')
            elif bi > 0 and block.text.strip() != title and _proposal_heading(block.text):
                # 'Annex A – Summary of the draft framework'; a draft's own title is no section
                told = _Told(level or 99, "deferral", f'proposed, under "{head}"')

        elif told is not None:
            for sent in sents:
                found[sent.index] = [Voice(told.kind, told.why, sent.tok_start, sent.tok_end)]
            continue
        if not sents:
            continue
        item = block.kind is BlockKind.LIST_ITEM
        if lead is not None and (item or (block.kind is BlockKind.PARAGRAPH and not in_list)):
            for sent in sents:
                found[sent.index] = [Voice(lead_kind, f'{_AFTER[lead_kind]} "{lead}"',
                                           sent.tok_start, sent.tok_end)]
            in_list = in_list or item
            if not item and not block.text.rstrip().endswith(":"):
                lead = None
            if block.kind is BlockKind.PARAGRAPH:
                carried = _Carried("attributed", _unclosed(block.text))
            continue
        lead, in_list, lead_kind = None, False, "attributed"
        if block.kind is not BlockKind.HEADING and (_advises(block.text) or _asks(block.text)):
            lead, lead_kind = _short(block.text), "scrutiny"  # 'The Chief Constable should:'
            continue
        if block.kind is not BlockKind.HEADING and _proposes(block.text):
            lead, lead_kind = _short(block.text), "deferral"  # 'If approved, PR-212 would:'
            continue
        if block.kind is not BlockKind.HEADING and _AIMS_OF.search(block.text.strip()):
            # an assessment's account of the procedure it assesses: 'The main aims of the
            # procedure, as described by the policy owner, are:'
            lead, lead_kind = _short(block.text), "attributed"
            continue
        state = _block_voices(analysis, bi, sents, cue_hits[bi], words[bi],
                              handed if block.kind is BlockKind.PARAGRAPH else _Carried(), audit)
        found.update(state.voices)
        if block.kind is BlockKind.PARAGRAPH:
            # 'Our procedure states:' and the quoted paragraphs that follow it, one after another
            # (a review's annex of revised paragraphs runs on through the section, set off or
            # not)
            own = _own_lead(state, analysis.docs[bi], block.text) or (
                handed.own_lead and (block.quoted or block.text.lstrip()[:1] in _OPENING_QUOTES
                                     or _NUMBERED.match(block.text) is not None))
            carried = _Carried(_ends_in(state, sents[-1]), _unclosed(block.text), own)
        if block.kind is not BlockKind.HEADING:
            told = _retelling(state, cue_hits[bi], level) or told
        if block.kind is not BlockKind.HEADING and block.text.rstrip().endswith(":") \
                and state.attributed_to_end():
            lead = _short(sents[-1].text)
        elif block.kind is BlockKind.PARAGRAPH and block.text.rstrip().endswith(":") \
                and any(h.concept == "deferral" and not h.cancelled_by
                        and h.term not in _DATED for h in cue_hits[bi]):
            # 'the Commissioner intends to procure a service ... The service is expected to:' and
            # the list of what it would do ('Next year my office will:' is a dated plan)
            lead, lead_kind = _short(sents[-1].text), "deferral"
    if _outside(analysis):
        _advice_to_police(analysis, words, found)
    return tuple(tuple(found.get(s.index, ())) for s in analysis.sentences)


# A document that says near its start that its author is not the police: a charity's briefing
# for officers ('We are not part of the police or the Home Office.').
_OUTSIDE = re.compile(
    r"\b(?:we are not (?:part of )?the police|we are not a police|not part of the police|"
    r"(?:we are|is) an? (?:independent |small |local |national |registered )*charity|"
    r"independent charity|registered charity)\b", re.IGNORECASE)
OUTSIDE_LEAD = 8  # body blocks from the start in which the author says who it is
_ADVISING = frozenset({"should", "must", "ought"})
_OWN = frozenset({"we", "our", "us"})


def _outside(analysis: Analysis) -> bool:
    body = [b for b in analysis.document.blocks if b.kind is not BlockKind.HEADING]
    return any(_OUTSIDE.search(b.text) for b in body[:OUTSIDE_LEAD])


def _advice_to_police(
    analysis: Analysis, words: Sequence[tuple[list[str], list[str]]],
    found: dict[int, list[Voice]],
) -> None:
    """In a document by someone other than the police, what officers 'should' or 'must' do is
    advice to the police, not the police's commitment; what the author says it does stays its
    own ('We can take referrals by phone')."""
    def advises(sent: Sentence) -> bool:
        norms = words[sent.block][0]
        span = norms[sent.tok_start:sent.tok_end]
        modal = next((i for i, n in enumerate(span) if n in _ADVISING), None)
        return modal is not None and not _OWN & set(span[:modal])

    last: dict[int, Sentence] = {s.block: s for s in analysis.sentences}
    blocks = analysis.document.blocks
    passage = units(analysis).passage
    for sent in analysis.sentences:
        lead = passage[sent.block]
        led = (blocks[sent.block].kind is BlockKind.LIST_ITEM and lead != sent.block
               and lead in last and last[lead].text.rstrip().endswith(":"))
        # 'Officers should:' and its list: each item is the advice
        if advises(sent) or (led and advises(last[lead])):
            found.setdefault(sent.index, []).append(
                Voice("scrutiny", "advice to the police from outside it", sent.tok_start,
                      sent.tok_end))


# Column headers whose cells are not the document's own present practice.
_FROM_REPORT = ("from the report", "the report's", "report requirement", "recommendation text",
                "what the report", "the report says", "text of the recommendation")
# A consultation's feedback: 'You said | We did' ('The police should put victims first').
_YOU_SAID = ("you said", "what you said", "you told us", "what you told us", "your views",
             "what people told us", "what people said", "what we heard", "you asked",
             "what you asked for", "your feedback", "feedback", "comments received",
             "what communities told us", "what women told us", "issue raised", "issues raised")
# 'What PR-219 says', 'What the policy states': a column that summarises another document.
_SAYS = re.compile(r"^what (?!this |our |we )[\w .'\u2019-]{1,40} (?:says|states|requires)$")
_PLANNED = ("what we will do", "planned action", "planned", "next steps", "next step",
            "future action", "further action", "to be done", "proposed action", "still to do")
# A column of recommendations made to the force (an audit's, an inspection's), and an audit's
# tests: advice and findings, not the force's practice.
_RECOMMENDED = ("recommendation", "recommendations", "audit recommendation",
                "recommendation made", "recommendations made", "finding", "findings",
                "issue identified", "issues identified", "what we recommend", "our recommendation",
                "our recommendations", "recommended change", "recommended changes",
                "what we suggest", "suggested change", "suggested changes")
_TESTED = ("test", "tests", "test applied", "control tested", "area tested", "attribute tested",
           "compliance test")


# A performance table: 'Measure | 2022/23 | 2023/24 (Apr-Dec) | Target' or 'Right | Measure | Q3
# result'. Its measures ('VPS offered and recorded') name what was counted, not what is done; a
# contract's 'Measure | Target' (its terms) has no results column.
_MEASURES = ("measure", "measures", "indicator", "indicators", "performance indicator", "kpi",
             "key performance indicator", "metric", "performance measure")
_RESULT_HEAD = re.compile(
    r"^(?:(?:19|20)\d\d(?:[/\u2013-]\d\d(?:\d\d)?)?\b|q[1-4]\b|quarter [1-4]\b"
    r"|(?:q[1-4] |latest |annual |year[- ]end )?(?:result|results|actual|outturn|performance)\b"
    r"|(?:this|last) (?:year|quarter)\b)")


def _results_tables(analysis: Analysis) -> set[int]:
    """Tables whose header row has a results column: a year, a quarter, 'Q3 result', 'Actual'."""
    out: set[int] = set()
    for block in analysis.document.blocks:
        loc = block.location
        if block.kind is BlockKind.TABLE_CELL and loc.row == 1 and loc.table is not None \
                and _RESULT_HEAD.match(block.text.lower().strip()):
            out.add(loc.table)
    return out


# A figure in a results table: '58%', '893', '-', 'n/a', '4.2', '12 (9%)', 'Green'.
_FIGURE = re.compile(r"^(?:[<>~≈+\u2212-]?\s*\d[\d,.]*\s*%?(?:\s*\(\s*\d[\d,.]*\s*%?\s*\))?"
                     r"|n/?a|nil|none|[-\u2013\u2014]|red|amber|green|\*)$", re.IGNORECASE)


def _figure_tables(analysis: Analysis) -> set[int]:
    """Results tables whose body, beside the first column, is nothing but figures: 'Victim
    recalls... | Q1 2024/25 | Q2 2024/25' over 'being offered a referral ... | 79% | 81%'. Their
    first column names what was counted."""
    reported = _results_tables(analysis)
    figures: dict[int, bool] = {}
    for block in analysis.document.blocks:
        loc = block.location
        if block.kind is not BlockKind.TABLE_CELL or loc.table not in reported \
                or loc.row in (None, 1) or loc.cell in (None, 1):
            continue
        figures[loc.table] = figures.get(loc.table, True) and \
            _FIGURE.match(block.text.strip()) is not None
    return {t for t, only in figures.items() if only}


# Beside 'What we will do', a column that makes the table a plan ('Recommendation | What we will
# do | By when'); a leaflet's 'What happens | What we will do' is the service it promises.
_PLAN_COLUMNS = ("recommendation", "requirement", "finding", "issue", "gap", "area for", "owner",
                 "lead", "by when", "due", "deadline", "target", "timescale", "date", "status",
                 "progress", "have done", "done so far", "current position")


def _planning_tables(analysis: Analysis) -> set[int]:
    out: set[int] = set()
    for block in analysis.document.blocks:
        loc = block.location
        if block.kind is BlockKind.TABLE_CELL and loc.row == 1 and loc.table is not None \
                and any(w in block.text.lower() for w in _PLAN_COLUMNS):
            out.add(loc.table)
    return out


def _column_voices(
    analysis: Analysis, cue_hits: Sequence[list[Hit]],
) -> dict[tuple[int | None, int | None], tuple[str, str]]:
    """(table, column) -> (voice, header) for a column that holds another body's account ('Force
    position (as reported by the force)', 'Requirement (from the report)') or work still to be
    done ('What we will do')."""
    out: dict[tuple[int | None, int | None], tuple[str, str]] = {}
    reported = _results_tables(analysis)
    counted = _figure_tables(analysis)
    planning = _planning_tables(analysis)
    for bi, block in enumerate(analysis.document.blocks):
        loc = block.location
        if block.kind is not BlockKind.TABLE_CELL or loc.row != 1 or loc.table is None:
            continue
        head = block.text.lower().replace("\u2019", "'")
        if loc.table in reported and (head.strip() in _MEASURES or (
                loc.table in counted and loc.cell == 1)):
            out[(loc.table, loc.cell)] = ("history", _short(block.text))
            continue
        if any(h.concept in _REPORTED and not h.cancelled_by for h in cue_hits[bi]) \
                or any(w in head for w in _FROM_REPORT) or _SAYS.match(head.strip()) \
                or head.strip().rstrip(".:") in _YOU_SAID:
            out[(loc.table, loc.cell)] = ("attributed", _short(block.text))
        elif any(w in head for w in _PLANNED) and (
                head.strip() != "what we will do" or loc.table in planning):
            out[(loc.table, loc.cell)] = ("deferral", _short(block.text))
        elif head.strip() in _RECOMMENDED:
            out[(loc.table, loc.cell)] = ("scrutiny", _short(block.text))
        elif head.strip() in _TESTED:
            out[(loc.table, loc.cell)] = ("history", _short(block.text))
    return out


def _retelling(state: _Block, hits: list[Hit], level: int) -> _Told | None:
    """A sentence that says what follows is another body's account ('the force has advised as
    follows:', 'the table below summarises the position reported by the force') or questions
    to put to someone else ('Members may wish to ask the Commissioner:')."""
    for sent in state.sentences:
        text = sent.text.lower()
        ahead = text.rstrip().endswith(":") or any(w in text for w in _AHEAD)
        if not ahead:
            continue
        for h in hits:
            if h.cancelled_by or not sent.tok_start <= h.start < sent.tok_end:
                continue
            # scrutiny leads a retold list only when it puts questions ('may wish to ask:');
            # 'The first is to hold the Chief Constable to account:' introduces the author's own
            if h.concept == "reported" or (h.concept == "scrutiny" and (
                    "ask" in text or "question" in text)):
                return _Told(level or 99, "attributed", f'retold after "{_short(sent.text)}"')
    return None


_REQUEST_LEADS = frozenset({"your request", "the request", "request", "you asked",
                            "what you asked", "what you asked for", "information requested",
                            "your questions", "you asked for", "request details"})
_RESPONSE_LEADS = frozenset({"our response", "response", "our reply", "reply", "answer",
                             "our answer", "the answer", "the response", "our position",
                             "our current position", "information held"})


def _lead_words(text: str) -> str:
    words = text.lower().strip().rstrip(":.").split()
    while words and words[0].rstrip(".)").replace(".", "").isdigit():
        words = words[1:]
    return " ".join(words)


def _request_lead(text: str) -> bool:
    """'Your request', 'You asked:': what follows is the requester's, up to 'Our response'."""
    return _lead_words(text) in _REQUEST_LEADS


# 'Response to question 1', 'Our answer to part 2', 'Reply to your request'
_RESPONSE_TO = re.compile(r"(our )?(response|reply|answer)s? to "
                          r"(questions?|parts?|your|the|requests?)\b[\w ./()-]{0,30}")


def _response_lead(text: str) -> bool:
    words = _lead_words(text)
    return words in _RESPONSE_LEADS or words.startswith("question") \
        or _RESPONSE_TO.fullmatch(words) is not None


# A table whose header row names actions with owners or dates is an action log.
_ACTION_HEADS = ("action",)
# 'Agreed action', 'Management action', 'Recommended actions' in an audit's action plan
_ACTION_HEAD = re.compile(r"^(?:agreed|management|recommended|proposed|planned|improvement)"
                          r" actions?\b")
_ACTION_WITH = ("owner", "lead", "due", "deadline", "by when", "target", "date", "responsible",
                "timescale")


def _action_tables(analysis: Analysis) -> set[int]:
    """Tables that list actions still to be done (an action log, an EIA's action plan), not a
    procedure's steps: 'Step | Action | Owner | Timescale' whose times are 'within 2 hours', 'before
    end of tour of duty' says how each step is done, every time."""
    heads: dict[int, list[str]] = {}
    when: dict[tuple[int, int], list[str]] = {}  # (table, column) of due dates or timescales
    for block in analysis.document.blocks:
        loc = block.location
        if block.kind is not BlockKind.TABLE_CELL or loc.table is None:
            continue
        if loc.row == 1:
            heads.setdefault(loc.table, []).append(block.text.lower())
        elif loc.cell is not None:
            when.setdefault((loc.table, loc.cell), []).append(block.text.lower())
    logs = set()
    for t, cells in heads.items():
        if not any(c.startswith(_ACTION_HEADS) or _ACTION_HEAD.search(c) for c in cells) \
                or not any(w in c for c in cells for w in _ACTION_WITH):
            continue
        timed = [when.get((t, i + 1), []) for i, c in enumerate(cells)
                 if any(w in c for w in _WHEN_HEADS)]
        durations = sum(1 for col in timed for v in col if _DURATION.search(v))
        dates = sum(1 for col in timed for v in col if _DATE.search(v))
        if durations > dates:
            continue  # a procedure's steps with their time limits
        logs.add(t)
    return logs


_WHEN_HEADS = ("due", "deadline", "by when", "target", "date", "timescale", "when")
_DURATION = re.compile(r"\b(?:within|hours?|days?|weeks?|minutes?|same day|immediately|"
                       r"end of (?:tour|shift)|before (?:the )?end)\b")
_DATE = re.compile(r"\b(?:20\d\d|q[1-4]|jan(?:uary)?|feb(?:ruary)?|march|april|june|july|"
                   r"aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|"
                   r"\d{1,2}/\d{1,2}(?:/\d{2,4})?)\b")


# A tracker's status column, and the statuses that say a row's work is not yet done.
_STATUS_HEADS = ("status", "progress", "rag", "rag rating", "rag status", "current status",
                 "progress to date", "position")
_OPEN_STATUS = ("outstanding", "not started", "not yet started", "in progress", "open",
                "ongoing", "on-going", "planned", "not yet", "not met", "not complete",
                "incomplete", "partially", "partly", "amber", "red", "pending", "overdue",
                "delayed", "under way", "underway", "in development", "in draft", "draft")


_CLOSED_STATUS = ("complete", "completed", "done", "implemented", "closed", "achieved", "green",
                  "delivered", "in place", "business as usual", "bau", "discharged")


def _status_word(text: str) -> str:
    first = text.lower().strip().replace("\u2013", "-")
    return first.split(".")[0].split(";")[0].split(" - ")[0].strip(" :-(").split("(")[0].strip()


def _starts_as(words: str, leads: tuple[str, ...]) -> bool:
    """The words are one of `leads`, or begin with one as a whole word ('complete: March')."""
    return any(words == s or words.startswith((s + " ", s + ":", s + ",")) for s in leads)


def _row_statuses(
    analysis: Analysis,
) -> tuple[set[tuple[int, int]], set[tuple[int, int]]]:
    """Tracker rows whose status cell says the work is not yet done ('Outstanding': the row's
    action is work still to do, not present practice), and the rows marked done ('Complete -
    June 2022': its action and its 'Evidence / update' cell are the author's present practice)."""
    status_cols: dict[int, int] = {}
    for block in analysis.document.blocks:
        loc = block.location
        if block.kind is not BlockKind.TABLE_CELL or loc.row != 1 or loc.table is None \
                or loc.cell is None:
            continue
        head = block.text.lower().strip().rstrip(":")
        if head in _STATUS_HEADS:
            status_cols[loc.table] = loc.cell
    open_rows: set[tuple[int, int]] = set()
    done_rows: set[tuple[int, int]] = set()
    if not status_cols:
        return open_rows, done_rows
    for block in analysis.document.blocks:
        loc = block.location
        if block.kind is not BlockKind.TABLE_CELL or loc.table not in status_cols \
                or loc.row in (None, 1) or loc.cell != status_cols[loc.table]:
            continue
        assert loc.row is not None
        word = _status_word(block.text)
        if _starts_as(word, _OPEN_STATUS):
            open_rows.add((loc.table, loc.row))
        elif _starts_as(word, _CLOSED_STATUS):
            done_rows.add((loc.table, loc.row))
    return open_rows, done_rows


# A lead-in that recommends to another body what it should do: 'The Chief Constable should:',
# 'We recommend that the force:'. What follows is advice to someone else, not their practice.
_ADVISES = re.compile(
    r"^(?:[\d.]+\s+)?(?:(?:we|i|the (?:opcc|commissioner|panel|review|audit|inspectorate))\s+"
    r"(?:recommends?|asks?) that\s+)?"
    r"(?:the |all |each |every )?(?:chief constables?|forces?|police forces?|constabular(?:y|ies)"
    r"|(?:[a-z]+ ){1,2}(?:police|constabulary)|the police)\s*"
    r"(?:should|is recommended to|are recommended to|is asked to|are asked to|needs? to)?"
    r"\s*(?:[a-z]+\s*)?:$")
# Deferral terms that only date a plan: a list after 'Next year my office will:' is committed.
_DATED = frozenset({"next year", "next financial year", "in the coming", "later this year",
                    "later in the year", "by the end of the year", "in the autumn", "in the spring",
                    "this autumn", "over the coming", "in the future"})

_AFTER = {"attributed": "quoted after", "scrutiny": "recommended after",
          "deferral": "proposed after"}


# A decision paper's asks of the board it goes to: 'The Chief Officer Group is asked to:'
_BOARD_ASKED = re.compile(r"\b(?:is|are) (?:asked|invited|recommended) to(?: [a-z]+)?:$")


_AIMS_OF = re.compile(
    r"^(?:the )?(?:main |key |stated )?(?:aims?|objectives?|intended outcomes|purposes?) of the "
    r"(?:new |draft |proposed |revised )?(?:procedure|policy|framework|protocol|strategy|pp-\d+)"
    r"\b[^:]{0,80}:$|\bas described by\b[^:]{0,60}:$", re.IGNORECASE)


def _proposes(text: str) -> bool:
    """'If approved, PR-212 would:': a decision paper's lead into what a proposal would do, or
    into what the board is asked to approve or note."""
    t = " ".join(text.lower().replace("\u2019", "'").split())
    if _FOLLOWING_PROPOSED.search(t):  # 'The following mitigations are recommended ...'
        return True
    return t.endswith(":") and len(t) <= 90 and (
        " would:" in t or "if approved" in t or _BOARD_ASKED.search(t) is not None)


# An assessment's lead into its proposals: 'The following mitigations are recommended to reduce
# the risks identified. They are proposals at this stage ...'
_FOLLOWING_PROPOSED = re.compile(r"^the following [\w ,-]{1,40} (?:are|is) (?:recommended|proposed"
                                 r"|suggested)\b")


# Guidance to every force: 'Forces should review their policies within six months and should:',
# and a heading '4. What forces should do' (a force's own 'What officers should do' is its own).
# The list items carry on the lead's verb ('- tell victims ...'); a lead that introduces the
# guidance's own statements ('Forces should apply the following principles:') is not advice.
_ADVISES_FORCES = re.compile(
    r"^(?:[\d.]+\s+)?(?:(?:all|every|each) )?(?:chief constables|forces|police forces"
    r"|constabularies)\s+(?:should|must|are asked to|are expected to)\b.{0,200}"
    r"\b(?:should|must|asked to|expected to)(?: also)?:$")
_ADVISES_HEAD = re.compile(
    r"^(?:[\d.]+\s+)?(?:what (?:chief constables|forces|police forces|constabularies|pccs"
    r"|commissioners) (?:should|must|need to) do\b"
    # a commissioner's plan: 'What I expect of the Chief Constable'
    # a charity's briefing for forces: 'What good practice looks like'
    r"|what good practice looks like\b"
    r"|what (?:i|we|the commissioner|the panel) (?:expects?|will expect|want) (?:of|from) "
    r"(?:the )?(?:[\w'\u2019-]+ ){0,2}(?:chief constable|force|constabulary|police)\b)")


def _advises(text: str) -> bool:
    t = " ".join(text.lower().replace("\u2019", "'").split())
    if _ADVISES_FORCES.match(t) or _ADVISES_HEAD.match(t):
        return True
    if not t.endswith(":") or len(t) > 90:
        return False
    m = _ADVISES.match(t)
    return m is not None and ("should" in t or "recommend" in t or "asked to" in t
                              or "need" in t)


# A letter's asks of someone else: 'What I am asking for', 'We call on the Government to:'.
_ASKS = re.compile(r"\b(?:what (?:i|we) (?:am |are )?ask(?:ing)? for|(?:i|we) (?:am |are )?"
                   r"ask(?:ing)? (?:the government|the home office|the home secretary|that)|"
                   r"(?:i|we) (?:would )?urge|(?:i|we) call (?:on|for)|our asks|my asks|"
                   r"(?:i|we) (?:would )?(?:ask|request) that)\b"
                   # an audit's or review's questions: 'The objectives were to establish whether:'
                   r"|\b(?:establish|assess|test|determine|check|confirm|examine|consider|review"
                   r"|scrutinise|scrutinize|explore) (?:whether|how far|the extent to which)"
                   r"\b[^.:]{0,60}:$"
                   # a committee paper's questions for members: 'Matters the Panel may wish to
                   # consider', 'Questions members may wish to ask', 'Key lines of enquiry'
                   r"|\bmay wish to (?:consider|explore|probe)\b"
                   r"|^(?:suggested |possible |key )?"
                   r"(?:questions|lines of enquiry|lines of inquiry)"
                   r" (?:for|to put to) (?:the )?(?:panel|committee|board|members|commissioner"
                   r"|chief constable|force)\b|^(?:suggested |key )?lines of (?:enquiry|inquiry)$")


def _asks(text: str) -> bool:
    """A short lead or heading that introduces requests to someone else."""
    t = " ".join(text.lower().replace("\u2019", "'").split())
    return len(t.split()) <= 14 and _ASKS.search(t) is not None


# In an audit or review: sections that say what it did and what it found, not what the force does.
_FINDINGS = ("finding", "findings", "key findings", "main findings", "what we found",
             "what we did", "method", "methodology", "scope and method", "scope and methodology",
             "approach and method", "audit findings", "review findings", "detailed findings",
             "how we carried out", "how we conducted", "how we did the review", "our approach",
             "evidence we", "what we saw", "what we heard",
             # a survey or training needs analysis: '4.1 Survey results', '5. Gaps identified'
             "survey results", "survey findings", "results of the survey", "gaps identified",
             "gap analysis", "key gaps", "identified gaps", "what officers told us",
             "what staff told us",
             # a needs assessment: 'What victims told us', 'What services told us', 'Gaps'
             "what victims told us", "what services told us", "what women told us",
             "what partners told us", "what people told us", "what the data tell us",
             "what the data show", "gaps", "gaps in provision",
             # a review's summary and its praise: '3. Summary of findings', '3.4 RAG summary',
             # '4. Good practice'
             "summary of findings", "summary of the findings", "summary of key findings",
             "rag summary", "rag rating", "rag ratings", "good practice", "areas of good practice",
             "notable practice", "executive summary", "summary")


# An annual report's stories: what happened to one victim is no practice.
_STORIES = ("case stud", "victims' stories", "victim stories", "victims\u2019 stories", "stories",
            "case example", "in their own words", "real stories", "notes to editor",
            "note to editor",
            # a document's record of its own changes: 'Version history', 'Change log'
            "version history", "document history", "revision history", "change log",
            "amendment history", "version control", "changes in this version",
            "summary of changes",
            # the case that prompted a change: 'Why the SOP has changed', 'What happened'
            "why the sop has changed", "why the procedure has changed",
            "why the policy has changed", "why this has changed")
# ... and a heading that is only that: '3. What happened' (not a leaflet's 'Telling us what
# happened', which is about reporting)
_STORIES_OPENING = ("what happened",)


# A lesson's aims: 'By the end of the session participants will be able to: explain the force
# position on ...' is what the trainee will learn, not what the force does.
_LEARNING = ("learning outcome", "learning outcomes", "learning objective", "learning objectives",
             "aims and objectives", "aims and learning outcomes", "session aims",
             "session objectives", "aim of the session", "aims of the session")


def _learning_heading(text: str) -> bool:
    return _starts_as(_heading_words(text), _LEARNING)


def _stories_heading(text: str) -> bool:
    t = text.lower()
    return len(t.split()) <= 8 and (
        any(w in t for w in _STORIES) or _starts_as(_lead_words(text), _STORIES_OPENING))


# A decision paper's options and the draft it asks to adopt: 'Option 2 – Adopt the draft
# framework', 'Annex A – Summary of the draft framework', 'The proposed procedure'. A draft
# document's own title ('Draft procedure v0.3') is its title, not a section heading.
_PROPOSAL = re.compile(
    r"^(?:(?:annex|appendix|annexe)\s+\w+\s*[\u2013\u2014:.-]\s*)?(?:\d+(?:\.\d+)*\.?\s+)?"
    r"(?:(?:a\s+)?(?:summary|outline|overview) of\s+)?(?:the\s+)?"
    r"(?:options?(?:\s+\d+|\s+[a-c])?(?:\s*$|\s*[\u2013\u2014:-])|proposals?\b"
    r"|(?:draft|proposed)\s+(?:force\s+)?(?:framework|procedure|policy|protocol|guidance|changes"
    r"|arrangements?|scheme|model|approach|process|pathway|service|plan|training)\b"
    # a training needs analysis's or review's proposals: '6. Recommended training content'
    r"|recommended\s+(?:training|content|actions?|options?|package|programme|plan|changes)\b"
    # a needs assessment's 'Recommendations for commissioning'
    r"|recommendations?\s+for\s+(?:commissioning|future\s+commissioning|commissioners)\b"
    # a plan's targets: 'How we will measure success', 'Measures of success' (a contract's key
    # performance indicators are its terms, not targets)
    r"|how\s+(?:we|i)\s+will\s+measure\b|(?:measures|indicators)\s+of\s+success\b"
    r"|how\s+(?:we|i)\s+will\s+know\b"
    # an annual report's plans: 'What we plan for 2023-24', 'Our plans for next year' (its
    # 'Looking ahead' and 'Priorities for 2024' often hold commitments: 'We will continue ...')
    r"|what\s+we\s+plan\b|(?:our\s+)?plans\s+for\b"
    # a commissioning plan's future services: 'What we will commission'
    r"|what\s+(?:we|i)\s+will\s+commission\b|services\s+(?:we|i)\s+will\s+commission\b"
    r"|success\s+measures\b)",
    re.IGNORECASE)


def _proposal_heading(text: str) -> bool:
    t = " ".join(text.split())
    return len(t.split()) <= 12 and (_PROPOSAL.match(t) is not None
                                     or _IN_PROGRESS.search(t) is not None)


# Work not yet done, as a slide's or section's title: 'Slide 7 – Work in progress', 'Coming soon'
_IN_PROGRESS = re.compile(r"(?:^|[\u2013\u2014:-]\s*)(?:work in progress|coming soon|in development"
                          # 'What we will do in 2024/25'
                          r"|(?:\d+(?:\.\d+)*\.?\s+)?what we will do (?:in|during) "
                          r"(?:20\d\d|the (?:next|coming) year)\S*"
                          r"|under development|still to come|forthcoming changes|coming next"
                          r"|what(?:'s| is) coming(?: next)?)\s*$", re.IGNORECASE)


# In an audit report, its account of the procedure under audit and its tests of it.
_AUDIT_ACCOUNT = ("background", "dip sample", "sample results", "test results", "testing",
                  "results of testing", "results summary", "results", "sample", "the sample",
                  "audit sample", "sample and method")
_ANNEX = re.compile(r"^(?:appendix|annex|annexe)(?:\s+\w{1,3})?\s*[\u2013\u2014:.-]\s*")


# A paper's risks: 'Legal challenge: sharing without a documented lawful basis may breach the
# Data Protection Act 2018' says what could go wrong, not what is done.
_RISKS = ("risks", "key risks", "risks and issues", "risk register", "risks and mitigations",
          "risks and mitigation", "risks and dependencies", "risk and mitigation",
          "main risks", "risks and opportunities", "risks to delivery", "risk")


# A section of definitions says what the document's words mean ('Caller: anyone contacting the
# FCC, including a third party calling on behalf of a victim'), not what anyone does.
_DEFINITIONS = ("definitions", "definition", "glossary", "glossary of terms", "key terms",
                "terms used", "terms used in this procedure", "terms used in this policy",
                "definitions and abbreviations", "abbreviations and definitions", "terminology",
                "definition of terms", "key definitions", "interpretation")
# A committee paper's purpose ('1.1 To update the Panel on ... compliance with the Victims'
# Code'): what the paper is for, not a practice.
_REPORT_PURPOSE = ("purpose of the report", "purpose of this report", "purpose of report",
                   "purpose of the paper", "purpose of this paper", "report purpose")


# A review's recommendations to the force: what it should do, not what it does.
_RECOMMENDS_TO = re.compile(
    r"^recommendations?(?: (?:to|for) (?:the )?(?:force|constabulary|chief constable"
    r"|chief officers?|police|[\w'\u2019-]+ (?:police|constabulary)))?$"
    # a consultation response's or review's own list: 'Summary of our recommendations'
    r"|^(?:(?:a )?summary of )?(?:our|the panel's|the group's|key) recommendations?\b"
    r"|^summary of recommendations?$|^what we recommend\b")


def _recommends_heading(text: str, audit: bool) -> bool:
    """'5. Recommendations to the force' anywhere; a bare 'Recommendations' in a review."""
    words = _heading_words(text)
    return _RECOMMENDS_TO.match(words) is not None and (
        audit or words not in ("recommendation", "recommendations"))


def _heading_words(text: str) -> str:
    """A heading's words, lower-cased, without its number or an 'Annex B –' prefix."""
    return _ANNEX.sub("", _lead_words(text))


def _findings_heading(text: str) -> bool:
    words = _heading_words(text)
    return _starts_as(words, _FINDINGS) or _starts_as(words, _AUDIT_ACCOUNT)


_POLICE = re.compile(r"\b(?:police|constabulary|force|officers?|pcsos?)\b")
_PARTY_PARENT = ("role", "responsib", "commitment", "partner", "parties", "each agency",
                 "each organisation", "undertaking", "obligation", "duties")
# '8.4 Sharing with the Home Office by the Council': a section about another party's own acts.
_BY_PARTY = re.compile(r"\bby (?:the )?(?:[a-z'\u2019]+ ){0,3}(?:council|local authority|provider|"
                       r"charity|nhs|trust|health board|service provider)\b")


def _party_headings(analysis: Analysis) -> set[int]:
    """Headings of sections that set out another party's duties in a multi-agency document: the
    siblings of a police party's heading under 'Roles and responsibilities', and sections 'by the
    Council'. What those sections commit to is not police practice."""
    groups: dict[tuple[str, ...], list[tuple[int, str]]] = {}
    whats: dict[tuple[str, ...], list[tuple[int, str]]] = {}
    out: set[int] = set()
    blocks = analysis.document.blocks
    # the document's own title ('Information for partner organisations supporting migrant
    # victims') heads the whole page, not a section of parties
    heads = {(analysis.document.title or "").strip(), next(
        (b.text for b in blocks if b.kind is BlockKind.HEADING), "").strip()}
    for bi, block in enumerate(blocks):
        if block.kind is not BlockKind.HEADING:
            continue
        path = block.location.heading_path
        text = _lead_words(block.text)
        if (_BY_PARTY.search(text) or _OF_PARTY.match(text)) and not _POLICE.search(text) \
                and not _ALL_PARTIES.search(text):
            out.add(bi)  # '5. Responsibilities of the Council'
        # the parts of a party's own section ('4. Responsibilities of Mardale Police' > '4.1
        # First response') are that party's, not siblings of other parties
        if (len(path) >= 2 and path[-2].strip() not in heads
                and any(w in path[-2].lower() for w in _PARTY_PARENT)
                and (not _OF_PARTY.match(_lead_words(path[-2]))
                     or _ALL_PARTIES.search(_lead_words(path[-2])) is not None)):
            groups.setdefault(path[:-1], []).append((bi, text))
        if _WHAT_PARTY.match(text):
            whats.setdefault(path[:-1], []).append((bi, text))
    for members in [*groups.values(), *whats.values()]:
        police = [bi for bi, text in members if _POLICE.search(text)]
        if police and len(members) >= 2:
            out.update(bi for bi, text in members if bi not in police)
    return out


# '5. Responsibilities of the Council', 'Role of the refuge', 'Duties of the Provider'.
_OF_PARTY = re.compile(r"^(?:(?:roles? and )?responsibilities|(?:the )?roles?|duties|commitments"
                       r"|obligations|undertakings) of (?:the )?\S")


# '4. Roles of the parties' heads every party's section, the police's included.
_ALL_PARTIES = re.compile(r"\bof (?:the |each |all )?(?:parties|partners|partner agencies|"
                          r"agencies|organisations|organizations|signatories|each party)\b")


# A joint leaflet's 'What Buttermere Police will do' beside 'What we, the Refuge, can do'.
_WHAT_PARTY = re.compile(r"^what (?:[\w,'\u2019-]+ ){1,6}(?:will|can|does|do|must|shall)"
                         r"(?: (?:do|offer|provide|help))?\b")


def _told_heading(hits: list[Hit], review: bool) -> bool:
    """A heading that says the section is another body's account of its practice ('Force
    position' only in a review or an oversight body's paper: in the force's own training slides
    'The force position' is its own)."""
    return any((h.concept == "reported" or (review and h.concept == "reported-head"))
               and not h.cancelled_by for h in hits)


def _short(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
