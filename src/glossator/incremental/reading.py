"""Read the essays: cached per file, the rest over a pool of processes.

A document read is a pure function of its file's bytes, its sidecar's bytes, the path
shown in diagnostics and glossator's code, and the key holds exactly these. Only
regular files (not links, FIFOs or folders) are cached: whether a link may be read
depends on where it leads, so those are read afresh every time. The documents not
found in the cache are read in worker processes when there are enough of them for the
pool to pay off (a forked worker starts in a few milliseconds, with glossator already
imported); results come back in the files' order, so the build is the same either way.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import stat
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from glossator.bibliography import BibEntry, read_bibliography
from glossator.cache import Store, code_version, digest
from glossator.cache.store import PROTOCOL, value_digest
from glossator.cache.versions import Versions, derived, unique_slugs
from glossator.cores import usable_cores
from glossator.diagnostics import Diagnostic, display_path
from glossator.incremental.inputs import bytes_digest, known_digest
from glossator.ingest.corpus import read_document
from glossator.link.checks import renamed_keys
from glossator.link.corpus import BibIndex, LinkedCorpus, bibliography_index
from glossator.link.parts import DocLink
from glossator.link.scan import Scan, scan_document
from glossator.model import Document
from glossator.notes.parse_note import ParsedWork
from glossator.notes.resolve import Cite, NoteCites, resolve_document
from glossator.progress import READING, Progress, silent

Read = tuple[Document | None, list[Diagnostic]]
Task = tuple[int, str | None, tuple[Path, Path]]  # where its result goes, its key, its read
POOL_MINIMUM = 8  # fewer documents than this are read in this process


def _regular_bytes(path: Path) -> bytes | None:
    """The bytes of a regular file that is not a link, else None (not cacheable)."""
    try:
        if not stat.S_ISREG(os.lstat(path).st_mode):
            return None
        with open(path, "rb") as handle:
            return handle.read()
    except OSError:
        return None


def _regular_digest(path: Path) -> tuple[bytes, os.stat_result] | None:
    """The digest of a regular file that is not a link, and its lstat; else None (not
    cacheable). Taken from the fingerprint just made when it read the file as it still
    is (`inputs.known_digest`): hashing 50 MB of essays again cost 0.2 s an edit."""
    try:
        found = os.lstat(path)
        if not stat.S_ISREG(found.st_mode):
            return None
        known = known_digest(found)
        if known is not None:
            return known, found
        with open(path, "rb") as handle:
            return bytes_digest(handle.read()), found
    except OSError:
        return None


def _real_path(
    path: Path, root: Path, real_root: str, folders: dict[str, bool] | None = None
) -> str:
    """`os.path.realpath(path)` of a file that is not a link: for one in a folder of
    `root` (as `essays/` is), the folder's real place from `real_root` after one lstat
    of it (`folders`: whether each is a folder, not a link, for one reading), by
    strings (pathlib's parents took more than the rest of an essay's key)."""
    folder, name = os.path.split(os.fspath(path))
    up, folder_name = os.path.split(folder)
    if up == os.fspath(root) and folder_name not in ("", ".", ".."):
        folders = {} if folders is None else folders
        if folder not in folders:
            try:
                folders[folder] = stat.S_ISDIR(os.lstat(folder).st_mode)
            except OSError:
                folders[folder] = False
        if folders[folder]:  # a folder, not a link to one
            return os.path.join(real_root, folder_name, name)
    return os.path.realpath(path)


def read_key(
    path: Path,
    root: Path,
    templates: Path | None,
    real_root: str | None = None,
    folders: dict[str, bool] | None = None,
) -> str | None:
    """The cache key of one essay, or None when it must be read afresh. Where the file
    and the content folder really are goes in too: reading checks one is inside the
    other (`real_root`: the folder's, when the caller has it). The bytes go in as
    their digest."""
    found = _regular_digest(path)
    if found is None:
        return None
    data, _ = found
    sidecar = b"-"
    if path.suffix == ".txt":
        side = path.with_suffix(".yaml")
        if os.path.lexists(side):
            found = _regular_digest(side)
            if found is None:
                return None
            sidecar = b"+" + found[0]
    real_root = os.path.realpath(root) if real_root is None else real_root
    real = _real_path(path, root, real_root, folders)
    places = [display_path(path), str(path), real, real_root]
    return digest(code_version(templates), "read", *places, data, sidecar)


def _read_alone(task: tuple[Path, Path]) -> tuple[bytes, None]:
    """In a worker: the document read and pickled, for a build without a cache."""
    path, root = task
    return pickle.dumps(read_document(path, root=root), PROTOCOL), None


def _read_pickled(task: tuple[Path, Path]) -> tuple[bytes, bytes | None]:
    """In a worker: the document read, pickled once, both to come back and be stored;
    then what else is a pure function of it worked out (`prepare`) and pickled."""
    path, root = task
    read = read_document(path, root=root)
    data = pickle.dumps(read, PROTOCOL)  # before preparing: not the notes' cached text
    doc = read[0]
    if doc is None:
        return data, None
    return data, pickle.dumps(prepare(doc), PROTOCOL)


Slim = list[tuple[list[Cite], list[ParsedWork], list[tuple[str, str]]]]
Prepared = tuple[Slim, Scan]


def prepare(doc: Document) -> Prepared:
    """The link stage's per-document steps: its notes resolved
    (`notes.resolve_document`, some 10 ms for 54 notes), without the notes they came
    from (the document has them), and what it reads of the body (`link.scan`)."""
    resolved = resolve_document(doc)
    return [(r.cites, r.unread, r.problems) for r in resolved], scan_document(doc)


def rejoin(doc: Document, found: Slim) -> list[NoteCites] | None:
    """The resolved notes back with the document's notes; None if not theirs."""
    if len(found) != len(doc.notes):
        return None
    return [NoteCites(n, c, u, p) for n, (c, u, p) in zip(doc.notes, found, strict=True)]


@dataclass
class CachedReader:
    """`read_many` for `ingest.read_corpus`: cached, and parallel for what is not.

    It remembers, for each document it returns, where what `prepare` makes of it is
    (`prepared`: made with the read; `keys`: the read's key, under which the cache
    holds it), for `CachedResolver`."""

    store: Store
    templates: Path | None = None
    workers: int = 0  # 0: one per core
    cached: bool = True  # False (`--no-cache`): no keys, nothing kept; prepared if forked
    progress: Progress = silent
    prepared: dict[int, tuple[Document, Prepared]] = field(default_factory=dict)
    keys: dict[int, tuple[Document, str]] = field(default_factory=dict)

    def _keep(
        self,
        tasks: list[Task],
        read: Iterable[tuple[bytes, bytes | None]],
        results: list[Read | None],
    ) -> None:
        """Each document as it is read: in its place, in the store, counted."""
        cached = len(results) - len(tasks)
        for done, ((at, key, _), (data, notes)) in enumerate(zip(tasks, read, strict=True), 1):
            results[at] = found = pickle.loads(data)
            if key is not None:
                self.store.put_pickled("read", key, data)
                self.store.remember("read", key, results[at])
            if key is not None and found[0] is not None:
                self.keys[id(found[0])] = (found[0], key)
            if notes is not None and found[0] is not None:
                self.prepared[id(found[0])] = (found[0], pickle.loads(notes))
                if key is not None:
                    self.store.put_pickled("resolved", key, notes)
            self.progress(READING, cached + done, len(results))

    def __call__(self, paths: list[Path], content_dir: Path) -> list[Read]:
        results: list[Read | None] = []
        tasks: list[Task] = []
        real, folders, templates = os.path.realpath(content_dir), {}, self.templates
        for path in paths:
            key = read_key(path, content_dir, templates, real, folders) if self.cached else None
            cached = self.store.get("read", key) if key is not None else None
            if cached is None:
                tasks.append((len(results), key, (path, content_dir)))
            elif key is not None and cached[0] is not None:
                self.keys[id(cached[0])] = (cached[0], key)
            results.append(cached)
        self.progress(READING, len(paths) - len(tasks), len(paths))
        workers = min(self.workers or usable_cores(), len(tasks))
        if workers > 1 and len(tasks) >= POOL_MINIMUM and "fork" in _methods():
            context = multiprocessing.get_context("fork")
            with ProcessPoolExecutor(workers, mp_context=context) as pool:
                chunk = max(1, len(tasks) // (workers * 4))  # notes resolved there too:
                read = pool.map(_read_pickled, [t for _, _, t in tasks], chunksize=chunk)
                self._keep(tasks, read, results)
        else:
            here = _read_pickled if self.cached else _read_alone  # no-cache: resolved later
            self._keep(tasks, (here(task) for _, _, task in tasks), results)
        done = [r for r in results if r is not None]
        assert len(done) == len(paths)
        return done


def read_versions(read: list[Document], placed: list[Document], reader: CachedReader) -> Versions:
    """Each document's version (`cache.versions`) as the link stage gets it: the key
    of its read (which names all it was read from), or for one whose citations were
    moved into the text (`placed`, in the same order) one derived from that."""
    pairs = []
    for doc, now in zip(read, placed, strict=True):
        known = reader.keys.get(id(doc))
        version = known[1] if known is not None and known[0] is doc else None
        pairs.append((now.slug, version if now is doc else derived(version, "in-text")))
    return unique_slugs(pairs)


def _methods() -> list[str]:
    return multiprocessing.get_all_start_methods()


def cached_bibliography(
    path: Path, store: Store, templates: Path | None = None
) -> tuple[dict[str, BibEntry], list[Diagnostic]]:
    """`read_bibliography(path)`, stored under the hash of the file's bytes (a regular
    file only, as for essays: a link is read afresh)."""
    data = _regular_bytes(path)
    if data is None:
        return read_bibliography(path)
    key = digest(code_version(templates), "bib", str(path), data)
    found = store.get("bib", key)
    if found is None:
        found = read_bibliography(path)
        store.put("bib", key, found)
    return found


def cached_bibliography_index(
    bibliography: dict[str, BibEntry],
    store: Store,
    templates: Path | None = None,
    made_from: str | None = None,
) -> BibIndex:
    """`link.bibliography_index`: fingerprinting 5,460 entries takes about two seconds.
    `made_from`: `value_digest(bibliography)`, when the caller has it."""
    made_from = value_digest(bibliography) if made_from is None else made_from
    key = digest(code_version(templates), "bib-index", made_from)
    found = store.get("bib-index", key)
    if found is None:
        found = bibliography_index(bibliography)
        store.put("bib-index", key, found)
    return found


@dataclass
class CachedResolver:
    """`notes.resolve_document` for `link_corpus`, and `scan` for `link.scan`'s
    reading of the body. For a document as `reader` returned it, both were made with
    the read (in this build, or in the cache under the read's key): no walk of it.
    Another (one with its citations moved into the text, for an author-date style) is
    resolved under its value: parsing 54 notes costs some 10 ms, looking the result
    up well under one."""

    store: Store
    templates: Path | None = None
    reader: CachedReader | None = None
    # where each document's resolved notes are kept: (the document, (kind, key))
    places: dict[int, tuple[Document, tuple[str, str]]] = field(default_factory=dict)

    def kept_at(self, doc: Document) -> tuple[str, str] | None:
        """The cache entry holding `doc`'s resolved notes, once they were asked for."""
        found = self.places.get(id(doc))
        return found[1] if found is not None and found[0] is doc else None

    def _prepared(self, doc: Document) -> Prepared | None:
        if self.reader is None:
            return None
        known = self.reader.keys.get(id(doc))
        if known is not None and known[0] is doc:
            self.places[id(doc)] = (doc, ("resolved", known[1]))
        found = self.reader.prepared.get(id(doc))
        if found is not None and found[0] is doc:
            return found[1]
        if known is None or known[0] is not doc:
            return None
        prepared = self.store.get("resolved", known[1])
        if prepared is None:  # not there (or damaged): made again, from a copy, and stored
            prepared = prepare(pickle.loads(pickle.dumps(doc, PROTOCOL)))
            self.store.put("resolved", known[1], prepared)
        self.reader.prepared[id(doc)] = (doc, prepared)
        return prepared

    def scan(self, doc: Document) -> Scan:
        prepared = self._prepared(doc)
        return prepared[1] if prepared is not None else scan_document(doc)

    def __call__(self, doc: Document) -> list[NoteCites]:
        prepared = self._prepared(doc)
        found = rejoin(doc, prepared[0]) if prepared is not None else None
        if found is not None:
            return found
        if self.store.folder is None:  # `--no-cache`: nowhere to keep it
            return resolve_document(doc)
        key = digest(code_version(self.templates), "resolve", value_digest(doc))
        self.places[id(doc)] = (doc, ("resolve", key))
        found = self.store.get("resolve", key)
        if found is None:
            found = resolve_document(doc)
            self.store.put("resolve", key, found)
        return found


def cached_identities(store: Store, templates: Path | None = None, kind: str = "works") -> dict:
    """Each work's CSL-JSON and BibTeX as the last build made them, pure functions of
    the work. A copy: `format_corpus` fills it in place; the stored one may be serve's."""
    found = store.get(kind, digest(code_version(templates), kind))
    return dict(found) if isinstance(found, dict) else {}


def store_identities(
    store: Store, templates: Path | None, identities: dict, kind: str = "works"
) -> None:
    """This build's, for the next (only the works cited now, so it stays bounded)."""
    store.put(kind, digest(code_version(templates), kind), identities)


@dataclass
class LinkMemo:
    """`link.parts.Memo` in the store: each document's linked part under its version
    (naming the document and the code; `link_corpus` checks the rest). The entry of its
    resolved notes is kept while the part is used: a changed bibliography links again
    from them (resolving 1,000 essays again would take ten seconds)."""

    store: Store
    templates: Path | None = None
    resolver: CachedResolver | None = None

    def _key(self, version: str) -> str:
        return digest(code_version(self.templates), "linked", version)

    def get(self, version: str) -> DocLink | None:
        found = self.store.get("linked", self._key(version))
        if not (isinstance(found, tuple) and len(found) == 2 and isinstance(found[0], DocLink)):
            return None
        if found[1] is not None:
            self.store.used.add(found[1])  # kept by the next prune, as if read
        return found[0]

    def put(self, doc: Document, version: str, part: DocLink) -> None:
        where = self.resolver.kept_at(doc) if self.resolver is not None else None
        self.store.put("linked", self._key(version), (part, where))


def renamed_keys_kept(
    store: Store, linked: LinkedCorpus, bibliography: dict, shown: str, made_from: str
) -> list[Diagnostic]:
    """`link.checks.renamed_keys`, as this process' last build found it when the works'
    keys and the bibliography are the ones it read (a work is curated exactly when its
    key is the bibliography's), else found again."""
    keys = list(linked.works)
    last = store.previous("renamed")
    if last is not None and last[0] == (made_from, shown) and last[1] == keys:
        return last[2]
    found = renamed_keys(linked, bibliography, shown)
    store.keep_previous("renamed", ((made_from, shown), keys, found))
    return found


def bibliography_digest(
    store: Store, curated: dict[str, BibEntry], merged: dict[str, BibEntry]
) -> str:
    """A digest of `merged` (the curated entries, then those the essays' own
    bibliographies add): the curated part's taken from this process' last build when
    `curated` is the very object it digested (serve: the store's, while
    references.bib is unchanged; some 15 ms at 5,460 entries)."""
    last = store.previous("bibliography")
    base = last[1] if last is not None and last[0] is curated else value_digest(curated)
    store.keep_previous("bibliography", (curated, base))
    extra = [(key, entry) for key, entry in merged.items() if key not in curated]
    return digest(base, value_digest(extra)) if extra else base
