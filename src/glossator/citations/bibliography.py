"""The curated bibliography (`content/references.bib`): read it, match works to it, append.

The file belongs to a maintainer, so reading never raises (every problem becomes a
diagnostic with its line) and writing only ever appends new entries as text: what is
already there is kept byte for byte. Each appended entry carries a `glossator-fingerprint`
so that a work cited in a note still finds its entry after the maintainer edits the title.
"""

from __future__ import annotations

import logging
import os
import re
import secrets
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import bibtexparser
from bibtexparser import middlewares as m
from bibtexparser.library import Library
from bibtexparser.model import (
    DuplicateBlockKeyBlock,
    DuplicateFieldKeyBlock,
    Entry,
    Field,
    ParsingFailedBlock,
    String,
)

from ..diagnostics import Diagnostic, error, warning
from ..paths import ContentFileError, read_content_file
from .names import SUFFIXES, is_corporate, word_set
from .parse_note import FIELD_ORDER

FINGERPRINT_FIELD = "glossator-fingerprint"

# Fields read and written as they are, without LaTeX decoding or escaping: identifiers and
# page ranges, where `--` must stay `--` and `%` or `_` are not LaTeX.
VERBATIM_FIELDS = frozenset(
    {"url", "doi", "eprint", "file", "pages", "un_symbol", "isbn", "issn", FINGERPRINT_FIELD}
)
_MONTH_MACROS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_EXTRA_ORDER = ("urldate", "doi", "isbn", "issn", "language")


@dataclass
class BibEntry:
    """One entry: BibTeX field names, values decoded to Unicode (braced groups kept).

    `line` is the 1-based line of `@type{` in the file (0 for an entry not read from one).
    Month macros (`jun`) read as numbers ("6"), like the months `parse_note` gives.
    """

    key: str
    entry_type: str
    fields: dict[str, str] = field(default_factory=dict)
    line: int = 0


# --- reading ---------------------------------------------------------------------------

_DECODER = m.LatexDecodingMiddleware(keep_braced_groups=True, keep_math_mode=False)
_LATEX_SYNTAX = re.compile(r"[\\{}~$%&#^_`]|--|''")
_UNESCAPED_PERCENT = re.compile(r"(?<!\\)((?:\\\\)*)%")
# How entry_to_bibtex writes a brace without its pair; read back as that brace.
_BRACE_MACROS = ((r"\textbraceleft{}", r"\{"), (r"\textbraceright{}", r"\}"))
# What BibTeX accepts (and what is safe to write back) as key, entry type and field name.
_KEY = re.compile(r"[^\s,{}()=\\\"#%'~]+")
_TYPE = re.compile(r"[a-z][a-z0-9_-]*")
_NAME = re.compile(r"[^\s\"#%'(),={}0-9][^\s\"#%'(),={}]*")


def _split_concatenation(raw: str) -> list[str]:
    """Split a raw value at the `#` outside braces and quotes (after a backslash: text)."""
    pieces, depth, quoted, start = [], 0, False, 0
    for i, ch in enumerate(raw):
        if i and raw[i - 1] == "\\":  # as bibtexparser's splitter reads it
            continue
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth = max(depth - 1, 0)
        elif ch == '"' and depth == 0:
            quoted = not quoted
        elif ch == "#" and depth == 0 and not quoted:
            pieces.append(raw[start:i])
            start = i + 1
    pieces.append(raw[start:])
    return [p.strip() for p in pieces]


def _resolve(raw: str, strings: dict[str, str]) -> tuple[str, list[str]]:
    """A raw value (`{..}`, `".."`, number, @string name, `a # b`) → its text, still LaTeX.

    Also returns the names that are not defined @strings (kept as text, as a warning);
    an empty piece comes back as "" in that list.
    """
    out, undefined = [], []
    for piece in _split_concatenation(raw):
        if len(piece) >= 2 and (piece[0], piece[-1]) in (("{", "}"), ('"', '"')):
            out.append(piece[1:-1])
        elif piece.isdigit():
            out.append(piece)
        elif piece.lower() in strings:
            out.append(strings[piece.lower()])
        elif piece.lower() in _MONTH_MACROS:
            out.append(str(_MONTH_MACROS.index(piece.lower()) + 1))
        else:
            undefined.append(piece)
            out.append(piece)
    return "".join(out), undefined


