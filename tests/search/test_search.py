"""Search (search.py, templates/search.html): the Pagefind index of the seeds, read back
from the built files; every record's anchor on its page; two builds byte-identical; a
build without Pagefind (or with a broken one) still succeeding with a warning; and, when
Chromium is there (tests/conftest.py), Pagefind's own JavaScript and the search page
finding a phrase only in a note and one only in the blog post."""

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
from glossator.search.pagefind import Record, build_index, search_index, search_records

REPO = Path(__file__).resolve().parents[2]
CONTENT = REPO / "content"
BLOG = "essays/russia-stance-on-syria.html"
PAPER = "essays/us-russia-un-syria.html"
# A phrase found only in note 12 of the paper, and one only in paragraph 3 of the blog
# post (content/essays/russia-stance-on-syria.txt: its body paragraphs are p1..p5).
NOTE_PHRASE = ("Sovershenno Sekretno", f"{PAPER}#fn12")
BLOG_PHRASE = ("ostracized by global powers", f"{BLOG}#p3")


def fragments(site: Path) -> list[dict[str, Any]]:
    """Every record in the built index: Pagefind's fragment files are gzipped JSON
    behind a `pagefind_dcd` signature."""
    records = []
    for path in sorted((site / "pagefind" / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(path.read_bytes())
        assert data.startswith(b"pagefind_dcd"), path
        records.append(json.loads(data[len(b"pagefind_dcd") :]))
    return records


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


def test_the_index_is_built_beside_the_pages(site: Path):
    bundle = site / "pagefind"
    for name in ("pagefind.js", "pagefind-entry.json", "pagefind-worker.js", "wasm.en.pagefind"):
        assert (bundle / name).is_file(), name
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert list(entry["languages"]) == ["en"]
    assert entry["languages"]["en"]["page_count"] == len(fragments(site))
    # Pagefind's own UI bundles are left out: search.html has its own small UI.
    assert not list(bundle.glob("pagefind-*ui*")) and not list(bundle.glob("*highlight*"))
    assert (site / "search.html").is_file()


def test_one_record_per_paragraph_figure_heading_and_note(site: Path, seed_plan: Any):
    docs = seed_plan.linked.documents
    expected = sum(
        1  # the essay itself: title, authors, publication
        + sum(1 for s in d.sections if s.heading)
        + len(d.paragraphs())
        + len(d.figures())
        + len(d.notes)
        for d in docs
    )
    records = fragments(site)
    assert len(records) == expected == len(search_records(docs))
    places = [r["meta"]["place"] for r in records]
    assert sum(p.startswith("Note ") for p in places) == sum(len(d.notes) for d in docs)
    assert sum(p.startswith("Paragraph ") for p in places) == sum(len(d.paragraphs()) for d in docs)
    assert all(r["meta"]["title"] for r in records)


@pytest.mark.parametrize(("phrase", "url"), [NOTE_PHRASE, BLOG_PHRASE], ids=["note", "blog"])
def test_a_phrase_has_one_record_at_its_note_or_paragraph(site: Path, phrase: str, url: str):
    holding = [r for r in fragments(site) if phrase in normalized(r["content"])]
    assert [r["url"] for r in holding] == [url]
    page, anchor = url.split("#")
    html = (site / page).read_text(encoding="utf-8")
    # The anchor is the element holding the phrase on the page.
    element = re.search(rf'<(p|li) id="{anchor}"[^>]*>(.*?)</\1>', html, re.S)
    assert element is not None, f"no <p> or <li> with id {anchor} in {page}"
    assert phrase in normalized(re.sub(r"<[^>]+>", "", element.group(2)))


def test_every_record_lands_on_an_anchor_of_its_page(site: Path):
    ids: dict[str, set[str]] = {}
    for record in fragments(site):
        page, _, anchor = record["url"].partition("#")
        assert not page.startswith("/"), "URLs are relative to the site root"
        if page not in ids:
            ids[page] = Ids((site / page).read_text(encoding="utf-8")).ids
        assert not anchor or anchor in ids[page], f"{record['url']}: no such id on the page"


def test_the_records_are_the_texts_of_the_page(seed_plan: Any):
    records = {r.url: r for r in search_records(seed_plan.linked.documents)}
    paper = next(d for d in seed_plan.linked.documents if d.slug == "us-russia-un-syria")
    note = records[f"{PAPER}#fn12"]
    assert note.content == paper.note(12).text
    assert note.meta == {"title": paper.meta.title, "place": "Note 12"}
    assert records[f"{BLOG}#p3"].meta["place"] == "Paragraph 3"


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


def test_indexing_the_seeds_gives_one_fragment_per_record(seed_plan: Any):
    """Every record is indexed as its own page of the index (its time is measured in
    benchmarks/, not asserted here)."""
    records = search_records(seed_plan.linked.documents)
    files = build_index(records, "en")
    entry = json.loads(files["pagefind/pagefind-entry.json"])
    assert entry["languages"]["en"]["page_count"] == len(records)
    fragments = [name for name in files if name.startswith("pagefind/fragment/")]
    assert len(fragments) == len(records)
    assert "pagefind/pagefind.js" in files


def test_the_same_records_give_the_same_files_and_others_do_not():
    records = [
        Record(f"essays/a.html#p{i}", f"paragraph {i} of the essay", {"title": "A"})
        for i in range(5)
    ]
    assert build_index(records, "en") == build_index(list(records), "en")
    changed = [*records[:-1], Record("essays/a.html#p4", "another text", {"title": "A"})]
    assert build_index(changed, "en") != build_index(records, "en")


# --- Without Pagefind ------------------------------------------------------------------


def test_a_build_without_pagefind_succeeds_with_a_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
):
    for name in ("pagefind", "pagefind.service"):
        monkeypatch.setitem(sys.modules, name, None)  # `import pagefind` raises ImportError
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
def test_pagefind_finds_the_phrase_at_its_anchor(page: Any, site_url: str, phrase: str, url: str):
    page.goto(site_url + "search.html")
    found = page.evaluate(
        """async (phrase) => {
            const pagefind = await import(new URL("pagefind/pagefind.js", location.href).href);
            await pagefind.init();
            const search = await pagefind.search(phrase);
            const data = await Promise.all(search.results.map((r) => r.data()));
            return data.map((d) => d.url);
        }""",
        phrase,
    )
    assert found == ["/" + url]


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
    url = "essays/blocks.html"
    records = [(r.url, r.content, r.meta["place"]) for r in search_records([assign_ids(doc)])]
    assert records == [
        (url, "Blocks\nA subtitle\nAnn Lee\nsyria, veto\nThe abstract. Its second part.", "Essay"),
        (f"{url}#p1", "An emphatic start.", "Paragraph 1"),
        (f"{url}#p2", "Quoted words.", "Quotation, paragraph 2"),
        (f"{url}#p3", "More quoted.", "Quotation, paragraph 3"),
        (f"{url}#p4", "First item", "List item, paragraph 4"),
        (f"{url}#p5", "Second", "List item, paragraph 5"),
        (f"{url}#p6", "Nested", "List item, paragraph 6"),
        (f"{url}#data", "Data", "Section: Data"),
        (f"{url}#data", "Vetoes by year\nYear Vetoes 2012 3", "Table 1"),
        (f"{url}#data", "print('hi')\n", "Code 1"),
        (f"{url}#fig1", "A chart\nBars rising to the right", "Figure 1"),
        (f"{url}#fig2", "Same", "Figure 2"),
        (f"{url}#fn1", "A note. Quoted in it.", "Note 1"),
    ]


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
