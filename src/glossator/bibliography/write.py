"""Write BibTeX: one entry as text, or new entries appended to the maintainer's file.

Writing only ever appends: what is already in the file is kept byte for byte. Each
appended entry carries a `glossator-fingerprint`, so `match` finds it again later.
"""

from __future__ import annotations

import os
import re
import secrets
from pathlib import Path

from glossator.bibliography.entry import (
    EXTRA_ORDER,
    FINGERPRINT_FIELD,
    KEY,
    MONTH_MACROS,
    NAME,
    TYPE,
    VERBATIM_FIELDS,
    BibEntry,
)
from glossator.bibliography.match import fingerprint
from glossator.notes.parse_note import FIELD_ORDER

_ESCAPES = {
    "\\": r"\textbackslash{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
    "\u00a0": "~",
}

# TeX ligatures that would change the text: -- ''  `` !` ?` (en dash, quotes, ¡, ¿).
_LIGATURE = re.compile(r"(-(?=-)|'(?=')|`(?=`)|[!?](?=`))")


# A brace without its pair cannot be written as one: BibTeX counts `\{` as a brace too.
_UNMATCHED = {"{": r"\textbraceleft{}", "}": r"\textbraceright{}"}


def _unmatched_braces(text: str) -> set[int]:
    opened: list[int] = []
    unmatched = set()
    for i, ch in enumerate(text):
        if ch == "{":
            opened.append(i)
        elif ch == "}":
            if opened:
                opened.pop()
            else:
                unmatched.add(i)
    return unmatched | set(opened)


def _balanced(text: str) -> bool:
    depth = 0
    for ch in text:
        depth += (ch == "{") - (ch == "}")
        if depth < 0:
            return False
    return depth == 0


_TAG = re.compile(r'<(/?)(i|b|sup|sub|span)( style="font-variant:\s*small-caps;?")?>')
_MACROS = {"i": r"\textit{", "b": r"\textbf{", "sup": r"\textsuperscript{"}
_MACROS |= {"sub": r"\textsubscript{", "span": r"\textsc{"}


def _tags(value: str) -> dict[int, tuple[int, str]]:
    """The rich-text tags the reader makes of `\\emph{}` and kin, paired: position ->
    (length, the LaTeX to write). An unpaired tag is text."""
    found: dict[int, tuple[int, str]] = {}
    stack: list[tuple[str, re.Match]] = []
    for m in _TAG.finditer(value):
        closing, tag = bool(m[1]), m[2]
        if tag == "span" and not closing and not m[3]:
            continue
        if not closing:
            stack.append((tag, m))
        elif stack and stack[-1][0] == tag:
            opened = stack.pop()[1]
            found[opened.start()] = (len(opened[0]), _MACROS[tag])
            found[m.start()] = (len(m[0]), "}")
    return found


def _closing_tag(value: str, start: int, tags: dict[int, tuple[int, str]]) -> int:
    """Where the tag opened at `start` closes (tags pair like brackets)."""
    depth = 0
    for at in sorted(k for k in tags if k >= start):
        depth += 1 if tags[at][1] != "}" else -1
        if depth == 0:
            return at
    return start


def _encode(name: str, value: str) -> str:
    """A Unicode value → LaTeX text that reads back to the same value."""
    value = re.sub(r"[ \t\r\n]+", " ", value).strip()
    if name in VERBATIM_FIELDS:  # written as is, unless it would break the braces around it
        if not _balanced(value) or re.search(r"\\(?=[{}]|$)", value):
            value = value.replace("\\", "%5C").replace("{", "%7B").replace("}", "%7D")
        return value
    unmatched, tags = _unmatched_braces(value), _tags(value)
    pieces, i, opening, closes = [], 0, False, {}
    while i < len(value):
        ch = value[i]
        if i in tags:
            length, latex = tags[i]
            if opening and latex != "}":  # `{<i>x</i>}` → `{{\textit{x}}}`
                latex, closes[_closing_tag(value, i, tags)] = "{" + latex, "}"
            pieces.append(latex + closes.pop(i, "") if latex == "}" else latex)
            i += length
            opening = False
            continue
        piece = _UNMATCHED[ch] if i in unmatched else _ESCAPES.get(ch, ch)
        # A group that begins with a command is a special character to the reader
        # (`{\'e}`, braces dropped): a protected `{\}` is written `{{\textbackslash{}}}`.
        pieces.append("{" + piece + "}" if opening and piece[0] == "\\" else piece)
        opening = (ch == "{" and i not in unmatched) or (opening and ch == " ")
        i += 1
    out = "".join(pieces)
    return _LIGATURE.sub(r"\1{}", out)  # "--" stays two hyphens, not an en dash


