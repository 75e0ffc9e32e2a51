"""The whole site as jobs, each rendered only when what it is rendered from changed.

A job makes one or more files: an essay's page, its citation downloads and its JSON;
a work's source page; the bibliography. Each is handed exactly the data its signature
hashes (the essay's document, the works it cites with only its own citing places,
their formatted entries and labels; the work with its citing places, the sentences
they quote and the metadata of the citing essays; for the bibliography, the signatures
of every source page), so an unchanged signature means unchanged bytes and the job is
not run. A job also leaves a piece for the corpus-wide files, kept with its signature:
an essay the sentences its source pages quote, a work its items of `sources.json` and
`sources.csl.json` and its "cited in" links. The home, about, 404 and search pages,
the feed and sitemap, and the data files assembled from the pieces are made every time.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import Environment, meta
from markupsafe import Markup

from glossator.cache import code_version, digest
from glossator.cache.store import value_digest
from glossator.config import SiteConfig
from glossator.format.corpus import FormattedCorpus
from glossator.link.corpus import CitingPlace, LinkedCorpus
from glossator.model import Document, Metadata
from glossator.progress import RENDERING, Progress, silent
from glossator.render.citing import cited_count, cited_in_html, short_title
from glossator.render.data import WorkData, corpus_files, document_file, work_data
from glossator.render.feeds import atom_feed, feed_entry, sitemap
from glossator.render.head import cited_works, excerpt
from glossator.render.pages import (
    TEMPLATES_DIR,
    Sentences,
    about_paragraphs,
    cited_sentences,
    citing_places,
    essay_context,
    essay_downloads,
    make_environment,
    page_url,
    root_path,
    site_citation,
    source_href,
    work_label,
)
from glossator.render.templating import as_search_path

Job = tuple[str, list[str], Any]  # signature, the files it made, what corpus pages take
Jobs = dict[str, Job]


@dataclass
class Rendered:
    """The files rendered now, the jobs skipped (their files are the published ones),
    and every job's signature and files, for the next build to compare with."""

    files: dict[str, bytes]
    kept: list[str]
    jobs: Jobs


@dataclass(frozen=True)
class CitingEssay:
    """What a source page shows of an essay citing the work: its slug and metadata."""

    slug: str
    meta: Metadata


def template_key(env: Environment, name: str) -> str:
    """The files a template is made of (it, what it extends, includes and imports, as
    the search path resolves each name): a page depends on these and no others. A name
    computed at render time makes it depend on every template."""
    seen: dict[str, tuple[str, str]] = {}
    todo = [name]
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        source, filename, _ = env.loader.get_source(env, current)
        seen[current] = (filename or "", source)
        for found in _referenced(env, source):
            if found is None:
                return digest("all", *(f"{n}:{s}" for n, s in _every_template(env)))
            todo.append(found)
    return digest(*(f"{n}\0{f}\0{s}" for n, (f, s) in sorted(seen.items())))


_REFERENCED: dict[str, list[str | None]] = {}  # a template's source -> the names it uses


def _referenced(env: Environment, source: str) -> list[str | None]:
    """The templates `source` extends, includes and imports (None for a computed
    name): a pure function of the source, kept for the next build in this process
    (serve), as parsing the templates again took a good part of a small rebuild."""
    found = _REFERENCED.get(source)
    if found is None:
        if len(_REFERENCED) > 256:  # templates edited all day: the oldest go
            _REFERENCED.clear()
        found = _REFERENCED[source] = list(meta.find_referenced_templates(env.parse(source)))
    return found


def _every_template(env: Environment) -> list[tuple[str, str]]:
    return [
        (n, env.loader.get_source(env, n)[0])
        for n in sorted(env.list_templates(extensions=["html"]))
    ]


def render_page(env: Environment, template: str, context: dict[str, Any]) -> bytes:
    """One template rendered: every page goes through here (tests count the calls)."""
    return env.get_template(template).render(**context).encode("utf-8")


def render_site(
    site: SiteConfig,
    corpus: FormattedCorpus,
    templates_dir: Path | Sequence[Path] = TEMPLATES_DIR,
    search_available: bool = True,
) -> dict[str, bytes]:
    """Every page and data file of the site, from the formatted corpus; templates and
    static files are looked up in `templates_dir` (one folder or several, first wins)."""
    return render_jobs(site, corpus, templates_dir, search_available).files


def _places_by_essay(linked: LinkedCorpus) -> dict[tuple[str, str], list[CitingPlace]]:
    """(work key, essay slug) -> the work's places in that essay: one pass over every
    work's places, instead of one per essay citing it."""
    found: dict[tuple[str, str], list[CitingPlace]] = defaultdict(list)
    for key, work in linked.works.items():
        for place in work.cited_by:
            found[(key, place.document)].append(place)
    return found


