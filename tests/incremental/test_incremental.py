"""Incremental builds: whatever sequence of edits, additions and deletions came
before, a cached build writes exactly the bytes a clean build of the final content
writes; a build with nothing changed writes nothing."""

from __future__ import annotations

import contextlib
import gc
import os
import pickle
import re
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from glossator.cache import Store, digest
from glossator.cache.store import FIRST, value_digest, value_digests
from glossator.format import corpus as format_corpus_module
from glossator.incremental import build_fingerprint, cache_folder, reading
from glossator.incremental.reading import CachedReader, prepare
from glossator.ingest.corpus import read_each
from glossator.pipeline import TEMPLATES_DIR, build
from glossator.render import site as render_site_module

BIB = {
    "grafton1997": (
        "Grafton, Anthony",
        "The Footnote: A Curious History",
        "Harvard University Press",
        "1997",
    ),
    "eisenstein1979": (
        "Eisenstein, Elizabeth L.",
        "The Printing Press as an Agent of Change",
        "Cambridge University Press",
        "1979",
    ),
    "jackson2001": (
        "Jackson, H. J.",
        "Marginalia: Readers Writing in Books",
        "Yale University Press",
        "2001",
    ),
}
SENTENCES = [
    "Readers wrote in the margins of their books.",
    "A gloss could outgrow the text it explained.",
    "Printers set the notes in a smaller type.",
    "Some notes argue with the author they annotate.",
    "The apparatus of a scholarly edition is a map of its sources.",
    # a mention: a link to the resolution's page while any essay cites it
    "The Council adopted Resolution 1199 that autumn.",
]
NOTES = [
    "See [@grafton1997, 24].",
    "[@eisenstein1979, 80-82; @jackson2001].",
    "Ibid., 31.",
    "H. J. Jackson, *Marginalia: Readers Writing in Books* (New Haven: Yale University "
    "Press, 2001), 44.",
    "A note of the author's own, citing nothing.",
    # works not in references.bib: each gets a key reserved across the corpus (two
    # forms of one work share it; a second work with the same stem takes `...a`)
    "Ida Lorne, *Margins of Print* (London: Small Press, 2020), 3.",
    "Ida Lorne, *Margins of Print: A Study in Glosses* (London: Small Press, 2020).",
    "Ida Lorne, *Margins Revisited* (London: Small Press, 2020), 9.",
    "Ida Lorne, *Notes on Notes* (London: Small Press, 2019), 12.",
    "United Nations Security Council. Resolution 1199. 23 September 1998.",
]
# An entry that a step adds to references.bib or removes again: Notes on Notes,
# curated while it is there.
OPTIONAL = {"lorne2019": ("Lorne, Ida", "Notes on Notes", "Small Press", "2019")}


def bibtex(titles: dict[str, str]) -> str:
    """BIB's entries (`titles` retitles some), and OPTIONAL's that `titles` names."""
    entries = {**BIB, **{k: v for k, v in OPTIONAL.items() if k in titles}}
    return "".join(
        f"@book{{{key},\n  author = {{{author}}},\n  title = {{{titles.get(key, title)}}},\n"
        f"  publisher = {{{press}}},\n  year = {{{year}}}\n}}\n\n"
        for key, (author, title, press, year) in entries.items()
    )


def essay(title: str, parts: list[tuple[int, int | None]]) -> str:
    """An essay from (sentence, note or None) pairs; a part with a note gets a marker."""
    body, notes = [], []
    for sentence, note in parts:
        text = SENTENCES[sentence]
        if note is not None:
            notes.append(f"[^{len(notes) + 1}]: {NOTES[note]}")
            text += f"[^{len(notes)}]"
        body.append(text)
    front = f"---\ntitle: {title}\nauthor: Ida Lorne\ndate: 2021-03\n---\n\n"
    return front + "## Margins\n\n" + " ".join(body) + "\n\n" + "\n".join(notes) + "\n"


