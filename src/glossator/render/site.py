"""The whole site as jobs, each rendered only when what it is rendered from changed.

A job makes one or more files: an essay's page, its citation downloads and its JSON;
a work's source page; the bibliography. Each is handed exactly the data its signature
hashes (the essay's document, by its version, the works it cites with only its own
citing places, their formatted entries and labels; the work with its citing places,
the sentences they quote and the metadata of the citing essays; for the bibliography,
each work's entry, places and "cited in" links), so an unchanged signature means
unchanged bytes and the job is not run. Signatures are made of cheap parts
(`signatures.py`: a work's own parts digested once for all the jobs showing it). A
job also leaves a piece for the other pages, kept with its signature (`views.py`): an
essay what its source pages, the home and about pages and the feed show of it, a
work its items of `sources.json` and `sources.csl.json`, its "cited in" links and what
the bibliography shows of it. The home, about, 404 and search pages, the feed and
sitemap, and the data files are made every time, from the pieces.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Callable, Mapping, MutableMapping, Sequence
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any

from jinja2 import Environment
from markupsafe import Markup

from glossator.cache import code_version, digest
from glossator.cache.store import value_digest, value_digests
from glossator.config import SiteConfig
from glossator.format.batches import Run, in_order
from glossator.format.corpus import FormattedCorpus
from glossator.format.csl_text import FormattedEntry
from glossator.link.corpus import LinkedCorpus
from glossator.model import Document
from glossator.progress import RENDERING, Progress, silent
from glossator.render.citing import cited_count, cited_in_html, short_title
from glossator.render.data import CorpusFiles, WorkData, document_file, work_data
from glossator.render.listing import corpus_pages, home_page, site_map, static_files
from glossator.render.pages import (
    TEMPLATES_DIR,
    citing_places,
    essay_context,
    essay_downloads,
    listed_entries,
    make_environment,
    page_url,
    root_path,
    source_href,
    work_label,
)
from glossator.render.signatures import (
    data_shows,
    home_shows,
    places_of,
    plain_mentions,
    source_signatures,
    work_digests,
)
from glossator.render.spread import POOL_MINIMUM, spread_pages
from glossator.render.template_keys import template_key
from glossator.render.templating import as_search_path
from glossator.render.views import (
    CitingEssay,
    EssayPiece,
    Lazy,
    by_essay,
    essay_piece,
    listed_essays,
    own_keys,
    own_view,
    places_by_essay,
)

# The pages made from one template each, by job kind (feed, sitemap, data: by code)
PAGES = {
    "essay": "essay.html",
    "source": "source.html",
    "bibliography": "bibliography.html",
    "home": "index.html",
    "about": "about.html",
}
Job = tuple[str, list[str], Any]  # signature, the files it made, what corpus pages take
Jobs = dict[str, Job]


@dataclass
class Rendered:
    """The files rendered now, the jobs skipped (their files are the published ones),
    and every job's signature and files, for the next build to compare with."""

    files: MutableMapping[str, bytes]  # a dict, or the build's `spool.Spool`
    kept: list[str]
    jobs: Jobs


BATCH = 4096  # Jinja2's pieces of a page joined and encoded at once


def render_page(env: Environment, template: str, context: dict[str, Any]) -> bytes:
    """One template rendered: every page goes through here (tests count the calls).
    Encoded a few thousand of Jinja2's pieces at a time: the bibliography of 29,573
    works is 11 MB, and its pieces in one list, their text and its bytes held 57 MB."""
    pieces = env.get_template(template).generate(**context)
    out = bytearray()
    while batch := list(islice(pieces, BATCH)):
        out += "".join(batch).encode("utf-8")
    return bytes(out)


