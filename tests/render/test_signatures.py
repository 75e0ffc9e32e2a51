"""A render job's signature covers everything the job is handed: given the jobs of one
corpus, a render of a changed corpus keeps a job only when a clean render of the
changed corpus makes the same bytes for it. Each change below alters one input of the
render stage (a work's field, entry, BibTeX or CSL item, a citing place, a citing
essay's title or quoted sentence, a mention, the work a note's source line names; what
the home and about pages and the feed show of an essay: its authors, date, excerpt,
notes and paragraphs; the works there are, which the sitemap and data files list) as
no content edit could alone, so that a signature leaving that input out is caught. The site's own
essay and bibliography templates also show the citing places of the works they are
handed, which the built-in ones show in part only."""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from glossator.format.corpus import FormattedCorpus
from glossator.format.csl_items import CslItems
from glossator.format.csl_text import FormattedEntry
from glossator.link.corpus import CitingPlace, Work
from glossator.link.mentions import Mention
from glossator.model import Document, Metadata, Paragraph
from glossator.model.inline import Text
from glossator.pipeline import plan
from glossator.render import TEMPLATES_DIR, render_jobs, render_site
from glossator.render import listing as listing_module
from glossator.render import signatures as signatures_module
from glossator.render import site as site_module
from glossator.render.signatures import fields_of, places_of, work_digest
from glossator.render.views import essay_piece

BIB = """@book{lind2001,
  author = {Lind, Astrid},
  title = {Margins of Print: A Study},
  publisher = {Small Press},
  year = {2001}
}

@book{nagy2008,
  author = {Nagy, Piroska},
  title = {Historians and Their Notes},
  publisher = {Quill},
  year = {2008},
  url = {https://example.org/nagy}
}

@misc{unsc1998,
  title = {Resolution 1199},
  organization = {United Nations Security Council},
  un_symbol = {S/RES/1199 (1998)},
  year = {1998}
}
"""
ESSAYS = {
    "alpha": "---\ntitle: Glosses\nauthor: Ida Lorne\ndate: 2021-03\n---\n\n## Margins\n\n"
    "Readers wrote in margins.[^1] A gloss outgrew its text.[^2] The Council adopted "
    "Resolution 1199 that autumn.[^3]\n\n"
    "[^1]: See [@lind2001, 24].\n[^2]: [@nagy2008; @lind2001, 80].\n[^3]: [@unsc1998].\n",
    "beta": "---\ntitle: Small Type\nauthor: Ida Lorne\ndate: 2022\n---\n\n"
    "Printers set notes small.[^1] Resolution 1199 is named here too.\n\n"
    "[^1]: [@nagy2008, 12].\n",
}


# Each work a page is handed, with every citing place it is handed with.
SHOWN = {
    "essay.html": "{% for n in note_sources|sort %}{% for w, _ in note_sources[n] %}"
    "{{ w.key }}: {{ w.cited_by }}{% endfor %}{% endfor %}",
    "bibliography.html": "{% for w in works %}{{ w.key }}: {{ w.cited_by }}{% endfor %}",
}


def own_templates(folder: Path) -> list[Path]:
    """The built-in templates, each page of SHOWN also listing its works' places."""
    folder.mkdir()
    for name, extra in SHOWN.items():
        page = (TEMPLATES_DIR / name).read_text(encoding="utf-8")
        at = page.index("{% endblock %}", page.index("{% block main %}"))
        (folder / name).write_text(page[:at] + extra + "\n" + page[at:], encoding="utf-8")
    return [folder, TEMPLATES_DIR]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> tuple:
    root = tmp_path_factory.mktemp("site")
    content = root / "content"
    (content / "essays").mkdir(parents=True)
    (content / "site.yaml").write_text(
        "title: On Margins\nbase_url: https://example.org\n", encoding="utf-8"
    )
    (content / "references.bib").write_text(BIB, encoding="utf-8")
    for slug, text in ESSAYS.items():
        (content / "essays" / f"{slug}.md").write_text(text, encoding="utf-8")
    result = plan(Path(content))
    assert result.formatted is not None, result.diagnostics
    assert result.formatted.linked.mentions  # the essays mention the resolution
    return (result.corpus.site, own_templates(root / "templates")), result.formatted


