"""What the page polls: a check's state, each document's, and the verdict at its threshold."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from policycheck.model import DocumentResult
from policycheck.report.display import count, describe
from policycheck.verdict import FailOn, exit_code
from policycheck.web.jobs import Job, State, Upload, annotatable


def job_status(job: Job) -> dict[str, Any]:
    """The check's state and each document's, as JSON-ready values."""
    with job.lock:
        out: dict[str, Any] = {
            "id": job.id, "state": job.state.value, "total": len(job.uploads),
            "done": sum(1 for u in job.uploads if u.state in ("done", "error")),
            "error": job.error, "notices": list(job.notices),
            "documents": [_upload_status(u) for u in job.uploads],
            "refused": [{"name": r.display_path, "error": r.error} for r in job.refused],
        }
        if job.state is State.DONE:
            out["verdict"] = verdict(job.results, job.fail_on)
            out["annotatable"] = [
                {"index": u.index, "name": u.name} for u in job.uploads if annotatable(u)
            ]
    return out


def _upload_status(upload: Upload) -> dict[str, Any]:
    result = upload.result
    out: dict[str, Any] = {"index": upload.index, "name": upload.name, "state": upload.state}
    if result is not None and result.error:
        out["error"] = result.error
    elif result is not None:
        out["summary"] = describe(count(result.findings))
    return out


def verdict(results: Sequence[DocumentResult], fail_on: FailOn) -> dict[str, Any]:
    """The whole check at the chosen threshold, in words, with the exit code `check` gives."""
    code = exit_code(results, fail_on)
    errors = sum(1 for r in results if r.error)
    failing = sum(1 for r in results if not r.error and exit_code([r], fail_on))
    checked = len(results) - errors
    parts = []
    if fail_on is FailOn.NEVER:
        parts.append(f"{checked} of {len(results)} documents checked (report only: nothing fails)")
    elif failing:
        parts.append(f"{failing} of {checked} checked documents have gaps at the "
                     f"'{fail_on.value}' threshold")
    else:
        parts.append(f"every checked document passes at the '{fail_on.value}' threshold")
    if errors:
        parts.append(f"{errors} could not be checked")
    text = "; ".join(parts)
    return {"exit_code": int(code), "text": text[0].upper() + text[1:] + ".",
            "errors": errors, "failing": failing}