parts = st.lists(
    st.tuples(st.integers(0, len(SENTENCES) - 1), st.none() | st.integers(0, len(NOTES) - 1)),
    min_size=1,
    max_size=5,
)
slugs = st.sampled_from(["alpha", "beta", "gamma", "delta"])
titles = st.sampled_from(["On Margins", "Glosses", "Small Type", "The Apparatus"])
steps = st.one_of(
    st.tuples(st.just("write"), slugs, titles, parts),  # add or edit an essay
    st.tuples(st.just("delete"), slugs),
    # the prose of an essay edited, its notes as they were: a sentence replaced, and
    # perhaps a new paragraph started before it (its markers' places move)
    st.tuples(st.just("prose"), slugs, st.integers(0, len(SENTENCES) - 1), st.booleans()),
    st.tuples(st.just("bib"), st.sampled_from(sorted(BIB)), titles),  # retitle a work
    st.tuples(st.just("entry"), st.booleans()),  # add OPTIONAL's entry, or remove it
    st.tuples(st.just("site"), titles),
    st.tuples(st.just("template"), st.sampled_from(["", "<!-- a site's own footer -->"])),
)


def apply(step: tuple, content: Path, bib_titles: dict[str, str], builtin: Path) -> None:
    kind = step[0]
    essays = content / "essays"
    if kind == "write":
        (essays / f"{step[1]}.md").write_text(essay(step[2], step[3]), encoding="utf-8")
    elif kind == "delete":
        (essays / f"{step[1]}.md").unlink(missing_ok=True)
    elif kind == "prose":
        path = essays / f"{step[1]}.md"
        text = path.read_text(encoding="utf-8") if path.exists() else ""
        found = [s for s in SENTENCES if s in text]
        if found:
            new = ("\n\n" if step[3] else "") + SENTENCES[step[2]]
            path.write_text(text.replace(found[-1], new, 1), encoding="utf-8")
    elif kind in ("bib", "entry"):
        if kind == "bib":
            bib_titles[step[1]] = step[2]
        elif step[1]:
            bib_titles.update({k: title for k, (_, title, _, _) in OPTIONAL.items()})
        else:
            for key in OPTIONAL:
                bib_titles.pop(key, None)
        (content / "references.bib").write_text(bibtex(bib_titles), encoding="utf-8")
    elif kind == "site":
        (content / "site.yaml").write_text(f"title: {step[1]}\n", encoding="utf-8")
    else:  # a site template replacing the built-in 404 page, or removed again
        own = content.parent / "templates"
        if step[1]:
            own.mkdir(exist_ok=True)
            page = (builtin / "404.html").read_text(encoding="utf-8")
            (own / "404.html").write_text(page + step[1] + "\n", encoding="utf-8")
        else:
            shutil.rmtree(own, ignore_errors=True)


def essays_in(content: Path) -> list[Path]:
    return sorted((content / "essays").glob("*.md"))