def _work(corpus: FormattedCorpus, n: int, cited: bool = False) -> Work:
    works = [w for _, w in sorted(corpus.linked.works.items()) if w.cited_by or not cited]
    return works[n % len(works)]


def _doc(corpus: FormattedCorpus, n: int):
    doc = sorted(corpus.linked.documents, key=lambda d: d.slug)[n % 2]
    corpus.linked.versions.pop(doc.slug, None)  # a changed document has no version
    return doc


def field(c: FormattedCorpus, n: int) -> None:
    work = _work(c, n)
    name = sorted(work.fields)[n % len(work.fields)]
    work.fields[name] += " (rev.)"


def new_field(c: FormattedCorpus, n: int) -> None:
    _work(c, n).fields["note"] = "Reprinted"


def curated(c: FormattedCorpus, n: int) -> None:
    work = _work(c, n)
    work.curated = not work.curated


def entry_text(c: FormattedCorpus, n: int) -> None:
    key = _work(c, n).key
    c.entries[key] = FormattedEntry(c.entries[key].text + " Rev.", c.entries[key].html)


def entry_html(c: FormattedCorpus, n: int) -> None:
    key = _work(c, n).key
    c.entries[key] = FormattedEntry(c.entries[key].text, c.entries[key].html + " <i>Rev.</i>")


def bibtex(c: FormattedCorpus, n: int) -> None:
    key = _work(c, n).key
    c.bibtex[key] = c.bibtex[key].rstrip() + "\n% revised\n"


def csl_short_title(c: FormattedCorpus, n: int) -> None:
    key = _work(c, n).key
    item = c.csl_items[key]  # a copy: the table keeps each item pickled
    item["title-short"] = "Rev"
    c.csl_items[key] = item


def place_locator(c: FormattedCorpus, n: int) -> None:
    work = _work(c, n, cited=True)
    i = n % len(work.cited_by)
    work.cited_by[i] = dataclasses.replace(work.cited_by[i], locator="99")


def place_marker(c: FormattedCorpus, n: int) -> None:
    work = _work(c, n, cited=True)
    i = n % len(work.cited_by)
    work.cited_by[i] = dataclasses.replace(work.cited_by[i], marker="fnref9")


def place_gone(c: FormattedCorpus, n: int) -> None:
    work = _work(c, n, cited=True)
    del work.cited_by[n % len(work.cited_by)]


def essay_title(c: FormattedCorpus, n: int) -> None:
    _doc(c, n).meta.title += " Revised"


def sentence(c: FormattedCorpus, n: int) -> None:
    paragraph = next(p for p in _doc(c, n).paragraphs() if p.markers)
    paragraph.content = (Text("Some words first."), *paragraph.content)


def essay_author(c: FormattedCorpus, n: int) -> None:
    _doc(c, n).meta.authors.append("Piroska Nagy")


def essay_date(c: FormattedCorpus, n: int) -> None:
    doc = _doc(c, n)
    doc.meta.date = "2019-11-02" if doc.meta.date != "2019-11-02" else "2018"


def opening(c: FormattedCorpus, n: int) -> None:
    """The essay's first words, which the home page and the feed show (its excerpt)."""
    paragraph = _doc(c, n).paragraphs()[0]
    paragraph.content = (Text("At first, "), *paragraph.content)


def note_gone(c: FormattedCorpus, n: int) -> None:
    """One note of an essay gone, whose works another note cites (the home and about
    pages count the notes, the home page the works cited too)."""
    doc = _doc(c, n)
    notes = doc.notes

    def elsewhere(i: int) -> bool:
        others = {k for j, note in enumerate(notes) if j != i for k in note.sources}
        return set(notes[i].sources) <= others

    gone = next((i for i in range(len(notes)) if elsewhere(i)), len(notes) - 1)
    doc.notes = notes[:gone] + notes[gone + 1 :]


