"""Web-page furniture that survives a page saved as text or Markdown: never the document's words.

The HTML reader drops navigation, banners and footers by their elements. A page copied or saved
as plain text or Markdown keeps them as ordinary lines: a cookie banner, "Skip to main content",
menu items, breadcrumbs, share links, "Was this page helpful?", a row of footer links. They are
recognised line by line, before the text is split into paragraphs: by what they say, anywhere
(cookie banners, skip links, share and feedback prompts, copyright lines, breadcrumbs, rows of
links); and, once a file shows itself a captured page that way, above the page's first heading
or sentence and below its last by their shape (short menu lines, lines that are only links,
footer items).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

_COOKIE = re.compile(r"\bcookies?\b", re.IGNORECASE)
_COOKIE_ACT = re.compile(
    r"\b(accept|reject|we use|settings|preferences|consent|manage|essential|analytics|"
    r"necessary|optional|allow|decline|continue)\b", re.IGNORECASE)
_ANYWHERE = re.compile(
    r"^\W*(skip to (the )?(main )?(content|navigation|main)|jump to (main )?content|"
    r"back to top|return to top|top of page|was this page (helpful|useful)|"
    r"is this page (helpful|useful)|is there anything wrong with this page|"
    r"report a problem with this page|did you find (this|what you)|"
    r"share this( page| article)?|share on (facebook|twitter|x|linkedin|whatsapp)|"
    r"follow us( on)?|print this page|sign up (to|for) (our )?(newsletter|email)|"
    r"you are here|this site uses cookies|page last (updated|reviewed)|"
    # an intranet page's own record: 'Page owner: Public Protection Unit | Last reviewed ...'
    r"(page|content) (owner|editor|manager)(?=\s*:))\b",
    re.IGNORECASE,
)
# A page's content ends at its feedback or share prompt: what follows is the footer.
_CLOSING = re.compile(
    r"^\W*(was this page (helpful|useful)|is this page (helpful|useful)|"
    r"is there anything wrong with this page|report a problem with this page|"
    r"did you find (this|what you)|share this( page| article)?|page last (updated|reviewed))\b",
    re.IGNORECASE,
)
_RELATED = re.compile(r"^\W*(related (pages|links|content|articles)|see also|useful links|"
                      r"more in this section|in this section)\s*:?\s*\S", re.IGNORECASE)
# Below the article only: 'Related: <a page title>', 'Posted in: News | Tags: victims'.
_FOOT_LABEL = re.compile(r"^\W*(related|posted in|posted|tags?|filed under|categories|category)"
                         r"\s*:\s*\S", re.IGNORECASE)
_HELP_BOX = re.compile(r"^\W*(need (help|support) (now|urgently|right now)\b|"
                       r"in an emergency,? (always )?(call|dial|ring) 999\b)", re.IGNORECASE)
_COPYRIGHT = re.compile(r"^\W*(©|\(c\)\s|copyright\b)|\ball rights reserved\b", re.IGNORECASE)
_BREADCRUMB = re.compile(r"^\s*home\s*(>|»|/|›|→|\\)", re.IGNORECASE)
_SEPARATORS = re.compile(r"\s+[|·•]\s+")
_SOCIAL = {"facebook", "twitter", "x", "linkedin", "instagram", "youtube", "whatsapp", "email",
           "tiktok", "threads", "bluesky", "print", "e-mail", "share", "copy", "link"}
_FEEDBACK = {"yes", "no", "yes no", "yes | no", "yes / no", "thank you for your feedback",
             "menu", "search", "search this site", "close", "close menu", "open menu"}
_FOOTER = re.compile(
    r"^(accessibility( statement)?|privacy( policy| notice)?|cookies?( policy| settings)?|"
    r"terms( and conditions| of use)?|sitemap|site map|contact us|about us|jobs|careers|news|"
    r"freedom of information|modern slavery statement|legal|disclaimer|help|feedback|"
    r"home|a-z|language|cymraeg|english|welsh)$", re.IGNORECASE)
_MD_LINK = re.compile(r"!?\[[^\]]*\]\([^)]*\)")
_MD_MARKER = re.compile(r"^\s*(?:[-*+]|\d{1,3}[.)])\s+")
_END = (".", "?", "!", ":", ";", ",")
FOOT_LINES = 12  # the last non-empty lines of a captured page where its foot can start
_DATED = re.compile(r"^\W*page last (updated|reviewed)\b", re.IGNORECASE)
# The site's own name above a captured page's title ('Office of the Police and Crime
# Commissioner for Anyshire'): kept, it says who wrote the page.
_ORG_NAME = re.compile(r"\b(?:constabulary|police|commissioner|council|opcc|pcc|panel)\b",
                       re.IGNORECASE)
# A related-links label on a line of its own: 'Related pages', 'See also', 'Useful links'.
_RELATED_LABEL = re.compile(r"^\W*(?:related (?:pages|links|content|articles|information)|see also"
                            r"|useful links|more in this section|in this section)\s*:?\s*$",
                            re.IGNORECASE)
_ARROWS = ("\u2192", "\u203a", "\u00bb", ">>")


# A site-wide banner or teaser that links elsewhere: '... just because of doubts about your
# immigration status. Read more'
_TEASER = re.compile(r"\b(?:read more|find out more|learn more)\s*[›»>→]*\s*$", re.IGNORECASE)


def is_furniture(line: str) -> bool:
    """True when a line says what only a page's furniture says, wherever it stands."""
    text = " ".join(line.split())
    if not text:
        return False
    if _TEASER.search(text) and len(text.split()) <= 40:
        return True
    if _COOKIE.search(text) and _COOKIE_ACT.search(text):
        return True
    if _ANYWHERE.match(text) and len(text.split()) <= 12:
        return True
    if _COPYRIGHT.search(text) and len(text.split()) <= 16:
        return True
    if _BREADCRUMB.match(text) or text.lower().rstrip("?!.") in _FEEDBACK:
        return True
    if _RELATED.match(text) and len(_SEPARATORS.split(text)) >= 2:
        return True
    return _link_row(text)


