"""The page's HTTP side: its routes, behind the guard (see guard.py)."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import ClientDisconnect, Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

from policycheck import __version__
from policycheck.discover import SUPPORTED_SUFFIXES
from policycheck.errors import PolicycheckError
from policycheck.extract.limits import human
from policycheck.model import RenderOptions
from policycheck.report import render
from policycheck.web.guard import REPORT_POLICY, ASGIApp, Guard
from policycheck.web.jobs import Job, Jobs, State, annotatable
from policycheck.web.site import Site
from policycheck.web.status import job_status
from policycheck.web.uploads import TEXT_SUFFIXES, UploadRefused

NAME_HEADER = "x-filename"
SWEEP_SECONDS = 60.0
MAX_JSON_BYTES = 16 * 1024

STATIC: dict[str, str] = {
    "app.js": "text/javascript; charset=utf-8",
    "app.css": "text/css; charset=utf-8",
    "icon.svg": "image/svg+xml",
}
def _site(request: Request) -> Site:
    site: Site = request.app.state.site
    return site


def _job(request: Request) -> Job:
    job = _site(request).jobs.get(request.path_params["job"])
    if job is None:
        raise LookupError
    return job


def _gone() -> JSONResponse:
    return JSONResponse({"error": "no such check: it was deleted, or the server restarted"}, 404)


async def index(request: Request) -> Response:
    """The page, with the token for its script, and the cookie for everything it loads."""
    site = _site(request)
    limits = site.jobs.plan.options.limits
    suffixes = sorted(SUPPORTED_SUFFIXES)
    page = request.app.state.template.render(
        token=site.token, choices=site.choices, version=__version__,
        max_file=human(limits.max_file_bytes), max_text=human(limits.max_text_bytes),
        max_file_bytes=limits.max_file_bytes, max_text_bytes=limits.max_text_bytes,
        suffixes=" ".join(suffixes), text_suffixes=" ".join(sorted(TEXT_SUFFIXES)),
    )
    response = HTMLResponse(page)
    response.set_cookie(site.cookie, site.token, httponly=True, samesite="strict", path="/")
    return response


async def static(request: Request) -> Response:
    """The page's own script, style sheet and icon, shipped inside the package."""
    name = request.path_params["name"]
    if name not in STATIC:
        return PlainTextResponse("Not Found", 404)
    data = resources.files("policycheck.web").joinpath("static", name).read_bytes()
    return Response(data, media_type=STATIC[name])


async def _small_json(request: Request) -> Any:
    """A JSON body of at most MAX_JSON_BYTES; ValueError otherwise."""
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_JSON_BYTES:
            raise ValueError("the request is too large")
    import json

    return json.loads(body or b"{}")


async def create_job(request: Request) -> Response:
    """A new check with the chosen rule sets and threshold; its documents come next."""
    try:
        data = await _small_json(request)
        rules, fail_on = data.get("rules"), data.get("fail_on", "required")
        if not isinstance(rules, list) or not all(isinstance(r, str) for r in rules):
            raise ValueError("'rules' must be a list of rule set names")
        job = _site(request).jobs.create(rules, str(fail_on))
    except (ValueError, AttributeError) as exc:
        return JSONResponse({"error": f"bad request: {exc}"}, 400)
    except UploadRefused as exc:
        return JSONResponse({"error": str(exc)}, exc.status)
    return JSONResponse({"id": job.id}, 201)


async def upload(request: Request) -> Response:
    """Store one document, streamed to its private file; over a limit, nothing is kept."""
    jobs = _site(request).jobs
    try:
        job = _job(request)
    except LookupError:
        return _gone()
    raw = unquote(request.headers.get(NAME_HEADER, ""), errors="replace")
    length = request.headers.get("content-length", "")
    declared = int(length) if length.isdigit() else None
    try:
        stored, receiver = jobs.receive(job, raw, declared)
    except UploadRefused as exc:
        return JSONResponse({"error": str(exc)}, exc.status)
    try:
        async for chunk in request.stream():
            receiver.write(chunk)
    except UploadRefused as exc:
        jobs.dropped(job, stored, receiver, exc.reason)
        return JSONResponse({"error": f"{stored.name}: {exc.reason}"}, exc.status)
    except (ClientDisconnect, OSError) as exc:
        reason = "the upload was broken off" if isinstance(exc, ClientDisconnect) else (
            f"cannot be stored ({exc.strerror or exc})")
        jobs.dropped(job, stored, receiver, reason)
        return JSONResponse({"error": f"{stored.name}: {reason}"}, 400)
    jobs.stored(job, stored, receiver)
    return JSONResponse({"index": stored.index, "name": stored.name}, 201)


