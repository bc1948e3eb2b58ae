"""The web page's server: the token on every route, upload limits, and a check from upload to
downloads (with the stand-in engine, in this process)."""

from __future__ import annotations

import csv
import http.client
import io
import re
import socket
import threading
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("starlette", reason="the web extra is not installed")
pytest.importorskip("uvicorn", reason="the web extra is not installed")

import uvicorn
from starlette.routing import Route

from policycheck.extract import ExtractOptions
from policycheck.extract.limits import Limits
from policycheck.runner import RunPlan
from policycheck.web.app import create_app
from policycheck.web.jobs import Jobs
from policycheck.web.server import bind
from policycheck.web.site import Choice, Site

TOKEN = "test-token-" + "x" * 20
HEADERS = {"X-Policycheck-Token": TOKEN}
GOOD = "Officers will do outreach to migrant communities and report safely.\n"
OTHER = "We tackle trafficking and domestic abuse with training on pathways.\n"


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")

    def json(self) -> Any:
        import json

        return json.loads(self.body)


@dataclass
class Client:
    """Plain HTTP to the running server, as a browser on this computer would speak it."""

    port: int
    cookies: dict[str, str] = field(default_factory=dict)

    def request(self, method: str, path: str, body: bytes | Iterable[bytes] | None = None,
                headers: dict[str, str] | None = None) -> Answer:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        sent = dict(headers or {})
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        chunked = body is not None and not isinstance(body, bytes)
        if chunked:
            sent["Transfer-Encoding"] = "chunked"
        try:
            connection.request(method, path, body=body, headers=sent, encode_chunked=chunked)
            response = connection.getresponse()
            return Answer(response.status, {k.lower(): v for k, v in response.getheaders()},
                          response.read())
        finally:
            connection.close()

    def get(self, path: str, **headers: str) -> Answer:
        return self.request("GET", path, headers=headers or HEADERS)

    def post_json(self, path: str, data: Any, headers: dict[str, str] | None = None) -> Answer:
        import json

        return self.request("POST", path, json.dumps(data).encode(),
                            {"Content-Type": "application/json", **(headers or {})})


@pytest.fixture
def sock() -> Iterator[socket.socket]:
    listening = bind(0)
    yield listening
    listening.close()


@pytest.fixture
def site(tmp_path: Path, fake_engine: None, sock: socket.socket) -> Iterator[Site]:
    limits = Limits(max_file_bytes=4096, max_text_bytes=2048)
    plan = RunPlan(inputs=(), root=tmp_path, rules=("rec4",), jobs=1, timeout=None,
                   options=ExtractOptions(limits=limits))
    choices = (Choice("rec4", "rec4: fake", True), Choice("rec5", "rec5: fake", True))
    jobs = Jobs(plan, [c.spec for c in choices])
    yield Site(token=TOKEN, port=sock.getsockname()[1], jobs=jobs, choices=choices)
    jobs.close()


def serve(site: Site, sock: socket.socket) -> tuple[uvicorn.Server, threading.Thread]:
    """The real server stack on the site's port, in a thread of this process."""
    config = uvicorn.Config(create_app(site), log_level="warning", lifespan="on")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.01)
    return server, thread


def stop(server: uvicorn.Server, thread: threading.Thread) -> None:
    server.should_exit = True
    thread.join(10)


@pytest.fixture
def client(site: Site, sock: socket.socket) -> Iterator[Client]:
    server, thread = serve(site, sock)
    yield Client(site.port)
    stop(server, thread)


def new_job(client: Client, rules: tuple[str, ...] = ("rec4", "rec5"),
            fail_on: str = "required") -> str:
    answer = client.post_json("/api/jobs", {"rules": list(rules), "fail_on": fail_on}, HEADERS)
    assert answer.status == 201, answer.text
    job_id: str = answer.json()["id"]
    return job_id


def put(client: Client, job: str, name: str, body: bytes | Iterable[bytes]) -> Answer:
    return client.request("PUT", f"/api/jobs/{job}/files", body,
                          {**HEADERS, "X-Filename": name})


def wait_done(client: Client, job: str) -> dict[str, Any]:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        status: dict[str, Any] = client.get(f"/api/jobs/{job}").json()
        if status["state"] not in ("uploading", "waiting", "checking"):
            return status
        time.sleep(0.05)
    raise AssertionError("the check did not finish")


def stored_files(site: Site) -> list[Path]:
    return [p for p in site.jobs.folder.rglob("*") if p.is_file()]


# ---- the token ------------------------------------------------------------------------------

