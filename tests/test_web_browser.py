"""The web page end to end in headless Chromium (Selenium, the system chromedriver), against a
real `policycheck serve` process with the real engine: upload, progress, report, downloads."""

from __future__ import annotations

import csv
import os
import re
import select
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("starlette", reason="the web extra is not installed")
pytest.importorskip("uvicorn", reason="the web extra is not installed")

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
WORD = SAMPLES / "ashworth-vale-victims-witnesses-procedure.docx"
PDF = SAMPLES / "glenrowan-progress-letter.pdf"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
# Set to refresh the screenshot in docs/ that the README shows.
UPDATE_SCREENSHOT = os.environ.get("POLICYCHECK_UPDATE_SCREENSHOTS") == "1"

needs_browser = pytest.mark.skipif(
    CHROMIUM is None or CHROMEDRIVER is None,
    reason="chromium and chromedriver are not installed (Debian: chromium chromium-driver)",
)


@dataclass
class Served:
    process: subprocess.Popen[str]
    url: str
    tmp: Path  # the server's TMPDIR: its private folder is made here

    @property
    def base(self) -> str:
        return self.url.split("/?", 1)[0]


def start_server(tmp: Path, *args: str) -> Served:
    """`policycheck serve --port 0` in its own process; its first line gives the address."""
    tmp.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "TMPDIR": str(tmp),
           "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")])}
    process = subprocess.Popen(
        [sys.executable, "-m", "policycheck", "serve", "--port", "0", *args], env=env,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
    )
    assert process.stdout is not None
    ready, _, _ = select.select([process.stdout], [], [], 60)
    line = process.stdout.readline() if ready else ""
    match = re.search(r"http://127\.0\.0\.1:\d+/\?token=[\w-]+", line)
    if match is None:
        process.kill()
        raise AssertionError(f"no address from serve: {line!r} {process.stderr.read()!r}")
    return Served(process, match.group(0), tmp)


def private_folders(tmp: Path) -> list[Path]:
    return list(tmp.glob("policycheck-web-*"))


@dataclass
class Run:
    """The page after a check of two samples and one broken file."""

    served: Served
    driver: Any
    downloads: Path
    screenshot: Path


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Run]:
    if CHROMIUM is None or CHROMEDRIVER is None:
        pytest.skip("chromium and chromedriver are not installed")
    pytest.importorskip("selenium", reason="selenium is not installed")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.ui import WebDriverWait

    tmp = tmp_path_factory.mktemp("web")
    broken = tmp / "inputs" / "broken-draft.docx"
    broken.parent.mkdir()
    broken.write_bytes(b"PK\x03\x04 this is not a Word document")
    downloads = tmp / "downloads"
    downloads.mkdir()
    served = start_server(tmp / "server-tmp")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1280,1800", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", f"--user-data-dir={tmp / 'profile'}"):
        options.add_argument(arg)
    options.add_experimental_option("prefs", {
        "download.default_directory": str(downloads), "download.prompt_for_download": False})
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    try:
        driver.execute_cdp_cmd("Page.setDownloadBehavior",
                               {"behavior": "allow", "downloadPath": str(downloads)})
        driver.get(served.url)
        driver.save_screenshot(str(tmp / "form.png"))
        driver.find_element(By.ID, "files").send_keys("\n".join(map(str, (WORD, PDF, broken))))
        assert driver.find_element(By.ID, "chosen").text.startswith("3 documents chosen")
        driver.find_element(By.ID, "start").click()
        WebDriverWait(driver, 120).until(
            expected_conditions.visibility_of_element_located((By.ID, "results")))
        WebDriverWait(driver, 30).until(
            lambda d: d.execute_script(
                "const f = document.getElementById('report');"
                "return !!(f.contentDocument && f.contentDocument.querySelector('table.matrix'));"))
        screenshot = tmp / "web-page.png"
        driver.save_screenshot(str(screenshot))
        if UPDATE_SCREENSHOT:
            shutil.copyfile(screenshot, ROOT / "docs" / "web-page.png")
        yield Run(served, driver, downloads, screenshot)
    finally:
        driver.quit()
        served.process.send_signal(signal.SIGINT)
        served.process.wait(30)


def rows(run: Run) -> dict[str, str]:
    from selenium.webdriver.common.by import By

    table = run.driver.find_element(By.ID, "documents")
    out = {}
    for row in table.find_elements(By.CSS_SELECTOR, "tbody tr"):
        status = row.find_elements(By.TAG_NAME, "td")[-1].text
        out[row.find_element(By.TAG_NAME, "th").text] = status
    return out


@needs_browser
def test_each_document_shows_its_outcome_and_the_broken_one_its_reason(run: Run) -> None:
    status = rows(run)
    assert set(status) == {WORD.name, PDF.name, "broken-draft.docx"}
    assert status[WORD.name].startswith("checked: ") and " met" in status[WORD.name]
    assert status[PDF.name].startswith("checked: ")
    assert status["broken-draft.docx"] == (
        "could not be read: is a damaged zip package (File is not a zip file)")
    from selenium.webdriver.common.by import By

    assert run.driver.find_element(By.ID, "overall-text").text == "Checked 3 of 3 documents."
    verdict = run.driver.find_element(By.ID, "verdict").text
    assert verdict.endswith("1 could not be checked.")


