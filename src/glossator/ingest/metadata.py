"""Document metadata from YAML (sidecars, front matter), validated with line numbers.

Fields are read the way Pandoc and Quarto read them (`author` or `authors`, a string
or a list), so front matter written for those tools works here unchanged.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from glossator.diagnostics import Diagnostic, error, warning
from glossator.ingest.metadata_values import (
    author_detail_problems,
    authors,
    iso_date,
    json_safe,
    nocite,
    parse_date,
    text_list,
)
from glossator.model import FORMATS, METADATA_FIELDS, Author, Block, Metadata, Paragraph
from glossator.model.ids import LANGUAGE_TAG
from glossator.model.inline import Link, NoteRef, Text, plain_text
from glossator.yamlmap import YamlMapping, as_text

# What a sidecar may hold; anything else there is a mistake worth a warning.
KNOWN_KEYS = {"format", "title", "author", "authors", "date", "publication"} | {
    "image_credit",
    "author_bio",
    "editorial",
}
# Single-line text fields of front matter, by key, and the Metadata field of each.
TEXT_FIELDS = {
    "title": "title",
    "subtitle": "subtitle",
    "publication": "publication",
    "image_credit": "image_credit",
    "author_bio": "author_bio",
    "lang": "lang",
    "csl": "csl",
    "reference-section-title": "reference_section_title",
}
# In front matter `format` is Quarto's output format, kept in `extra` like any other key.
FRONT_MATTER_KEYS = (
    (KNOWN_KEYS - {"format"})
    | set(TEXT_FIELDS)
    | {
        "abstract",
        "keywords",
        "bibliography",
        "nocite",
    }
)
# What makes a name Markdown to be read (a link, emphasis, a note, an escape, HTML).
NAME_MARKUP = re.compile(r"[*_`\[\]<>\\^$~&]")
# Reads Markdown (an abstract) into blocks: (text, path, first line) -> (blocks, diags).
MarkdownBlocks = Callable[[str, str, int], tuple[list[Block], list[Diagnostic]]]


def parse_metadata(
    mapping: YamlMapping,
    path: str,
    *,
    expect_format: bool,
    sidecar: bool = False,
    markdown: MarkdownBlocks | None = None,
) -> tuple[Metadata, str | None, list[Diagnostic]]:
    """Turn a YAML mapping into Metadata (and the declared `format`), reporting problems.

    Front matter is read as Pandoc and Quarto read it, and keeps fields it does not know
    in `extra`; a `sidecar` holds only the fields in KNOWN_KEYS, with ISO dates."""
    values, diags = mapping.values, []
    meta = Metadata(lines=dict(mapping.lines))

    known = KNOWN_KEYS if sidecar else FRONT_MATTER_KEYS
    for key in sorted(set(values) - known):
        if sidecar:
            diags.append(
                warning(
                    path,
                    mapping.line(key),
                    "meta.unknown-field",
                    f"unknown field `{key}` is ignored; known fields: "
                    f"{', '.join(sorted(KNOWN_KEYS))}",
                )
            )
        else:
            meta.extra[key] = json_safe(values[key])

    fmt = None
    if expect_format:
        fmt = as_text(values.get("format"))
        if "format" not in values:
            diags.append(
                error(
                    path,
                    1,
                    "meta.missing",
                    "required field `format` is missing; add `format: pdf-text` or "
                    "`format: web-text`",
                )
            )
        elif fmt not in FORMATS or fmt == "markdown":
            diags.append(
                error(
                    path,
                    mapping.line("format"),
                    "meta.format",
                    f"unknown format `{values.get('format')}`; use `pdf-text` or `web-text`",
                )
            )
            fmt = None

    for key, name in TEXT_FIELDS.items():
        if key in known and key in values and values[key] is not None:
            text = as_text(values[key])
            if text is None:
                diags.append(_bad(path, mapping.line(key), key, "a single line of text"))
            elif key == "lang" and not LANGUAGE_TAG.fullmatch(text):
                message = (
                    f"`lang: {text}` is not a language tag such as `en`, `fr` or `pt-BR`; "
                    "the site's language is used"
                )
                diags.append(warning(path, mapping.line(key), "meta.lang", message))
            else:
                setattr(meta, name, text)

    if markdown is not None:  # front matter: a title is Markdown, as Pandoc reads it
        for key in ("title", "subtitle"):
            if getattr(meta, key):
                _read_title(meta, key, markdown, path, mapping.line(key), diags)

    author_key = "authors" if "authors" in values else "author"
    found = authors(values.get(author_key))
    if found is None:
        expected = "a name, a list of names, or a list of `name:` entries"
        diags.append(_bad(path, mapping.line(author_key), author_key, expected))
    else:
        if markdown is not None:  # front matter, read as Pandoc reads it: Markdown
            line = mapping.line(author_key)
            found = [_read_name(a, markdown, path, line, diags) for a in found]
        found = _checked_details(found, path, mapping.line(author_key), diags)
        meta.authors = [a.name for a in found]
        # Details only when some are given (as the schema has it: empty when only names
        # are known), so names alone read the same from front matter as from a sidecar.
        meta.author_details = found if any(a != Author(a.name) for a in found) else []

    if values.get("date") is not None:
        diags += read_date(meta, values["date"], path, mapping.line("date"), sidecar=sidecar)

    if not sidecar:
        diags += _front_matter_lists(meta, mapping, path)
        abstract = values.get("abstract")
        if abstract is not None and markdown is not None:
            text = as_text(abstract) if not isinstance(abstract, str) else abstract
            if text is None:
                diags.append(_bad(path, mapping.line("abstract"), "abstract", "Markdown text"))
            else:
                line = mapping.line("abstract") + (1 if "\n" in text.strip() else 0)
                meta.abstract, more = markdown(text, path, line)
                diags += more

    editorial = values.get("editorial") or []
    if not isinstance(editorial, list) or not all(isinstance(e, str) for e in editorial):
        diags.append(_bad(path, mapping.line("editorial"), "editorial", "a list of field names"))
    else:
        for name in editorial:
            if name not in METADATA_FIELDS:
                diags.append(
                    error(
                        path,
                        mapping.line("editorial"),
                        "meta.editorial",
                        f"`editorial` names unknown field `{name}`; "
                        f"use some of: {', '.join(METADATA_FIELDS)}",
                    )
                )
        meta.editorial = [e for e in editorial if e in METADATA_FIELDS]
    return meta, fmt, diags


def read_date(
    meta: Metadata, value: Any, path: str, line: int, *, sidecar: bool
) -> list[Diagnostic]:
    """ISO dates must exist; a date written out ("March 21, 2021") is read into ISO and
    kept as written; one that cannot be read is only a warning (front matter)."""
    text = as_text(value)
    iso_message = "an ISO date: YYYY, YYYY-MM or YYYY-MM-DD"
    if text is None:
        return [_bad(path, line, "date", iso_message)]
    try:
        meta.date = iso_date(text) if sidecar else parse_date(text)
    except ValueError:  # DateError (not on the calendar), or a sidecar's non-ISO date
        return [_bad(path, line, "date", iso_message)]
    if sidecar:
        return []
    written = " ".join(text.split())
    # Kept when it says more than the ISO date (a date in words), as a sidecar's date is.
    meta.date_text = written if written != meta.date else None
    if meta.date is None:
        return [
            warning(
                path,
                line,
                "meta.date-unparsed",
                f"date `{written}` is shown as written but cannot be read as a date, "
                "so the essay is not sorted by it; write it as 2021-03-21 or March 21, 2021",
            )
        ]
    return []


def _front_matter_lists(meta: Metadata, mapping: YamlMapping, path: str) -> list[Diagnostic]:
    values, diags = mapping.values, []
    readers = {
        "keywords": (lambda v: text_list(v), "a word or a list of words"),
        "bibliography": (lambda v: text_list(v, None), "a file name or a list of file names"),
        "nocite": (nocite, "a list of `@key` (or `@*`)"),
    }
    for key, (read, expected) in readers.items():
        if values.get(key) is None:
            continue
        found = read(values[key])
        if found is None:
            diags.append(_bad(path, mapping.line(key), key, expected))
        else:
            setattr(meta, key, found)
    return diags


def _read_title(
    meta: Metadata, key: str, markdown: MarkdownBlocks, path: str, line: int, diags: list
) -> None:
    """A title written in Markdown: its plain text as `title`, its inline content (one
    with italics, a link) as `title_content` for the page. One without Markdown's
    characters is kept as written."""
    text = getattr(meta, key)
    if not NAME_MARKUP.search(text):
        return
    blocks, more = markdown(text, path, line)
    if len(blocks) != 1 or not isinstance(blocks[0], Paragraph):
        return  # "1. First*" reads as a list: the title as written
    content = tuple(n for n in blocks[0].content if not isinstance(n, NoteRef))
    plain = " ".join(plain_text(content).split())
    if not plain:
        return
    diags += more
    setattr(meta, key, plain)
    if content != (Text(plain),):
        setattr(meta, f"{key}_content", content)


def _read_name(
    author: Author, markdown: MarkdownBlocks, path: str, line: int, diags: list[Diagnostic]
) -> Author:
    """An author written in Markdown, as Pandoc reads front matter (`[Ann Roe](url)[^a]`
    with `[^a]: University of Somewhere`): the name is its text; a name that is one
    link gives the author's address, and a note on it (LaTeX's `\\thanks`) the
    affiliation, where the front matter gives none. A name without Markdown's
    characters is kept as written."""
    if not NAME_MARKUP.search(author.name):
        return author
    blocks, more = markdown(author.name, path, line)
    if not blocks or not isinstance(blocks[0], Paragraph):
        return author  # "1. Ann*" reads as a list: the name as written
    diags += more
    content = blocks[0].content
    name = " ".join(plain_text(content).split())
    if not name:
        return author
    links = [node for node in content if isinstance(node, Link)]
    url = author.url
    if not url and len(links) == 1 and " ".join(plain_text(links[0].content).split()) == name:
        url = links[0].url if links[0].url.startswith(("http://", "https://")) else ""
    notes = [
        " ".join(plain_text(b.content).split()) for b in blocks[1:] if isinstance(b, Paragraph)
    ]
    affiliation = author.affiliation or "; ".join(n for n in notes if n)
    return Author(name, affiliation, author.orcid, author.email, url)


def _checked_details(
    found: list[Author], path: str, line: int, diags: list[Diagnostic]
) -> list[Author]:
    checked = []
    for author in found:
        author, problems = author_detail_problems(author)
        for problem in problems:
            message = f"{problem}; it is left out (author {author.name})"
            diags.append(warning(path, line, "meta.author-detail", message))
        checked.append(author)
    return checked


def _bad(path: str, line: int, key: str, expected: str) -> Diagnostic:
    return error(path, line, "meta.invalid", f"field `{key}` must be {expected}")


def merge_metadata(found: Metadata, given: Metadata, given_keys: set[str]) -> Metadata:
    """What the source says, overridden by what the maintainer wrote explicitly."""
    merged = Metadata(**{k: getattr(found, k) for k in METADATA_FIELDS})
    for key in METADATA_FIELDS:
        if key in given_keys or (key == "authors" and "author" in given_keys):
            setattr(merged, key, getattr(given, key))
    merged.editorial = list(given.editorial)
    return merged
