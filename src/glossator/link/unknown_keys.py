"""What a cited key that the bibliography lacks is: a typo (an error, with the keys it
may have meant) or a cross-reference that Pandoc's and Quarto's filters resolve."""

from __future__ import annotations

from collections.abc import Iterable
from difflib import get_close_matches

from glossator.diagnostics import Diagnostic, error, warning
from glossator.model.citekeys import CROSSREF


def did_you_mean(key: str, keys: Iterable[str]) -> str:
    """` (did you mean `@grafton1997`?)` for the closest keys, or ""."""
    lowered = {k.lower(): k for k in keys}
    close = get_close_matches(key.lower(), list(lowered), n=3, cutoff=0.75)
    if not close:
        return ""
    return " (did you mean " + " or ".join(f"`@{lowered[c]}`" for c in close) + "?)"


def unknown_key(path: str, line: int, key: str, keys: Iterable[str], bib_path: str) -> Diagnostic:
    """An unknown key is an error, but a cross-reference (`@fig:map`, `@sec-intro`) is a
    warning, as Pandoc's own "citation not found" is: the essay still builds, the
    reference shown as written."""
    if CROSSREF.fullmatch(key):
        return warning(
            path,
            line,
            "cite.crossref",
            f"`@{key}` is a cross-reference (pandoc-crossref or Quarto), which glossator "
            "does not number; it is shown as written. Link to the element with [text](#id) "
            "instead",
        )
    return error(
        path,
        line,
        "cite.unknown-key",
        f"`@{key}` is not in {bib_path}; add an entry with that key or fix the key"
        f"{did_you_mean(key, keys)}",
    )
