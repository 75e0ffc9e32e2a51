"""Characters no essay means, dropped where text enters the build.

Control characters (NUL, ESC, DEL, the C1 range), lone surrogates, private-use and
non-characters are not text a reader can see: in a page they break the HTML or the
feed's XML, in a terminal they can erase or forge lines, and the formatter uses
private-use characters as its own markers. They are dropped from every file as it is
read and from every YAML string as it is parsed, with one warning giving the first
line, so the rest of the build never meets them. Tab, line feed and carriage return
stay; a byte-order mark at the start of a file is removed silently (it says how the
file is encoded, nothing more).
"""

from __future__ import annotations

import re

from glossator.diagnostics import Diagnostic, warning

UNSAFE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ue000-\uf8ff\ufdd0-\ufdef\ufffe\uffff"
    "\U000f0000-\U0010ffff]"
)


def unsafe_characters(text: str) -> tuple[str, int, int]:
    """`text` without its unsafe characters, how many were dropped, and the offset of
    the first (-1 when none)."""
    first = UNSAFE.search(text)
    if first is None:
        return text, 0, -1
    cleaned, count = UNSAFE.subn("", text)
    return cleaned, count, first.start()


def describe(text: str, offset: int, count: int) -> str:
    """What was dropped, as a sentence's start: `2 characters that are not text (the
    first U+001B) were dropped`."""
    code = f"U+{ord(text[offset]):04X}"
    if count == 1:
        return f"1 character that is not text ({code}) was dropped"
    return f"{count} characters that are not text (the first {code}) were dropped"


def without_unsafe(text: str, shown: str) -> tuple[str, list[Diagnostic]]:
    """`text` without its unsafe characters, and the one `text.unsafe-character`
    warning (at the first one's line) that every file read says it with."""
    cleaned, count, first = unsafe_characters(text)
    if not count:
        return text, []
    line = text.count("\n", 0, first) + 1
    what = describe(text, first, count)
    remove = "it" if count == 1 else "them"
    return cleaned, [
        warning(shown, line, "text.unsafe-character", f"{what}; remove {remove} from the file")
    ]