def every_route(site: Site) -> list[tuple[str, str]]:
    """Each route and method of the app, with made-up path parameters."""
    app = create_app(site).app  # type: ignore[attr-defined]
    out = []
    for route in app.routes:
        assert isinstance(route, Route)
        path = re.sub(r"\{index:int\}", "0", route.path)
        path = re.sub(r"\{[^}]+\}", "x", path)
        out.extend((method, path) for method in sorted(route.methods or ()))
    return out


def test_every_route_is_forbidden_without_the_token(client: Client, site: Site) -> None:
    routes = every_route(site)
    assert len(routes) >= 10  # every page, asset, API call and download
    for method, path in [*routes, ("GET", "/no-such-page"), ("GET", "/static/app.js")]:
        answer = client.request(method, path)
        assert answer.status == 403, (method, path)
        if method != "HEAD":
            assert "open the address that 'policycheck serve' printed" in answer.text
        client.cookies = {f"policycheck-{site.port}": "wrong"}
        wrong = client.request(method, f"{path}?token=wrong", headers={
            "X-Policycheck-Token": "wrong"})
        client.cookies = {}
        assert wrong.status == 403, (method, path)


def test_the_token_opens_the_page_and_sets_a_strict_cookie_for_what_it_loads(
    client: Client, site: Site,
) -> None:
    page = client.request("GET", f"/?token={TOKEN}")
    assert page.status == 200
    cookie = page.headers["set-cookie"]
    assert cookie.startswith(f"policycheck-{site.port}={TOKEN};")
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie
    assert f'<meta name="policycheck-token" content="{TOKEN}">' in page.text
    # The browser now sends the cookie: assets load without the token in their address.
    client.cookies = {f"policycheck-{site.port}": TOKEN}
    assert client.request("GET", "/static/app.js").status == 200
    assert client.request("GET", "/static/app.css").headers["content-type"].startswith("text/css")


def test_changes_need_the_header_not_just_the_cookie(client: Client, site: Site) -> None:
    client.cookies = {f"policycheck-{site.port}": TOKEN}
    body = {"rules": ["rec4"], "fail_on": "required"}
    assert client.post_json("/api/jobs", body).status == 403  # another tab's form post
    assert client.post_json(f"/api/jobs?token={TOKEN}", body).status == 403
    foreign = {**HEADERS, "Origin": "http://evil.example"}
    assert client.post_json("/api/jobs", body, foreign).status == 403
    assert client.post_json("/api/jobs", body, HEADERS).status == 201


def test_another_host_name_is_refused_even_with_the_token(client: Client, site: Site) -> None:
    """A page on a domain that resolves to 127.0.0.1 (DNS rebinding) gets nothing."""
    rebound = client.request("GET", f"/?token={TOKEN}", headers={
        "Host": f"rebind.example:{site.port}"})
    assert rebound.status == 403
    assert client.request("GET", f"/?token={TOKEN}", headers={
        "Host": f"localhost:{site.port}"}).status == 200


def test_every_response_forbids_remote_loads_and_framing(client: Client) -> None:
    for answer in (client.request("GET", f"/?token={TOKEN}"), client.get("/nothing")):
        policy = answer.headers["content-security-policy"]
        assert "default-src 'none'" in policy and "frame-ancestors 'none'" in policy
        assert "http" not in policy  # no remote origin allowed for anything
        assert answer.headers["x-content-type-options"] == "nosniff"
        assert answer.headers["cache-control"] == "no-store"
    page = client.request("GET", f"/?token={TOKEN}").text
    script = client.get("/static/app.js").text
    style = client.get("/static/app.css").text
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:|//)""", page)
    assert "<script>" not in page and " style=" not in page  # nothing inline
    assert not re.search(r"https?://", script + style) and "@import" not in style


# ---- uploads --------------------------------------------------------------------------------

def test_an_upload_over_the_limit_is_refused_before_it_is_stored(
    client: Client, site: Site,
) -> None:
    job = new_job(client)
    answer = put(client, job, "big.pdf", b"%PDF-" + b"x" * 5000)
    assert answer.status == 413
    assert answer.json()["error"] == "big.pdf: file is over the 4 KB limit (max_file_bytes)"
    text = put(client, job, "long.txt", b"y" * 3000)
    assert text.json()["error"] == "long.txt: text file is over the 2 KB limit (max_text_bytes)"
    assert stored_files(site) == []