async def start(request: Request) -> Response:
    """Check the stored documents."""
    try:
        job = _job(request)
        _site(request).jobs.start(job)
    except LookupError:
        return _gone()
    except UploadRefused as exc:
        return JSONResponse({"error": str(exc)}, exc.status)
    return JSONResponse(job_status(job), 202)


async def status(request: Request) -> Response:
    """How far the check has got, document by document."""
    try:
        return JSONResponse(job_status(_job(request)))
    except LookupError:
        return _gone()


async def delete(request: Request) -> Response:
    """Stop the check if it runs, and delete its documents and results."""
    try:
        job = _job(request)
    except LookupError:
        return Response(status_code=204)
    await run_in_threadpool(_site(request).jobs.remove, job)
    return Response(status_code=204)


def _attachment(name: str) -> str:
    """A Content-Disposition that keeps a non-ASCII name and has an ASCII fallback."""
    fallback = "".join(c if c.isascii() and c.isprintable() and c not in '"\\' else "_"
                       for c in name)
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"


DOWNLOADS: dict[str, tuple[str, str, str]] = {  # route name: format, media type, file name
    "report.html": ("html", "text/html; charset=utf-8", "policycheck-report.html"),
    "feedback.docx": ("docx", "application/vnd.openxmlformats-officedocument."
                      "wordprocessingml.document", "policycheck-feedback.docx"),
    "matrix.csv": ("csv", "text/csv; charset=utf-8", "policycheck-matrix.csv"),
}


async def download(request: Request) -> Response:
    """The HTML report, Word feedback or CSV matrix, rendered by the `check` formatters."""
    try:
        job = _job(request)
    except LookupError:
        return _gone()
    if job.state is not State.DONE:
        return JSONResponse({"error": "the check has not finished"}, 409)
    if request.path_params["file"] not in DOWNLOADS:
        return PlainTextResponse("Not Found", 404)
    fmt, media, filename = DOWNLOADS[request.path_params["file"]]
    options = RenderOptions(tool_version=__version__)
    data = await run_in_threadpool(render, fmt, list(job.results), options)
    if fmt == "html" and "download" not in request.query_params:  # shown in the page's frame
        return Response(data, media_type=media, headers={
            "content-security-policy": REPORT_POLICY, "x-frame-options": "SAMEORIGIN"})
    return Response(data, media_type=media,
                    headers={"content-disposition": _attachment(filename)})


async def annotated(request: Request) -> Response:
    """A Word draft's copy with comments on its evidence and a list of its gaps."""
    from policycheck.annotate import annotate_docx, default_output, ensure_docx

    try:
        job = _job(request)
    except LookupError:
        return _gone()
    index = request.path_params["index"]
    found = next((u for u in job.uploads if u.index == index and annotatable(u)), None)
    if job.state is not State.DONE or found is None or found.result is None:
        return JSONResponse({"error": "no annotated copy for that document"}, 404)
    upload, result = found, found.result

    def build() -> bytes:
        ensure_docx(upload.path)
        return annotate_docx(upload.path, result).data

    try:
        data = await run_in_threadpool(build)
    except PolicycheckError as exc:
        return JSONResponse({"error": f"{upload.name}: {exc.reason}"}, 422)
    filename = default_output(Path(upload.name.rsplit("/", 1)[-1])).name
    return Response(data, media_type=DOWNLOADS["feedback.docx"][1],
                    headers={"content-disposition": _attachment(filename)})


async def _sweep(jobs: Jobs) -> None:
    while True:
        await asyncio.sleep(SWEEP_SECONDS)
        jobs.sweep()


def create_app(site: Site) -> ASGIApp:
    """The page's app, behind the token guard."""
    from jinja2 import Environment, StrictUndefined

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        sweeper = asyncio.create_task(_sweep(site.jobs))
        try:
            yield
        finally:
            sweeper.cancel()
            await run_in_threadpool(site.jobs.close)

    routes = [
        Route("/", index),
        Route("/static/{name}", static),
        Route("/api/jobs", create_job, methods=["POST"]),
        Route("/api/jobs/{job}", status),
        Route("/api/jobs/{job}", delete, methods=["DELETE"]),
        Route("/api/jobs/{job}/files", upload, methods=["PUT"]),
        Route("/api/jobs/{job}/start", start, methods=["POST"]),
        Route("/jobs/{job}/annotated/{index:int}", annotated),
        Route("/jobs/{job}/{file:str}", download),
    ]
    app = Starlette(routes=routes, lifespan=lifespan)
    env = Environment(autoescape=True, undefined=StrictUndefined, trim_blocks=True,
                      lstrip_blocks=True)
    source = resources.files("policycheck.web").joinpath("templates", "index.html.j2")
    app.state.template = env.from_string(source.read_text(encoding="utf-8"))
    app.state.site = site
    return Guard(app, site)