def _own_view(
    doc: Document, linked: LinkedCorpus, mentions: dict, cites: dict, places: dict
) -> LinkedCorpus:
    """The linked corpus as one essay's page sees it: its own document, mentions and
    note citations, and the works it cites with only its own citing places."""
    keys = dict.fromkeys(k for note in doc.notes for k in note.sources)
    keys.update((k, None) for found in cites.values() for k, _ in found)
    works = {}
    for key in keys:
        if key in linked.works:
            own = places.get((key, doc.slug), [])
            works[key] = dataclasses.replace(linked.works[key], cited_by=own)
    return LinkedCorpus([doc], works, mentions, cites, [])


def render_jobs(
    site: SiteConfig,
    corpus: FormattedCorpus,
    templates_dir: Path | Sequence[Path] = TEMPLATES_DIR,
    search_available: bool = True,
    previous: Jobs | None = None,
    progress: Progress = silent,
) -> Rendered:
    """The site's files; with `previous` (job -> the signature, files and piece the
    published site has from it), a job whose signature is the same is skipped and
    listed as kept. Without it no signature is computed (a build without the cache).
    `progress` is told of each essay and source page, made or kept."""
    folders = as_search_path(templates_dir)
    env = make_environment(folders)
    linked, formatted, bibtex = corpus.linked, corpus.entries, corpus.bibtex
    documents = sorted(linked.documents, key=lambda d: d.slug)
    ordered_keys = list(formatted)  # already in bibliography order
    entry_html = {k: Markup(e.html) for k, e in formatted.items()}  # escaped by format.py
    has_search = any((folder / "search.html").is_file() for folder in folders)
    work_labels = {k: work_label(w) for k, w in sorted(linked.works.items())}
    shorts = {k: short_title(w, corpus.csl_items.get(k)) for k, w in sorted(linked.works.items())}
    out = Rendered({}, [], {})

    def context(path: str, **values: Any) -> dict[str, Any]:
        values.setdefault("root", "../" * path.count("/"))
        values.setdefault("canonical", page_url(site, path))
        values.setdefault("formatted", formatted)
        values.setdefault("entry_html", entry_html)
        values.setdefault("work_labels", work_labels)
        return dict(site=site, path=path, has_search=has_search, cited_count=cited_count, **values)

    def render(path: str, template: str, **values: Any) -> bytes:
        return render_page(env, template, context(path, **values))

    def page(path: str, template: str, **values: Any) -> None:
        out.files[path] = render(path, template, **values)

    _home_page(page, corpus, documents)  # first, as always
    base: dict[str, str] = {}
    if previous is not None:
        shared = digest(
            code_version(TEMPLATES_DIR), value_digest((site, has_search, search_available))
        )
        base = {
            kind: digest(shared, template_key(env, f"{kind}.html"))
            for kind in ("essay", "source", "bibliography")
        }

    def skipped(job: str, inputs: Any) -> bool:
        """Whether `job` need not run; records its signature either way."""
        if previous is None:
            return False
        signature = digest(base[job.split(":")[0]], job, value_digest(inputs))
        before = previous.get(job)
        if before is not None and before[0] == signature:
            out.jobs[job] = before
            out.kept.append(job)
            return True
        out.jobs[job] = (signature, [], None)
        return False

    def made(job: str, files: dict[str, bytes]) -> None:
        """The job's files into the site, and listed as the job's (for the next build)."""
        out.files.update(files)
        if job in out.jobs:
            out.jobs[job] = (out.jobs[job][0], sorted(files), out.jobs[job][2])

    def piece(job: str, value: Any) -> Any:
        """What the corpus pages take from the job, kept with its signature."""
        if job in out.jobs:
            out.jobs[job] = (*out.jobs[job][:2], value)
        return value

    mentions: dict[str, dict] = defaultdict(dict)
    for place, found in linked.mentions.items():
        mentions[place[0]][place] = found
    cites: dict[str, dict] = defaultdict(dict)
    for place, found in linked.note_cites.items():
        cites[place[0]][place] = found
    places = _places_by_essay(linked)
    pages, done = len(documents) + len(ordered_keys), 0
    sentences: dict[str, Sentences] = {}
    essays: dict[str, CitingEssay] = {}
    metas: dict[str, str] = {}
    todo: list[tuple[str, Document, LinkedCorpus, tuple]] = []
    for doc in documents:  # first every signature; the pages below, in the same order
        done += 1
        progress(RENDERING, done, pages)
        own = _own_view(doc, linked, mentions[doc.slug], cites[doc.slug], places)
        keys = sorted(own.works)
        inputs = (
            {k: formatted[k] for k in keys if k in formatted},
            {k: shorts[k] for k in keys},
            {k: work_labels[k] for k in keys},
        )
        job = f"essay:{doc.slug}"
        essays[doc.slug] = CitingEssay(doc.slug, doc.meta)
        signed = None
        if previous is not None:
            metas[doc.slug] = value_digest(doc.meta)
            version = linked.versions.get(doc.slug)  # else its value (cache.versions)
            known = ("version", version) if version is not None else value_digest(doc)
            signed = (known, own.works, own.mentions, own.note_cites, inputs)
        if skipped(job, signed):
            sentences[doc.slug] = out.jobs[job][2]
            continue
        sentences[doc.slug] = piece(job, cited_sentences(doc))
        todo.append((job, doc, own, inputs))
    sources: list[tuple[str, str]] = []
    cited_in: dict[str, Markup] = {}
    data: list[WorkData] = []
    for key in ordered_keys:
        done += 1
        progress(RENDERING, done, pages)
        work, csl_item = linked.works[key], corpus.csl_items[key]
        job = f"source:{key}"
        quoted = (
            [
                (metas.get(p.document), sentences[p.document].get((p.paragraph, p.note), ""))
                for p in work.cited_by
            ]
            if previous is not None
            else None
        )
        inputs = (work, formatted[key], bibtex[key], work_labels[key], csl_item, quoted)
        if skipped(job, inputs):
            kept_data, kept_cited = out.jobs[job][2]
        else:
            kept_data, kept_cited = piece(
                job,
                (work_data(work, formatted[key], csl_item), cited_in_html(work, essays)),
            )
            sources.append((job, key))
        data.append(kept_data)
        cited_in[key] = Markup(kept_cited)
    bibliography = [out.jobs[f"source:{k}"][0] for k in ordered_keys] if previous else None
    if not skipped("bibliography:", bibliography):
        made(
            "bibliography:",
            {
                "bibliography.html": render(
                    "bibliography.html",
                    "bibliography.html",
                    works=[linked.works[k] for k in ordered_keys],
                    cited_in=cited_in,
                )
            },
        )
    for job, doc, own, inputs in todo:
        path = f"essays/{doc.slug}.html"
        files = {
            path: render(
                path,
                "essay.html",
                formatted=inputs[0],
                entry_html={k: entry_html[k] for k in inputs[0]},
                work_labels=inputs[2],
                **essay_context(doc, own, inputs[0], site, inputs[1]),
            )
        }
        files.update(essay_downloads(doc, site))
        name, exported = document_file(doc)
        files[name] = exported
        made(job, files)
    for job, key in sources:
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
        made(job, {source_href(key): html})
    _corpus_pages(out, page, site, corpus, documents, has_search, search_available)
    out.files.update(corpus_files(data, [bibtex[k] for k in ordered_keys]))
    _static_files(out.files, folders)
    out.files = dict(sorted(out.files.items()))
    return out


