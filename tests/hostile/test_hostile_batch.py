"""Every hostile or broken file in ONE real `policycheck check` batch beside a good policy."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import hostile_files as h
import pytest
from lxml import etree

from machine_fixture import schemas_dir

SRC = Path(__file__).resolve().parents[2] / "src"
CORPUS_PDF = next(
    (f.parent / "shared" / "corpus" / "pdf" for f in Path(__file__).resolve().parents
     if (f.parent / "shared" / "corpus" / "pdf").is_dir()),
    Path("shared/corpus/pdf"),
)
MB, GB = 1024**2, 1024**3
NON_UTF8 = b"caf\xe9-policy.txt"  # a Latin-1 file name: not valid UTF-8

# case file name -> (builder, what the one-line error must say; None: checked, no error)
CASES: dict[str, tuple[h.Builder, str | None]] = {
    "bomb-ratio.docx": (h.docx_bomb_ratio, "over the 200:1 limit (max_compression_ratio)"),
    "bomb-declared.docx": (h.docx_declares_huge, "over the 32 MB limit (max_member_bytes)"),
    "bomb-total.docx": (h.docx_declares_total, "over the 1024 MB limit (max_total_bytes)"),
    "bomb-lying.docx": (h.docx_bomb_lying, "member word/document.xml cannot be read"),
    "many-members.docx": (h.docx_many_members, "over the limit of 5000 (max_zip_members)"),
    "nested-zip.docx": (h.docx_nested_zip, "is a zip archive, not a document"),
    "bomb.odt": (h.odt_bomb, "over the 200:1 limit (max_compression_ratio)"),
    "laughs.docx": (h.docx_laughs, "declares a DTD, which this format never uses"),
    "xxe.docx": (h.docx_xxe, "declares a DTD, which this format never uses"),
    "laughs.odt": (h.odt_laughs, "declares a DTD, which this format never uses"),
    "xxe.odt": (h.odt_xxe, "declares a DTD, which this format never uses"),
    "laughs.html": (h.html_laughs, None),
    "xxe.html": (h.html_xxe, None),
    "deep-divs.html": (h.html_deep, None),
    "deep-tables.html": (h.html_deep_tables, "nested more than 16 deep (max_table_depth)"),
    "deep.docx": (h.docx_deep, "word/document.xml nests elements more than 256 deep"),
    "deep-tables.docx": (h.docx_deep_tables, "nested more than 16 deep (max_table_depth)"),
    "long-line.txt": (h.long_line, "over the limit of 1,000,000 (max_block_chars)"),
    "sparse-3gb.txt": (lambda p: h.sparse(p, 3 * GB), "over the 512 MB limit (max_file_bytes)"),
    "sparse-30mb.txt": (lambda p: h.sparse(p, 30 * MB), "over the 20 MB limit (max_text_bytes)"),
    "many-pages.pdf": (lambda p: h.pdf_pages(p, 2500), "over the limit of 2000 (max_pdf_pages)"),
    "giant-page.pdf": (h.pdf_giant_page, "over the page-area limit (max_page_area)"),
    "truncated.pdf": (h.pdf_truncated, "not a readable PDF"),
    "garbage-xref.pdf": (h.pdf_garbage_xref, "not a readable PDF"),
    "image-only.pdf": (h.pdf_image_only, None),
    "zero.txt": (lambda p: (p.write_bytes(b""), p)[1], "is empty (0 bytes)"),
    "truncated.docx": (lambda p: (p.write_bytes(b"PK\x03\x04\x14\x00"), p)[1], "damaged zip"),
    "text-named.pdf": (lambda p: (p.write_text(h.GOOD_POLICY), p)[1], "holds plain text, not PDF"),
    "pdf-named.docx": (h.text_pdf, None),
    "fifo.txt": (h.special_fifo, "is not a regular file (a pipe, socket or device)"),
    "dangling.txt": (h.dangling, "is a broken symbolic link"),
    "loop-a.txt": (h.symlink_loop, "is a symbolic link loop"),
    "cp1252.txt": (lambda p: (p.write_bytes(h.GOOD_POLICY.replace("first", "first \u2013 café")
                                            .encode("cp1252")), p)[1], None),
    "utf16.txt": (lambda p: (p.write_bytes(h.GOOD_POLICY.encode("utf-16")), p)[1], None),
    "invalid-utf8.txt": (lambda p: (p.write_bytes(h.GOOD_POLICY.encode() + b"\xff\xfe\x80 x"),
                                    p)[1], None),
}


@dataclass(frozen=True)
class Run:
    """One finished batch: exit code, stderr lines, outputs by name, documents by path."""

    code: int
    stderr: list[str]
    outputs: dict[str, bytes]
    documents: dict[str, dict[str, object]]


def _build(folder: Path) -> None:
    cases = folder / "cases"
    cases.mkdir()
    (cases / "good.txt").write_text(h.GOOD_POLICY, encoding="utf-8")
    for name, (builder, _) in CASES.items():
        builder(cases / name)
    with open(os.path.join(os.fsencode(cases), NON_UTF8), "wb") as fh:
        fh.write(h.GOOD_POLICY.encode())
    locked = CORPUS_PDF / "password-example.pdf"
    if locked.is_file():
        shutil.copy(locked, cases / "locked.pdf")


def check(folder: Path, *args: str, timeout: float = 240) -> subprocess.CompletedProcess[bytes]:
    """Run the real CLI in a fresh interpreter, in `folder`."""
    env = {**os.environ, "PYTHONPATH": str(SRC), "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-m", "policycheck", "check", *args], cwd=folder, env=env,
        capture_output=True, timeout=timeout, check=False,
    )


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> Run:
    """The whole hostile folder checked in one batch, every output format written."""
    folder = tmp_path_factory.mktemp("hostile")
    _build(folder)
    done = check(folder, "cases", "--isolated", "--no-cache", "--jobs", "2",
                 "--output-json", "out/r.json", "--output-sarif", "out/r.sarif",
                 "--output-junit", "out/r.xml", "-o", "out/r.txt")
    outputs = {p.name: p.read_bytes() for p in (folder / "out").iterdir()}
    report = json.loads(outputs["r.json"])
    return Run(
        code=done.returncode, stderr=done.stderr.decode("utf-8").splitlines(),
        outputs=outputs, documents={d["path"]: d for d in report["documents"]},
    )


def test_the_batch_exits_2_and_checks_the_good_policy(run: Run) -> None:
    assert run.code == 2
    good = run.documents["cases/good.txt"]
    assert good["error"] is None
    assert good["results"], "the good policy was checked and reported"
    assert "cases/good.txt" in run.outputs["r.txt"].decode()


@pytest.mark.parametrize("name", [n for n, (_, why) in CASES.items() if why])
def test_each_broken_file_is_one_error_line_naming_file_and_reason(run: Run, name: str) -> None:
    reason = CASES[name][1]
    assert reason is not None
    lines = [ln for ln in run.stderr if ln.startswith(f"policycheck: cases/{name}: ")]
    assert len(lines) == 1, run.stderr
    assert reason in lines[0]
    assert run.documents[f"cases/{name}"]["error"] == lines[0].split(": ", 2)[2]
    sarif = run.outputs["r.sarif"].decode()
    junit = run.outputs["r.xml"].decode()
    assert f"cases/{name}" in sarif and f"cases/{name}" in junit


@pytest.mark.parametrize("name", [n for n, (_, why) in CASES.items() if why is None])
def test_odd_but_readable_files_are_checked(run: Run, name: str) -> None:
    document = run.documents[f"cases/{name}"]
    assert document["error"] is None
    assert not any(f"cases/{name}:" in line for line in run.stderr)


def test_image_only_pdf_is_not_assessable_not_an_error(run: Run) -> None:
    document = run.documents["cases/image-only.pdf"]
    assert document["error"] is None
    assert any("no text layer" in str(n) for n in document["notices"])  # type: ignore[attr-defined]


def test_encrypted_pdf_without_password_is_refused(run: Run) -> None:
    if "cases/locked.pdf" not in run.documents:
        pytest.skip("password-example.pdf is not in the shared corpus")
    assert run.documents["cases/locked.pdf"]["error"] == "password-protected; use --password"


def test_non_utf8_file_name_is_checked_and_shown_printably(run: Run) -> None:
    shown = "cases/caf\ufffd-policy.txt"
    assert run.documents[shown]["error"] is None
    for name in ("r.txt", "r.sarif", "r.xml", "r.json"):
        run.outputs[name].decode("utf-8")  # every output is still valid UTF-8


def test_symlink_loop_and_fifo_did_not_hang_and_both_loop_ends_are_reported(run: Run) -> None:
    assert "is a symbolic link loop" in str(run.documents["cases/loop-b.txt"]["error"])
    assert "not a regular file" in str(run.documents["cases/fifo.txt"]["error"])


def test_no_entity_is_ever_expanded_into_an_output(run: Run) -> None:
    passwd = Path("/etc/passwd").read_text(encoding="utf-8", errors="replace").splitlines()
    secret = next((line for line in passwd if line.startswith("root:")), "root:x:0:0")
    for name, data in run.outputs.items():
        text = data.decode("utf-8")
        assert secret not in text, name
        assert "lollollol" not in text, name
        assert len(data) < 2_000_000, f"{name} grew to {len(data)} bytes"


def test_machine_outputs_stay_valid(run: Run) -> None:
    from jsonschema import Draft4Validator

    schemas = schemas_dir()
    sarif_schema = json.loads((schemas / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    Draft4Validator(sarif_schema).validate(json.loads(run.outputs["r.sarif"]))
    uris = re.findall(r'"uri": "([^"]*)"', run.outputs["r.sarif"].decode())
    assert "cases/caf%EF%BF%BD-policy.txt" in uris  # the non-UTF-8 name, percent-encoded
    assert all(re.fullmatch(r"[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]*", u) for u in uris), uris
    xsd = etree.XMLSchema(etree.parse(str(schemas / "junit.xsd")))
    junit = etree.fromstring(run.outputs["r.xml"])
    assert xsd.validate(junit), xsd.error_log
    errors = {str(d["error"]) for d in run.documents.values() if d["error"]}
    reported = {e.get("message") for e in junit.iter("error")}
    assert errors <= reported


def test_encrypted_pdf_opens_with_the_password(tmp_path: Path) -> None:
    locked = CORPUS_PDF / "password-example.pdf"
    if not locked.is_file():
        pytest.skip("password-example.pdf is not in the shared corpus")
    shutil.copy(locked, tmp_path / "locked.pdf")
    (tmp_path / "good.txt").write_text(h.GOOD_POLICY, encoding="utf-8")
    wrong = check(tmp_path, "locked.pdf", "--isolated", "--no-cache", "--timeout", "0",
                  "--password", "nope", "--format", "json")
    assert "the password given does not open it" in wrong.stderr.decode()
    right = check(tmp_path, "locked.pdf", "good.txt", "--isolated", "--no-cache",
                  "--timeout", "0", "--password", "test", "--format", "json")
    documents = {d["path"]: d for d in json.loads(right.stdout)["documents"]}
    assert documents["locked.pdf"]["error"] is None
    assert documents["locked.pdf"]["pages"]
    assert right.returncode in (0, 1)
