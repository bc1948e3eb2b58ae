"""Time checking the samples through the web page against `policycheck check`; prints Markdown.

Usage: python bench/web.py [--runs N] [--first N ...] [--out FILE]   (from the repository root)
`check` runs as a user runs it on a folder (whole process, `--no-cache`, since the page keeps no
cache either). The page is measured as a person uses it, with a server already running: create
a check, upload every document (three at a time, as the page does), start, poll every 0.4 s (as
the page does) until every document is done, then download the HTML report the page shows.
Rounds alternate between the two so that a busy spell falls on both alike; figures are medians
of N runs with min-max. `--first 36` also times the first 36 documents alone.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import quote

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT / "src"))

from run import ENV, PY, Timing, ratio  # noqa: E402

POLL = 0.4  # seconds, as the page polls
UPLOADS_AT_ONCE = 3  # as the page uploads


def documents(folder: Path) -> list[Path]:
    """The documents `check` finds in `folder`, so that both sides check the same ones."""
    from policycheck.discover import discover

    return list(discover([str(folder)], ROOT).files)


def start_server() -> tuple[subprocess.Popen[str], str, str]:
    """`policycheck serve --port 0`; returns the process, its base address and its token."""
    process = subprocess.Popen([PY, "-m", "policycheck", "serve", "--port", "0"], env=ENV,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert process.stdout is not None
    ready, _, _ = select.select([process.stdout], [], [], 60)
    match = re.search(r"(http://127\.0\.0\.1:\d+)/\?token=([\w-]+)",
                      process.stdout.readline() if ready else "")
    if match is None:
        process.kill()
        raise SystemExit("policycheck serve did not start")
    return process, match.group(1), match.group(2)


def _call(method: str, url: str, token: str, data: bytes | None = None,
          headers: dict[str, str] | None = None) -> bytes:
    request = urllib.request.Request(url, data=data, method=method,
                                     headers={"X-Policycheck-Token": token, **(headers or {})})
    with urllib.request.urlopen(request, timeout=600) as answer:
        body: bytes = answer.read()
    return body


def through_page(base: str, token: str, files: Sequence[Path]) -> float:
    """Seconds from the first request to the report in hand, as a person would wait."""
    start = time.perf_counter()
    body = json.dumps({"rules": ["rec1", "rec4", "rec5"], "fail_on": "required"}).encode()
    job = json.loads(_call("POST", f"{base}/api/jobs", token, body,
                           {"Content-Type": "application/json"}))["id"]

    def upload(path: Path) -> None:
        _call("PUT", f"{base}/api/jobs/{job}/files", token, path.read_bytes(),
              {"X-Filename": quote(path.name), "Content-Type": "application/octet-stream"})

    with ThreadPoolExecutor(UPLOADS_AT_ONCE) as pool:
        list(pool.map(upload, files))
    _call("POST", f"{base}/api/jobs/{job}/start", token)
    while True:
        status = json.loads(_call("GET", f"{base}/api/jobs/{job}", token))
        if status["state"] == "done":
            break
        if status["state"] in ("failed", "stopped"):
            raise SystemExit(f"the check {status['state']}: {status['error']}")
        time.sleep(POLL)
    _call("GET", f"{base}/jobs/{job}/report.html", token)
    elapsed = time.perf_counter() - start
    assert status["done"] == len(files), status
    _call("DELETE", f"{base}/api/jobs/{job}", token)
    return elapsed


def by_command(folder: Path) -> float:
    """Seconds of `policycheck check FOLDER` as a user runs it (the report to a file)."""
    with tempfile.TemporaryDirectory() as out:
        start = time.perf_counter()
        run = subprocess.run([PY, "-m", "policycheck", "check", str(folder), "--no-cache",
                              "-f", "html", "-o", str(Path(out) / "report.html")],
                             env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        elapsed = time.perf_counter() - start
    if run.returncode not in (0, 1, 2):
        raise SystemExit(f"check failed ({run.returncode}): {run.stderr.decode()[-500:]}")
    return elapsed


def compare(name: str, folder: Path, base: str, token: str, runs: int) -> tuple[str, ...]:
    files = documents(folder)
    through_page(base, token, files[:3])  # the workers' first fork, as a used server has had
    cli: list[float] = []
    page: list[float] = []
    for _ in range(runs):
        cli.append(by_command(folder))
        page.append(through_page(base, token, files))
    a, b = Timing(page), Timing(cli)
    row = (f"{name} ({len(files)} documents)", b.show(), a.show(), ratio(a, b))
    print("  " + " | ".join(row), file=sys.stderr, flush=True)
    return row


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--first", type=int, action="append", default=[],
                        help="also time the first N sample documents alone (repeatable)")
    parser.add_argument("--out", type=Path, help="also write the table to FILE")
    args = parser.parse_args(argv)
    process, base, token = start_server()
    rows = []
    try:
        with tempfile.TemporaryDirectory() as tmp:
            for count in args.first:
                folder = Path(tmp) / f"first-{count}"
                folder.mkdir()
                for path in documents(ROOT / "samples")[:count]:
                    shutil.copy2(path, folder / path.name)
                rows.append(compare(f"first {count} samples", folder, base, token, args.runs))
        rows.append(compare("`samples/`", ROOT / "samples", base, token, args.runs))
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(30)
    lines = ["| documents | `check` | through the page | page / `check` |",
             "| --- | ---: | ---: | ---: |", *("| " + " | ".join(r) + " |" for r in rows)]
    table = "\n".join(lines) + "\n"
    print(f"\n{table}\n{os.cpu_count()} CPUs; medians of {args.runs} runs (min-max).")
    if args.out:
        args.out.write_text(table, encoding="utf-8")


if __name__ == "__main__":
    main()
