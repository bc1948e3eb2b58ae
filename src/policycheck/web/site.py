"""What one server serves: its token and port, its checks, and the rule sets it offers."""

from __future__ import annotations

from dataclasses import dataclass

from policycheck.web.jobs import Jobs


@dataclass(frozen=True, slots=True)
class Choice:
    """A rule set the page offers: the spec `check -r` takes, and what people read."""

    spec: str
    label: str
    checked: bool


@dataclass(frozen=True, slots=True)
class Site:
    """What the app serves: its token and port, its checks, and the rule sets it offers."""

    token: str
    port: int
    jobs: Jobs
    choices: tuple[Choice, ...]

    @property
    def cookie(self) -> str:
        # Cookies are not kept apart by port: the port in the name keeps two servers apart.
        return f"policycheck-{self.port}"

    @property
    def hosts(self) -> frozenset[str]:
        return frozenset({f"127.0.0.1:{self.port}", f"localhost:{self.port}"})
