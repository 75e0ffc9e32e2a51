"""The search index, memoised bundle by bundle: Pagefind's output for a bundle depends
only on its pages.

A bundle's pages (the HTML of each of its essays, `search.bundles.index_page`) and the
index language are the whole input of its Pagefind run, so its files are stored under
their hash. An edit of one essay changes one bundle's pages: that bundle is indexed
again, the others are taken from the cache; an edit that leaves every page as it was
(a template, a bibliography entry, a citation's style) reuses them all. Without
Pagefind nothing is stored, so installing it makes the next build index.
"""

from __future__ import annotations

from pathlib import Path

from glossator.cache import Store, code_version, digest
from glossator.config import SiteConfig
from glossator.diagnostics import Diagnostic
from glossator.model import Document
from glossator.search.bundles import assemble, bundle_pages
from glossator.search.pagefind import build_bundles, index_language, unavailable


def cached_search_index(
    documents: list[Document],
    site: SiteConfig,
    shown_path: str,
    store: Store,
    templates: Path | None = None,
    compute: bool = True,
) -> tuple[dict[str, bytes] | None, list[Diagnostic]]:
    """`search.search_index`, each bundle looked up in `store` first; without `compute`,
    None when one is not there (the caller runs Pagefind later)."""
    language = index_language(site)
    version = code_version(templates)
    bundles = bundle_pages(documents)
    keys = {
        number: digest(
            version, "search", language, *(part for p in pages for part in (p.url, p.html))
        )
        for number, pages in bundles.items()
    }
    found = {number: store.get("search", key) for number, key in keys.items()}
    missing = {number: bundles[number] for number, files in found.items() if files is None}
    if missing and not compute:
        return None, []
    if missing:
        try:
            built = build_bundles(missing, language)
        except Exception as exc:  # noqa: BLE001 - whatever Pagefind does, the site is built
            return {}, [unavailable(exc, shown_path)]
        for number, files in built.items():
            store.put("search", keys[number], files)
            found[number] = files
    return assemble({n: files for n, files in found.items() if files is not None}), []
