"""The citation style's work, memoised: citeproc is most of a cold build's time.

`CitationStyle.entries(items)` is a pure function of its items and of the style file;
it also decides what the notes take from the bibliography (year suffixes, names
added), so that is stored with it and taken up again on a hit. Each document's
`citations(groups)` is a pure function of its groups, the style and those decisions
about its own works, and its key holds exactly these: an essay whose citations did not
change is not formatted again, nor the bibliography when no cited work changed, and a
change elsewhere in the bibliography reaches only the documents whose works it
concerns. What is not in the cache is computed by the `run` given (a process pool).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from glossator.cache import Store, code_version, digest
from glossator.cache.store import value_digest
from glossator.format.batches import Run, in_order
from glossator.format.corpus import FormattedCorpus, format_corpus
from glossator.format.csl_items import CslItems, pack
from glossator.format.csl_text import FormattedEntry
from glossator.format.engine import CitationStyle, CiteRequest, style_path
from glossator.format.filled import Filled
from glossator.format.patch import FormatState
from glossator.incremental.pool import forked
from glossator.incremental.reading import cached_identities, store_identities
from glossator.link.corpus import LinkedCorpus
from glossator.progress import Progress


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
        self.key = self._key  # names the style and glossator's code (`FilledMemo`)
        self._table_key = digest(self._key, "citations")
        self._table: dict[str, list[FormattedEntry]] | None = None
        self._used: dict[str, None] = {}  # the keys asked for by this build
        super().__init__(name, self._key)  # the tree parsed once per process and thread

    def entries(self, items: Sequence[dict], run: Run = in_order) -> dict[str, FormattedEntry]:
        """`entries_of` the items (keyed by position: only their order is read)."""
        return self.entries_of(CslItems((str(n), pack(item)) for n, item in enumerate(items)), run)

    def entries_of(self, items: CslItems, run: Run = in_order) -> dict[str, FormattedEntry]:
        """`entries`, keyed by the items' pickles: unpacked only when not stored."""
        packed = [items.packed(k) for k in items]
        key = digest(self._key, "entries", value_digest((packed, self.decisions())))
        found = self._store.get("entries", key)
        if found is None:
            found = CitationStyle.entries(self, items.in_order(), run), self.decisions()
            self._store.put("entries", key, found)
        self.restore(found[1])
        return found[0]

    def _citations_key(self, groups: list[list[CiteRequest]]) -> str:
        return digest(self._key, "citations", value_digest((groups, self.decided_for(groups))))

    def citations(self, groups: list[list[CiteRequest]]) -> list[FormattedEntry]:
        return self.citations_many([groups])[0]

    def citations_many(
        self, documents: list[list[list[CiteRequest]]], run: Run = in_order
    ) -> list[list[FormattedEntry]]:
        """Each document's citations from one stored table of them, by key (a thousand
        small files cost more to open than one to read), the rest computed."""
        if self._table is None:
            found = self._store.get("citations", self._table_key)
            # a copy: the stored value may be serve's remembered one, never to be changed
            self._table = dict(found) if isinstance(found, dict) else {}
        keys = [self._citations_key(groups) for groups in documents]
        missing = [n for n, key in enumerate(keys) if key not in self._table]
        made = super().citations_many([documents[n] for n in missing], run)
        for n, value in zip(missing, made, strict=True):
            self._table[keys[n]] = value
        self._used.update(dict.fromkeys(keys))
        if missing or len(self._used) != len(self._table):  # only what this build used
            self._table = {key: self._table[key] for key in self._used}
            self._store.put("citations", self._table_key, self._table)
        return [self._table[key] for key in keys]


class FilledMemo:
    """`format.filled.Memo` in the store: each document's `Filled` under its cached
    style's key and its linked version. A style not cached (none of the build's)
    keeps nothing."""

    def __init__(self, store: Store) -> None:
        self._store = store

    @staticmethod
    def _key(style: CitationStyle, version: str) -> str | None:
        return digest(style.key, "filled", version) if isinstance(style, CachedStyle) else None

    def get(self, style: CitationStyle, version: str) -> Filled | None:
        key = self._key(style, version)
        found = self._store.get("filled", key) if key is not None else None
        return found if isinstance(found, Filled) else None

    def put(self, style: CitationStyle, version: str, filled: Filled) -> None:
        key = self._key(style, version)
        if key is not None:
            self._store.put("filled", key, filled)


def format_cached(
    linked: LinkedCorpus,
    style: CitationStyle,
    essay_styles: dict[str, CitationStyle],
    store: Store,
    templates: Path | None,
    progress: Progress,
) -> FormattedCorpus:
    """`format_corpus` with what the store keeps: each work's CSL-JSON and BibTeX from
    the last build, each essay as filled, the last format of this process (serve), the
    works' formatting spread over the cores."""
    works = cached_identities(store, templates)
    made: list[FormatState] = []
    previous = store.previous("format")
    formatted = format_corpus(
        *(linked, style, essay_styles, works, progress, forked, FilledMemo(store), previous),
        made.append,
    )
    if not made or made[0].identities_changed:  # 0.3 s to write at 1,000 essays
        store_identities(store, templates, works)
    if made:
        store.keep_previous("format", made[0])
    return formatted
