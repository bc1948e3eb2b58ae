"""Project configuration: policycheck.toml or [tool.policycheck], found upwards, validated."""

from __future__ import annotations

import datetime as dt
import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from policycheck.errors import ConfigError
from policycheck.model import Waiver
from policycheck.pathmatch import matches

CONFIG_NAMES: tuple[str, ...] = ("policycheck.toml", "pyproject.toml")


def _hyphen(name: str) -> str:
    return name.replace("_", "-")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", alias_generator=_hyphen, frozen=True)


class PerPathModel(_Strict):
    """Rule sets for the documents matching `paths`: `rules` replaces, `extend-rules` adds."""

    paths: list[str] = Field(min_length=1)
    rules: list[str] | None = None
    extend_rules: list[str] | None = None

    @model_validator(mode="after")
    def _one_of(self) -> PerPathModel:
        if (self.rules is None) == (self.extend_rules is None):
            raise ValueError("give exactly one of 'rules' (replace) or 'extend-rules' (add)")
        return self


class WaiverModel(_Strict):
    """An approved exemption: every key is required."""

    criterion: str = Field(min_length=1)
    paths: list[str] = Field(min_length=1)
    reason: str = Field(min_length=1)
    approved_by: str = Field(min_length=1)
    expires: dt.date

    def to_waiver(self) -> Waiver:
        return Waiver(
            criterion=self.criterion, paths=tuple(self.paths), reason=self.reason,
            approved_by=self.approved_by, expires=self.expires.isoformat(),
        )


class ConfigModel(_Strict):
    """Every key policycheck reads from its configuration."""

    rules: list[str] | None = None
    include: list[str] = []
    exclude: list[str] = []
    fail_on: Literal["required", "advisory", "never"] | None = None
    jobs: int | None = Field(default=None, ge=1)
    timeout: float | None = Field(default=None, ge=0)
    format: str | None = None
    per_path: list[PerPathModel] = []
    waivers: list[WaiverModel] = []
    waivers_file: str | None = None
    baseline: str | None = None
    pdf_engine: Literal["pdfium", "pdfplumber"] | None = None
    cache_dir: str | None = None
    limits: dict[str, Any] = {}

    @field_validator("limits")
    @classmethod
    def _known_limits(cls, value: dict[str, Any]) -> dict[str, Any]:
        from policycheck.extract.limits import Limits, with_limits

        with_limits(Limits(), value)  # a ValueError names the bad limit
        return value

    @field_validator("format")
    @classmethod
    def _known_format(cls, value: str | None) -> str | None:
        from policycheck.report import RENDERERS

        if value is not None and value not in RENDERERS:
            known = ", ".join(sorted(RENDERERS))
            raise ValueError(f"unknown format '{value}' (choose from {known})")
        return value


@dataclass(frozen=True, slots=True)
class PerPath:
    """Resolved per-path rule sets."""

    paths: tuple[str, ...]
    rules: tuple[str, ...]
    replace: bool


@dataclass(frozen=True, slots=True)
class Config:
    """A loaded configuration; `root` is the folder patterns and relative paths start from."""

    root: Path
    source: Path | None = None
    rules: tuple[str, ...] | None = None
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    fail_on: str | None = None
    jobs: int | None = None
    timeout: float | None = None
    format: str | None = None
    per_path: tuple[PerPath, ...] = ()
    waivers: tuple[Waiver, ...] = ()
    waivers_file: Path | None = None
    baseline: Path | None = None
    pdf_engine: str | None = None
    cache_dir: Path | None = None
    limits: tuple[tuple[str, Any], ...] = ()  # safety limits changed from their defaults


def shown(path: Path) -> str:
    """`path` relative to the current folder when it is below it."""
    try:
        return Path(os.path.abspath(path)).relative_to(Path.cwd()).as_posix()
    except ValueError:
        return path.as_posix()


def validation_message(exc: ValidationError, prefix: str = "") -> tuple[str, str]:
    """The first error as (dotted key, reason), in words a config author understands."""
    err = exc.errors()[0]
    key = ".".join(str(part) for part in (prefix, *err["loc"]) if part != "")
    match err["type"]:
        case "extra_forbidden":
            reason = "unknown key"
        case "missing":
            reason = "required key is missing"
        case _:
            reason = str(err["msg"]).removeprefix("Value error, ")
    more = len(exc.errors()) - 1
    return key, reason + (f" (and {more} more error{'s' * (more > 1)})" if more else "")


