"""Search (search/, templates/search.html): the Pagefind index of the seeds, read back
from the built files; every place's anchor on its page, and a hit's word location
inside its place; two builds byte-identical; a build without Pagefind (or with a broken
one) still succeeding with a warning; and, when Chromium is there (tests/conftest.py),
the search page finding a phrase only in a note and one only in the blog post, each
linked at its anchor."""

from __future__ import annotations

import gzip
import json
import re
import shutil
import stat
import sys
import time
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from glossator.cli import main
from glossator.model import (
    BlockQuote,
    CodeBlock,
    Document,
    Figure,
    ListBlock,
    Metadata,
    Note,
    Paragraph,
    RawBlock,
    Rule,
    Section,
    Table,
    assign_ids,
)
from glossator.model.inline import Emph, Strong, Text
from glossator.pipeline import plan
from glossator.search import pagefind as search
from glossator.search.bundles import Page, bundle_pages
from glossator.search.pagefind import build_bundles, search_index
from glossator.search.places import document_places

REPO = Path(__file__).resolve().parents[2]
CONTENT = REPO / "content"
BLOG = "essays/russia-stance-on-syria.html"
PAPER = "essays/us-russia-un-syria.html"
# A phrase found only in note 12 of the paper, and one only in paragraph 3 of the blog
# post (content/essays/russia-stance-on-syria.txt: its body paragraphs are p1..p5).
NOTE_PHRASE = ("Sovershenno Sekretno", f"{PAPER}#fn12")
BLOG_PHRASE = ("ostracized by global powers", f"{BLOG}#p3")


def fragments(site: Path) -> list[dict[str, Any]]:
    """Every page in the built index, of every bundle: Pagefind's fragment files are
    gzipped JSON behind a `pagefind_dcd` signature."""
    records = []
    for path in sorted((site / "pagefind").rglob("fragment/*.pf_fragment")):
        data = gzip.decompress(path.read_bytes())
        assert data.startswith(b"pagefind_dcd"), path
        records.append(json.loads(data[len(b"pagefind_dcd") :]))
    return records


def named_anchors(fragment: dict[str, Any]) -> list[tuple[str, str, list[str]]]:
    """Each named place of an indexed essay as (anchor, name, its words): the words from
    its anchor's location to the next one's, as Pagefind counts words."""
    names = json.loads(fragment["meta"]["places"])
    words = fragment["content"].split()
    anchors = sorted((a for a in fragment["anchors"] if a["id"]), key=lambda a: a["location"])
    assert [a["id"] for a in anchors] == [anchor for anchor, _ in names]
    ends = [a["location"] for a in anchors[1:]] + [len(words)]
    return [
        (a["id"], name, words[a["location"] : end])
        for a, (_, name), end in zip(anchors, names, ends, strict=True)
    ]


def place_of(fragment: dict[str, Any], phrase: str) -> str:
    """The anchor of the place where `phrase` starts, found as the search page finds it:
    the last anchor at or before the phrase's word location ("" before any)."""
    words = fragment["content"].split()
    size = len(phrase.split())
    starts = [i for i in range(len(words)) if " ".join(words[i : i + size]).startswith(phrase)]
    assert len(starts) == 1, (phrase, starts)
    before = [a for a in fragment["anchors"] if a["id"] and a["location"] <= starts[0]]
    return max(before, key=lambda a: a["location"])["id"] if before else ""


class Ids(HTMLParser):
    def __init__(self, html: str) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        value = dict(attrs).get("id")
        if value:
            self.ids.add(value)


