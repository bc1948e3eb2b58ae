"""A web page saved as text or Markdown: its furniture is not read, its own text all is."""

from __future__ import annotations

from pathlib import Path

import pytest

from policycheck.extract import ExtractOptions
from policycheck.extract.furniture import is_furniture
from policycheck.extract.markdown import extract_markdown
from policycheck.extract.text import extract_text

PAGE_TEXT = """Skip to main content
We use necessary cookies to make our site work. Accept all cookies  Reject additional cookies
Report a crime
Advice and support
Contact us
Home > Advice > Immigration status

REPORTING A CRIME IF YOU ARE WORRIED ABOUT YOUR STATUS

You can report a crime to us safely, with a partner organisation if you prefer.

  * Southall Black Sisters
  * 020 8571 9595

Was this page helpful?
Yes No
Share this page: Facebook | X | Email
Accessibility | Privacy | Cookies | Modern slavery statement
(c) Anyshire Police 2024
"""

PAGE_MD = """Skip to main content
We use cookies to make this site work. [Accept all cookies](/a) [Reject](/r)
- [Report a crime](/report)
- [Information sharing](/sharing)

[Home](/) > [Advice](/advice) > Immigration

# Reporting a crime if you are worried about your immigration status

You can report safely.

| Service | How to contact |
|---|---|
| Rights of Women | Advice line |

## Related pages

- [Support for victims](/victims)
- [Our privacy notice and how we share data](/privacy)

[Accessibility](/a) | [Privacy](/p) | [Cookies](/c)
© Harrowgate Police 2024
"""


def texts(doc: object) -> list[str]:
    return [b.text for b in doc.blocks]  # type: ignore[attr-defined]


def test_a_page_saved_as_text_keeps_its_own_words_only(tmp_path: Path) -> None:
    path = tmp_path / "page.txt"
    path.write_text(PAGE_TEXT, encoding="utf-8")
    doc = extract_text(path, ExtractOptions())
    assert texts(doc) == [
        "REPORTING A CRIME IF YOU ARE WORRIED ABOUT YOUR STATUS",
        "You can report a crime to us safely, with a partner organisation if you prefer.",
        "Southall Black Sisters", "020 8571 9595",
    ]
    assert doc.notices == ("11 lines of web-page furniture (cookie banner, menus, links) not read",)
    assert doc.blocks[1].location.line == 10  # line numbers stay those of the file


def test_a_page_saved_as_markdown_keeps_its_tables_and_own_words(tmp_path: Path) -> None:
    path = tmp_path / "page.md"
    path.write_text(PAGE_MD, encoding="utf-8")
    doc = extract_markdown(path, ExtractOptions())
    assert texts(doc) == [
        "Reporting a crime if you are worried about your immigration status",
        "You can report safely.", "Service", "How to contact", "Rights of Women", "Advice line",
        "Related pages",
    ]
    assert doc.title == "Reporting a crime if you are worried about your immigration status"


def test_short_lines_are_kept_in_a_file_that_is_no_captured_page(tmp_path: Path) -> None:
    path = tmp_path / "policy.txt"
    path.write_text("Direction 4\n\nDo not call the NCCU\nRefer to Rights of Women\n\n"
                    "Contacts\nRights of Women\n020 7490 7689\n", encoding="utf-8")
    doc = extract_text(path, ExtractOptions())
    assert doc.notices == ()
    assert " ".join(texts(doc)) == (
        "Direction 4 Do not call the NCCU Refer to Rights of Women Contacts Rights of Women "
        "020 7490 7689")


@pytest.mark.parametrize("line", [
    "We use cookies to improve your experience. Accept | Reject",
    "Skip to content", "Back to top", "Was this page helpful?", "Share on Facebook",
    "Home > Victims > Report", "© 2024 Anyshire Police. All rights reserved.",
    "Accessibility | Privacy notice | Cookies | Terms", "Facebook X LinkedIn Email",
    "Domestic abuse victims: the police will not pass your details to the Home Office. Read more",
    "Page owner: Public Protection Unit – Vulnerability Desk | Last reviewed 09/03/2022",
])
def test_furniture_lines(line: str) -> None:
    assert is_furniture(line)


