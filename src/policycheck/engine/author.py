"""Who wrote the document: an oversight body (a police and crime commissioner's office or a police
and crime panel) writes about the force's practice, it does not adopt it.

An oversight body can itself fund an advocacy service, run outreach or set up a reporting route,
so those criteria are read in its document as in any other. What only the force can do (state
its protocol, when and why it shares information, what it tells victims, who its procedure
applies to) an oversight body can only report, promise to scrutinise or ask for; criteria marked
`force_practice` in a rule set are not met by such a document.

The author is read from where documents name it: the title ("The Commissioner's response",
"Police and Crime Plan 2024-2029"), a letterhead or signature line ("Police and Crime
Commissioner for Askerby", "Sasha Penrose, Police and Crime Commissioner for Askerby"), or a
committee paper's "Report of:" line. A chief constable's signature or "Report of: Chief
Constable", or a title naming the force's own procedure, makes the force the author whatever else
is said; a commissioner named as the addressee ("Update to the Commissioner") is no author.
"""

from __future__ import annotations

import functools
import re

from policycheck.engine.nlp import Analysis
from policycheck.model import BlockKind

_PCC = r"police,? (?:fire and )?(?:and )?crime commissioner"
# the addressee or subject of a force's paper: 'Response to the Police and Crime Panel'
_ADDRESSEE = re.compile(
    r"\b(?:to|dear|for|with) (?:the )?(?:office of the )?(?:" + _PCC
    + r"|opcc|pcc|commissioner|police and crime panel)\b", re.IGNORECASE)
_OVERSIGHT_TITLE = re.compile(
    r"\bcommissioner['\u2019]s (?:response|annual report|foreword|statement|report|update)\b"
    # a commissioner's press release: 'Commissioner funds new service to help migrant women'
    r"|^(?:police and crime )?commissioner (?:funds|awards|announces|launches|backs|invests)\b"
    r"|\bwhat the commissioner\b|\bopcc\b|\bpcc\b|^(?:[\w ]+ )?police and crime plan\b"
    r"|\boffice of the " + _PCC, re.IGNORECASE)
_FORCE_TITLE = re.compile(
    r"\bchief constable['\u2019]s\b|\bforce order\b"
    # the force's own name first: 'Anyshire Constabulary - Procedure PR-114' (not 'Commissioner
    # welcomes new police procedure')
    r"|^(?-i:(?:[A-Z][\w'\u2019-]* ){1,3})(?:constabulary|police)\b(?! and crime| fire and crime"
    r"|,? fire)[^|]{0,80}"
    r"\b(?:procedure|policy|sop|standard operating procedure|direction)\b", re.IGNORECASE)
_OVERSIGHT_LINES = tuple(re.compile(p, re.IGNORECASE) for p in (
    # letterhead or signature: 'Office of the Police and Crime Commissioner for Ivelford'
    r"^(?:the )?(?:office of the )?" + _PCC + r"(?: for [\w ]+)?$",
    # ... with its address: 'Office of the Police and Crime Commissioner for Torver, Riverside
    # House, Castle Street, Torver TV1 2QP'
    r"^(?:the )?office of the " + _PCC + r"(?: for [\w ]+)?, [\w ,.'\u2019-]+$",
    # 'Sasha Penrose, Police and Crime Commissioner for Askerby'; 'X Police and Crime
    # Commissioner - Dawn Pellow' (a person's name or the area, never another body)
    r"^(?-i:[A-Z][\w.'\u2019-]*)(?: (?-i:[A-Z][\w.'\u2019-]*)){0,3},? " + _PCC
    + r"(?: for [\w ]+)?(?: [\u2013-] [\w .'\u2019-]+)?$",
    r"^report of:? [^.]{0,60}\b(?:opcc|commissioner|chief executive|panel|task group"
    # a council's scrutiny report: 'Report of: Chair of the Task and Finish Group'
    r"|task and finish group|scrutiny committee)\b",
    r"\bchief executive,? (?:of the )?(?:opcc|office of the " + _PCC + ")",
))
_FORCE_LINES = tuple(re.compile(p, re.IGNORECASE) for p in (
    # a signature: 'Chief Constable', 'A. Tillotson, Chief Constable, Ivelford Constabulary'
    r"^(?-i:(?:[A-Z][\w.'\u2019-]* ){0,4})(?:temporary |deputy |assistant )?chief constable"
    r"(?:, [\w ]+| of [\w ]+)?$",
    r"^report of:? [^.]{0,40}\bchief constable",
))
_PCC_VOICE = re.compile(r"\bmy police(?:,)? (?:fire )?(?:and )?crime plan\b"
                       r"|\b(?:services|the services) i (?:commission|fund)\b", re.IGNORECASE)
EDGE = 12  # blocks at each end where letterheads, "Report of:" lines and signatures stand
LINE_WORDS = 25  # a line longer than this is running text, not a letterhead or signature


@functools.lru_cache(maxsize=32)
def oversight(analysis: Analysis) -> str | None:
    """The line that shows an oversight body wrote the document, or None."""
    blocks = analysis.document.blocks
    title = analysis.document.title or next((b.text for b in blocks if b.text.strip()), "")
    named = _ADDRESSEE.sub(" ", title)
    found: str | None = title if _OVERSIGHT_TITLE.search(named) else None
    if _FORCE_TITLE.search(named):
        return None
    label = ""  # the cell before: 'Report of' | 'Tilberthwaite OPCC Independent Scrutiny Panel'
    for block in (*blocks[:EDGE], *blocks[-EDGE:]):
        line = " ".join(block.text.split())
        if not line or len(line.split()) > LINE_WORDS:
            label = ""
            continue
        if block.kind is not BlockKind.HEADING and any(p.search(line) for p in _FORCE_LINES):
            return None
        if found is None and (any(p.search(line) for p in _OVERSIGHT_LINES) or (
                label in _AUTHOR_LABELS and _OVERSIGHT_BODY.search(line))):
            found = line
        label = line.lower().rstrip(":")
    if found is None:
        # a commissioner writing in the first person: 'Putting victims first is the second
        # priority of my Police and Crime Plan. This chapter sets out the services I commission'
        found = next((b.text for b in blocks[:EDGE] if _PCC_VOICE.search(b.text)), None)
    return found


# A front-matter table's author row: 'Report of' | 'Tilberthwaite OPCC Independent Scrutiny Panel'
_AUTHOR_LABELS = frozenset({"report of", "author", "authors", "prepared by", "report by",
                            "submitted by", "from", "issued by"})
_OVERSIGHT_BODY = re.compile(r"\b(?:opcc|office of the " + _PCC + r"|police and crime panel"
                             r"|" + _PCC + r")\b", re.IGNORECASE)

