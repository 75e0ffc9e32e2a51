"""The index in bundles: each essay given to Pagefind as one small HTML page, and the
essays split into BUNDLES stable groups, each indexed on its own and merged in the
browser (Pagefind's `mergeIndex`).

One page per essay, not one record per paragraph and note: Pagefind keeps every element
with an id as an anchor with the word location where it starts, and a hit's word
location says which paragraph or note it is in (search.html's script maps each hit to
the anchor before it). So an essay of 450 places is one fragment, not 450, and indexing
is about the cost of its words.

Bundles make an edit cheap: an essay always falls in the bundle of its slug's hash, so
editing it changes one bundle, and only that one is indexed again (the others come from
the cache, `incremental/searching.py`). The site's `pagefind/` is the first bundle that
has essays, with Pagefind's script and WebAssembly; each other bundle is in
`pagefind/<nn>/`, only its index files, and `pagefind/bundles.json` lists them for the
search page to merge.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from html import escape

from glossator.model import Document
from glossator.search.places import document_places, essay_url

INDEX_DIR = "pagefind"
BUNDLE_LIST = f"{INDEX_DIR}/bundles.json"
# How many bundles: an edit re-indexes 1/BUNDLES of the corpus (Pagefind takes about
# 30 ms an essay, plus 30 ms a bundle), while the search page fetches two files of every
# bundle to start and an index file of each for every word: 64 keeps an edit at 1,000
# essays to about 16 essays indexed (docs/performance.md).
BUNDLES = 64
# Files the search page loads from the first bundle only (Pagefind's merged indexes use
# the first one's script, worker and WebAssembly).
SHARED = ("pagefind.js", "pagefind-worker.js", "wasm.")


@dataclass(frozen=True)
class Page:
    """What Pagefind indexes for one essay: the URL of its page, and the HTML to read."""

    url: str
    html: str


def bundle_of(slug: str) -> int:
    """The bundle an essay belongs to, from its slug alone: the same in every build."""
    return int.from_bytes(hashlib.sha256(slug.encode("utf-8")).digest()[:4], "big") % BUNDLES


def index_page(doc: Document) -> Page:
    """The essay as Pagefind reads it: its title in an h1, each place in an element
    with the place's anchor as id (the text in a child, so that Pagefind does not
    store it a second time as the anchor's text), and, in the page's metadata, the
    title and each anchor's name ("Paragraph 3"), in order."""
    essay, *places = document_places(doc)
    title, _, about = essay.text.partition("\n")
    names = json.dumps([[p.anchor, p.place] for p in places], ensure_ascii=False)
    parts = [
        '<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>',
        '<div data-pagefind-meta="title[data-title], places[data-places]"'
        f' data-title="{escape(doc.meta.title or doc.slug)}" data-places="{escape(names)}">'
        "</div>",
        f"<h1>{escape(title, quote=False)}</h1>",
    ]
    if about:
        parts.append(f"<p>{escape(about, quote=False)}</p>")
    for place in places:
        tag = "h2" if place.place.startswith("Section: ") else "p"
        parts.append(f'<div id="{escape(place.anchor)}"><{tag}>')
        parts.append(f"{escape(place.text, quote=False)}</{tag}></div>")
    parts.append("</body></html>")
    return Page(essay_url(doc.slug), "".join(parts))


def bundle_documents(documents: list[Document]) -> dict[int, list[Document]]:
    """The essays of each bundle that has essays, by slug within it."""
    bundles: dict[int, list[Document]] = {}
    for doc in sorted(documents, key=lambda d: d.slug):
        bundles.setdefault(bundle_of(doc.slug), []).append(doc)
    return dict(sorted(bundles.items()))


def bundle_pages(documents: list[Document]) -> dict[int, list[Page]]:
    """The pages of each bundle that has essays, by slug within it: the same documents
    give the same bundles in the same order, hence the same files."""
    return {n: [index_page(d) for d in docs] for n, docs in bundle_documents(documents).items()}


def layout(bundles: Mapping[int, Iterable[str]]) -> dict[str, tuple[int, str]]:
    """Where each bundle's files go in the site's `pagefind/` (site path -> bundle, path
    in it): the first bundle at its root, the others in `<nn>/` without the files only
    the first one's are loaded from. `bundles.json` is not among them (`bundle_list`)."""
    placed: dict[str, tuple[int, str]] = {}
    for n, number in enumerate(sorted(bundles)):
        folder = INDEX_DIR if n == 0 else f"{INDEX_DIR}/{number:02d}"
        for path in bundles[number]:
            if n == 0 or not path.startswith(SHARED):
                placed[f"{folder}/{path}"] = (number, path)
    return placed


def bundle_list(numbers: Iterable[int]) -> bytes:
    """`bundles.json`: the bundles the search page merges into the first one's."""
    merged = [f"{number:02d}/" for number in sorted(numbers)[1:]]
    return (json.dumps({"merge": merged}) + "\n").encode("utf-8")


def assemble(bundles: dict[int, dict[str, bytes]]) -> dict[str, bytes]:
    """The site's `pagefind/` from each bundle's files (`layout`), with the list of
    the bundles merged in bundles.json."""
    files = {site: bundles[n][path] for site, (n, path) in layout(bundles).items()}
    if files:
        files[BUNDLE_LIST] = bundle_list(bundles)
    return files
