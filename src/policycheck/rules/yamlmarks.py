"""YAML reading with yaml.safe_load semantics that remembers the line of every node."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

from policycheck.errors import RuleFileError


class LineDict(dict[str, Any]):
    """A mapping that knows its own line and the line of each key's value."""

    line: int = 0
    lines: dict[str, int]


class LineList(list[Any]):
    """A sequence that knows its own line and the line of each item."""

    line: int = 0
    lines: list[int]


MAX_RULE_FILE_BYTES = 2 * 1024 * 1024  # the bundled rule files are under 64 KB
MAX_NODES = 200_000  # values in one file once aliases are expanded (the bundled: under 10,000)


class _Marks:
    """Constructors that record 1-based start lines, reject duplicate keys and alias bombs."""

    def construct_document(self: Any, node: yaml.Node) -> Any:
        """Refuse an alias bomb before anything is built from it."""
        if _expanded_size(node, {}) > MAX_NODES:
            raise _TooManyNodes
        return super().construct_document(node)  # type: ignore[misc]

    def construct_mapping(self: Any, node: yaml.MappingNode, deep: bool = False) -> LineDict:
        """A LineDict, refusing duplicate keys."""
        self.flatten_mapping(node)
        out = LineDict()
        out.line = node.start_mark.line + 1
        out.lines = {}
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=True)
            if not isinstance(key, str):
                key = str(key)
            if key in out:
                raise _DuplicateKey(key, key_node.start_mark.line + 1)
            out[key] = self.construct_object(value_node, deep=True)
            out.lines[key] = value_node.start_mark.line + 1
        return out

    def construct_sequence(self: Any, node: yaml.SequenceNode, deep: bool = False) -> LineList:
        """A LineList."""
        out = LineList(self.construct_object(child, deep=True) for child in node.value)
        out.line = node.start_mark.line + 1
        out.lines = [child.start_mark.line + 1 for child in node.value]
        return out


class _TooManyNodes(Exception):
    """The document expands to more values than any rule file needs."""


def _expanded_size(node: yaml.Node, memo: dict[int, int]) -> int:
    """How many values `node` stands for once every alias is copied out (memoised per node)."""
    if id(node) in memo:
        return memo[id(node)]
    memo[id(node)] = 1  # a node that refers back to itself counts once
    size = 1
    if isinstance(node, yaml.SequenceNode):
        size += sum(_expanded_size(child, memo) for child in node.value)
    elif isinstance(node, yaml.MappingNode):
        size += sum(_expanded_size(k, memo) + _expanded_size(v, memo) for k, v in node.value)
    memo[id(node)] = size = min(size, MAX_NODES + 1)
    return size


class _DuplicateKey(Exception):
    def __init__(self, key: str, line: int) -> None:
        super().__init__(key)
        self.key = key
        self.line = line


class _MarkingLoader(_Marks, yaml.SafeLoader):  # type: ignore[misc]
    """SafeLoader with line marks (its error messages are the ones users see)."""


# libyaml's parser with the same constructors: several times faster on the bundled rule sets.
_FastLoader: type[Any] = (
    type("_FastLoader", (_Marks, yaml.CSafeLoader), {})
    if getattr(yaml, "__with_libyaml__", False)
    else _MarkingLoader
)
_TAGS = yaml.resolver.BaseResolver
for _loader in (_MarkingLoader, _FastLoader):
    _loader.add_constructor(_TAGS.DEFAULT_MAPPING_TAG, _Marks.construct_mapping)
    _loader.add_constructor(_TAGS.DEFAULT_SEQUENCE_TAG, _Marks.construct_sequence)


@functools.lru_cache(maxsize=16)
def _load(text: str) -> Any:
    """Parse with libyaml when present; any error is re-raised by the pure parser's wording.

    Cached by content: a rule file is read once for its includes and again to build it, and the
    shared vocabulary once per rule set that includes it. Callers never change what it returns.
    """
    if _FastLoader is not _MarkingLoader:
        try:
            return yaml.load(text, Loader=_FastLoader)
        except (yaml.YAMLError, _DuplicateKey):
            pass
    return yaml.load(text, Loader=_MarkingLoader)


def read_yaml(path: Path, shown: str) -> Any:
    """Parse `path` safely; any problem becomes a RuleFileError naming `shown` and the line."""
    try:
        if not path.is_file():  # a FIFO or device would block or never end
            raise RuleFileError("is not a regular file", shown)
        if path.stat().st_size > MAX_RULE_FILE_BYTES:
            raise RuleFileError(
                f"is over the {MAX_RULE_FILE_BYTES // (1024 * 1024)} MB limit for a rule file",
                shown)
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleFileError(f"cannot be read ({exc.__class__.__name__})", shown) from None
    try:
        return _load(text)
    except _TooManyNodes:
        raise RuleFileError(
            f"expands to more than {MAX_NODES:,} values (an alias bomb?)", shown) from None
    except RecursionError:
        raise RuleFileError("is nested too deeply", shown) from None
    except _DuplicateKey as exc:
        raise RuleFileError(f"duplicate key '{exc.key}'", shown, line=exc.line) from None
    except yaml.MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else None
        problem = (exc.problem or "invalid YAML").strip()
        raise RuleFileError(f"invalid YAML: {problem}", shown, line=line) from None
    except yaml.YAMLError as exc:  # e.g. a control character: the message spans lines
        problem = " ".join(str(exc).replace(' in "<unicode string>",', ",").split())
        raise RuleFileError(f"invalid YAML: {problem}", shown) from None


def _child(node: Any, step: str | int) -> tuple[int, Any] | None:
    if isinstance(node, LineDict) and isinstance(step, str) and step in node:
        return node.lines[step], node[step]
    if isinstance(node, LineList) and isinstance(step, int) and 0 <= step < len(node):
        return node.lines[step], node[step]
    return None


def line_of(data: Any, loc: Sequence[str | int]) -> int | None:
    """The line of the deepest node on path `loc` that the document has."""
    line: int | None = getattr(data, "line", None)
    node = data
    for step in loc:
        found = _child(node, step)
        if found is None:
            break
        line, node = found
    return line


def field_path(loc: Sequence[str | int]) -> str:
    """('criteria', 3, 'all', 1) -> 'criteria[3].all[1]'."""
    out = ""
    for step in loc:
        if isinstance(step, int):
            out += f"[{step}]"
        else:
            out += f".{step}" if out else step
    return out