def _decode(name: str, value: str) -> str:
    """LaTeX → Unicode, keeping braced groups; whitespace runs become one space."""
    value = re.sub(r"[ \t\r\n]+", " ", value).strip()
    if name in VERBATIM_FIELDS or not _LATEX_SYNTAX.search(value):
        return value  # plain text decodes to itself; pylatexenc is slow, so skip it
    # BibTeX treats a bare % as text; LaTeX decoding would read it as a comment.
    latex = _UNESCAPED_PERCENT.sub(r"\1\\%", value)
    for macro, char in ((r"\textasciicircum{}", r"\string^"), *_BRACE_MACROS):
        latex = latex.replace(macro, char)  # what the decoder would drop or misread
    try:
        block = _DECODER.transform_block(Entry("misc", "x", [Field(name, latex)]), Library())
    except Exception:  # pylatexenc on hostile input: keep the text rather than fail
        return value
    if not isinstance(block, Entry) or not isinstance(block.fields[0].value, str):
        return value
    return re.sub(r"[ \t\r\n]+", " ", block.fields[0].value).strip()


def _read_text(path: Path, shown: str) -> tuple[str | None, list[Diagnostic]]:
    try:  # a regular file inside the folder holding it (content/), never a FIFO
        data = read_content_file(path, path.parent)
    except FileNotFoundError:
        return "", []
    except ContentFileError as exc:
        return None, [error(shown, 1, exc.code, exc.message)]
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        return None, [error(shown, 1, "bib.unreadable", f"cannot read the bibliography: {reason}")]
    data = data.removeprefix(b"\xef\xbb\xbf")  # a BOM some editors write
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        message = (
            f"byte 0x{data[exc.start]:02x} is not UTF-8; save the file as UTF-8 "
            "(undecodable bytes were read as U+FFFD)"
        )
        return data.decode("utf-8", errors="replace"), [error(shown, line, "bib.encoding", message)]


def _abort_reason(block: ParsingFailedBlock) -> str:
    exc = block.error
    reason = getattr(exc, "abort_reason", None) or str(exc) or "malformed entry"
    return re.sub(r"\s+", " ", str(reason)).strip().rstrip(".")


@contextmanager
def _quiet_bibtexparser() -> Iterator[None]:
    logger = logging.getLogger("bibtexparser")
    level = logger.level
    logger.setLevel(logging.CRITICAL + 1)
    try:
        yield
    finally:
        logger.setLevel(level)


def _line(block: object) -> int:
    start = getattr(block, "start_line", None)
    return start + 1 if isinstance(start, int) else 1


def read_bibliography(path: Path) -> tuple[dict[str, BibEntry], list[Diagnostic]]:
    """Entries by key, with diagnostics for what could not be read; never raises.

    A missing file is an empty bibliography. Of two entries with one key, the first is
    kept (as BibTeX does) and the second reported, naming the first's line.
    """
    shown = str(path)
    text, diagnostics = _read_text(path, shown)
    if not text:
        return {}, diagnostics
    try:
        with _quiet_bibtexparser():  # its warnings become our diagnostics
            library = bibtexparser.parse_string(text, parse_stack=[])
    except Exception as exc:  # a parser bug must not stop the build
        reason = re.sub(r"\s+", " ", str(exc)).strip() or type(exc).__name__
        message = f"cannot parse this file: {reason}; fix its braces/commas"
        return {}, [*diagnostics, error(shown, 1, "bib.invalid", message)]

    raw_entries: list[Entry] = []
    raw_strings: list[String] = []
    for block in library.blocks:
        if isinstance(block, DuplicateFieldKeyBlock | DuplicateBlockKeyBlock):
            block = block.ignore_error_block
        if isinstance(block, Entry):
            raw_entries.append(block)
        elif isinstance(block, String):
            raw_strings.append(block)
        elif isinstance(block, ParsingFailedBlock):
            message = f"cannot parse this entry: {_abort_reason(block)}; fix its braces/commas"
            diagnostics.append(error(shown, _line(block), "bib.invalid", message))

    strings: dict[str, str] = {}
    for s in raw_strings:  # in file order, so a string may use the ones before it
        if isinstance(s.value, str) and isinstance(s.key, str):
            strings[s.key.strip().lower()] = _resolve(s.value, strings)[0]

    entries: dict[str, BibEntry] = {}
    for raw in raw_entries:
        try:
            entry = _entry(raw, strings, shown, diagnostics)
        except Exception as exc:  # defensive: one odd entry must not stop the build
            diagnostics.append(_invalid(shown, _line(raw), f"{type(exc).__name__}: {exc}"))
            continue
        if entry is None:
            continue
        first = entries.get(entry.key)
        if first is not None:
            message = (
                f"duplicate key '{entry.key}': the entry at line {first.line} already uses it; "
                "rename or merge one of them"
            )
            diagnostics.append(error(shown, entry.line, "bib.duplicate-key", message))
            continue
        entries[entry.key] = entry
    return entries, diagnostics