def _link_row(text: str) -> bool:
    """'Accessibility | Privacy | Cookies' or 'Facebook X LinkedIn': a row of short links."""
    items = [i.strip() for i in _SEPARATORS.split(text) if i.strip()]
    if text.startswith("|"):  # a Markdown table row
        return False
    if len(items) >= 3 and all(len(i.split()) <= 5 and not i.endswith(_END) for i in items):
        return True
    # 'OFFICIAL | Force Intranet | Accessibility | Report a problem with this page': a footer
    # row with one longer link still names footer links
    if len(items) >= 3 and not any(i.endswith(_END) for i in items) and all(
            len(i.split()) <= 8 for i in items) and any(
            _FOOTER.match(i) or _ANYWHERE.match(i) for i in items):
        return True
    # 'Anyshire Constabulary, Police Headquarters, Castle Road, AN1 4PX | Accessibility |
    # Privacy notice | Cookies': the site's address beside two or more footer links
    footer = sum(1 for i in items if _FOOTER.match(i))
    if footer >= 2 and not any(i.endswith(_END) for i in items) and sum(
            1 for i in items if len(i.split()) > 8) <= 1 and all(
            len(i.split()) <= 20 for i in items):
        return True
    words = text.lower().replace(",", " ").replace(":", " ").split()
    return len(words) >= 2 and all(w in _SOCIAL for w in words)


def links_only(line: str) -> bool:
    """A Markdown line that is nothing but links and separators: '[Home](/) > [Advice](/a)'."""
    body = _MD_MARKER.sub("", line)
    if not _MD_LINK.search(body):
        return False
    return not _MD_LINK.sub("", body).strip(" |>/»·•-–,")


def _menu_row(text: str) -> bool:
    """'Victims | Reporting a crime safely if you are worried | Find support': a menu of titles."""
    items = [i for i in _SEPARATORS.split(text) if i.strip()]
    return (len(items) >= 3 and not text.startswith("|")
            and not any(i.rstrip().endswith(_END) for i in items))