@pytest.mark.parametrize("line", [
    "Officers must not share a victim's details with the Home Office on doubt alone.",
    "| Service | Phone | Email |",
    "Refer the victim to Southall Black Sisters | 020 8571 9595 | advice line",
    "Home Office Immigration Enforcement",
    "Cookies is not a word this policy uses about sharing.",
])
def test_policy_lines_are_not_furniture(line: str) -> None:
    assert not is_furniture(line)


FOOTED_PAGE = """Skip to main content
Anyshire Police
Victims and witnesses | Reporting a crime safely if you are worried about your status | Support
# Reporting safely

We will not pass your details to the Home Office just because you report a crime.

Page last updated: 3 April 2024
Was this page helpful? Yes | No
All our officers are trained to treat every victim with respect.
Anyshire Police is committed to equality and welcomes contact from everyone.
Related pages: Our inspection reports and our responses | Victim Care | Minutes
"""


def test_what_follows_a_feedback_prompt_is_the_footer_and_a_title_menu_is_the_header(
        tmp_path: Path) -> None:
    path = tmp_path / "page.md"
    path.write_text(FOOTED_PAGE, encoding="utf-8")
    doc = extract_markdown(path, ExtractOptions())
    assert texts(doc) == [
        "Reporting safely",
        "We will not pass your details to the Home Office just because you report a crime.",
    ]


def test_a_feedback_prompt_mid_page_does_not_end_the_page(tmp_path: Path) -> None:
    path = tmp_path / "page.md"
    path.write_text("Skip to main content\n# One\n\nFirst part.\n\nWas this page helpful?\n\n"
                    "# Two\n\nOfficers must refer the victim to Rights of Women.\n",
                    encoding="utf-8")
    doc = extract_markdown(path, ExtractOptions())
    assert texts(doc)[-1] == "Officers must refer the victim to Rights of Women."


def test_a_related_pages_row_is_furniture() -> None:
    assert is_furniture("Related pages: HMICFRS inspection reports and our responses | Minutes")


def test_a_call_to_action_box_on_a_captured_page_is_furniture(tmp_path: Path) -> None:
    page = ("Skip to main content\n# Reporting safely\n\n"
            "We will not pass your details to the Home Office just because you report a crime.\n\n"
            "Need help now? In an emergency call 999. To report a crime, call 101 or online.\n")
    path = tmp_path / "page.md"
    path.write_text(page, encoding="utf-8")
    assert texts(extract_markdown(path, ExtractOptions()))[-1].startswith("We will not pass")
    # in a document that is not a captured page, the same line is the document's own
    path.write_text(page.replace("Skip to main content\n", ""), encoding="utf-8")
    assert texts(extract_markdown(path, ExtractOptions()))[-1].startswith("Need help now?")


def test_an_intranet_articles_footer_is_furniture(tmp_path: Path) -> None:
    page = ("NEW GUIDANCE GOES LIVE\n\n"
            "Officers must not pass a victim's details to Immigration Enforcement on doubt "
            "alone.\n\n"
            "Questions? Contact the Public Protection Unit on ext. 4418.\n\n"
            "Posted in: Operational, Public Protection | Tags: victims, immigration\n"
            "Like (47) | Comments (6) | Share\n"
            "Related: Third-party reporting for migrant victims - project update (coming soon)\n"
            "OFFICIAL | Anyshire Constabulary Intranet | Accessibility | Report a problem with "
            "this page\n")
    path = tmp_path / "news.txt"
    path.write_text(page, encoding="utf-8")
    assert texts(extract_text(path, ExtractOptions()))[-1] == (
        "Questions? Contact the Public Protection Unit on ext. 4418.")