def normalized(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def seed_plan() -> Any:
    return plan(CONTENT)


# --- The index, read back from the built site ------------------------------------------


def test_the_index_is_built_beside_the_pages(site: Path, seed_plan: Any):
    bundle = site / "pagefind"
    for name in ("pagefind.js", "pagefind-entry.json", "pagefind-worker.js", "wasm.en.pagefind"):
        assert (bundle / name).is_file(), name
    merged = json.loads((bundle / "bundles.json").read_text(encoding="utf-8"))["merge"]
    folders = [bundle, *(bundle / folder for folder in merged)]
    assert sorted(p.parent for p in bundle.rglob("pagefind-entry.json")) == sorted(folders)
    count = 0
    for folder in folders:
        entry = json.loads((folder / "pagefind-entry.json").read_text(encoding="utf-8"))
        assert list(entry["languages"]) == ["en"]
        count += entry["languages"]["en"]["page_count"]
        if folder != bundle:  # the merged bundles use the first one's script and wasm
            assert not list(folder.glob("*.js")) and not list(folder.glob("wasm.*"))
    # one page per essay, in the bundle of its slug
    assert count == len(fragments(site)) == len(seed_plan.linked.documents) == 2
    # Pagefind's own UI bundles are left out: search.html has its own small UI.
    assert not list(bundle.glob("pagefind-*ui*")) and not list(bundle.glob("*highlight*"))
    assert (site / "search.html").is_file()


def test_every_paragraph_figure_heading_and_note_is_an_anchor(site: Path, seed_plan: Any):
    for doc in seed_plan.linked.documents:
        [fragment] = [f for f in fragments(site) if f["url"] == f"essays/{doc.slug}.html"]
        places = named_anchors(fragment)
        expected = (
            sum(1 for s in doc.sections if s.heading)
            + len(doc.paragraphs())
            + len(doc.figures())
            + len(doc.notes)
        )
        assert len(places) == expected == len(document_places(doc)) - 1
        names = [name for _, name, _ in places]
        assert sum(n.startswith("Note ") for n in names) == len(doc.notes)
        assert sum(n.startswith("Paragraph ") for n in names) == len(doc.paragraphs())
        assert fragment["meta"]["title"] == doc.meta.title


def test_the_words_of_each_anchor_are_the_text_of_its_place(site: Path, seed_plan: Any):
    """What the search page relies on: Pagefind's word location of an anchor is where
    its place's words begin, and they run to the next anchor."""
    for doc in seed_plan.linked.documents:
        [fragment] = [f for f in fragments(site) if f["url"] == f"essays/{doc.slug}.html"]
        places = document_places(doc)[1:]
        for (anchor, name, words), place in zip(named_anchors(fragment), places, strict=True):
            assert (anchor, name) == (place.anchor, place.place)
            # Pagefind ends a block with a full stop when it has no punctuation of its own
            assert " ".join(words).rstrip(".") == normalized(place.text).rstrip("."), anchor


@pytest.mark.parametrize(("phrase", "url"), [NOTE_PHRASE, BLOG_PHRASE], ids=["note", "blog"])
def test_a_phrase_is_found_in_its_note_or_paragraph(site: Path, phrase: str, url: str):
    page, anchor = url.split("#")
    holding = [f for f in fragments(site) if phrase in normalized(f["content"])]
    assert [f["url"] for f in holding] == [page]
    assert place_of(holding[0], phrase) == anchor
    html = (site / page).read_text(encoding="utf-8")
    # The anchor is the element holding the phrase on the page.
    element = re.search(rf'<(p|li) id="{anchor}"[^>]*>(.*?)</\1>', html, re.S)
    assert element is not None, f"no <p> or <li> with id {anchor} in {page}"
    assert phrase in normalized(re.sub(r"<[^>]+>", "", element.group(2)))


def test_every_anchor_is_an_id_of_its_page(site: Path):
    for fragment in fragments(site):
        page = fragment["url"]
        assert not page.startswith("/"), "URLs are relative to the site root"
        ids = Ids((site / page).read_text(encoding="utf-8")).ids
        for anchor, _, _ in named_anchors(fragment):
            assert anchor in ids, f"{page}#{anchor}: no such id on the page"


def test_the_places_are_the_texts_of_the_page(seed_plan: Any):
    docs = {d.slug: d for d in seed_plan.linked.documents}
    paper = docs["us-russia-un-syria"]
    places = {p.anchor: p for p in document_places(paper)}
    assert places["fn12"].text == paper.note(12).text
    assert places["fn12"].place == "Note 12"
    blog = {p.anchor: p for p in document_places(docs["russia-stance-on-syria"])}
    assert blog["p3"].place == "Paragraph 3"


# --- Deterministic and fast ------------------------------------------------------------


def test_two_builds_are_byte_identical(tmp_path: Path):
    def build_tree(name: str) -> dict[str, bytes]:
        out = tmp_path / name
        assert main(["build", "--content", str(CONTENT), "--out", str(out)]) == 0
        return {
            p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()
        }

    first, second = build_tree("first"), build_tree("second")
    assert any(name.startswith("pagefind/fragment/") for name in first)
    assert sorted(first) == sorted(second)
    assert [name for name in first if first[name] != second[name]] == []


def test_indexing_the_seeds_gives_one_fragment_per_essay(seed_plan: Any):
    """Every essay is one page of its bundle's index (its time is measured in
    benchmarks/, not asserted here)."""
    bundles = bundle_pages(seed_plan.linked.documents)
    built = build_bundles(bundles, "en")
    assert sorted(built) == sorted(bundles)
    for number, files in built.items():
        entry = json.loads(files["pagefind-entry.json"])
        assert entry["languages"]["en"]["page_count"] == len(bundles[number])
        assert len([name for name in files if name.startswith("fragment/")]) == len(bundles[number])
        assert "pagefind.js" in files


def page(text: str, n: int = 0) -> Page:
    return Page(f"essays/a{n}.html", f"<html><body><p id='p1'>{text}</p></body></html>")


def test_the_same_pages_give_the_same_files_and_others_do_not():
    pages = {3: [page(f"paragraph {i} of the essay", i) for i in range(5)]}
    assert build_bundles(pages, "en") == build_bundles({3: list(pages[3])}, "en")
    changed = {3: [*pages[3][:-1], page("another text", 4)]}
    assert build_bundles(changed, "en") != build_bundles(pages, "en")
    # a bundle's files do not depend on the other bundles indexed in the same run
    both = build_bundles({3: pages[3], 9: [page("other words")]}, "en")
    assert both[3] == build_bundles(pages, "en")[3]


# --- Without Pagefind ------------------------------------------------------------------


def test_a_build_without_pagefind_succeeds_with_a_warning(
    tmp_path: Path, no_pagefind: None, capsys: pytest.CaptureFixture[str]
):
    out = tmp_path / "site"
    assert main(["build", "--content", str(CONTENT), "--out", str(out)]) == 0
    err = capsys.readouterr().err
    assert "warning: search index not built" in err and "[search.unavailable]" in err
    assert "Traceback" not in err
    assert not (out / "pagefind").exists()
    # The HTML itself says so (no script needed), and offers no search form.
    html = (out / "search.html").read_text(encoding="utf-8")
    assert '<p class="search-unavailable">Search is unavailable on this copy of the site.' in html
    assert 'id="search-form"' not in html and '<script type="module">' not in html
    for page in ("index.html", BLOG, PAPER, "bibliography.html"):
        assert (out / page).is_file()
    # --strict treats this warning like any other: nothing is written.
    strict_out = tmp_path / "strict"
    assert main(["build", "--content", str(CONTENT), "--out", str(strict_out), "--strict"]) == 1
    assert not strict_out.exists()


def fake_binary(tmp_path: Path, script: str) -> Path:
    path = tmp_path / "pagefind"
    path.write_text("#!/bin/sh\n" + script + "\n")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return path


@pytest.mark.skipif(sys.platform == "win32", reason="shell-script stand-ins for the binary")
@pytest.mark.parametrize(
    ("script", "reason"),
    [
        ("echo 'cannot start' >&2; exit 3", "cannot start"),
        ("printf 'not base64!,'; exec sleep 30", "reply glossator cannot read"),
        ("exec sleep 30", "pagefind stopped"),  # hangs: killed after search.TIMEOUT
    ],
    ids=["exits", "garbles", "hangs"],
)
def test_a_broken_pagefind_gives_the_warning_not_a_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, seed_plan: Any, script: str, reason: str
):
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(fake_binary(tmp_path, script)))
    monkeypatch.setattr(search, "TIMEOUT", 1.0)
    start = time.perf_counter()
    files, diagnostics = search_index(seed_plan.linked.documents, seed_plan.corpus.site)
    assert time.perf_counter() - start < 5
    assert files == {}
    [diagnostic] = diagnostics
    assert (diagnostic.severity, diagnostic.code) == ("warning", "search.unavailable")
    assert reason in diagnostic.message