def _short(text: str) -> bool:
    """A short line that is no sentence, and no phone number or address: a menu item."""
    words = text.split()
    return (0 < len(words) <= 5 and not text.endswith(_END)
            and not any(ch.isdigit() for ch in text) and "@" not in text)


def furniture_lines(
    lines: Sequence[str], heading: Callable[[int], bool], linked: Callable[[str], bool],
) -> set[int]:
    """Indices of the lines that are page furniture.

    `heading(i)` says line i is a heading (the page's own title ends its top); `linked(line)`
    says a line is only links (Markdown can tell; plain text cannot).
    """
    cleaned = [_MD_MARKER.sub("", line).strip() for line in lines]
    drop = {i for i, text in enumerate(cleaned) if is_furniture(text)}
    if not drop:  # not a captured page: short lines are the document's own
        return drop
    # a captured page's call-to-action box ('Need help now? In an emergency call 999 ...')
    drop.update(i for i, text in enumerate(cleaned)
                if _HELP_BOX.match(text) and len(text.split()) <= 25)
    for i, text in enumerate(cleaned):  # the top of the page
        if i in drop or not text:
            continue
        if heading(i):
            break
        # a site-wide banner above the title: 'Need support now? ...', '... Find out how to
        # report safely →'
        if _HELP_BOX.match(text) or text.endswith(_ARROWS):
            drop.add(i)
            continue
        if linked(lines[i]) or _short(text) or _menu_row(text):
            drop.add(i)
            continue
        # the site's name just above the page's title ('Office of the Police and Crime
        # Commissioner for Anyshire'): kept, and the top goes on to the title
        if (len(text.split()) <= 12 and not text.endswith(_END)
                and any(heading(j) for j in range(i + 1, min(i + 9, len(lines))))):
            if not _ORG_NAME.search(text) or ":" in text:  # a banner link, not the site's name
                drop.add(i)
            continue
        if len(text.split()) > 5:
            break
    # everything from the first closing line ('Share this page', 'Was this page helpful?') of
    # the page's last few lines, after which no heading follows, is the page's foot ('Page last
    # reviewed' may close it too; near the top it only dates the page)
    closing = [i for i, text in enumerate(cleaned) if _CLOSING.match(text)]
    last_heading = max((j for j in range(len(lines)) if heading(j)), default=-1)
    filled = [j for j, text in enumerate(cleaned) if text]
    foot = set(filled[-FOOT_LINES:])
    first = next((c for c in closing if c > last_heading and c in foot
                  and not _DATED.match(cleaned[c])), None)
    if first is None and closing and closing[-1] > last_heading:
        first = closing[-1]
    if first is not None:
        drop.update(j for j in range(first, len(lines)) if cleaned[j])
    # a 'Related pages' label and the page titles listed under it, one a line
    for i, text in enumerate(cleaned):
        if _RELATED_LABEL.match(text) and not heading(i):
            drop.add(i)
            for j in range(i + 1, len(lines)):
                item = cleaned[j]
                if not item or heading(j) or item.endswith(_END) or len(item.split()) > 12:
                    break
                drop.add(j)
    for i in range(len(lines) - 1, -1, -1):  # the foot of the page
        text = cleaned[i]
        if i in drop or not text:
            continue
        if (linked(lines[i]) and len(text.split()) <= 8) or (
                _short(text) and _FOOTER.match(text.rstrip("."))) or (
                _FOOT_LABEL.match(text) and len(text.split()) <= 16):
            drop.add(i)
            continue
        break
    return drop


def without_furniture(
    lines: list[str], heading: Callable[[int], bool], linked: Callable[[str], bool],
) -> tuple[list[str], int]:
    """The lines with furniture blanked (so line numbers stay true), and how many there were."""
    drop = furniture_lines(lines, heading, linked)
    return [("" if i in drop else line) for i, line in enumerate(lines)], len(drop)


def furniture_notice(count: int) -> str:
    """What the reader is told when lines were dropped."""
    lines = "line" if count == 1 else "lines"
    return f"{count} {lines} of web-page furniture (cookie banner, menus, links) not read"
