"""`glossator build` and `check`: the stages called in order, top to bottom.

read every document -> check the corpus as a whole -> render -> write. Nothing is
written unless the content has no errors, so a broken edit never breaks the site.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .content import Corpus, read_corpus
from .diagnostics import Diagnostic, error, has_errors, sort_diagnostics
from .render import TEMPLATES_DIR, render_site
from .write import write_site


@dataclass
class BuildResult:
    diagnostics: list[Diagnostic]
    ok: bool
    files: int = 0


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


def load(content_dir: Path) -> Corpus:
    corpus = read_corpus(content_dir)
    corpus.diagnostics = sort_diagnostics(corpus.diagnostics + check_corpus(corpus))
    return corpus


def check(content_dir: Path, strict: bool = False) -> BuildResult:
    corpus = load(content_dir)
    return BuildResult(corpus.diagnostics, not has_errors(corpus.diagnostics, strict))


def build(
    content_dir: Path, out_dir: Path, templates_dir: Path = TEMPLATES_DIR, strict: bool = False
) -> BuildResult:
    corpus = load(content_dir)
    if has_errors(corpus.diagnostics, strict):
        return BuildResult(corpus.diagnostics, False)
    files = render_site(corpus, templates_dir)
    write_site(files, out_dir)
    return BuildResult(corpus.diagnostics, True, len(files))