def _field_order(names: list[str]) -> list[str]:
    known = [*FIELD_ORDER, *EXTRA_ORDER]
    first = [n for n in known if n in names]
    rest = sorted(n for n in names if n not in known and n != FINGERPRINT_FIELD)
    return first + rest + ([FINGERPRINT_FIELD] if FINGERPRINT_FIELD in names else [])


def entry_to_bibtex(entry: BibEntry) -> str:
    """One entry as BibTeX text ending in a newline, the same for the same entry.

    Fields come in a fixed order, values in braces with LaTeX specials escaped (Unicode
    stays UTF-8); a month 1–12 is written as its macro (`jun`), which every style knows.
    Empty values are left out. Raises ValueError for a key or name BibTeX cannot hold.
    """
    key, entry_type = entry.key.strip(), entry.entry_type.strip().lower()
    if not KEY.fullmatch(key):
        raise ValueError(f"not a usable BibTeX key: {entry.key!r}")
    if not TYPE.fullmatch(entry_type):
        raise ValueError(f"not a BibTeX entry type: {entry.entry_type!r}")
    fields = {k.strip().lower(): v for k, v in entry.fields.items() if v and v.strip()}
    lines = []
    for name in _field_order(list(fields)):
        if not NAME.fullmatch(name):
            raise ValueError(f"not a BibTeX field name: {name!r}")
        value = fields[name].strip()
        if name == "month" and value.isdigit() and 1 <= int(value) <= 12:
            lines.append(f"  month = {MONTH_MACROS[int(value) - 1]}")
        else:
            lines.append(f"  {name} = {{{_encode(name, value)}}}")
    body = ",\n".join(lines)
    return f"@{entry_type}{{{key},\n{body}\n}}\n" if lines else f"@{entry_type}{{{key},\n}}\n"


def _with_fingerprint(entry: BibEntry) -> BibEntry:
    fields = dict(entry.fields)
    if not fields.get(FINGERPRINT_FIELD, "").strip():
        fields[FINGERPRINT_FIELD] = fingerprint(entry.entry_type, entry.fields)
    return BibEntry(entry.key, entry.entry_type, fields, entry.line)


def append_entries(path: Path, entries: list[BibEntry]) -> None:
    """Append entries to the bibliography as text; what is there stays byte for byte.

    The file is created if missing and replaced atomically (temporary file in the same
    directory, then os.replace), so an interrupted run never truncates the maintainer's
    work. Each entry gets a `glossator-fingerprint` unless it has one; the file's line
    endings are followed. No entries: no write. OSError is left to the caller to report.
    """
    if not entries:
        return
    target = Path(os.path.realpath(path))  # through a symlink: update the file, keep the link
    try:
        existing = target.read_bytes()
        mode: int | None = target.stat().st_mode & 0o7777
    except FileNotFoundError:
        existing, mode = b"", None
    nl = b"\r\n" if b"\r\n" in existing else b"\n"
    separator = nl if existing and not existing.endswith(b"\n") else b""
    if existing.strip() and not (existing + separator).endswith(nl + nl):
        separator += nl  # one blank line between the maintainer's text and ours
    text = "\n".join(entry_to_bibtex(_with_fingerprint(e)) for e in entries)
    addition = separator + text.encode("utf-8").replace(b"\n", nl)
    tmp = target.with_name(f".{target.name}.{secrets.token_hex(6)}.tmp")
    # O_EXCL never follows or clobbers; 0o666 lets the umask decide, as for any new file.
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(existing + addition)
            out.flush()
            os.fsync(out.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
