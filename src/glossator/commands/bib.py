"""`glossator bib`: take the works parsed from notes over into `references.bib`.

New entries are appended; what a maintainer wrote is never changed or reordered.
Each new entry carries the parser's fingerprint, so it still matches its notes
after the maintainer corrects a title or an author.
"""

from __future__ import annotations

import sys
from pathlib import Path

from glossator.bibliography import BibEntry, append_entries, fingerprint
from glossator.diagnostics import display_path, error, format_text, has_errors
from glossator.pipeline import plan


def run_bib(content_dir: Path) -> int:
    result = plan(content_dir)
    problems = [d for d in result.diagnostics if d.severity == "error"]
    if has_errors(result.diagnostics) or result.linked is None:
        sys.stderr.write(format_text(problems))
        print("glossator bib: fix the errors first; nothing was written", file=sys.stderr)
        return 1
    new = [
        BibEntry(
            key,
            work.entry_type,
            {**work.fields, "glossator-fingerprint": fingerprint(work.entry_type, work.fields)},
            0,
        )
        for key, work in sorted(result.linked.works.items())
        if not work.curated
    ]
    target = content_dir / "references.bib"
    if new:
        try:
            append_entries(target, new)
        except OSError as exc:  # read-only, a folder, a full disk: the file is as it was
            reason = exc.strerror or str(exc)
            problem = error(
                display_path(target),
                1,
                "bib.unwritable",
                f"cannot write {target.name}: {reason}; make it writable and run again",
            )
            sys.stderr.write(format_text([problem]))
            return 1
    print(f"glossator bib: added {len(new)} entries to {target}", file=sys.stderr)
    return 0
