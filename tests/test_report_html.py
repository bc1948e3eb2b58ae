"""The HTML report: self-contained, every document string escaped, filters, print styles."""

from __future__ import annotations

import base64
import hashlib
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from lxml import html as lxml_html

from policycheck.model import RenderOptions
from policycheck.report.html import FILTER_SCRIPT, render
from report_fixture import FORCE_A, FORCE_B, RESULTS

CHROMIUM = shutil.which("chromium") or (
    "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None
)


@pytest.fixture(scope="module")
def page() -> str:
    return render(RESULTS, RenderOptions(tool_version="0.1.0"))


def test_only_our_script_exists_and_the_policy_allows_nothing_else(page: str) -> None:
    tree = lxml_html.fromstring(page)
    scripts = tree.xpath("//script")
    assert [s.text for s in scripts] == [FILTER_SCRIPT]
    digest = base64.b64encode(hashlib.sha256(FILTER_SCRIPT.encode()).digest()).decode()
    csp = tree.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")[0]
    assert "default-src 'none'" in csp and f"'sha256-{digest}'" in csp


def test_no_network_resources_at_all(page: str) -> None:
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:|//)""", page)
    assert "@import" not in page and "url(" not in page


def test_hostile_document_text_is_shown_as_text(page: str) -> None:
    tree = lxml_html.fromstring(page)
    text = tree.text_content()
    assert "<script>document.title='pwned';alert(1)</script>" in text
    assert "[bold]not bold[/bold]" in text and "{0}{name}%s" in text
    assert "\x1b" not in page and "\x07" not in page and "\x00" not in page


def test_evidence_is_shown_in_its_block_with_matches_marked() -> None:
    tree = lxml_html.fromstring(render([FORCE_A], RenderOptions()))
    quote = tree.xpath("//tr[contains(@class,'finding')][.//code='REC4-VICTIMS-CODE']"
                       "//blockquote")[0]
    assert [m.text for m in quote.xpath(".//mark")] == ["deliver every entitlement",
                                                        "Victims’ Code"]
    assert quote.xpath(".//span[@class='ctx']")[0].text == "Victims come first. "
    assert quote.text_content().startswith("Victims come first. Officers will deliver")


def test_summary_matrix_has_a_row_per_document_and_a_legend(page: str) -> None:
    tree = lxml_html.fromstring(page)
    rows = tree.xpath("//table[@class='matrix']/tbody/tr")
    assert [r.xpath("string(th)") for r in rows] == [r.display_path for r in RESULTS]
    assert rows[0].xpath("td[@title='REC4-DATA-PROTECTION: partial']/@class") == [
        "cell s-partial"]
    assert "error: file is corrupt" in rows[3].text_content()
    legend = [li.text_content().split(None, 1)[1] for li in tree.xpath("//ul[@class='legend']/li")]
    assert legend == ["met", "partial", "missing", "not assessable", "waived"]


def test_status_filters_and_a_print_stylesheet(page: str) -> None:
    tree = lxml_html.fromstring(page)
    boxes = tree.xpath("//form[@class='filters']//input[@type='checkbox']/@data-status")
    assert boxes == ["met", "partial", "missing", "not-assessable", "waived"]
    assert "body.hide-missing tr.s-missing { display:none; }" in page
    print_css = page.split("@media print", 1)[1]
    assert ".filters, .js .filters { display:none; }" in print_css
    # Status reads without colour: each row carries its mark and its word.
    badge = tree.xpath("//tr[contains(@class,'s-missing')]//span[@class='badge']")[0]
    assert badge.text == "✘ missing"


def test_gaps_carry_guidance_and_quiet_hides_met_rows() -> None:
    quiet = lxml_html.fromstring(render([FORCE_A, FORCE_B], RenderOptions(quiet=True)))
    statuses = {c.split()[1] for c in quiet.xpath("//tr[contains(@class,'finding')]/@class")}
    assert statuses == {"s-missing", "s-partial"}
    assert "What to add: Commit to telling victims" in quiet.text_content()


@pytest.mark.slow
@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")
def test_real_browser_renders_it_without_running_injected_script(
    page: str, tmp_path: Path,
) -> None:
    report = tmp_path / "report.html"
    report.write_text(page, encoding="utf-8")
    base = [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu",
            "--disable-background-networking", "--no-first-run",
            f"--user-data-dir={tmp_path / 'profile'}"]
    run = subprocess.run([*base, "--enable-logging=stderr", "--v=0", "--dump-dom",
                          report.as_uri()], capture_output=True, text=True, timeout=120,
                         check=True)
    # Script errors and blocked loads (CSP) are logged as console messages.
    assert [line for line in run.stderr.splitlines() if ":CONSOLE" in line] == []
    dom = run.stdout
    tree = lxml_html.fromstring(dom)
    assert tree.findtext(".//title") == "policycheck report"  # the injected script did not run
    assert "js" in tree.get("class", "")  # our hash-allowed filter script did run
    assert "<script>document.title='pwned';alert(1)</script>" in tree.text_content()
    shot = tmp_path / "shot.png"
    subprocess.run([*base, f"--screenshot={shot}", "--window-size=1200,900", report.as_uri()],
                   capture_output=True, timeout=120, check=True)
    from PIL import Image

    with Image.open(shot) as image:
        colours = image.convert("RGB").getcolors(maxcolors=1_000_000)
    assert colours is not None and len(colours) > 10, "the screenshot is blank"


@pytest.mark.slow
@pytest.mark.skipif(CHROMIUM is None or shutil.which("pdftotext") is None,
                    reason="chromium or pdftotext is not installed")
def test_printed_report_has_no_filters_and_spells_out_each_status(
    page: str, tmp_path: Path,
) -> None:
    report = tmp_path / "report.html"
    report.write_text(page, encoding="utf-8")
    pdf = tmp_path / "report.pdf"
    subprocess.run(
        [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--disable-background-networking", f"--user-data-dir={tmp_path / 'profile'}",
         "--no-pdf-header-footer", f"--print-to-pdf={pdf}", report.as_uri()],
        capture_output=True, timeout=120, check=True,
    )
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "Show:" not in text
    assert "✘ missing" in text and "◐ partial" in text and "✔ met" in text


def test_quiet_matrix_still_lists_every_document_but_links_only_shown_sections() -> None:
    tree = lxml_html.fromstring(render(RESULTS, RenderOptions(quiet=True)))
    rows = tree.xpath("//table[@class='matrix']/tbody/tr")
    assert len(rows) == len(RESULTS)
    links = [r.xpath("th/a/@href") for r in rows]
    assert links == [["#doc-1"], ["#doc-2"], [], ["#doc-4"]]  # scanned.pdf has no gaps
    assert {s.get("id") for s in tree.xpath("//section[@class='document']")} == {
        "doc-1", "doc-2", "doc-4"}
