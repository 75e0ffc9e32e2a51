"""`glossator import`: a raw source becomes an editable Markdown essay.

The Markdown reads back to the same document model as the raw source, so a
maintainer can move a document to Markdown and keep editing it there.
"""

from __future__ import annotations

import sys
from pathlib import Path

from glossator.diagnostics import format_text, has_errors
from glossator.ingest.corpus import read_document
from glossator.ingest.markdown_export import export_markdown


def run_import(source: Path, reader: str | None, output: Path | None, force: bool) -> int:
    if not source.is_file():
        print(f"glossator import: {source}: no such file", file=sys.stderr)
        return 2
    if output is not None and output.exists() and not force:
        print(
            f"glossator import: {output} exists; choose another -o or pass --force",
            file=sys.stderr,
        )
        return 2
    sidecar = source.with_suffix(".yaml")
    if reader is None and not sidecar.exists():
        print(
            f"glossator import: cannot tell the format of {source}; pass --reader pdf-text "
            f"or --reader web-text, or add `{sidecar.name}` with `format:`",
            file=sys.stderr,
        )
        return 2
    document, diagnostics = read_document(source, fmt=reader)
    sys.stderr.write(format_text(diagnostics))
    if document is None or has_errors(diagnostics):
        return 1
    markdown = export_markdown(document)
    if output is None:
        sys.stdout.write(markdown)
    else:
        try:
            output.parent.mkdir(parents=True, exist_ok=True)
            output.write_text(markdown, encoding="utf-8")
        except OSError as exc:
            print(f"glossator import: cannot write {output}: {exc.strerror}", file=sys.stderr)
            return 2
        print(f"glossator import: wrote {output}", file=sys.stderr)
    if not document.meta.title:
        print(
            f"glossator import: the source has no title; add `title: ...` to the front "
            f"matter of {output or 'the Markdown'} before building",
            file=sys.stderr,
        )
    return 0
