"""The index in bundles (search/bundles.py, incremental/searching.py): an essay's bundle
depends on its slug alone; the site's `pagefind/` is laid out from the bundles' files;
an edit of one essay runs Pagefind on that essay's bundle only, and the site is what a
clean build writes."""

from __future__ import annotations

import gzip
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from glossator.incremental import searching
from glossator.pipeline import build
from glossator.search.bundles import BUNDLES, assemble, bundle_of

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "incremental"))
from test_incremental import essay, files_of, start  # noqa: E402


@given(st.text(min_size=1, max_size=40))
def test_a_slug_has_one_bundle_in_range(slug: str):
    assert 0 <= bundle_of(slug) < BUNDLES
    assert bundle_of(slug) == bundle_of(str(slug))


def test_the_bundles_are_about_even():
    """1,000 slugs shaped like the benchmark's: no bundle has more than twice its share
    (an edit re-indexes one bundle, so the largest one is what an edit may cost)."""
    sizes = [0] * BUNDLES
    for n in range(1000):
        sizes[bundle_of(f"essay-{n:04d}")] += 1
    share = 1000 / BUNDLES
    assert min(sizes) > share / 2 and max(sizes) < share * 2, sizes


def test_the_first_bundle_is_the_root_and_the_others_are_merged():
    def bundle(tag: bytes) -> dict[str, bytes]:
        return {
            "pagefind.js": b"js",
            "pagefind-worker.js": b"worker",
            "wasm.en.pagefind": b"wasm",
            "pagefind-entry.json": tag,
            f"fragment/en_{tag.decode()}.pf_fragment": tag,
        }

    files = assemble({12: bundle(b"b12"), 3: bundle(b"b3")})
    assert files == {
        "pagefind/pagefind.js": b"js",
        "pagefind/pagefind-worker.js": b"worker",
        "pagefind/wasm.en.pagefind": b"wasm",
        "pagefind/pagefind-entry.json": b"b3",
        "pagefind/fragment/en_b3.pf_fragment": b"b3",
        "pagefind/12/pagefind-entry.json": b"b12",
        "pagefind/12/fragment/en_b12.pf_fragment": b"b12",
        "pagefind/bundles.json": b'{"merge": ["12/"]}\n',
    }
    assert assemble({}) == {}


_BUNDLE_FILES = st.dictionaries(
    st.sampled_from(
        ["pagefind.js", "pagefind-worker.js", "wasm.en.pagefind", "pagefind-entry.json"]
        + [f"fragment/en_{n}.pf_fragment" for n in range(4)]
        + [f"index/en_{n}.pf_index" for n in range(3)]
    ),
    st.binary(max_size=300),
    min_size=1,
)


@given(
    st.dictionaries(st.integers(0, BUNDLES - 1), _BUNDLE_FILES, max_size=6),
    st.randoms(use_true_random=False),
    st.booleans(),
)
def test_a_spooled_index_is_the_assembled_one(bundles, random, threaded):
    """The index kept on disk lists and gives the files `assemble` lays out, in its
    order, whatever order (and threads) the bundles came in."""
    index = searching.SpooledIndex()
    order = list(bundles)
    random.shuffle(order)
    if threaded:
        with ThreadPoolExecutor(2) as pool:
            list(pool.map(lambda n: index.add(n, bundles[n]), order))
    else:
        for n in order:
            index.add(n, bundles[n])
    index.close_adding()
    expected = assemble(bundles)
    assert list(index) == list(expected)
    assert len(index) == len(expected)
    assert {path: index[path] for path in index} == expected
    assert bool(index) == bool(bundles)


def test_an_edit_indexes_its_own_bundle_only(tmp_path, monkeypatch):
    content = start(tmp_path)  # alpha
    slugs = ["alpha", "beta", "gamma"]
    assert len({bundle_of(s) for s in slugs}) == 3  # three bundles, one essay each
    for slug, title in (("beta", "Small Type"), ("gamma", "The Apparatus")):
        (content / "essays" / f"{slug}.md").write_text(essay(title, [(2, 3)]), "utf-8")
    out = tmp_path / "_site"
    indexed: list[list[int]] = []
    real = searching.build_bundles

    def counted(bundles, language, made=None):
        indexed.append(sorted(bundles))
        return real(bundles, language, made)

    paged: list[str] = []
    page = searching.index_page

    def counted_page(doc):
        paged.append(doc.slug)
        return page(doc)

    monkeypatch.setattr(searching, "build_bundles", counted)
    monkeypatch.setattr(searching, "index_page", counted_page)
    assert build(content, out).ok
    assert indexed == [sorted(bundle_of(s) for s in slugs)]
    (content / "essays" / "beta.md").write_text(essay("Small Type", [(4, 3)]), "utf-8")
    paged.clear()
    assert build(content, out).ok
    assert indexed[1:] == [[bundle_of("beta")]]
    assert paged == ["beta"]  # the unchanged essays' bundles: found by their versions
    (content / "site.yaml").write_text("title: Glosses\n", encoding="utf-8")
    assert build(content, out).ok  # no page indexed changed: no Pagefind run
    assert len(indexed) == 2
    clean = tmp_path / "clean" / "_site"
    assert build(content, clean, cache=False).ok
    assert files_of(out) == files_of(clean)
    # the edited essay's new words are in the index
    texts = [
        gzip.decompress(path.read_bytes()).decode("utf-8")
        for path in (out / "pagefind").rglob("fragment/*.pf_fragment")
    ]
    assert sum("a map of its sources" in text for text in texts) == 1


def test_without_a_cache_no_bundle_s_pages_are_made_before_it_is_indexed(tmp_path, monkeypatch):
    """`--no-cache` has no key to look a bundle up by: its pages are made when Pagefind
    indexes it, not all first, and the index is the cached build's."""
    content = start(tmp_path)
    for slug, title in (("beta", "Small Type"), ("gamma", "The Apparatus")):
        (content / "essays" / f"{slug}.md").write_text(essay(title, [(2, 3)]), "utf-8")
    paged: list[str] = []
    before: list[int] = []
    page, real = searching.index_page, searching.build_bundles

    def counted_page(doc):
        paged.append(doc.slug)
        return page(doc)

    def counted(bundles, language, made=None):
        before.append(len(paged))
        return real(bundles, language, made)

    monkeypatch.setattr(searching, "index_page", counted_page)
    monkeypatch.setattr(searching, "build_bundles", counted)
    assert build(content, tmp_path / "plain" / "_site", cache=False).ok
    assert before == [0] and sorted(paged) == ["alpha", "beta", "gamma"]
    assert build(content, tmp_path / "cached" / "_site").ok
    assert files_of(tmp_path / "plain" / "_site") == files_of(tmp_path / "cached" / "_site")
