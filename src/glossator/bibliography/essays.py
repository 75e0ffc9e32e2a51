"""The bibliographies an essay names in its front matter (`bibliography: refs.bib`),
merged with the curated one, as Pandoc and Quarto users bring them.

Files are named relative to the essay and must lie inside `content/`: BibTeX (`.bib`)
or CSL-JSON (`.json`). `content/references.bib` wins over them for a key it has; of
two essay files with one key, the first read wins and the other is reported.
"""

from __future__ import annotations

from pathlib import Path

from glossator.bibliography.csl_json import read_csl_json
from glossator.bibliography.entry import BibEntry
from glossator.bibliography.read import read_bibliography
from glossator.diagnostics import Diagnostic, display_path, error, warning
from glossator.model import Document
from glossator.paths import inside


def with_essay_bibliographies(
    documents: list[Document], content_dir: Path, curated: dict[str, BibEntry]
) -> tuple[dict[str, BibEntry], list[Diagnostic]]:
    """`curated` and the entries of every file the essays name, with the problems."""
    merged = dict(curated)
    origin: dict[str, str] = {}  # key -> the essay file that brought it
    read: dict[Path, dict[str, BibEntry]] = {}
    diags: list[Diagnostic] = []
    for doc in sorted(documents, key=lambda d: d.slug):
        for name in doc.meta.bibliography:
            path = content_dir / "essays" / name
            problem = _problem(path, name, content_dir)
            if problem:
                line = doc.meta.lines.get("bibliography", 1)
                diags.append(error(doc.path, line, "bib.essay-file", problem))
                continue
            resolved = path.resolve()
            if resolved not in read:
                read[resolved], found = _read(path, content_dir)
                diags += found
            shown = display_path(path)
            for key, entry in read[resolved].items():
                if key in curated:
                    continue
                if key in origin and origin[key] != shown and merged[key].fields != entry.fields:
                    diags.append(
                        warning(
                            shown,
                            entry.line or 1,
                            "bib.duplicate-key",
                            f"key `{key}` is also in {origin[key]}, which wins; rename one",
                        )
                    )
                    continue
                merged.setdefault(key, entry)
                origin.setdefault(key, shown)
    return merged, diags


def _problem(path: Path, name: str, content_dir: Path) -> str | None:
    if not inside(path, content_dir):
        return f"bibliography `{name}` is outside content/; move it into content/"
    if not path.is_file():
        return f"bibliography `{name}` not found at {display_path(path)}; add it or fix the name"
    if path.suffix.lower() not in (".bib", ".json"):
        return f"bibliography `{name}` is neither BibTeX (.bib) nor CSL-JSON (.json)"
    return None


def _read(path: Path, content_dir: Path) -> tuple[dict[str, BibEntry], list[Diagnostic]]:
    if path.suffix.lower() == ".json":
        return read_csl_json(path, content_dir, display_path(path))
    return read_bibliography(path)
