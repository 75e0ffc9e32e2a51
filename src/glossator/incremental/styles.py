"""The citation style's work, memoised: citeproc is most of a cold build's time.

`CitationStyle.entries(items)` and `.citations(groups)` are pure functions of their
arguments and of the style file (each call makes its own citeproc bibliography), so
their results are stored under the hash of the style's file, its locale, the code
version and the pickled arguments: an essay whose citations did not change is not
formatted again, nor the bibliography when no cited work changed.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from glossator.cache import Store, code_version, digest
from glossator.cache.store import value_digest
from glossator.format.csl_text import FormattedEntry
from glossator.format.engine import CitationStyle, CiteRequest, style_path

A = TypeVar("A")
R = TypeVar("R")


class CachedStyle(CitationStyle):
    """A CitationStyle whose `entries` and `citations` are looked up before computed."""

    def __init__(self, name: str, store: Store, templates: Path | None = None) -> None:
        path, locale = style_path(name)  # ValueError for an unknown name, as the base
        try:
            style_bytes = Path(path).read_bytes()
        except OSError as exc:
            raise ValueError(f"citation style {name!r} could not be read: {exc}") from exc
        self._store = store
        self._key = digest(code_version(templates), "style", path, locale or "", style_bytes)
        super().__init__(name)

    def _memo(self, kind: str, argument: A, compute: Callable[[A], R]) -> R:
        key = digest(self._key, kind, value_digest(argument))
        found = self._store.get(kind, key)
        if found is None:
            found = compute(argument)
            self._store.put(kind, key, found)
        return found

    def entries(self, items: list[dict]) -> dict[str, FormattedEntry]:
        return self._memo("entries", items, super().entries)

    def citations(self, groups: list[list[CiteRequest]]) -> list[FormattedEntry]:
        return self._memo("citations", groups, super().citations)