def test_an_upload_that_does_not_say_its_size_is_counted_and_removed(
    client: Client, site: Site,
) -> None:
    job = new_job(client)
    answer = put(client, job, "sly.pdf", (b"z" * 1024 for _ in range(6)))  # chunked, no length
    assert answer.status == 413
    assert answer.json()["error"] == "sly.pdf: file is over the 4 KB limit (max_file_bytes)"
    assert stored_files(site) == []
    status = client.get(f"/api/jobs/{job}").json()
    assert status["documents"] == []
    assert status["refused"] == [{"name": "sly.pdf",
                                  "error": "file is over the 4 KB limit (max_file_bytes)"}]


def test_upload_names_cannot_leave_the_private_folder(client: Client, site: Site) -> None:
    job = new_job(client)
    names = [put(client, job, raw, GOOD.encode()).json()["name"]
             for raw in ("../../../etc/cron.d/x.txt", "..\\..\\win.txt", "/abs/.hidden.txt",
                         "a/%2e%2e/b.txt", "con.txt", "x.txt", "x.txt")]
    assert names == ["etc/cron.d/x.txt", "win.txt", "abs/hidden.txt", "a/b.txt", "_con.txt",
                     "x.txt", "x (2).txt"]
    folder = site.jobs.folder.resolve()
    files = stored_files(site)
    assert len(files) == len(names)
    assert all(f.resolve().is_relative_to(folder) for f in files)
    assert {f.stat().st_mode & 0o777 for f in files} == {0o600}
    assert site.jobs.folder.stat().st_mode & 0o777 == 0o700


def test_a_rule_set_the_page_does_not_offer_is_refused(client: Client) -> None:
    answer = client.post_json("/api/jobs", {"rules": ["/etc/passwd"], "fail_on": "required"},
                              HEADERS)
    assert answer.status == 400
    assert answer.json()["error"] == "choose rule sets from: rec4, rec5"


# ---- a whole check ----------------------------------------------------------------------------

def test_a_check_from_upload_to_every_download(client: Client, site: Site) -> None:
    job = new_job(client)
    put(client, job, "forces/a.txt", GOOD.encode())
    put(client, job, "forces/b.md", OTHER.encode())
    put(client, job, "forces/broken.pdf", b"%PDF-1.7 truncated")
    assert client.request("POST", f"/api/jobs/{job}/start", headers=HEADERS).status == 202
    status = wait_done(client, job)
    assert status["state"] == "done"
    by_name = {d["name"]: d for d in status["documents"]}
    assert by_name["forces/a.txt"]["summary"] == "2 of 4 met, 2 missing"
    assert by_name["forces/broken.pdf"]["state"] == "error"
    assert by_name["forces/broken.pdf"]["error"].startswith("not a readable PDF")
    assert status["verdict"]["text"] == (
        "2 of 2 checked documents have gaps at the 'required' threshold; 1 could not be checked.")
    assert status["verdict"]["exit_code"] == 2

    rows = list(csv.reader(io.StringIO(client.get(f"/jobs/{job}/matrix.csv").text)))
    assert [r[0] for r in rows[1:]] == ["forces/a.txt", "forces/b.md", "forces/broken.pdf"]
    report = client.get(f"/jobs/{job}/report.html?download=1")
    assert report.headers["content-disposition"].startswith(
        'attachment; filename="policycheck-report.html"')
    assert "forces/broken.pdf" in report.text and str(site.jobs.folder) not in report.text
    framed = client.get(f"/jobs/{job}/report.html")
    assert "frame-ancestors 'self'" in framed.headers["content-security-policy"]
    assert client.get(f"/jobs/{job}/feedback.docx").body.startswith(b"PK")
    # Only what an annotated copy needs is kept once checking is over: no Word draft here.
    assert stored_files(site) == []
    assert status["annotatable"] == []


def test_deleting_a_check_removes_its_files_and_results(client: Client, site: Site) -> None:
    job = new_job(client)
    put(client, job, "a.txt", GOOD.encode())
    assert stored_files(site)
    assert client.request("DELETE", f"/api/jobs/{job}", headers=HEADERS).status == 204
    assert stored_files(site) == [] and not (site.jobs.folder / job).exists()
    assert client.get(f"/api/jobs/{job}").status == 404


def test_stopping_the_server_removes_the_private_folder(site: Site, sock: socket.socket) -> None:
    server, thread = serve(site, sock)
    client = Client(site.port)
    put(client, new_job(client), "a.txt", GOOD.encode())
    assert stored_files(site)
    stop(server, thread)
    assert not site.jobs.folder.exists()