@needs_browser
def test_the_page_shows_the_reports_matrix_and_evidence(run: Run) -> None:
    from selenium.webdriver.common.by import By

    driver = run.driver
    driver.switch_to.frame(driver.find_element(By.ID, "report"))
    try:
        matrix = driver.find_elements(By.CSS_SELECTOR, "table.matrix tbody tr")
        names = [r.find_element(By.TAG_NAME, "th").text for r in matrix]
        assert names == sorted([WORD.name, PDF.name, "broken-draft.docx"])
        columns = driver.find_elements(By.CSS_SELECTOR, "table.matrix thead th.crit")
        assert [c.text for c in columns][:2] == ["REC1-NO-SHARE-ON-DOUBT", "REC1-THIRD-PARTY"]
        broken = matrix[names.index("broken-draft.docx")]
        assert broken.find_element(By.CSS_SELECTOR, "td.error").text == (
            "error: is a damaged zip package (File is not a zip file)")
        assert driver.find_elements(By.CSS_SELECTOR, "blockquote.evidence")  # quoted evidence
    finally:
        driver.switch_to.default_content()


@needs_browser
def test_no_script_error_and_nothing_blocked_or_fetched_from_elsewhere(run: Run) -> None:
    messages = [e["message"] for e in run.driver.get_log("browser") if e["level"] == "SEVERE"]
    assert messages == []
    resources = run.driver.execute_script(
        "return performance.getEntriesByType('resource').map(e => e.name);")
    assert resources and all(r.startswith(run.served.base) for r in resources)


def _download(run: Run, element_id: str | None = None, css: str | None = None) -> Path:
    from selenium.webdriver.common.by import By

    before = set(run.downloads.iterdir())
    link = (run.driver.find_element(By.ID, element_id) if element_id
            else run.driver.find_element(By.CSS_SELECTOR, css or ""))
    link.click()
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        new = [p for p in set(run.downloads.iterdir()) - before
               if not p.name.endswith(".crdownload") and p.stat().st_size]
        if new:
            return new[0]
        time.sleep(0.1)
    raise AssertionError(f"nothing downloaded from {element_id or css}")


@needs_browser
def test_every_download_opens(run: Run) -> None:
    from docx import Document
    from lxml import html

    report = _download(run, "download-html")
    assert report.name == "policycheck-report.html"
    tree = html.parse(str(report)).getroot()
    assert len(tree.xpath("//table[@class='matrix']/tbody/tr")) == 3

    matrix = _download(run, "download-csv")
    with matrix.open(newline="", encoding="utf-8") as fh:
        table = list(csv.DictReader(fh))
    assert [r["path"] for r in table] == sorted([WORD.name, PDF.name, "broken-draft.docx"])
    errors = {r["path"]: r["error"] for r in table}
    assert errors["broken-draft.docx"] == "is a damaged zip package (File is not a zip file)"
    assert errors[WORD.name] == "" and table[0]["REC1-NO-SHARE-ON-DOUBT"] in ("met", "missing",
                                                                               "partial")

    feedback = Document(str(_download(run, "download-docx")))
    headings = [p.text for p in feedback.paragraphs if p.style.name.startswith("Heading 1")]
    assert headings == sorted([WORD.name, PDF.name, "broken-draft.docx"])

    annotated = _download(run, css="#annotated-list a")
    assert annotated.name == "ashworth-vale-victims-witnesses-procedure.reviewed.docx"
    ours = [c.text for c in Document(str(annotated)).comments if c.author == "policycheck"]
    assert any(text.startswith("policycheck (rec1, rec4, rec5)") for text in ours)
    assert any(" met here: " in text for text in ours)


@needs_browser
def test_a_screenshot_of_the_results(run: Run) -> None:
    from PIL import Image

    with Image.open(run.screenshot) as image:
        assert image.size[0] >= 1200
        colours = image.convert("RGB").getcolors(maxcolors=1_000_000)
    assert colours is not None and len(colours) > 50, "the screenshot is blank"


@pytest.mark.slow
@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM, signal.SIGHUP],
                         ids=["ctrl-c", "sigterm", "window-closed"])
def test_stopping_the_server_deletes_the_uploads(tmp_path: Path, sig: signal.Signals) -> None:
    served = start_server(tmp_path / "tmp")
    token = served.url.rsplit("=", 1)[1]
    headers = {"X-Policycheck-Token": token, "Content-Type": "application/json"}
    request = urllib.request.Request(f"{served.base}/api/jobs", method="POST", headers=headers,
                                     data=b'{"rules": ["rec5"], "fail_on": "required"}')
    with urllib.request.urlopen(request, timeout=30) as answer:
        job = __import__("json").load(answer)["id"]
    upload = urllib.request.Request(f"{served.base}/api/jobs/{job}/files", method="PUT",
                                    headers={**headers, "X-Filename": PDF.name},
                                    data=PDF.read_bytes())
    urllib.request.urlopen(upload, timeout=30).close()
    assert [p.name for p in private_folders(served.tmp)[0].rglob("*.pdf")] == [PDF.name]
    served.process.send_signal(sig)
    out, err = served.process.communicate(timeout=30)
    assert served.process.returncode == 0, err
    assert out.strip().endswith("policycheck: stopped; uploaded documents deleted")
    assert "Traceback" not in err
    assert private_folders(served.tmp) == []


@pytest.mark.slow
def test_a_busy_port_is_one_line_that_suggests_another(tmp_path: Path) -> None:
    served = start_server(tmp_path / "tmp")
    port = int(served.base.rsplit(":", 1)[1])
    try:
        second = subprocess.run(
            [sys.executable, "-m", "policycheck", "serve", "--port", str(port)],
            capture_output=True, text=True, timeout=60,
            env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
        )
    finally:
        served.process.send_signal(signal.SIGINT)
        served.process.wait(30)
    assert second.returncode == 2
    assert second.stderr == (
        f"policycheck: error: port {port} is already in use (is 'policycheck serve' running "
        f"already?); choose another with --port, e.g. --port {port + 1}\n")