# --- The search page's markup (the contract browser tests drive) ---------------------


def test_the_search_page_markup(site: Path):
    html = (site / "search.html").read_text(encoding="utf-8")
    assert '<label for="search-input">' in html
    assert re.search(r'<input id="search-input" name="q" type="search"', html)
    assert '<ol class="search-results" id="search-results" hidden></ol>' in html
    assert 'id="search-status" role="status"' in html
    assert 'data-index="pagefind/pagefind.js"' in html
    noscript = re.search(r"<noscript>(.*?)</noscript>", html, re.S)
    assert noscript is not None
    assert 'href="index.html"' in noscript.group(1)
    assert 'href="bibliography.html"' in noscript.group(1)
    scripts = re.findall(r"<script\b([^>]*)>", html)
    assert scripts == [' type="module"'], "one inline module script, nothing loaded by src"
    assert (
        "http://" not in html.split("<script", 1)[1]
        and "https://" not in html.split("<script", 1)[1]
    )


# --- In Chromium, when tests/conftest.py can start it ---------------------------------


@pytest.mark.parametrize(("phrase", "url"), [NOTE_PHRASE, BLOG_PHRASE], ids=["note", "blog"])
def test_the_search_page_links_the_phrase_at_its_anchor(
    page: Any, site_url: str, phrase: str, url: str
):
    """The two essays are in two bundles (one merged into the other's), and
    each phrase is one result, linked at its note or paragraph and opening there."""
    from playwright.sync_api import expect

    page.goto(site_url + "search.html?q=" + phrase.replace(" ", "+"))
    expect(page.locator('#search[data-search-state="done"]')).to_be_attached()
    expect(page.locator("#search-status")).to_have_text(f"1 result for “{phrase}”.")
    link = page.locator("#search-results a.search-result-link")
    expect(link).to_have_attribute("href", "/" + url)
    place = "Note 12" if "#fn" in url else "Paragraph 3"
    expect(link).to_have_text(re.compile(f" — {place}$"))
    marked = link.locator("xpath=following-sibling::p[1]/mark")
    expect(marked.first).to_have_text(phrase.split()[0])
    link.click()
    page.wait_for_url(re.compile(re.escape(url) + "$"))
    expect(page.locator("#" + url.split("#")[1])).to_be_in_viewport()