def read_toml(path: Path) -> dict[str, Any]:
    """Parse a TOML file or raise a ConfigError naming it."""
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"invalid TOML: {exc}", shown(path)) from None
    except OSError as exc:
        raise ConfigError(f"cannot read: {exc.strerror}", shown(path)) from None


def _table(path: Path) -> tuple[dict[str, Any], str] | None:
    data = read_toml(path)
    if path.name != "pyproject.toml":
        return data, ""
    section = data.get("tool", {}).get("policycheck")
    if section is None:
        return None
    if not isinstance(section, dict):
        raise ConfigError("must be a table", shown(path), field="tool.policycheck")
    return section, "tool.policycheck"


def find_config(start: Path) -> Path | None:
    """The nearest policycheck.toml, or pyproject.toml with [tool.policycheck], from `start` up."""
    folder = Path(os.path.abspath(start))
    for candidate in (folder, *folder.parents):
        for name in CONFIG_NAMES:
            path = candidate / name
            if path.is_file() and _table(path) is not None:
                return path
    return None


def _rule_spec(spec: str, base: Path, field: str, source: Path) -> str:
    """A rule set id stays as it is; a path resolves against the config folder, inside it."""
    looks_like_path = any(s in spec for s in "/\\") or spec.endswith((".yaml", ".yml"))
    if not looks_like_path and not (base / spec).exists():
        return spec
    path = Path(spec)
    if path.is_absolute():
        return str(path)
    resolved = Path(os.path.normpath(base / path))
    if not resolved.is_relative_to(base):
        raise ConfigError(
            f"'{spec}' is outside the folder of the configuration; give an absolute path to use "
            "a rule file from elsewhere", shown(source), field=field,
        )
    return str(resolved)


def load_config(path: Path) -> Config:
    """Load and validate one configuration file."""
    found = _table(path)
    if found is None:
        raise ConfigError("has no [tool.policycheck] table", shown(path))
    table, prefix = found
    try:
        model = ConfigModel.model_validate(table)
    except ValidationError as exc:
        key, reason = validation_message(exc, prefix)
        raise ConfigError(reason, shown(path), field=key) from None
    root = Path(os.path.abspath(path)).parent
    dotted = f"{prefix}." if prefix else ""

    def specs(values: list[str], where: str) -> tuple[str, ...]:
        return tuple(
            _rule_spec(v, root, f"{dotted}{where}.{i}", path) for i, v in enumerate(values)
        )

    per_path = tuple(
        PerPath(
            paths=tuple(entry.paths),
            rules=specs(entry.rules or entry.extend_rules or [], f"per-path.{n}.rules"),
            replace=entry.rules is not None,
        )
        for n, entry in enumerate(model.per_path)
    )
    return Config(
        root=root, source=path,
        rules=specs(model.rules, "rules") if model.rules is not None else None,
        include=tuple(model.include), exclude=tuple(model.exclude), fail_on=model.fail_on,
        jobs=model.jobs, timeout=model.timeout, format=model.format, per_path=per_path,
        waivers=tuple(w.to_waiver() for w in model.waivers),
        waivers_file=root / model.waivers_file if model.waivers_file else None,
        baseline=root / model.baseline if model.baseline else None,
        pdf_engine=model.pdf_engine,
        cache_dir=root / model.cache_dir if model.cache_dir else None,
        limits=tuple(model.limits.items()),
    )


def resolve_config(explicit: Path | None, isolated: bool, cwd: Path | None = None) -> Config:
    """The configuration in force: `--config FILE`, none with `--isolated`, else the nearest."""
    cwd = cwd or Path.cwd()
    if isolated:
        return Config(root=cwd)
    if explicit is not None:
        if not explicit.is_file():
            raise ConfigError("configuration file not found", shown(explicit))
        return load_config(explicit)
    found = find_config(cwd)
    return load_config(found) if found else Config(root=cwd)


def rules_for(
    relative_path: str, base: tuple[str, ...], per_path: tuple[PerPath, ...],
) -> tuple[str, ...]:
    """The rule-set specs for one document: `base`, then every matching per-path entry in order."""
    specs = list(base)
    for entry in per_path:
        if matches(relative_path, entry.paths):
            specs = list(entry.rules) if entry.replace else specs + list(entry.rules)
    return tuple(dict.fromkeys(specs))
