"""Guard a refactoring: record the site a build makes, then check later builds match it.

    python scripts/compare_build.py record [--content DIR] [FILE]   # default build.sha256
    python scripts/compare_build.py check  [--content DIR] [FILE]

`record` builds the content into a temporary folder and writes one `sha256  path`
line per output file; `check` builds again and lists every file that was added,
removed or changed (exit 1), so a move of code that should change nothing is shown to
change nothing, byte for byte.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import tempfile
from pathlib import Path

from glossator.pipeline import build


def digests(content: Path) -> dict[str, str]:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "site"
        result = build(content, out)
        if not result.ok:
            sys.exit("compare_build: the content does not build; run `glossator check`")
        return {
            p.relative_to(out).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(out.rglob("*"))
            if p.is_file()
        }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=("record", "check"))
    parser.add_argument("file", nargs="?", type=Path, default=Path("build.sha256"))
    parser.add_argument("--content", type=Path, default=Path("content"))
    args = parser.parse_args()
    now = digests(args.content)
    if args.action == "record":
        args.file.write_text("".join(f"{h}  {p}\n" for p, h in now.items()), encoding="utf-8")
        print(f"compare_build: recorded {len(now)} files in {args.file}")
        return 0
    recorded = dict(
        reversed(line.split("  ", 1)) for line in args.file.read_text().splitlines() if line
    )
    changed = sorted(p for p in now.keys() | recorded.keys() if now.get(p) != recorded.get(p))
    for path in changed:
        state = "added" if path not in recorded else "removed" if path not in now else "changed"
        print(f"{state}: {path}")
    print(f"compare_build: {len(changed)} of {len(now | recorded)} files differ")
    return 1 if changed else 0


if __name__ == "__main__":
    sys.exit(main())