def _invalid(shown: str, line: int, reason: str) -> Diagnostic:
    return error(
        shown, line, "bib.invalid", f"cannot parse this entry: {reason}; fix its braces/commas"
    )


def _entry(
    raw: Entry, strings: dict[str, str], shown: str, diagnostics: list[Diagnostic]
) -> BibEntry | None:
    line = _line(raw)
    key = raw.key.strip() if isinstance(raw.key, str) else ""
    entry_type = raw.entry_type.strip().lower() if isinstance(raw.entry_type, str) else ""
    if not _TYPE.fullmatch(entry_type):
        reason = f"'@{entry_type}' is not an entry type" if entry_type else "it has no entry type"
        diagnostics.append(_invalid(shown, line, reason))
        return None
    if not _KEY.fullmatch(key):
        diagnostics.append(_invalid(shown, line, f"'{key}' is not a usable key"))
        return None
    fields: dict[str, str] = {}
    for f in raw.fields:
        name = f.key.strip().lower() if isinstance(f.key, str) else ""
        field_line = f.start_line + 1 if isinstance(f.start_line, int) else line
        if not _NAME.fullmatch(name) or not isinstance(f.value, str):
            diagnostics.append(_invalid(shown, field_line, f"'{name}' is not a field name"))
            continue
        value, undefined = _resolve(f.value, strings)
        if "" in undefined:
            diagnostics.append(_invalid(shown, field_line, f"field '{name}' lacks a value"))
            continue
        if name in fields:
            message = f"field '{name}' appears twice in '{key}'; BibTeX uses the first, drop one"
            diagnostics.append(warning(shown, field_line, "bib.duplicate-field", message))
            continue
        for piece in undefined:
            message = f"'{piece}' in field '{name}' is not a defined @string; put text in braces"
            diagnostics.append(warning(shown, field_line, "bib.undefined-string", message))
        fields[name] = _decode(name, value)
    return BibEntry(key, entry_type, fields, line)


# --- fingerprints ----------------------------------------------------------------------

_STOP = word_set("a an and the of in on for to at by with from as or")
_DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212"


def _fold(text: str) -> str:
    """Case-folded, accents stripped, braces and apostrophes inside words dropped."""
    text = unicodedata.normalize("NFKD", text.replace("{", "").replace("}", ""))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = re.sub(r"\b(\w)\.(?=\w\b)", r"\1", text)  # "U.S." reads as "US"
    return re.sub(r"(?<=\w)['’‘`](?=\w)", "", text)


def _words(text: str) -> list[str]:
    return [w for w in re.split(r"[\W_]+", _fold(text)) if w]


def _split_names(author: str) -> list[str]:
    """Split at top-level " and " (not inside braces), as BibTeX does."""
    names, depth, start = [], 0, 0
    for i, ch in enumerate(author):
        depth += (ch == "{") - (ch == "}")
        if depth == 0 and author[i : i + 5].lower() == " and " and i >= start:
            names.append(author[start:i])
            start = i + 5
    names.append(author[start:])
    return [n.strip() for n in names if n.strip()]


def _first_author(fields: dict[str, str]) -> str:
    """The first author's family name, or a whole corporate name, normalized."""
    for name_field in ("author", "editor", "organization", "institution"):
        names = _split_names(fields.get(name_field, ""))
        if names:
            break
    else:
        return ""
    name = names[0]
    corporate = name_field in ("organization", "institution")
    if name.startswith("{") and name.endswith("}") and name.count("{") == 1:
        corporate = True  # braced as one group: a corporate name BibTeX must not split
    bare = name.replace("{", "").replace("}", "").strip()
    if corporate or ("," not in bare and is_corporate(bare)):
        words = _words(bare)
        return " ".join(words[1:] if words[:1] == ["the"] and len(words) > 1 else words)
    if "," in bare:
        family = bare.split(",")[0].split()
    else:
        family = [t for t in bare.split() if t.lower() not in SUFFIXES] or bare.split()
    return "".join(_words(family[-1])) if family else ""


