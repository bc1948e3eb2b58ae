"""Rule sets: the YAML schema and the strict loader (the top-level rules/ folder is the data)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from policycheck.errors import RuleFileError
from policycheck.model import Criterion, RuleSet

DEFAULT_RULESETS: tuple[str, ...] = ("rec1", "rec4", "rec5")
BUNDLED_RULESETS: tuple[str, ...] = ("rec1", "rec4", "rec5", "victims-code")
RULE_SUFFIXES = (".yaml", ".yml")


def bundled_dir() -> Path:
    """The folder of bundled rule sets: inside the wheel, or the source checkout's rules/."""
    installed = Path(__file__).resolve().parent.parent / "rulesets"
    if installed.is_dir():
        return installed
    return Path(__file__).resolve().parents[3] / "rules"


def rule_files(spec: str) -> list[Path]:
    """The rule files a spec names: a bundled id, a file, or a folder of rule files."""
    from policycheck.rules.loader import is_vocabulary, shown_path
    from policycheck.rules.yamlmarks import read_yaml

    bundled = bundled_dir() / f"{spec}.yaml"
    if "/" not in spec and "\\" not in spec and bundled.is_file() and not Path(spec).exists():
        return [bundled]
    path = Path(spec)
    if path.is_file():
        return [path]
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.suffix in RULE_SUFFIXES and p.is_file())
        found = [p for p in files if not is_vocabulary(read_yaml(p, shown_path(p)))]
        if not found:
            raise RuleFileError("folder holds no rule files", spec)
        return found
    known = ", ".join(BUNDLED_RULESETS)
    raise RuleFileError(f"no such rule file, folder or bundled rule set (bundled: {known})", spec)


def load_rulesets(specs: Sequence[str]) -> tuple[RuleSet, ...]:
    """Load bundled rule sets by id, or rule files and folders by path."""
    from policycheck.rules.loader import load_file

    out: list[RuleSet] = []
    for spec in specs:
        for path in rule_files(spec):
            ruleset = load_file(path)
            clash = next((r for r in out if r.id == ruleset.id), None)
            if clash is not None and clash.digest != ruleset.digest:
                raise RuleFileError(f"rule set id '{ruleset.id}' is loaded twice", path)
            if clash is None:
                out.append(ruleset)
    return tuple(out)


def find_criterion(rulesets: Sequence[RuleSet], criterion_id: str) -> Criterion | None:
    """The criterion with this id (case-insensitive), or None."""
    wanted = criterion_id.upper()
    return next((c for r in rulesets for c in r.criteria if c.id == wanted), None)