def paragraph_more(c: FormattedCorpus, n: int) -> None:
    """A paragraph more at the end (the about page counts the paragraphs)."""
    doc = _doc(c, n)
    doc.sections[-1].blocks.append(Paragraph("p99", content=(Text("A closing word."),)))


def work_gone(c: FormattedCorpus, n: int) -> None:
    """A work, its page, entry and data gone: the about page counts the works, the
    sitemap lists their pages. Two works stay, for the other changes to change."""
    if len(c.linked.works) <= 2:
        return
    key = _work(c, n).key
    del c.linked.works[key]
    for table in (c.entries, c.bibtex, c.csl_items):
        table.pop(key, None)
    for place, found in c.linked.note_cites.items():
        c.linked.note_cites[place] = [(k, x) for k, x in found if k != key]


def mention(c: FormattedCorpus, n: int) -> None:
    place = sorted(c.linked.mentions)[n % len(c.linked.mentions)]
    m = c.linked.mentions[place][0]
    c.linked.mentions[place] = [Mention(m.start, m.end - 1, m.key)]


def note_source(c: FormattedCorpus, n: int) -> None:
    citing = sorted(p for p, found in c.linked.note_cites.items() if found)
    place = citing[n % len(citing)]
    key, locator = c.linked.note_cites[place][0]
    other = next(k for k in sorted(c.linked.works) if k != key)
    c.linked.note_cites[place] = [(other, locator), *c.linked.note_cites[place][1:]]


CHANGES: list[Callable[[FormattedCorpus, int], None]] = [
    field,
    new_field,
    curated,
    entry_text,
    entry_html,
    bibtex,
    csl_short_title,
    place_locator,
    place_marker,
    place_gone,
    essay_title,
    essay_author,
    essay_date,
    opening,
    note_gone,
    paragraph_more,
    sentence,
    work_gone,
    mention,
    note_source,
]


def differences(site, before: FormattedCorpus, after: FormattedCorpus) -> list[str]:
    """The files where the render of `after` with the jobs of `before` (the kept
    jobs' files taken from `before`'s render) differs from a clean render of `after`."""
    site, templates = site
    first = render_jobs(site, before, templates, previous={})
    second = render_jobs(site, after, templates, previous=first.jobs)
    got = dict(second.files)
    for job in second.kept:
        got.update({path: first.files[path] for path in second.jobs[job][1]})
    clean = render_site(site, after, templates)
    return sorted(p for p in set(got) | set(clean) if got.get(p) != clean.get(p))


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(st.lists(st.tuples(st.sampled_from(CHANGES), st.integers(0, 20)), min_size=1, max_size=3))
def test_a_job_kept_makes_what_a_clean_render_makes(corpus, changes):
    site, before = corpus
    after = copy.deepcopy(before)
    for change, n in changes:
        change(after, n)
    assert differences(site, before, after) == []


@pytest.mark.parametrize("change", CHANGES, ids=lambda c: c.__name__)
def test_each_change_is_seen_by_the_pages_it_changes(corpus, change):
    """Each change does change a file, so the test above tests every input."""
    site, before = corpus
    after = copy.deepcopy(before)
    change(after, 1)
    (config, templates) = site
    assert render_site(config, after, templates) != render_site(config, before, templates)


def test_a_signature_leaving_out_an_input_is_caught(corpus, monkeypatch):
    """The planted fault: source pages signed without their BibTeX."""
    site, before = corpus
    after = copy.deepcopy(before)
    bibtex(after, 1)
    assert differences(site, before, after) == []
    real = signatures_module.work_parts  # the bibliography page shows no BibTeX
    monkeypatch.setattr(signatures_module, "work_parts", lambda w, e, b, c: real(w, e, None, c))
    key = _work(after, 1).key  # its page, and the BibTeX of every work
    assert differences(site, before, after) == ["references.bib", f"sources/{key}.html"]