@pytest.mark.parametrize("line", [
    "Related: Third-party reporting for migrant victims (coming soon)",
    "Posted in: Operational | Tags: victims",
])
def test_a_foot_label_in_a_document_that_is_no_captured_page_is_kept(
        tmp_path: Path, line: str) -> None:
    path = tmp_path / "note.txt"
    path.write_text(f"Officers must refer the victim to Rights of Women.\n\n{line}\n",
                    encoding="utf-8")
    assert texts(extract_text(path, ExtractOptions()))[-1] == line


def read_page(tmp_path: Path, page: str) -> list[str]:
    """The blocks read from a page captured as Markdown."""
    path = tmp_path / "page.md"
    path.write_text(page, encoding="utf-8")
    return texts(extract_markdown(path, ExtractOptions()))


@pytest.mark.parametrize(("site", "banner", "title"), [
    # a long support banner between the site's name and the page title
    ("Office of the Police and Crime Commissioner for Anyshire",
     "Need support now? Victims of any crime can contact Anyshire Victim Care free on "
     "0808 196 0640, whether or not you have reported the crime to the police.",
     "The Commissioner's response"),
    # a teaser that ends in an arrow, linking to another page
    ("Police and Crime Commissioner for Anyshire",
     "Worried about reporting a crime because of your immigration status? Find out how to "
     "report safely \u2192",
     "Commissioner welcomes new procedure"),
])
def test_a_banner_above_a_captured_pages_title_is_furniture(
        tmp_path: Path, site: str, banner: str, title: str) -> None:
    page = (f"Skip to main content\n{site}\n{banner}\n\n# {title}\n\n"
            "I fund an independent advice service.\n")
    read = read_page(tmp_path, page)
    assert not any(t.startswith(banner[:20]) for t in read)
    assert "I fund an independent advice service." in read


def test_related_page_titles_listed_under_a_label_are_furniture(tmp_path: Path) -> None:
    page = ("Skip to main content\n# Reporting a crime\n\nWe want to hear from you.\n\n"
            "Related pages\nDomestic abuse: get help and report\n"
            "Victims' Code: your rights as a victim of crime\n"
            "Third-party reporting: report through a support organisation\n"
            "Was this page helpful? Yes | No\n")
    assert read_page(tmp_path, page)[-1] == "We want to hear from you."


def test_a_banner_link_above_the_title_is_furniture_and_the_sites_name_is_not(
        tmp_path: Path) -> None:
    page = ("Skip to main content\nAnyshire Police | Report | Contact us\n"
            "Report it safely: help if you are worried about your immigration status\n"
            "Home > About us > Publications\n\n# Our response\n\nWe have published a procedure.\n")
    read = read_page(tmp_path, page)
    assert not any(t.startswith("Report it safely") for t in read)
    named = page.replace("Report it safely: help if you are worried about your immigration "
                         "status", "Office of the Police and Crime Commissioner for Anyshire")
    assert "Office of the Police and Crime Commissioner for Anyshire" in read_page(tmp_path, named)


def test_a_footer_row_with_the_sites_address_is_furniture() -> None:
    assert is_furniture("Anyshire Constabulary, Police Headquarters, Castle Road, Anyshire AN1 4PX"
                        " | Accessibility | Privacy notice | Cookies | Freedom of information")
    assert not is_furniture("Call 101 | Accessibility | Officers must tell the victim what will "
                            "be shared and why.")


def test_the_foot_starts_at_the_first_closing_line_not_the_last(tmp_path: Path) -> None:
    page = ("Skip to main content\n# Report a crime\n\nPage last updated: 3 March 2025\n\n"
            "We want to hear from you.\n\nWas this page helpful? Yes | No\n"
            "Meet your neighbourhood team - drop-in sessions with migrant community groups are "
            "held every month. Find an event near you\n"
            "Related pages: Domestic abuse | Modern slavery\n© Anyshire Police 2025\n"
            "Page last reviewed: 3 August 2022\n")
    read = read_page(tmp_path, page)
    assert read[-1] == "We want to hear from you."  # a date line near the top cuts nothing