def _container(fields: dict[str, str]) -> str:
    text = fields.get("journal") or fields.get("journaltitle") or fields.get("booktitle") or ""
    words = _words(text)
    return " ".join(words[1:] if words[:1] == ["the"] else words)


def _un_symbol(symbol: str) -> str:
    symbol = unicodedata.normalize("NFKC", symbol).upper()
    symbol = re.sub(r"\s*\(\s*\d{4}\s*\)\s*$", "", symbol)  # "S/RES/1373 (2001)"
    symbol = re.sub(f"[{_DASHES}]", "-", symbol)
    return re.sub(r"\s+", "", symbol).strip(".,;:")


def fingerprint(entry_type: str, fields: dict[str, str]) -> str:
    """An identity for matching a cited work to an existing entry despite trivial variation.

    UN documents are identified by symbol; other works by first author, year, the first
    six significant title words, container, volume and number, each normalized so
    quotes, accents, dashes, a leading "The" or a trailing period do not matter. The
    entry type is deliberately not part of it: a note may be classified differently. A
    `glossator-fingerprint` field wins, so a maintainer may correct the entry freely.
    """
    pinned = re.sub(r"\s+", " ", fields.get(FINGERPRINT_FIELD, "")).strip()
    if pinned:
        return pinned
    symbol = _un_symbol(fields.get("un_symbol", ""))
    if symbol:
        return f"un:{symbol}"
    year = re.search(r"\d{4}", fields.get("year") or fields.get("date") or "")
    title = [w for w in _words(fields.get("title", "")) if w not in _STOP][:6]
    author = _first_author(fields)
    if not author and not title and fields.get("note"):
        # An unparsed note is its own work: its whole text is its identity.
        return "note:" + " ".join(_words(fields["note"]))
    parts = [author, year.group(0) if year else "", " ".join(title)]
    parts.append(_container(fields))
    # Pages are left out: one note may give an article's range, another a pinpoint page.
    for name, label in (("volume", "v"), ("number", "n")):
        value = re.sub(f"[{_DASHES}]+", "-", _fold(fields.get(name, "")))
        value = re.sub(r"[^\w-]+", "", value).strip("-")
        if value:
            parts.append(label + value)
    return "|".join(parts)


# --- writing ---------------------------------------------------------------------------

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


def _encode(name: str, value: str) -> str:
    """A Unicode value → LaTeX text that reads back to the same value."""
    value = re.sub(r"[ \t\r\n]+", " ", value).strip()
    if name in VERBATIM_FIELDS:  # written as is, unless it would break the braces around it
        if not _balanced(value) or re.search(r"\\(?=[{}]|$)", value):
            value = value.replace("\\", "%5C").replace("{", "%7B").replace("}", "%7D")
        return value
    unmatched = _unmatched_braces(value)
    out = "".join(
        _UNMATCHED[ch] if i in unmatched else _ESCAPES.get(ch, ch) for i, ch in enumerate(value)
    )
    return _LIGATURE.sub(r"\1{}", out)  # "--" stays two hyphens, not an en dash


def _field_order(names: list[str]) -> list[str]:
    known = [*FIELD_ORDER, *_EXTRA_ORDER]
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
    if not _KEY.fullmatch(key):
        raise ValueError(f"not a usable BibTeX key: {entry.key!r}")
    if not _TYPE.fullmatch(entry_type):
        raise ValueError(f"not a BibTeX entry type: {entry.entry_type!r}")
    fields = {k.strip().lower(): v for k, v in entry.fields.items() if v and v.strip()}
    lines = []
    for name in _field_order(list(fields)):
        if not _NAME.fullmatch(name):
            raise ValueError(f"not a BibTeX field name: {name!r}")
        value = fields[name].strip()
        if name == "month" and value.isdigit() and 1 <= int(value) <= 12:
            lines.append(f"  month = {_MONTH_MACROS[int(value) - 1]}")
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


def _suffixes() -> Iterator[str]:
    """ "a", "b", … "z", "aa", "ab", …: the letters BibTeX users add to same-year keys."""
    n = 1
    while True:
        s, k = "", n
        while k:
            k, r = divmod(k - 1, 26)
            s = chr(ord("a") + r) + s
        yield s
        n += 1


def unique_key(base: str, taken: set[str]) -> str:
    """`base` if free, else `base` + "a", "b", … (the first not taken)."""
    if base not in taken:
        return base
    return next(base + s for s in _suffixes() if base + s not in taken)