@dataclass
class PageRenderer:
    """`render(path, template, **values)`: a page with what every page is given (the
    site, its path and root, the works' entries and labels, unless `values` narrow
    them), through `render_page`."""

    env: Environment
    site: SiteConfig
    has_search: bool
    formatted: dict[str, FormattedEntry]
    entry_html: dict[str, Markup]
    work_labels: dict[str, str]

    def __call__(self, path: str, template: str, **values: Any) -> bytes:
        values.setdefault("root", "../" * path.count("/"))
        values.setdefault("canonical", page_url(self.site, path))
        values.setdefault("formatted", self.formatted)
        values.setdefault("entry_html", self.entry_html)
        values.setdefault("work_labels", self.work_labels)
        context = dict(
            site=self.site, path=path, has_search=self.has_search, cited_count=cited_count, **values
        )
        return render_page(self.env, template, context)


def essay_path(slug: str) -> str:
    return f"essays/{slug}.html"


def essay_page(
    render: PageRenderer, doc: Document, own: LinkedCorpus, shown: list[str], shorts: dict
) -> bytes:
    """An essay's page, from its own view of the linked corpus (`views.own_view`) and
    the works it shows: serve renders an open one before the rest (`render/early.py`)."""
    formatted, shown = render.formatted, sorted(shown)
    listed = listed_entries(doc, formatted, shown)
    return render(
        essay_path(doc.slug),
        "essay.html",
        formatted=listed,
        entry_html={k: render.entry_html[k] for k in listed},
        work_labels={k: render.work_labels[k] for k in shown},
        **essay_context(doc, own, listed, render.site, {k: shorts[k] for k in shown}),
    )


def render_site(
    site: SiteConfig,
    corpus: FormattedCorpus,
    templates_dir: Path | Sequence[Path] = TEMPLATES_DIR,
    search_available: bool = True,
) -> dict[str, bytes]:
    """Every page and data file of the site, from the formatted corpus; templates and
    static files are looked up in `templates_dir` (one folder or several, first wins)."""
    return dict(render_jobs(site, corpus, templates_dir, search_available).files)


