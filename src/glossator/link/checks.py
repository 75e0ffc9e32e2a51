"""Problems only visible across the corpus: two files claiming one slug, cited keys
that cannot be file names as they are (the pipeline reports them beside the rest)."""

from __future__ import annotations

from glossator.diagnostics import Diagnostic, error, warning
from glossator.ingest.corpus import Corpus
from glossator.link.corpus import LinkedCorpus
from glossator.paths import key_is_plain, source_name


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
    found, cased = [], []
    # Pages whose names differ only in case overwrite each other on macOS and Windows
    # (and BibTeX itself treats such keys as one).
    by_folded: dict[str, str] = {}
    for key in sorted(linked.works):  # one sort and one test of each of 30,000 keys
        curated, plain = linked.works[key].curated, key_is_plain(key)
        if curated and not plain:
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
        other = by_folded.setdefault((key if plain else source_name(key)).casefold(), key)
        if other != key and curated:
            cased.append(
                warning(
                    bib_shown,
                    bibliography[key].line,
                    "bib.key-case",
                    f"key `{key}` differs from `{other}` only in case; their pages would "
                    "overwrite each other on macOS and Windows, so rename one",
                )
            )
    return found + cased