def test_every_field_of_a_work_and_its_entry_is_in_its_digest():
    """A field added to Work, FormattedEntry or CitingPlace later is in the signatures
    without a change here."""
    work = Work("k", "book", "book", {"title": "T"}, True)
    entry = FormattedEntry("T.", "<i>T</i>.")
    first = work_digest(work, entry, "@book{k}", {"title": "T"})
    assert len(fields_of(entry)) == len(dataclasses.fields(entry))
    place = CitingPlace("alpha", 3, "p2", "fnref3", "24")
    assert places_of([place]) == ((*(getattr(place, f.name) for f in dataclasses.fields(place)),),)
    for name in [f.name for f in dataclasses.fields(work) if f.name != "cited_by"]:
        value = getattr(work, name)
        changed = dataclasses.replace(work, **{name: not value if value in (True, False) else {}})
        assert work_digest(changed, entry, "@book{k}", {"title": "T"}) != first, name
    for other in (
        (work, FormattedEntry("T", "<i>T</i>."), "@book{k}", {"title": "T"}),
        (work, entry, "@book{k2}", {"title": "T"}),
        (work, entry, "@book{k}", {"title": "U"}),
    ):
        assert work_digest(*other) != first


def test_an_essays_metadata_digest_does_not_depend_on_what_read_it_before():
    """A paragraph keeps its text beside its content once read: the digest of an
    abstract read before and of one never read are the same."""
    abstract = [Paragraph("a1", content=(Text("An abstract of the essay."),))]
    doc = Document("alpha", "markdown", Metadata(title="Glosses", abstract=abstract))
    fresh = copy.deepcopy(doc)
    assert getattr(fresh.meta.abstract[0], "_text", None) is None
    assert doc.meta.abstract[0].text  # read by some earlier step
    assert essay_piece(fresh, {}, True).meta == essay_piece(doc, {}, True).meta


# Each corpus page signed without one thing it shows: the change that shows it, and
# the file it leaves stale.
def _home_without(n: int) -> Callable:
    return lambda pieces: [(*t[:n], *t[n + 1 :]) for t in signatures_module.home_shows(pieces)]


def _about_without(n: int) -> Callable:
    def about(pieces, works):
        shown, paragraphs, works = signatures_module.about_shows(pieces, works)
        if n < 3:
            return [(*t[:n], *t[n + 1 :]) for t in shown], paragraphs, works
        return shown, *(paragraphs, works)[: n - 3], *(paragraphs, works)[n - 2 :]

    return about


OMISSIONS = [  # home_shows: (slug, meta, notes, sources, excerpt)
    ("home_shows", _home_without(4), opening),
    ("home_shows", _home_without(2), note_gone),
    ("home_shows", _home_without(3), work_gone),
    ("home_shows", _home_without(1), essay_title),
    ("about_shows", _about_without(2), note_gone),  # (slug, meta, notes), paragraphs, works
    ("about_shows", _about_without(3), paragraph_more),
    ("about_shows", _about_without(4), work_gone),
    ("about_shows", _about_without(1), essay_title),
    ("feed_shows", lambda ps: [(p.feed.slug, p.feed.summary) for p in ps.values()], essay_author),
    ("feed_shows", lambda ps: [(p.feed.slug, p.feed.authors) for p in ps.values()], opening),
    ("map_shows", lambda paths: (), work_gone),
    ("data_shows", lambda signatures: (), place_locator),
]
STALE = {
    "home_shows": "index.html",
    "about_shows": "about.html",
    "feed_shows": "feed.xml",
    "map_shows": "sitemap.xml",
    "data_shows": "api/sources.json",
}


@pytest.mark.parametrize(
    ("name", "signed", "change"), OMISSIONS, ids=[f"{n}-{c.__name__}" for n, _, c in OMISSIONS]
)
def test_a_corpus_page_signed_without_what_it_shows_is_caught(
    corpus, monkeypatch, name, signed, change
):
    """The planted faults: the home and about pages, the feed, the sitemap and the data
    files each signed without one thing they show; the change showing it is caught."""
    site, before = corpus
    after = copy.deepcopy(before)
    change(after, 0)
    assert STALE[name] in render_site(site[0], after, site[1])
    assert differences(site, before, after) == []
    for module in (site_module, listing_module):  # where the signature is made
        monkeypatch.setattr(module, name, signed, raising=False)
    assert STALE[name] in differences(site, before, after)