def render_jobs(
    site: SiteConfig,
    corpus: FormattedCorpus,
    templates_dir: Path | Sequence[Path] = TEMPLATES_DIR,
    search_available: bool = True,
    previous: Jobs | None = None,
    progress: Progress = silent,
    known: dict[str, dict] | None = None,
    spread: Run = in_order,
    files: MutableMapping[str, bytes] | None = None,
) -> Rendered:
    """The site's files; with `previous` (job -> the signature, files and piece the
    published site has from it), a job whose signature is the same is skipped and
    listed as kept, another taken out of `previous` (its piece is garbage); without
    it no signature is computed (a build without the cache).
    `progress` is told of each essay and source page, made or kept. `known`: the
    works' digests and the source pages' signatures with the objects they were made
    from (`signatures`), which serve keeps between its builds. `spread` renders the
    pages to make, by number, when they are many (`spread.spread_pages`). `files`
    receives the files (a `Spool` keeps their bytes out of memory), else a dict."""
    folders = as_search_path(templates_dir)
    env = make_environment(folders)
    linked, formatted, bibtex = corpus.linked, corpus.entries, corpus.bibtex
    documents = sorted(linked.documents, key=lambda d: d.slug)
    ordered_keys = list(formatted)  # already in bibliography order
    entry_html = Lazy(ordered_keys, lambda k: Markup(formatted[k].html), formatted)  # escaped
    has_search = any((folder / "search.html").is_file() for folder in folders)
    keys = sorted(linked.works)
    work_labels = Lazy(keys, lambda k: work_label(linked.works[k]), linked.works)
    shorts = Lazy(
        keys, lambda k: short_title(linked.works[k], corpus.csl_items.get(k)), linked.works
    )
    out = Rendered(files if files is not None else {}, [], {})
    signing = previous is not None
    render = PageRenderer(env, site, has_search, formatted, entry_html, work_labels)

    def page(path: str, template: str, **values: Any) -> None:
        out.files[path] = render(path, template, **values)

    env.get_template("index.html")  # the first page: its template's problem is the one told
    base: dict[str, str] = {}
    works_signed: dict[str, str] = {}
    placed: dict[str, tuple] = {}  # work key -> its places' fields
    placed_in: dict[tuple[str, str], list[tuple]] = defaultdict(list)  # (key, slug) -> those
    if signing:
        shared = digest(
            code_version(TEMPLATES_DIR), value_digest((site, has_search, search_available))
        )
        base = {kind: digest(shared, template_key(env, page)) for kind, page in PAGES.items()}
        base.update((kind, shared) for kind in ("feed", "sitemap", "data"))
        by_object = known.setdefault("works", {}) if known is not None else None
        works_signed = work_digests(linked.works, formatted, bibtex, corpus.csl_items, by_object)
        for key, work in linked.works.items():  # each place once, as the tuple of its fields
            plain = placed[key] = places_of(work.cited_by)
            for place, fields in zip(work.cited_by, plain, strict=True):
                placed_in[(key, place.document)].append(fields)

    def signing_value(job: str, inputs: Any) -> tuple:
        """What a job's signature is the digest of: its inputs, the job, and its kind's
        part (code, settings, template files)."""
        return base[job.split(":")[0]], job, inputs

    def skipped(job: str, inputs: Any, signature: str | None = None) -> bool:
        """Whether `job` need not run; records its signature either way (`signature`:
        the digest of `signing_value(job, inputs)`, when worked out already)."""
        if previous is None:
            return False
        if signature is None:
            signature = value_digest(signing_value(job, inputs))
        before = previous.get(job)
        if before is not None and before[0] == signature:
            out.jobs[job] = before
            out.kept.append(job)
            return True
        out.jobs[job] = (signature, [], None)
        previous.pop(job, None)
        return False

    def made(job: str, files: Mapping[str, bytes]) -> None:
        """The job's files into the site, and listed as the job's (for the next build)."""
        out.files.update(files)
        if job in out.jobs:
            out.jobs[job] = (out.jobs[job][0], sorted(files), out.jobs[job][2])

    def piece(job: str, value: Any) -> Any:
        """What the corpus pages take from the job, kept with its signature."""
        if job in out.jobs:
            out.jobs[job] = (*out.jobs[job][:2], value)
        return value

    def run(job: str, inputs: Callable[[], Any], make: Callable[[], Mapping[str, bytes]]) -> None:
        """A job of files alone (a corpus page): made unless its signature, of what
        `inputs` gives (all that `make` hands its page), is the published one."""
        if not skipped(job, inputs() if signing else None):
            made(job, make())

    mentions: dict[str, dict] = defaultdict(dict, by_essay(linked.mentions))
    cites: dict[str, dict] = defaultdict(dict, by_essay(linked.note_cites))
    pages, done = len(documents) + len(ordered_keys), 0
    pieces: dict[str, EssayPiece] = {}
    todo: list[tuple[str, Document, list[str]]] = []
    for doc in documents:  # first every signature; the pages below, in the same order
        done += 1
        progress(RENDERING, done, pages)
        slug, job = doc.slug, f"essay:{doc.slug}"
        shown = own_keys(doc, linked, cites[slug])
        signed = None
        if signing:
            version = linked.versions.get(slug)  # else its value (cache.versions)
            signed = (
                ("version", version) if version is not None else value_digest(doc),
                tuple((k, works_signed[k], tuple(placed_in.get((k, slug), ()))) for k in shown),
                plain_mentions(mentions[slug]),
                tuple(cites[slug].items()),
            )
        if skipped(job, signed):
            pieces[slug] = out.jobs[job][2]
            continue
        pieces[slug] = piece(job, essay_piece(doc.unpacked(), linked.works, signing))
        todo.append((job, doc, shown))
    essays_listed = functools.cache(lambda: listed_essays(documents, pieces))  # when made
    run(  # the first page rendered, as always
        "home:",
        lambda: home_shows(pieces),
        lambda: {"index.html": home_page(render, essays_listed(), pieces)},
    )
    essays = {d.slug: CitingEssay(d.slug, d.meta) for d in documents}
    sources: list[tuple[str, str]] = []
    cited: list[str] = []  # each work's "cited in" links, in bibliography order
    data: list[WorkData] = []
    listed: list[str] = []  # the digest of what the bibliography shows of each work
    metas = {slug: p.meta for slug, p in pieces.items()}
    said = {slug: p.sentences for slug, p in pieces.items()}

    def source_inputs(key: str) -> tuple:
        """The work, its places, and what its page shows of each citing essay (a
        place's fields: document, note, paragraph, marker, locator)."""
        plain = placed[key]
        quoted = tuple((metas[f[0]], said[f[0]].get((f[2], f[1]), "")) for f in plain)
        return works_signed[key], plain, quoted

    signatures = (
        source_signatures(
            ordered_keys,
            lambda todo: value_digests(
                signing_value(f"source:{k}", source_inputs(k)) for k in todo
            ),
            (linked.works, works_signed, base.get("source"), placed, pieces),
            known.setdefault("sources", {}) if known is not None else {},
        )
        if signing
        else [None] * len(ordered_keys)
    )
    for key, signature in zip(ordered_keys, signatures, strict=True):
        done += 1
        progress(RENDERING, done, pages)
        job = f"source:{key}"
        if skipped(job, None, signature):
            kept_data, kept_cited, listing = out.jobs[job][2]
        else:
            work, csl_item = linked.works[key], corpus.csl_items[key]
            links = cited_in_html(work, essays)
            # what the bibliography shows of the work: a function of the inputs signed
            listing = value_digest((key, works_signed[key], placed[key], links)) if signing else ""
            kept_data, kept_cited, listing = piece(
                job, (work_data(work, formatted[key], csl_item), links, listing)
            )
            sources.append((job, key))
        data.append(kept_data)
        cited.append(kept_cited)
        listed.append(listing)
    unlisted = [(k, works_signed[k]) for k in keys if k not in formatted] if signing else []
    if not skipped("bibliography:", (listed, unlisted) if signing else None):
        made(
            "bibliography:",
            {
                "bibliography.html": render(
                    "bibliography.html",
                    "bibliography.html",
                    works=[linked.works[k] for k in ordered_keys],
                    cited_in={k: Markup(c) for k, c in zip(ordered_keys, cited, strict=True)},
                )
            },
        )
    places = places_by_essay(linked, [(doc.slug, shown) for _, doc, shown in todo])
    sentences = {slug: p.sentences for slug, p in pieces.items()}

    def page_files(n: int) -> dict[str, bytes]:
        """The files of the n-th page to render: the essays' first, then the works'."""
        if n < len(todo):
            _, doc, shown = todo[n]
            doc = doc.unpacked()  # its body for this page only (a worker renders hundreds)
            own = own_view(doc, linked, mentions[doc.slug], cites[doc.slug], places, shown)
            files = {essay_path(doc.slug): essay_page(render, doc, own, shown, shorts)}
            files.update(essay_downloads(doc, site))
            name, exported = document_file(doc)
            files[name] = exported
            return files
        _, key = sources[n - len(todo)]
        html = render(
            source_href(key),
            "source.html",
            work=linked.works[key],
            entry=formatted[key],
            bibtex=bibtex[key],
            places=citing_places(linked.works[key], essays, sentences),
            formatted={key: formatted[key]},
            entry_html={key: entry_html[key]},
            work_labels={key: work_labels[key]},
        )
        return {source_href(key): html}

    jobs = [job for job, _, _ in todo] + [job for job, _ in sources]
    for template, wanted in (("essay.html", todo), ("source.html", sources)):
        if wanted and len(jobs) >= POOL_MINIMUM:
            env.get_template(template)  # compiled once, before any worker is forked
    for job, files in zip(jobs, spread_pages(page_files, len(jobs), spread), strict=True):
        made(job, files)
    corpus_pages(run, render, site, essays_listed, pieces, len(ordered_keys))
    page("404.html", "404.html", canonical=None, root=root_path(site))
    if has_search:
        page("search.html", "search.html", search_available=search_available)
    run(
        "data:",
        lambda: data_shows(signatures),
        lambda: CorpusFiles(data, [bibtex[k] for k in ordered_keys]),
    )
    site_map(out.files, out.jobs, run, site)
    static_files(out.files, folders)
    return out