def test_several_words_are_found_where_one_place_holds_them_all(page: Any, site_url: str):
    """The paper holds "Sovershenno" only in note 12 and "Kremlin" elsewhere: each
    word alone is found, the two together nowhere, as no place holds both; with
    "Moscow", which note 12 holds too, there."""
    from playwright.sync_api import expect

    for query, status in (
        ("Sovershenno", "1 result for “Sovershenno”."),
        ("Sovershenno Kremlin", "No results for “Sovershenno Kremlin”."),
        ("Sovershenno Moscow", "1 result for “Sovershenno Moscow”."),
    ):
        page.goto(site_url + "search.html?q=" + query.replace(" ", "+"))
        expect(page.locator('#search[data-search-state="done"]')).to_be_attached()
        expect(page.locator("#search-status")).to_have_text(status)


def test_the_search_page_by_keyboard(page: Any, context: Any, site_url: str):
    from playwright.sync_api import expect

    phrase, url = NOTE_PHRASE
    page.goto(site_url + "search.html")
    expect(page.locator("#search-input")).to_be_focused()
    page.keyboard.type(phrase)
    page.keyboard.press("Enter")
    expect(page.locator('#search[data-search-state="done"]')).to_be_attached()
    expect(page.locator("#search-status")).to_have_text(f"1 result for “{phrase}”.")
    link = page.locator("#search-results a.search-result-link")
    expect(link).to_have_count(1)
    expect(link).to_have_attribute("href", "/" + url)
    expect(link.locator("xpath=following-sibling::p[1]/mark").first).to_have_text("Sovershenno")
    assert page.url.endswith("search.html?q=Sovershenno+Sekretno")
    page.keyboard.press("Tab")  # the Search button
    page.keyboard.press("Tab")  # the first result
    expect(link).to_be_focused()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(re.escape(url) + "$"))
    expect(page.locator("#fn12")).to_be_in_viewport()
    page.go_back()  # the query is in the URL, so the results come back
    expect(page.locator("#search-results a.search-result-link")).to_have_count(1)
    assert not context.offsite_requests


def test_a_search_with_no_results_says_so(page: Any, site_url: str):
    from playwright.sync_api import expect

    page.goto(site_url + "search.html?q=zyxwvutsrq")
    expect(page.locator('#search[data-search-state="done"]')).to_be_attached()
    expect(page.locator("#search-status")).to_have_text("No results for “zyxwvutsrq”.")
    expect(page.locator("#search-results")).to_be_hidden()


def test_a_copy_missing_its_index_says_search_is_unavailable(browser: Any, tmp_path: Path):
    """A site copied without its `pagefind/` folder: the page's script finds no index."""
    from playwright.sync_api import expect

    from conftest import open_context, served

    out = tmp_path / "site"
    assert main(["build", "--content", str(CONTENT), "--out", str(out)]) == 0
    shutil.rmtree(out / "pagefind")

    with served(out) as url:
        context = open_context(browser, url)
        try:
            page = context.new_page()
            page.goto(url + "search.html?q=Syria")
            expect(page.locator('#search[data-search-state="error"]')).to_be_attached()
            expect(page.locator("#search-status")).to_contain_text(
                "Search is unavailable on this copy of the site"
            )
            expect(page.locator("#search-results")).to_be_hidden()
        finally:
            context.close()


# --- Records of the structured blocks ---------------------------------------------------


