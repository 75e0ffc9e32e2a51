"""The front matter of an essay written back as Markdown (`markdown_export.py`): its
metadata under Pandoc's and Quarto's names, as YAML; a title or a name holding
Markdown's characters written so that it reads back as it is."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import yaml

from glossator.ingest.markdown_export_inline import inline_markdown
from glossator.ingest.metadata import NAME_MARKUP
from glossator.model import Block, Metadata
from glossator.model.inline import Inline, Text


class _Dumper(yaml.SafeDumper):
    pass


class _Quoted(str):
    pass


class _Literal(str):
    pass


_Dumper.add_representer(
    _Quoted, lambda dumper, value: dumper.represent_scalar("tag:yaml.org,2002:str", value, "'")
)
_Dumper.add_representer(
    _Literal, lambda dumper, value: dumper.represent_scalar("tag:yaml.org,2002:str", value, "|")
)


def front_matter(meta: Metadata, blocks_markdown: Callable[[list[Block]], str]) -> str:
    """The front matter block, `---` to `---`; `blocks_markdown` writes the abstract."""
    data = front_matter_data(meta, blocks_markdown)
    if not data:
        return "---\n---\n"
    body = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)
    return f"---\n{body}---\n"


def front_matter_data(
    meta: Metadata, blocks_markdown: Callable[[list[Block]], str]
) -> dict[str, Any]:
    """The metadata under Pandoc's (and Quarto's) names, each field only when set."""
    data: dict[str, Any] = {}
    if meta.title:
        data["title"] = _title(meta.title, meta.title_content)
    if meta.subtitle:
        data["subtitle"] = _title(meta.subtitle, meta.subtitle_content)
    if meta.author_details:
        fields = ("affiliation", "orcid", "email", "url")
        data["author"] = [
            {"name": _name(a.name), **{f: getattr(a, f) for f in fields if getattr(a, f)}}
            for a in meta.author_details
        ]
    elif meta.authors:
        data["authors"] = [_name(name) for name in meta.authors]
    if meta.date_text:
        data["date"] = meta.date_text  # as the author wrote it; `date` is read from it
    elif meta.date:
        data["date"] = _Quoted(meta.date)
    for key in ("publication", "image_credit", "author_bio"):
        if getattr(meta, key):
            data[key] = getattr(meta, key)
    if meta.editorial:
        data["editorial"] = list(meta.editorial)
    if meta.abstract:
        data["abstract"] = _Literal(blocks_markdown(meta.abstract) + "\n")
    if meta.keywords:
        data["keywords"] = list(meta.keywords)
    if meta.lang:
        data["lang"] = meta.lang
    if meta.bibliography:
        data["bibliography"] = list(meta.bibliography)
    if meta.csl:
        data["csl"] = meta.csl
    if meta.nocite:
        data["nocite"] = ", ".join(f"@{key}" for key in meta.nocite)
    if meta.reference_section_title:
        data["reference-section-title"] = meta.reference_section_title
    for key, value in meta.extra.items():
        data.setdefault(key, value)
    return data


def _title(text: str, content: tuple[Inline, ...] | None) -> str:
    """A title as front matter holds it: Markdown (`metadata._read_title`)."""
    if content:
        return inline_markdown(content, line_start=True)
    return _name(text)


def _name(name: str) -> str:
    """A name as front matter holds it: read as Markdown where it has Markdown's
    characters (`metadata._read_name`), so those are escaped to read back as written."""
    return inline_markdown((Text(name),), line_start=True) if NAME_MARKUP.search(name) else name
