"""JSON text as `json.dumps(data, ensure_ascii=False, indent=2)` writes it, faster.

The standard library's C encoder works only without `indent`; with it, every value
goes through a generator per level, which made the export of a structured document
(its inline trees) the slowest part of rendering. Strings are escaped by the same C
function `json` uses, and floats written as `json` writes them, so the bytes are the
same (tests/render/test_jsontext.py compares the two on random data).
"""

from __future__ import annotations

import json
from json.encoder import c_make_encoder, encode_basestring
from typing import Any

_float = json.JSONEncoder().iterencode  # the standard float and constant forms


def _not_json(value: Any) -> Any:
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


# json's C encoder, made once: `json.dumps` makes one per call, which costs more than
# encoding a paragraph's inline content.
_compact = (
    c_make_encoder(None, _not_json, encode_basestring, None, ": ", ", ", False, False, True)
    if c_make_encoder is not None
    else None
)


def one_line(value: Any) -> str:
    """`json.dumps(value, ensure_ascii=False)`: the value on one line."""
    if _compact is None:
        return json.dumps(value, ensure_ascii=False)
    return "".join(_compact(value, 0))


def dumps(
    data: Any, compact: frozenset[str] = frozenset(), rows: frozenset[str] = frozenset()
) -> str:
    """`data` (dicts with string keys, lists, str, int, float, bool, None) as JSON.

    A list under a key in `compact` is written on one line, and one under a key in
    `rows` one item a line: the document export writes each block on its own line,
    which reads well and is far quicker to write than one value a line."""
    out: list[str] = []
    _write(data, out, "\n", compact, rows)
    return "".join(out)


def list_item(data: Any) -> str:
    """`data` as it stands inside a top-level list written by `dumps`: a piece that a
    list of many can be assembled from (`list_of`) without writing the others again."""
    out: list[str] = []
    _write(data, out, "\n  ", frozenset(), frozenset())
    return "".join(out)


def list_of(items: list[str]) -> str:
    """The list whose items `list_item` wrote: `dumps(list)`, byte for byte."""
    return "[\n  " + ",\n  ".join(items) + "\n]" if items else "[]"


def _scalar(value: Any) -> str | None:
    """The JSON of a str, None, bool, int or float; None for anything else."""
    kind = type(value)
    if kind is str:
        return encode_basestring(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if kind is int:
        return int.__repr__(value)
    if kind is float:
        return "".join(_float(value))
    return None


def _write(
    value: Any, out: list[str], newline: str, compact: frozenset[str], rows: frozenset[str]
) -> None:
    kind = type(value)
    if kind is dict:
        if not value:
            out.append("{}")
            return
        inner = newline + "  "
        separator = "{" + inner
        for key, item in value.items():
            if type(key) is not str:
                raise TypeError(f"keys must be str, not {type(key).__name__}")
            text = encode_basestring(item) if type(item) is str else _scalar(item)
            if text is None and type(item) is list and key in compact:
                text = one_line(item)
            elif text is None and type(item) is list and item and key in rows:
                lines = ("," + inner + "  ").join(one_line(row) for row in item)
                text = f"[{inner}  {lines}{inner}]"
            if text is not None:
                out.append(f"{separator}{encode_basestring(key)}: {text}")
            else:
                out.append(f"{separator}{encode_basestring(key)}: ")
                _write(item, out, inner, compact, rows)
            separator = "," + inner
        out.append(newline + "}")
    elif kind is list or kind is tuple:
        if not value:
            out.append("[]")
            return
        inner = newline + "  "
        separator = "[" + inner
        for item in value:
            text = _scalar(item)
            if text is not None:
                out.append(separator + text)
            else:
                out.append(separator)
                _write(item, out, inner, compact, rows)
            separator = "," + inner
        out.append(newline + "]")
    else:
        text = _scalar(value)
        if text is not None:
            out.append(text)
        elif isinstance(value, str | dict | list | tuple | int | float):  # subclasses
            _write(_plain(value), out, newline, compact, rows)
        else:
            raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


def _plain(value: Any) -> Any:
    for base in (bool, int, float, str, dict, list, tuple):
        if isinstance(value, base):
            return base(value)
    return value