def test_work_digests_kept_by_object_are_those_made_afresh(monkeypatch):
    """Serve keeps each work's digest with the objects it was made from: the same
    objects are not digested again, any other object is, and the digests are the ones
    made without the memo; a work gone is dropped from it."""
    works = {
        key: Work(key, "book", "book", {"title": title}, True)
        for key, title in (("lind", "Margins of Print"), ("nagy", "Glosses"))
    }
    entries = {key: FormattedEntry(f"{key} entry.", f"<i>{key}</i> entry.") for key in works}
    bibtex = {key: f"@book{{{key},}}" for key in works}
    items = CslItems.of({key: {"id": key, "type": "book"} for key in works})
    digested: list[int] = []
    real = signatures_module.value_digests

    def counted(values):
        found = real(list(values))
        digested.append(len(found))
        return found

    monkeypatch.setattr(signatures_module, "value_digests", counted)
    known: dict = {}
    fresh = signatures_module.work_digests(works, entries, bibtex, items)
    assert signatures_module.work_digests(works, entries, bibtex, items, known) == fresh
    assert signatures_module.work_digests(works, entries, bibtex, items, known) == fresh
    assert digested == [2, 2, 0]
    retitled = {**works, "nagy": dataclasses.replace(works["nagy"], fields={"title": "Notes"})}
    again = signatures_module.work_digests(retitled, entries, bibtex, items, known)
    assert digested[-1] == 1 and again["lind"] == fresh["lind"]
    assert again["nagy"] != fresh["nagy"]
    assert again == signatures_module.work_digests(retitled, entries, bibtex, items)
    reentered = {**entries, "lind": FormattedEntry("lind entry.", "<i>lind</i> entry.")}
    signatures_module.work_digests(retitled, reentered, bibtex, items, known)
    assert digested[-1] == 1  # an equal entry, another object: digested again
    signatures_module.work_digests({"lind": works["lind"]}, entries, bibtex, items, known)
    assert set(known) == {"lind"}


def test_source_signatures_kept_by_object_are_signed_again_for_any_other_object():
    """A source page's signature is taken again only for its very work, its digest
    and part as recorded, and each citing essay's very piece; anything else is signed
    again, a page gone is dropped."""
    work = Work("lind", "book", "book", {"title": "Margins of Print"}, True)
    places = {"lind": (("alpha", 1, "p1", "fnref1", None), ("beta", 2, "p3", "fnref2", None))}
    pieces = {"alpha": object(), "beta": object()}
    signed: list[list[str]] = []

    def sign(keys: list[str]) -> list[str]:
        signed.append(keys)
        return [f"sig-{len(signed)}" for _ in keys]

    known: dict = {}
    made = ({"lind": work}, {"lind": "d1"}, "part", places, pieces)
    assert signatures_module.source_signatures(["lind"], sign, made, known) == ["sig-1"]
    assert signatures_module.source_signatures(["lind"], sign, made, known) == ["sig-1"]
    assert len(signed) == 2 and signed[1] == []
    changes = [
        ({"lind": dataclasses.replace(work)}, {"lind": "d1"}, "part", places, pieces),
        ({"lind": work}, {"lind": "d2"}, "part", places, pieces),
        ({"lind": work}, {"lind": "d1"}, "other part", places, pieces),
        ({"lind": work}, {"lind": "d1"}, "part", places, {**pieces, "beta": object()}),
    ]
    for other in changes:
        signatures_module.source_signatures(["lind"], sign, made, known)  # as recorded
        signatures_module.source_signatures(["lind"], sign, other, known)
        assert signed[-1] == ["lind"], other
    signatures_module.source_signatures([], sign, made, known)
    assert known == {}
