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

from collections.abc import Iterator, Mapping
from pathlib import Path

from glossator.cache import Store, code_version, digest
from glossator.cache.versions import Versions
from glossator.config import SiteConfig
from glossator.diagnostics import Diagnostic
from glossator.model import Document
from glossator.search.bundles import Page, assemble, bundle_documents, index_page
from glossator.search.pagefind import build_bundles, index_language, unavailable


def cached_search_index(
    documents: list[Document],
    site: SiteConfig,
    shown_path: str,
    store: Store,
    templates: Path | None = None,
    compute: bool = True,
    versions: Versions | None = None,
) -> tuple[dict[str, bytes] | None, list[Diagnostic]]:
    """`search.search_index`, each bundle looked up in `store` first; without `compute`,
    None when one is not there (the caller runs Pagefind later). A bundle whose every
    essay has a version (`cache.versions`, by slug) is looked up by those, without
    making its pages: a page is a pure function of its essay."""
    language, version, versions = index_language(site), code_version(templates), versions or {}
    keys, pages, groups = {}, {}, bundle_documents(documents)
    for number, docs in groups.items():
        known = [versions.get(doc.slug) for doc in docs]
        if all(known):
            named = (part for doc, v in zip(docs, known, strict=True) for part in (doc.slug, v))
            keys[number] = digest(version, "search-versions", language, *named)
        else:
            pages[number] = [index_page(doc.unpacked()) for doc in docs]
            keys[number] = _pages_key(version, language, pages[number])
    found = {number: store.get("search", key) for number, key in keys.items()}
    missing = {number for number, files in found.items() if files is None}
    if missing and not compute:
        return None, []
    if missing:
        todo = _Pages({n: groups[n] for n in sorted(missing)}, pages)
        try:
            built = build_bundles(todo, language)
        except Exception as exc:  # noqa: BLE001 - whatever Pagefind does, the site is built
            return {}, [unavailable(exc, shown_path)]
        for number, files in built.items():
            store.put("search", keys[number], files)
            found[number] = files
    return assemble({n: files for n, files in found.items() if files is not None}), []


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
