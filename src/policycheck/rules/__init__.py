"""Rule sets: the YAML schema and the strict loader (the top-level rules/ folder is the data)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from policycheck.model import RuleSet

DEFAULT_RULESETS: tuple[str, ...] = ("rec1", "rec4", "rec5")


def bundled_dir() -> Path:
    """The folder of bundled rule sets: inside the wheel, or the source checkout's rules/."""
    installed = Path(__file__).resolve().parent.parent / "rulesets"
    if installed.is_dir():
        return installed
    return Path(__file__).resolve().parents[3] / "rules"


def load_rulesets(specs: Sequence[str]) -> tuple[RuleSet, ...]:
    """Load bundled rule sets by id, or rule files and folders by path."""
    raise NotImplementedError