def _home_page(page: Any, corpus: FormattedCorpus, documents: list[Document]) -> None:
    """The home page, made on every build."""
    linked = corpus.linked
    page(
        "index.html",
        "index.html",
        documents=documents,
        source_counts={d.slug: len(cited_works(d, linked.works)) for d in documents},
        excerpts={d.slug: excerpt(d) for d in documents},
    )


def _corpus_pages(
    out: Rendered,
    page: Any,
    site: SiteConfig,
    corpus: FormattedCorpus,
    documents: list[Document],
    has_search: bool,
    search_available: bool,
) -> None:
    """The other pages listing the whole corpus, made on every build."""
    ordered_keys = list(corpus.entries)
    page(
        "about.html",
        "about.html",
        documents=documents,
        about=about_paragraphs(site.about),
        counts={
            "essays": len(documents),
            "notes": sum(len(d.notes) for d in documents),
            "works": len(ordered_keys),
            "paragraphs": sum(len(d.paragraphs()) for d in documents),
        },
        site_citation=site_citation(site),
    )
    page("404.html", "404.html", canonical=None, root=root_path(site))
    if has_search:
        page("search.html", "search.html", search_available=search_available)
    out.files["feed.xml"] = atom_feed(site, [feed_entry(d) for d in documents])
    made = set(out.files) | {f for _, files, _ in out.jobs.values() for f in files}
    map_bytes = sitemap(site, sorted(p for p in made if p.endswith(".html") and p != "404.html"))
    if map_bytes is not None:
        out.files["sitemap.xml"] = map_bytes


def _static_files(files: dict[str, bytes], folders: list[Path]) -> None:
    for folder in reversed(folders):  # a site's static file replaces the built-in one
        static = folder / "static"
        if static.is_dir():
            for asset in sorted(static.rglob("*")):
                if asset.is_file():
                    files[f"static/{asset.relative_to(static).as_posix()}"] = asset.read_bytes()