def test_quotations_lists_tables_code_and_figures_are_found_at_their_anchors():
    doc = Document(
        slug="blocks",
        format="markdown",
        meta=Metadata(
            title="Blocks",
            subtitle="A subtitle",
            authors=["Ann Lee"],
            keywords=["syria", "veto"],
            abstract=[Paragraph("", "The abstract."), Paragraph("", "Its second part.")],
        ),
        sections=[
            Section(
                "",
                None,
                [
                    Paragraph(
                        "", content=(Text("An "), Emph((Text("emphatic"),)), Text(" start."))
                    ),
                    BlockQuote([Paragraph("", "Quoted words."), Paragraph("", "More quoted.")]),
                    ListBlock(
                        [
                            [Paragraph("", "First item")],
                            [Paragraph("", "Second"), ListBlock([[Paragraph("", "Nested")]])],
                        ]
                    ),
                ],
            ),
            Section(
                "",
                "Data",
                [
                    Table(
                        ["", ""],
                        [(Text("Year"),), (Text("Vetoes"),)],
                        [[(Text("2012"),), (Strong((Text("3"),)),)]],
                        caption=(Text("Vetoes by year"),),
                    ),
                    CodeBlock("print('hi')\n", "python"),
                    Figure(
                        "",
                        src="a.png",
                        caption_content=(Text("A chart"),),
                        alt="Bars rising to the right",
                    ),
                    Figure("", caption="Same", alt="Same"),
                    Rule(),
                    RawBlock("<div>not indexed</div>"),
                ],
            ),
        ],
        notes=[
            Note(
                1,
                "",
                blocks=[Paragraph("", "A note."), BlockQuote([Paragraph("", "Quoted in it.")])],
            )
        ],
    )
    places = [(p.anchor, p.text, p.place) for p in document_places(assign_ids(doc))]
    assert places == [
        ("", "Blocks\nA subtitle\nAnn Lee\nsyria, veto\nThe abstract. Its second part.", "Essay"),
        ("p1", "An emphatic start.", "Paragraph 1"),
        ("p2", "Quoted words.", "Quotation, paragraph 2"),
        ("p3", "More quoted.", "Quotation, paragraph 3"),
        ("p4", "First item", "List item, paragraph 4"),
        ("p5", "Second", "List item, paragraph 5"),
        ("p6", "Nested", "List item, paragraph 6"),
        ("data", "Data", "Section: Data"),
        ("data", "Vetoes by year\nYear Vetoes 2012 3", "Table 1"),
        ("data", "print('hi')\n", "Code 1"),
        ("fig1", "A chart\nBars rising to the right", "Figure 1"),
        ("fig2", "Same", "Figure 2"),
        ("fn1", "A note. Quoted in it.", "Note 1"),
    ]
    # indexed, each place's words are found from its anchor to the next one
    [bundle] = build_bundles(bundle_pages([doc]), "en").values()
    [name] = [n for n in bundle if n.startswith("fragment/")]
    fragment = json.loads(gzip.decompress(bundle[name])[len(b"pagefind_dcd") :])
    assert fragment["url"] == "essays/blocks.html" and fragment["meta"]["title"] == "Blocks"
    indexed = [
        (a, " ".join(words).rstrip(".").replace(".", ""), n)
        for a, n, words in named_anchors(fragment)
    ]
    assert indexed == [(a, normalized(t).rstrip(".").replace(".", ""), n) for a, t, n in places[1:]]
    assert place_of(fragment, "Ann Lee") == ""  # the essay's own words, before any place


def test_search_false_builds_no_index_and_says_so_without_a_warning(tmp_path: Path, capsys):
    content = tmp_path / "content"
    (content / "essays").mkdir(parents=True)
    (content / "essays" / "a.md").write_text(
        "---\ntitle: A\ndate: 2024-01-01\n---\n\nA paragraph to find.\n", encoding="utf-8"
    )
    (content / "site.yaml").write_text("title: S\nsearch: false\n", encoding="utf-8")
    out = tmp_path / "site"
    assert main(["build", "--content", str(content), "--out", str(out)]) == 0
    assert "warning" not in capsys.readouterr().err
    assert not (out / "pagefind").exists()
    assert 'class="search-unavailable"' in (out / "search.html").read_text(encoding="utf-8")
    # turned on again, the next build (from the cache) indexes the site
    (content / "site.yaml").write_text("title: S\n", encoding="utf-8")
    assert main(["build", "--content", str(content), "--out", str(out)]) == 0
    assert (out / "pagefind" / "pagefind.js").is_file()
    (content / "site.yaml").write_text("title: S\nsearch: sometimes\n", encoding="utf-8")
    assert main(["check", "--content", str(content)]) == 1
    assert "site.yaml:2: error: `search` must be true or false [site.invalid]" in (
        capsys.readouterr().out
    )
