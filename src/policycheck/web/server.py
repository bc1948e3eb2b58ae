"""`policycheck serve`: a page on 127.0.0.1 with a fresh token, served until Ctrl-C."""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import signal
import socket
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from policycheck.errors import UsageError
from policycheck.web.app import create_app
from policycheck.web.jobs import Jobs
from policycheck.web.site import Choice, Site

HOST = "127.0.0.1"  # this computer only: never a network interface
DEFAULT_PORT = 8765
_IN_USE = {errno.EADDRINUSE, 10048}  # 10048: WSAEADDRINUSE on Windows


def bind(port: int) -> socket.socket:
    """A listening socket on 127.0.0.1:`port` (0: any free port), or a UsageError saying why not.

    Bound here rather than by the server, so that a busy port is one clear line, not a log.
    """
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    if os.name != "nt":  # on Windows the option would let two servers share the port
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((HOST, port))
        sock.listen(128)
    except OSError as exc:
        sock.close()
        if exc.errno in _IN_USE:
            raise UsageError(f"port {port} is already in use (is 'policycheck serve' running "
                             f"already?); choose another with --port, e.g. --port {port + 1}"
                             ) from None
        raise UsageError(f"cannot listen on {HOST}:{port} ({exc.strerror or exc})") from None
    return sock


def rule_choices(extra: Sequence[str]) -> tuple[Choice, ...]:
    """The bundled rule sets and any given with --rules, loaded now so errors show at once."""
    from policycheck.rules import BUNDLED_RULESETS, DEFAULT_RULESETS, load_rulesets

    specs = [*BUNDLED_RULESETS, *(str(Path(s).resolve()) if Path(s).exists() else s
                                  for s in extra)]
    choices = []
    for spec in dict.fromkeys(specs):
        rulesets = load_rulesets([spec])
        label = "; ".join(f"{rs.id}: {rs.title}" for rs in rulesets)
        choices.append(Choice(spec=spec, label=label,
                              checked=spec in DEFAULT_RULESETS or spec not in BUNDLED_RULESETS))
    return tuple(choices)


def prepare(
    port: int, *, jobs: int | None = None, timeout: float | None = None,
    limits: Sequence[str] = (), rules: Sequence[str] = (),
) -> tuple[Site, socket.socket]:
    """Check the options, start loading the engine, and bind the port; nothing is served yet.

    Checks run as `check` runs them with these options; the page reads no configuration
    file (uploads have no project folder) and writes no cache (nothing outlives the server).
    """
    from policycheck.batch import prestart_engine
    from policycheck.checkrun import Overrides, build_settings

    settings = build_settings(Overrides(isolated=True, no_cache=True, jobs=jobs,
                                        timeout=timeout, limits=tuple(limits)))
    sock = bind(port)  # a busy port is said before anything slow starts
    try:
        prestart_engine()  # spaCy loads in the workers' server meanwhile, once for every check
        choices = rule_choices(rules)
    except BaseException:
        sock.close()
        raise
    actual = sock.getsockname()[1]
    site = Site(token=secrets.token_urlsafe(24), port=actual,
                jobs=Jobs(settings.plan, [c.spec for c in choices]), choices=choices)
    return site, sock


def address(site: Site) -> str:
    """The address to open, with the token."""
    return f"http://{HOST}:{site.port}/?token={site.token}"


def _interrupt(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt


def run(site: Site, sock: socket.socket) -> None:
    """Serve until Ctrl-C (or SIGTERM); stop every check and delete every upload on the way out.

    KeyboardInterrupt reaches the caller after the server has shut down cleanly.
    """
    import uvicorn

    config = uvicorn.Config(
        create_app(site), log_level="warning", access_log=False,  # a logged URL has the token
        lifespan="on", server_header=False, ws="none", http="h11", loop="asyncio",
        timeout_graceful_shutdown=3,
    )
    server = uvicorn.Server(config)
    previous: dict[int, Any] = {}
    if threading.current_thread() is threading.main_thread():
        # The server catches SIGTERM, shuts down, then raises it again: make that Ctrl-C's
        # KeyboardInterrupt, so the caller's clean-up and message still run.
        previous[signal.SIGTERM] = signal.signal(signal.SIGTERM, _interrupt)
        if hasattr(signal, "SIGHUP"):  # its terminal window was closed: stop as for SIGTERM
            previous[signal.SIGHUP] = signal.signal(
                signal.SIGHUP, lambda signum, frame: server.handle_exit(signal.SIGTERM, frame))
    try:
        server.run(sockets=[sock])
    finally:
        site.jobs.close()
        with contextlib.suppress(OSError):
            sock.close()
        for signum, handler in previous.items():
            signal.signal(signum, handler)

