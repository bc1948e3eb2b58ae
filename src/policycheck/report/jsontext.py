"""JSON text exactly as json.dumps(obj, indent=2, ensure_ascii=False) writes it, faster.

The standard library's C encoder does not indent, and its pure-Python indenting encoder is
most of the time of a large JSON or SARIF report. This writes the same bytes in one pass.
"""

from __future__ import annotations

import json
import math
from json.encoder import encode_basestring
from typing import Any

_SCALARS: dict[Any, str] = {True: "true", False: "false", None: "null"}


class _Fallback(Exception):
    """A value this writer leaves to json.dumps (a float, a non-string key, a subclass)."""


def dumps_indented(obj: Any) -> str:
    """`obj` as indented JSON text, identical to json.dumps(obj, indent=2, ensure_ascii=False)."""
    out: list[str] = []
    try:
        _write(obj, "\n", out)
    except _Fallback:
        return json.dumps(obj, indent=2, ensure_ascii=False)
    return "".join(out)


def _write(obj: Any, newline: str, out: list[str]) -> None:
    kind = type(obj)
    if kind is str:
        out.append(encode_basestring(obj))
    elif obj is None or kind is bool:
        out.append(_SCALARS[obj])
    elif kind is int:
        out.append(int.__repr__(obj))
    elif kind is float and math.isfinite(obj):
        out.append(float.__repr__(obj))
    elif kind is dict:
        if not obj:
            out.append("{}")
            return
        inner = newline + "  "
        first = True
        for key, value in obj.items():
            if type(key) is not str:
                raise _Fallback
            out.append(("{" if first else ",") + inner + encode_basestring(key) + ": ")
            first = False
            _write(value, inner, out)
        out.append(newline + "}")
    elif kind is list or kind is tuple:
        if not obj:
            out.append("[]")
            return
        inner = newline + "  "
        first = True
        for value in obj:
            out.append(("[" if first else ",") + inner)
            first = False
            _write(value, inner, out)
        out.append(newline + "]")
    else:
        raise _Fallback
