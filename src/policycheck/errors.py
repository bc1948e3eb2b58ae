"""The exception hierarchy; each error formats itself as one line naming the file and reason."""

from __future__ import annotations

from enum import IntEnum
from pathlib import Path


class ExitCode(IntEnum):
    """Process exit codes: the contract CI pipelines depend on."""

    OK = 0  # every criterion at or above the fail threshold is met
    FINDINGS = 1  # something at or above the threshold is missing
    ERROR = 2  # usage, rule-file, config or input error


class PolicycheckError(Exception):
    """Base of every error the tool reports to a user (never a traceback)."""

    def __init__(self, reason: str, path: Path | str | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.path = path

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}" if self.path is not None else self.reason


class UsageError(PolicycheckError):
    """The command line asks for something impossible."""


class InputError(PolicycheckError):
    """An input document cannot be read."""


class UnsupportedFormatError(InputError):
    """The file is not a format policycheck reads."""


class CorruptDocumentError(InputError):
    """The file claims a format but its content is broken or truncated."""


class EncryptedDocumentError(InputError):
    """The document is password-protected and no (right) password was given."""


class ResourceLimitError(InputError):
    """The document exceeds a safety limit (size, pages, zip ratio, nesting...)."""


class DocumentTimeoutError(InputError):
    """Processing the document took longer than the per-document time limit."""


class RuleFileError(PolicycheckError):
    """A rule file is invalid: names file, line (when known) and field."""

    def __init__(
        self, reason: str, path: Path | str | None = None, *, line: int | None = None,
        field: str | None = None,
    ) -> None:
        super().__init__(reason, path)
        self.line = line
        self.field = field

    def __str__(self) -> str:
        where = str(self.path) if self.path is not None else "<rules>"
        if self.line is not None:
            where += f":{self.line}"
        if self.field:
            where += f": {self.field}"
        return f"{where}: {self.reason}"


class ConfigError(RuleFileError):
    """A configuration file is invalid: names the file and key."""


class OutputError(PolicycheckError):
    """An output file cannot (or must not) be written."""
