"""Generate policy documents of a given page count (DOCX, and PDF through LibreOffice)."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

SECTIONS = [
    ("Aim", [
        "This procedure sets out how Northmoor Police responds to victims and witnesses of crime "
        "who have insecure or uncertain immigration status.",
        "Victims are treated as victims first and foremost, whatever their immigration status, "
        "and safeguarding always comes before any question of status.",
    ]),
    ("Scope", [
        "The procedure applies to all police officers, police staff, special constables and "
        "volunteers who may meet a victim or witness with insecure immigration status.",
        "It covers first contact, investigation, prosecution and the period after court.",
    ]),
    ("Legal framework", [
        "Officers must deliver every entitlement in the Code of Practice for Victims of Crime "
        "(the Victims' Code) to these victims in the same way as to any other victim.",
        "Any sharing of personal data with Immigration Enforcement is processing for a law "
        "enforcement purpose under Part 3 of the Data Protection Act 2018 and must be necessary "
        "and proportionate; the decision and its lawful basis are recorded on the crime report.",
    ]),
    ("Information sharing", [
        "Officers will not share a victim's details with Immigration Enforcement where the only "
        "concern is the victim's immigration status.",
        "Information is shared only where the victim is also suspected of a criminal offence, and "
        "then only with the authority of an inspector, who records the reasons.",
        "Victims are told at first contact whether, when and why their information may be shared.",
    ]),
    ("Referral pathways", [
        "Officers refer victims of domestic abuse to the Independent Domestic Violence Adviser "
        "service and, with consent, to Southall Black Sisters or the Latin American Women's "
        "Rights Service using the referral form in Appendix B.",
        "Potential victims of modern slavery are referred to the National Referral Mechanism; "
        "where an adult does not consent, the officer completes the MS1 duty to notify form.",
    ]),
    ("Training", [
        "All frontline officers complete the insecure immigration status briefing within three "
        "months of this procedure's publication, and the pathways are published on the intranet.",
        "The force engages migrant community groups every quarter through the Independent "
        "Advisory Group and community outreach sessions.",
    ]),
]

# Further paragraphs of an ordinary procedure, for full pages (a real policy page holds about
# 2,800-3,500 characters; the short pages above hold about 1,450).
PROCEDURE = [
    "Supervisors review every crime report that records a victim with insecure immigration "
    "status within 24 hours, and confirm that safeguarding actions were taken before any other "
    "enquiry was made.",
    "Where a victim does not speak English well enough to give an account, officers book a "
    "qualified interpreter through the force contract; family members, friends and children are "
    "never used to interpret.",
    "The officer in the case updates the victim at the intervals agreed in the needs assessment, "
    "and at least every 28 days, explaining what has happened and what will happen next.",
    "Records about a victim are kept on the crime system only; notes on pocket notebooks are "
    "transferred within one tour of duty and the originals are retained under the force's "
    "retention schedule.",
    "Requests from other agencies for information about a victim are passed to the Information "
    "Sharing team, which checks the lawful basis and the necessity of every disclosure and "
    "records its decision.",
    "Officers consider the victim's safety at each stage, including the risk of retaliation by "
    "an employer, landlord or partner who controls the victim's documents or income.",
    "Where the victim has children, officers make a referral to children's social care in line "
    "with the local safeguarding partnership's procedures and record the referral number.",
    "The force's Independent Advisory Group is consulted on changes to this procedure, and its "
    "comments are recorded with the force's response in the equality impact assessment.",
    "Performance is monitored quarterly by the Vulnerability Board, which receives the number of "
    "victims recorded, referrals made, and any information shared, with the reasons given.",
    "Complaints about the handling of a victim's information are dealt with under the force's "
    "complaints procedure, and the victim is told how to complain to the Independent Office for "
    "Police Conduct.",
    "Training records are held by the Learning and Development department, which reports "
    "completion rates to the Vulnerability Board each quarter.",
    "This procedure is reviewed every two years, or sooner if legislation, national guidance or "
    "the findings of an inspection require it.",
]
FULL_PAGE = 2450  # characters of body text per full page: about 2,800 with headings and furniture

FILLER = (
    "Officers record the victim's needs assessment on the crime record and review it at every "
    "contact; supervisors check that the record is complete and that the victim has been given "
    "the information leaflet in a language they understand. "
)


def build_docx(path: Path, pages: int, variant: int = 0, full: bool = False) -> Path:
    """Write a DOCX of about `pages` pages: numbered sections, a table, a page break per page.

    Pages are about half full, or with `full` about 2,800 characters, as in a real policy."""
    import docx

    document = docx.Document()
    document.add_heading("Victims and witnesses with insecure immigration status", 0)
    if variant:
        document.add_paragraph(f"Document reference PR-{variant:04}.")
    section = document.sections[0]
    if full:  # as a force policy is set: A4, 2 cm margins, 11 pt Arial, 6 pt after paragraphs
        from docx.shared import Cm, Pt

        section.page_width, section.page_height = Cm(21), Cm(29.7)
        for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
            setattr(section, side, Cm(2))
        normal = document.styles["Normal"]
        normal.font.name, normal.font.size = "Arial", Pt(11)
        normal.paragraph_format.space_after = Pt(6)
        normal.paragraph_format.line_spacing = 1.0
    section.header.paragraphs[0].text = "OFFICIAL - Northmoor Police procedure PR-114"
    section.footer.paragraphs[0].text = "Version 2.1 - review date March 2027"
    for page in range(pages):
        title, paragraphs = SECTIONS[page % len(SECTIONS)]
        document.add_heading(f"{page + 1}. {title}", 1)
        for number, text in enumerate(paragraphs, 1):
            document.add_paragraph(f"{page + 1}.{number} {text}")
        document.add_paragraph(FILLER * 4)
        used = sum(len(t) for t in paragraphs) + len(FILLER) * 4
        extra = page * 5
        while full and used < FULL_PAGE:
            text = PROCEDURE[extra % len(PROCEDURE)]
            document.add_paragraph(f"{page + 1}.{extra % 97 + 3} {text}")
            used += len(text)
            extra += 1
        if page % 5 == 4:
            table = document.add_table(rows=3, cols=2)
            for row, (a, b) in enumerate([
                ("Service", "How to refer"),
                ("Modern Slavery Helpline", "Telephone 08000 121 700, 24 hours"),
                ("Migrant Help", "Online referral form; interpreters available"),
            ]):
                table.cell(row, 0).text = a
                table.cell(row, 1).text = b
        if page < pages - 1:
            document.add_page_break()
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))
    return path


def to_pdf(docx_path: Path) -> Path:
    """Convert with LibreOffice into the same folder; a private profile avoids lock clashes."""
    soffice = shutil.which("soffice")
    if soffice is None:
        raise SystemExit("LibreOffice (soffice) is needed to make the PDFs: apt-get install "
                         "libreoffice-writer-nogui")
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to",
             "pdf", "--outdir", str(docx_path.parent), str(docx_path)],
            check=True, capture_output=True, timeout=300,
        )
    return docx_path.with_suffix(".pdf")


def ensure(folder: Path, pages: int, full: bool = False) -> tuple[Path, Path]:
    """The DOCX and PDF of `pages` pages in `folder`, built once and reused."""
    docx_path = folder / f"policy-{pages}p{'-full' if full else ''}.docx"
    if not docx_path.exists():
        build_docx(docx_path, pages, full=full)
    pdf_path = docx_path.with_suffix(".pdf")
    if not pdf_path.exists():
        to_pdf(docx_path)
    return docx_path, pdf_path


def ensure_batch(folder: Path, count: int) -> Path:
    """`count` distinct DOCX files of 1 to 10 pages (mixed sizes, as a real folder has)."""
    batch = folder / f"batch-{count}"
    if len(list(batch.glob("*.docx"))) != count:
        for i in range(count):
            target = batch / f"policy-{i:03}.docx"
            if not target.exists():
                build_docx(target, i % 10 + 1, variant=i + 1)
    return batch
