"""The search index, memoised bundle by bundle: Pagefind's output for a bundle depends
only on its pages.

A bundle's pages (the HTML of each of its essays, `search.bundles.index_page`) and the
index language are the whole input of its Pagefind run, so its files are stored under
their hash. An edit of one essay changes one bundle's pages: that bundle is indexed
again, the others are taken from the cache; an edit that leaves every page as it was
(a template, a bibliography entry, a citation's style) reuses them all. When every
essay of a bundle has a version (`cache.versions`), the bundle is looked up by those
instead, so an unchanged bundle's pages are not even made. Without Pagefind nothing
is stored, so installing it makes the next build index.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Iterator, Mapping
from pathlib import Path

from glossator.cache import Store, code_version, digest
from glossator.cache.versions import Versions
from glossator.config import SiteConfig
from glossator.diagnostics import Diagnostic
from glossator.model import Document
from glossator.render.spool import Spool
from glossator.search.bundles import (
    BUNDLE_LIST,
    Page,
    bundle_documents,
    bundle_list,
    index_page,
    layout,
)
from glossator.search.pagefind import build_bundles, index_language, unavailable


def cached_search_index(
    documents: list[Document],
    site: SiteConfig,
    shown_path: str,
    store: Store,
    templates: Path | None = None,
    compute: bool = True,
    versions: Versions | None = None,
) -> tuple[Mapping[str, bytes] | None, list[Diagnostic]]:
    """`search.search_index`, each bundle looked up in `store` first; without `compute`,
    None when one is not there (the caller runs Pagefind later). A bundle whose every
    essay has a version (`cache.versions`, by slug) is looked up by those, without
    making its pages: a page is a pure function of its essay."""
    language, version, versions = index_language(site), code_version(templates), versions or {}
    keys, pages, groups = {}, {}, bundle_documents(documents)
    for number, docs in groups.items():
        if store.folder is None:  # no cache to look in: each bundle's pages made when
            keys[number] = ""  # it is indexed, not all first (1,000 essays': 36 MiB)
            continue
        known = [versions.get(doc.slug) for doc in docs]
        if all(known):
            named = (part for doc, v in zip(docs, known, strict=True) for part in (doc.slug, v))
            keys[number] = digest(version, "search-versions", language, *named)
        else:
            pages[number] = [index_page(doc.unpacked()) for doc in docs]
            keys[number] = _pages_key(version, language, pages[number])
    index = SpooledIndex()
    missing = []
    for number, key in keys.items():
        files = store.get("search", key)
        if files is None:
            if not compute:
                return None, []
            missing.append(number)
        else:
            index.add(number, files)  # on disk until written, one bundle in memory
        del files
    if missing:
        todo = _Pages({n: groups[n] for n in missing}, pages)

        storing = threading.Lock()

        def made(number: int, files: dict[str, bytes]) -> None:
            """A bundle as Pagefind hands it over, from its services' threads: stored
            one at a time (the store is written by one thread everywhere else)."""
            with storing:
                store.put("search", keys[number], files)
            index.add(number, files)

        try:
            build_bundles(todo, language, made)
        except Exception as exc:  # noqa: BLE001 - whatever Pagefind does, the site is built
            return {}, [unavailable(exc, shown_path)]
    index.close_adding()
    return index, []


class SpooledIndex(Mapping[str, bytes]):
    """The site's `pagefind/` (as `search.bundles.assemble` lays it out), each
    bundle's files kept in a temporary file (a `Spool`) as the bundle comes: the 64
    bundles of 1,000 essays, with the script and WebAssembly each has, held some
    60 MB at once. Bundles may be added from several threads, in any order; the
    files are listed in the layout's order all the same."""

    def __init__(self) -> None:
        self._spool = Spool()
        self._lock = threading.Lock()
        self._paths: dict[int, list[str]] = {}
        self._placed: dict[str, tuple[int, str]] = {}
        weakref.finalize(self, self._spool.close)

    def add(self, number: int, files: Mapping[str, bytes]) -> None:
        with self._lock:
            for path, data in files.items():
                self._spool[f"{number}/{path}"] = data
            self._paths[number] = list(files)

    def close_adding(self) -> None:
        """Every bundle is in: the layout is fixed."""
        self._placed = layout(self._paths)

    def __getitem__(self, path: str) -> bytes:
        if path == BUNDLE_LIST and self._placed:
            return bundle_list(self._paths)
        number, inner = self._placed[path]
        return self._spool[f"{number}/{inner}"]

    def __iter__(self) -> Iterator[str]:
        yield from self._placed
        if self._placed:
            yield BUNDLE_LIST

    def __len__(self) -> int:
        return len(self._placed) + 1 if self._placed else 0


class _Pages(Mapping[int, list[Page]]):
    """A bundle's pages, made when Pagefind is about to index it (those made for its
    key taken as they are): the pages of 1,000 essays at once held some 100 MB. It
    takes `made` over, emptying it as it hands each bundle out, so that those go too."""

    def __init__(self, groups: dict[int, list[Document]], made: dict[int, list[Page]]) -> None:
        self._groups, self._made = groups, made

    def __getitem__(self, number: int) -> list[Page]:
        made = self._made.pop(number, None)
        if made is not None:
            return made
        return [index_page(d.unpacked()) for d in self._groups[number]]  # bodies let go

    def __iter__(self) -> Iterator[int]:
        return iter(self._groups)

    def __len__(self) -> int:
        return len(self._groups)


def _pages_key(version: str, language: str, pages: list[Page]) -> str:
    return digest(version, "search", language, *(part for p in pages for part in (p.url, p.html)))
