"""The search index, memoised: Pagefind's output depends only on its records.

The records (each paragraph's, heading's and note's text, its URL and what a result
shows) and the index language are the whole input of the Pagefind run, so its files
are stored under their hash. An edit that leaves every record as it was (a template,
a bibliography entry, a citation's style) reuses the index. Without Pagefind nothing
is stored, so installing it makes the next build index.
"""

from __future__ import annotations

from pathlib import Path

from glossator.cache import Store, code_version, digest
from glossator.cache.store import value_digest
from glossator.config import SiteConfig
from glossator.diagnostics import Diagnostic
from glossator.model import Document
from glossator.search.pagefind import index_language, search_index, search_records


def cached_search_index(
    documents: list[Document],
    site: SiteConfig,
    shown_path: str,
    store: Store,
    templates: Path | None = None,
    compute: bool = True,
) -> tuple[dict[str, bytes] | None, list[Diagnostic]]:
    """`search.search_index`, looked up in `store` first; without `compute`, None
    when it is not there (the caller runs Pagefind later)."""
    records = search_records(documents)
    key = digest(code_version(templates), "search", value_digest(records), index_language(site))
    found = store.get("search", key)
    if found is not None:
        return found, []
    if not compute:
        return None, []
    index, diagnostics = search_index(documents, site, shown_path)
    if index and not diagnostics:
        store.put("search", key, index)
    return index, diagnostics