def files_of(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def start(root: Path) -> Path:
    content = root / "content"
    (content / "essays").mkdir(parents=True)
    (content / "site.yaml").write_text("title: On Margins\n", encoding="utf-8")
    (content / "references.bib").write_text(bibtex({}), encoding="utf-8")
    (content / "essays" / "alpha.md").write_text(essay("Glosses", [(0, 0), (1, 1)]), "utf-8")
    return content


@contextlib.contextmanager
def counting_renders() -> Iterator[list[str]]:
    """The path of every page rendered through a template while inside."""
    rendered: list[str] = []
    real = render_site_module.render_page

    def counted(env, template, context):
        rendered.append(context["path"])
        return real(env, template, context)

    with mock.patch.object(render_site_module, "render_page", counted):
        yield rendered


def family(path: str) -> list[str]:
    """An essay page with its downloads and JSON; any other page alone."""
    if path.startswith("essays/"):
        slug = path.removeprefix("essays/").removesuffix(".html")
        return [f"essays/{slug}.{ext}" for ext in ("html", "bib", "ris", "txt")] + [
            f"api/documents/{slug}.json"
        ]
    return [path]


def citing_essays(source_page: bytes) -> list[str]:
    """The essays a source page links to as citing its work."""
    found = re.findall(rb'href="\.\./essays/([^"#/]+)\.html', source_page)
    return sorted({f"essays/{slug.decode()}.html" for slug in found})


LISTING = ("index.html", "about.html")  # signed by what they show of each essay


def per_page(rendered: list[str]) -> list[str]:
    return [p for p in rendered if p.startswith(("essays/", "sources/"))]


def edit_sequences(examples: int) -> Callable:
    """A test given random sequences of edits, each build slow enough to need no deadline."""
    checks = settings(
        max_examples=examples,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    )
    return lambda test: checks(given(st.lists(steps, min_size=1, max_size=5))(test))


@edit_sequences(12)
def test_any_edit_sequence_builds_what_a_clean_build_does(sequence):
    check_sequence(sequence, None)


@edit_sequences(8)
def test_serve_builds_keeping_the_cache_in_memory_build_what_a_clean_build_does(sequence):
    """Serve's builds share the cache's values between them (`memory`): no build may
    change a value a later build gets back."""
    memory: dict = {}
    check_sequence(sequence, memory)
    assert memory  # the values were kept, so the later builds did get them back


def test_a_blank_line_more_builds_what_a_clean_build_does():
    """Found by the sequences above: a sentence moved to a paragraph's start of its own
    changes the file and the document's lines, not the page."""
    check_sequence(
        [("write", "alpha", "On Margins", [(0, None)]), ("prose", "alpha", 0, True)], None
    )


def test_serve_builds_an_edit_of_prose_alone_as_a_clean_build_does():
    """The edits serve patches its last link and format with (`link/patch.py`): the
    notes as they were, the markers' paragraphs moved, in two essays citing one work."""
    memory: dict = {}
    shown = check_sequence(
        [
            ("write", "beta", "Glosses", [(1, 0), (2, 5)]),
            ("prose", "alpha", 3, True),
            ("prose", "beta", 4, True),
            ("prose", "alpha", 5, False),
        ],
        memory,
    )
    assert shown == 4 * 2  # both essays' pages, at each of the four builds


def check_sequence(sequence: list, memory: dict | None) -> int:
    """The sequence built step by step against clean builds; how many open pages serve
    rendered before the rest (with `memory`: every essay is taken to be open)."""
    early_pages = 0
    with tempfile.TemporaryDirectory(prefix="glossator-incr-") as tmp:
        root = Path(tmp)
        content, bib_titles = start(root), {}
        cached, clean = root / "cached" / "_site", root / "clean" / "_site"
        assert build(content, cached, memory=memory).ok
        for step in sequence:
            sources = {p.stem: p.read_bytes() for p in essays_in(content)}
            apply(step, content, bib_titles, TEMPLATES_DIR)
            edited = {p.stem for p in essays_in(content) if sources.get(p.stem) != p.read_bytes()}
            published = files_of(cached)
            shown: dict[str, bytes] = {}  # serve's open pages, rendered before the rest
            with counting_renders() as rendered:

                def early(render: Callable, shown: dict = shown, rendered: list = rendered) -> None:
                    at = len(rendered)
                    shown.update(render(sorted(p.stem for p in essays_in(content))))
                    del rendered[at:]  # not the build's own renders

                hook = early if memory is not None else None
                incremental = build(content, cached, memory=memory, early=hook)
            scratch = build(content, clean, cache=False)
            assert incremental.ok == scratch.ok
            assert incremental.diagnostics == scratch.diagnostics
            if scratch.ok:
                now = files_of(cached)
                assert now == files_of(clean), step
                # an essay, source, home or about page is rendered again only when what
                # it shows changed (the home page: not for a body edit past the excerpt);
                # a source page also when an essay citing it changed: its template gets
                # the citing places whole (the built-in one shows a place's paragraph
                # only for a place outside the notes, a site's own may show it always).
                # An essay whose file changed is read again, and its document may differ
                # where its page does not (a blank line more: its blocks' lines move), so
                # its page and its works' pages may be made again the same.
                for path in [*per_page(rendered), *(p for p in rendered if p in LISTING)]:
                    changed = [published.get(f) != now.get(f) for f in family(path)]
                    if path.startswith("sources/"):
                        citing = citing_essays(now.get(path, b""))
                        changed += [published.get(p) != now.get(p) for p in citing]
                        changed.append(any(f"essays/{s}.html" in citing for s in edited))
                    elif path.startswith("essays/"):
                        changed.append(path.removeprefix("essays/")[: -len(".html")] in edited)
                    assert any(changed), (path, step)
                # an open page shown early is the page the build then published
                early_pages += len(shown)
                for path, page in shown.items():
                    assert now[path] == page, (path, step)
            shutil.rmtree(clean, ignore_errors=True)
        assert (root / "cached" / ".glossator-cache").is_dir()
        assert not (root / "clean" / ".glossator-cache").exists()
    return early_pages


def test_a_build_with_nothing_changed_writes_nothing(tmp_path):
    content = start(tmp_path)
    out = tmp_path / "_site"
    first = build(content, out)
    assert first.ok
    page = out / "essays" / "alpha.html"
    before = os.stat(out).st_mtime_ns, os.stat(page).st_ino, files_of(out)
    again = build(content, out)
    assert again == first
    assert (os.stat(out).st_mtime_ns, os.stat(page).st_ino, files_of(out)) == before
    (content / "essays" / "alpha.md").write_text(essay("Glosses", [(2, 3)]), "utf-8")
    assert build(content, out).ok
    assert os.stat(page).st_ino != before[1]  # written again, in place
    assert b"smaller type" in page.read_bytes()


def test_a_failed_build_then_the_old_content_again_gives_the_old_site(tmp_path):
    content = start(tmp_path)
    out = tmp_path / "_site"
    good = (content / "essays" / "alpha.md").read_text("utf-8")
    assert build(content, out).ok
    site = files_of(out)
    (content / "essays" / "alpha.md").write_text(good.replace("[^2]:", "[^9]:"), "utf-8")
    assert not build(content, out).ok
    assert files_of(out) == site  # the last good site
    (content / "essays" / "alpha.md").write_text(good, "utf-8")
    assert build(content, out).ok
    assert files_of(out) == site


def test_the_output_rebuilt_by_hand_is_not_taken_for_the_recorded_one(tmp_path):
    content = start(tmp_path)
    out = tmp_path / "_site"
    assert build(content, out).ok
    site = files_of(out)
    shutil.rmtree(out)
    assert build(content, out).ok  # the record names a folder that is gone: build again
    assert files_of(out) == site


def test_the_fingerprint_follows_every_input(tmp_path):
    content = start(tmp_path)
    out = tmp_path / "_site"

    def fingerprint(strict: bool = False) -> str:
        return build_fingerprint(content, [tmp_path / "templates"], out, strict, TEMPLATES_DIR)

    first = fingerprint()
    assert fingerprint() == first
    assert fingerprint(strict=True) != first
    seen = {first}
    for change in (
        lambda: (content / "essays" / "figure.png").write_bytes(b"\x89PNG"),
        lambda: (content / "references.bib").write_text(bibtex({"grafton1997": "X"}), "utf-8"),
        lambda: (content / "site.yaml").write_text("title: Other\n", encoding="utf-8"),
        lambda: (tmp_path / "templates").mkdir(),
        lambda: (tmp_path / "templates" / "essay.html").write_text("{{ x }}", "utf-8"),
        lambda: (content / "essays" / "alpha.md").unlink(),
    ):
        change()
        now = fingerprint()
        assert now not in seen
        seen.add(now)


def test_digest_keeps_parts_apart():
    assert digest("ab", "c") != digest("a", "bc")
    assert digest("ab", "c") == digest(b"ab", b"c")


@given(st.lists(st.recursive(st.none() | st.booleans() | st.integers() | st.text(), st.lists)))
def test_digests_in_bulk_are_each_values_digest(values):
    """`value_digests` (one pickler for all) gives each value's `value_digest`, shared
    parts or not, and tells values apart as it does."""
    shared = "a string shared by two values"
    values = [*values, (shared, 1), (shared, True), ("a string shared " + "by two values", 1)]
    found = value_digests(values)
    assert found == [value_digest(v) for v in values]
    assert found[-3] == found[-1] != found[-2]


@given(st.lists(st.recursive(st.none() | st.integers() | st.text(), st.lists), min_size=1))
def test_a_digest_is_of_the_whole_pickle_and_tells_values_apart(values):
    """The pickle streams into the hash: a value and one more element, or the same
    elements in two lists, never share a digest; equal values always do."""
    one = value_digest(values)
    assert one == value_digest(pickle.loads(pickle.dumps(values)))
    assert one != value_digest([*values, None])
    assert value_digest([values[:1], values[1:]]) != value_digest([values[:0], values])


def test_a_stored_value_is_its_pickle_and_an_unpicklable_one_leaves_nothing(tmp_path):
    store = Store(tmp_path / "cache")
    value = {"works": [("key", "x" * 200_000)] * 3}  # frames of the pickle, streamed
    store.put("kind", "k1", value)
    assert pickle.loads((tmp_path / "cache" / "kind" / "k1.pickle").read_bytes()) == value
    with pytest.raises((pickle.PicklingError, AttributeError, TypeError)):
        store.put("kind", "k2", {"fine": 1, "not": lambda: None})
    assert sorted(p.name for p in (tmp_path / "cache" / "kind").iterdir()) == ["k1.pickle"]
    assert Store(tmp_path / "cache").get("kind", "k1") == value


def test_a_damaged_cache_entry_is_a_miss(tmp_path):
    store = Store(tmp_path / "cache")
    store.put("read", "k", {"a": 1})
    assert (tmp_path / "cache" / FIRST).exists()  # unfinished until the build's flush
    store.flush()
    assert not (tmp_path / "cache" / FIRST).exists()
    assert store.get("read", "k") == {"a": 1}
    (tmp_path / "cache" / "read" / "k.pickle").write_bytes(b"\x80\x05truncated")
    assert store.get("read", "k") is None
    assert Store(None).get("read", "k") is None


def test_a_first_build_that_never_succeeds_leaves_no_cache_behind(tmp_path):
    """Entries go to disk as they are made, in a folder marked unfinished; it goes
    with its store unless a build succeeded in it (flush), its own or a later one."""
    failed = Store(tmp_path / "failed")
    failed.put("read", "k", {"a": 1})
    assert (tmp_path / "failed" / "read" / "k.pickle").is_file()  # not held in memory
    del failed
    gc.collect()
    assert not (tmp_path / "failed").exists()
    first, later = Store(tmp_path / "cache"), Store(tmp_path / "cache")
    first.put("read", "k", {"a": 1})
    later.put("read", "j", {"b": 2})
    later.flush()  # a later build succeeded: what the first left is the cache now
    del first
    gc.collect()
    assert Store(tmp_path / "cache").get("read", "k") == {"a": 1}


def test_reading_in_parallel_and_from_the_cache_gives_what_reading_in_order_does(tmp_path):
    content = start(tmp_path)
    essays = content / "essays"
    for n in range(12):
        pairs = [(n % len(SENTENCES), n % len(NOTES)), ((n + 2) % len(SENTENCES), None)]
        (essays / f"essay-{n}.md").write_text(essay(f"Essay {n}", pairs), "utf-8")
    (essays / "broken.md").write_text("---\ntitle: [unclosed\n---\n\nText.\n", "utf-8")
    (essays / "linked.md").symlink_to(essays / "essay-1.md")
    paths = sorted(essays.iterdir())
    expected = read_each(paths, content)
    store = Store(cache_folder(tmp_path / "_site"))
    reader = CachedReader(store, TEMPLATES_DIR, workers=2)
    assert reader(paths, content) == expected  # read in two processes, stored
    assert store.hits == 0
    store.flush()
    assert reader(paths, content) == expected  # from the cache, but for the link
    assert store.hits == len(paths) - 1
    plain = CachedReader(Store(None), TEMPLATES_DIR, workers=2, cached=False)  # --no-cache
    assert plain(paths, content) == expected
    assert plain.keys == {}  # nothing kept; the notes resolved in the workers, as in order:
    docs = [doc for doc, _ in expected if doc is not None]
    assert len(plain.prepared) == len(docs)
    assert all(made == prepare(doc) for doc, made in plain.prepared.values())


def test_an_edit_renders_that_essay_and_the_sources_it_cites_or_cited(tmp_path):
    content = start(tmp_path)  # alpha cites grafton1997 and eisenstein1979, jackson2001
    essays = content / "essays"
    (essays / "beta.md").write_text(essay("Small Type", [(2, 3)]), "utf-8")  # jackson2001
    (essays / "gamma.md").write_text(essay("The Apparatus", [(4, 4)]), "utf-8")  # none
    out = tmp_path / "_site"
    with counting_renders() as rendered:
        assert build(content, out).ok
    assert sorted(per_page(rendered)) == [
        "essays/alpha.html",
        "essays/beta.html",
        "essays/gamma.html",
        "sources/eisenstein1979.html",
        "sources/grafton1997.html",
        "sources/jackson2001.html",
    ]
    beta = os.stat(out / "essays/beta.html").st_ino
    (essays / "alpha.md").write_text(essay("Glosses", [(0, 0), (3, None)]), "utf-8")
    with counting_renders() as rendered:
        assert build(content, out).ok
    # alpha, and jackson2001, which it no longer cites (its page now lists beta alone);
    # eisenstein1979, cited by no one now, has no page; grafton1997's page shows the
    # same citing sentence as before; beta and gamma are not touched
    assert sorted(per_page(rendered)) == ["essays/alpha.html", "sources/jackson2001.html"]
    assert not (out / "sources" / "eisenstein1979.html").exists()
    assert os.stat(out / "essays/beta.html").st_ino == beta  # linked, not written again
    assert {"index.html", "bibliography.html"} <= set(rendered)


def test_a_published_page_changed_by_hand_is_rendered_again(tmp_path):
    content = start(tmp_path)
    (content / "essays" / "beta.md").write_text(essay("Small Type", [(2, 3)]), "utf-8")
    out = tmp_path / "_site"
    assert build(content, out).ok
    good = (out / "essays" / "beta.html").read_bytes()
    with open(out / "essays" / "beta.html", "ab") as handle:  # same inode, new bytes
        handle.write(b"<!-- a hand edit -->")
    (content / "essays" / "alpha.md").write_text(essay("Glosses", [(2, None)]), "utf-8")
    with counting_renders() as rendered:
        assert build(content, out).ok
    assert "essays/beta.html" in rendered
    assert (out / "essays" / "beta.html").read_bytes() == good


def test_a_deleted_essay_loses_its_pages(tmp_path):
    content = start(tmp_path)
    (content / "essays" / "beta.md").write_text(essay("Small Type", [(2, 3)]), "utf-8")
    out = tmp_path / "_site"
    assert build(content, out).ok
    assert (out / "api" / "documents" / "beta.json").is_file()
    (content / "essays" / "beta.md").unlink()
    assert build(content, out).ok
    assert not [p for p in files_of(out) if "beta" in p]


def cache_entries(root: Path) -> list[str]:
    cache = root / ".glossator-cache"
    return sorted(
        p.relative_to(cache).as_posix()
        for p in cache.rglob("*")
        if p.is_file() and p.parent.parent == cache and p.parent.name not in ("sites", "published")
    )


def test_the_cache_keeps_only_what_the_last_build_used(tmp_path):
    content = start(tmp_path)
    out = tmp_path / "_site"
    assert build(content, out).ok
    first = cache_entries(tmp_path)
    reads = [e for e in first if e.startswith("read/")]
    assert len(reads) == 1  # alpha
    (tmp_path / ".glossator-cache" / "read" / ".tmp-left-by-a-killed-build").write_bytes(b"x")
    for n in range(4):  # four edits: each leaves one read, one citations entry, ...
        text = essay("Glosses", [(n % len(SENTENCES), 0)])
        (content / "essays" / "alpha.md").write_text(text, "utf-8")
        assert build(content, out).ok
        now = cache_entries(tmp_path)
        assert len(now) == len(first), now  # bounded: one build's worth
    assert [e for e in now if e.startswith("read/")] != reads  # the old read is gone
    assert not any(".tmp-" in e for e in now)
    # the cache left is enough: a fresh output folder beside it reads nothing again
    store = Store(tmp_path / ".glossator-cache")
    key_reads = CachedReader(store, TEMPLATES_DIR)(sorted((content / "essays").iterdir()), content)
    assert store.hits == 1 and store.misses == 0 and len(key_reads) == 1


def test_keys_reserved_across_essays_follow_every_move_as_a_clean_build_does(tmp_path):
    """The keys of works missing from references.bib depend on the whole corpus: a
    work moved between essays, the essay holding one form of a work deleted (the
    other work with its stem then takes the plain key), an entry cited by two essays
    added to references.bib and removed again."""
    content, bib_titles = start(tmp_path), {}
    essays = content / "essays"
    cached, clean = tmp_path / "cached" / "_site", tmp_path / "clean" / "_site"

    def write(slug: str, notes: list[int]) -> None:
        (essays / f"{slug}.md").write_text(essay("Glosses", [(0, n) for n in notes]), "utf-8")

    def same_as_clean() -> dict[str, bytes]:
        incremental = build(content, cached)
        scratch = build(content, clean, cache=False)
        assert incremental.ok and scratch.ok
        assert incremental.diagnostics == scratch.diagnostics
        assert files_of(cached) == files_of(clean)
        shutil.rmtree(clean)
        return files_of(cached)

    def sources(site: dict[str, bytes]) -> list[str]:
        return sorted(p for p in site if p.startswith("sources/"))

    write("alpha", [5, 7])  # Margins of Print; Margins Revisited
    write("beta", [6, 8, 9])  # Margins of Print's fuller form; Notes on Notes; a resolution
    # gamma mentions the resolution beta cites
    (essays / "gamma.md").write_text(essay("Glosses", [(5, 8), (0, 4)]), "utf-8")
    site = same_as_clean()
    assert {"sources/lorne2020margins.html", "sources/lorne2020marginsa.html"} <= set(site)
    mention = b'<a class="mention" href="../sources/unsc1998res1199.html">Resolution 1199</a>'
    assert mention in site["essays/gamma.html"]
    write("alpha", [7, 4])  # Margins of Print moves to beta (its fuller form goes)
    write("beta", [5, 8, 9])
    assert sources(same_as_clean()) == sources(site)
    (essays / "beta.md").unlink()  # Margins of Print is gone: Revisited takes its key
    site = same_as_clean()
    assert "sources/lorne2020marginsa.html" not in site
    assert b"Margins Revisited" in site["sources/lorne2020margins.html"]
    assert b'class="mention"' not in site["essays/gamma.html"]  # no one cites it now
    write("alpha", [7, 8])  # Notes on Notes: cited by alpha and gamma
    assert "sources/lorne2019notes.html" in same_as_clean()
    apply(("entry", True), content, bib_titles, TEMPLATES_DIR)
    site = same_as_clean()
    assert "sources/lorne2019.html" in site and "sources/lorne2019notes.html" not in site
    apply(("entry", False), content, bib_titles, TEMPLATES_DIR)
    assert "sources/lorne2019notes.html" in same_as_clean()


def test_an_edit_resolves_the_notes_of_that_essay_alone(tmp_path):
    content = start(tmp_path)
    essays = content / "essays"
    (essays / "beta.md").write_text(essay("Small Type", [(2, 3), (1, 5)]), "utf-8")
    out = tmp_path / "_site"
    assert build(content, out).ok
    resolved: list[str] = []
    real = reading.resolve_document

    def counted(doc):
        resolved.append(doc.slug)
        return real(doc)

    (essays / "alpha.md").write_text(essay("Glosses", [(0, 0), (3, 6)]), "utf-8")
    with mock.patch.object(reading, "resolve_document", counted):
        assert build(content, out).ok
    assert resolved == ["alpha"]
    # beta's resolved notes gone: its linked part (link.parts) is all linking needs
    shutil.rmtree(tmp_path / ".glossator-cache" / "resolved")
    (essays / "alpha.md").write_text(essay("Glosses", [(4, 4)]), "utf-8")
    with mock.patch.object(reading, "resolve_document", counted):
        assert build(content, out).ok
    assert sorted(resolved) == ["alpha", "alpha"]
    for kind in ("resolved", "linked"):  # both gone: resolved again
        shutil.rmtree(tmp_path / ".glossator-cache" / kind)
    (essays / "alpha.md").write_text(essay("Glosses", [(4, 3)]), "utf-8")
    with mock.patch.object(reading, "resolve_document", counted):
        assert build(content, out).ok
    assert sorted(resolved) == ["alpha", "alpha", "alpha", "beta"]


def test_an_essay_linked_from_the_cache_keeps_its_resolved_notes_for_a_bibliography_edit(
    tmp_path,
):
    """An unchanged essay is linked from its kept part, without its resolved notes;
    they stay in the cache all the same, for the build after references.bib changes
    (which links every essay again from them: resolving them again would be ten
    seconds at 1,000 essays)."""
    content, bib_titles = start(tmp_path), {}
    essays = content / "essays"
    (essays / "beta.md").write_text(essay("Small Type", [(2, 3), (1, 5)]), "utf-8")
    out = tmp_path / "_site"
    assert build(content, out).ok
    (essays / "alpha.md").write_text(essay("Glosses", [(0, 0), (3, 6)]), "utf-8")
    assert build(content, out).ok  # beta taken from its linked part
    resolved: list[str] = []
    real = reading.resolve_document

    def counted(doc):
        resolved.append(doc.slug)
        return real(doc)

    apply(("bib", "jackson2001", "Glosses"), content, bib_titles, TEMPLATES_DIR)
    with mock.patch.object(reading, "resolve_document", counted):
        assert build(content, out).ok
    assert resolved == []
    clean = tmp_path / "clean" / "_site"
    assert build(content, clean, cache=False).ok
    assert files_of(out) == files_of(clean)


def test_an_edit_fills_the_citations_of_that_essay_alone(tmp_path):
    """The other essays' filled citations come from the cache (format/filled.py),
    until an entry they cite changes."""
    content, bib_titles = start(tmp_path), {}
    essays = content / "essays"
    (essays / "beta.md").write_text(essay("Small Type", [(2, 0), (1, 1)]), "utf-8")
    (essays / "gamma.md").write_text(essay("Glosses", [(2, 4)]), "utf-8")
    out = tmp_path / "_site"
    assert build(content, out).ok
    looked: list[str] = []
    real = format_corpus_module.find_citations

    def counted(doc, items):
        looked.append(doc.slug)
        return real(doc, items)

    (essays / "alpha.md").write_text(essay("Glosses", [(0, 0), (3, 1)]), "utf-8")
    with mock.patch.object(format_corpus_module, "find_citations", counted):
        assert build(content, out).ok
    assert looked == ["alpha"]
    apply(("bib", "grafton1997", "Glosses"), content, bib_titles, TEMPLATES_DIR)
    with mock.patch.object(format_corpus_module, "find_citations", counted):
        assert build(content, out).ok
    assert looked == ["alpha", "alpha", "beta"]  # both cite grafton1997; gamma does not
    clean = tmp_path / "clean" / "_site"
    assert build(content, clean, cache=False).ok
    assert files_of(out) == files_of(clean)
