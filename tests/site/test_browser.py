"""The seed site in a real browser: Debian's Chromium driven by Playwright, over http.

Notes (markup contract of issue 4): a marker is `a.noteref[href="#fnN"]` with id
`fnrefN`; its note is `li#fnN` in the notes list, with `a[role="doc-backlink"]` back to
each marker and a link to its source page; `#note-popover` shows a note on hover or focus
of its marker where its sidenote is not shown (narrower than 75em), and Escape closes it.
Search (templates/search.html): `input[type=search]`, results as links in
`#search-results`, each opening the essay at the paragraph or note.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from conftest import BLOG, PAGE_TYPES, PAPER, open_context

pytestmark = pytest.mark.browser

MARKER = 'a.noteref[href="#fn{}"]'
PHONE = {"width": 375, "height": 812}
WIDE = {"width": 1440, "height": 900}
NARROW = {"width": 1024, "height": 900}  # too narrow for sidenotes: markers show the popover
WEIGHT_LIMIT = 100_000  # bytes, as in test_quality


def normalized(text: str) -> str:
    return " ".join(text.split())


def note_text(page: Any, number: int) -> str:
    """The text of li#fnN without its back-links, whitespace normalized."""
    text = page.evaluate(
        """(id) => {
            const note = document.getElementById(id).cloneNode(true);
            note.querySelectorAll('[role="doc-backlink"]').forEach((a) => a.remove());
            return note.textContent;
        }""",
        f"fn{number}",
    )
    return normalized(text)


def focus_is_in(page: Any, element_id: str) -> bool:
    return page.evaluate(
        """(id) => {
            const target = document.getElementById(id);
            const active = document.activeElement;
            return !!target && !!active && (active === target || target.contains(active));
        }""",
        element_id,
    )


@pytest.fixture(params=["375px", "1440px"])
def sized_page(request: pytest.FixtureRequest, browser: Any, site_url: str):
    ctx = open_context(browser, site_url, viewport=PHONE if request.param == "375px" else WIDE)
    yield ctx.new_page()
    ctx.close()


# --- Markers, notes, back-links ------------------------------------------------------


def test_clicking_a_marker_shows_and_focuses_its_note(sized_page: Any, site_url: str):
    page = sized_page
    page.goto(site_url + PAPER)
    page.locator(MARKER.format(3)).first.click()
    expect(page).to_have_url(re.compile(r"#fn3$"))
    assert page.evaluate("location.hash") == "#fn3"
    expect(page.locator("li#fn3")).to_be_in_viewport()
    page.wait_for_function(
        """() => { const n = document.getElementById('fn3'), a = document.activeElement;
                   return !!n && !!a && (a === n || n.contains(a)); }""",
        timeout=3000,
    )
    assert focus_is_in(page, "fn3"), "focus is not on the note li#fn3"


def test_the_back_link_returns_to_the_marker(sized_page: Any, site_url: str):
    page = sized_page
    page.goto(site_url + PAPER)
    page.locator(MARKER.format(3)).first.click()
    expect(page.locator("li#fn3")).to_be_in_viewport()
    page.locator('li#fn3 a[role="doc-backlink"]').first.click()
    expect(page).to_have_url(re.compile(r"#fnref3$"))
    expect(page.locator("#fnref3")).to_be_in_viewport()


# --- Popover -------------------------------------------------------------------------


@pytest.mark.parametrize("number", [3, 9])
def test_hovering_a_marker_shows_its_note_and_escape_closes_it(
    page: Any, site_url: str, number: int
):
    page.set_viewport_size(NARROW)
    page.goto(site_url + PAPER)
    expected = note_text(page, number)
    other = note_text(page, number + 1)
    popover = page.locator("#note-popover")
    page.locator(MARKER.format(number)).first.hover()
    expect(popover).to_be_visible()
    shown = normalized(popover.inner_text())
    assert expected[:60] in shown, f"popover shows {shown[:200]!r}, not note {number}"
    assert other[:60] not in shown, f"popover shows note {number + 1} too"
    page.keyboard.press("Escape")
    expect(popover).to_be_hidden()


def test_focusing_a_marker_shows_its_note_and_escape_closes_it(page: Any, site_url: str):
    page.set_viewport_size(NARROW)
    page.goto(site_url + PAPER)
    expected = note_text(page, 3)
    marker = page.locator(MARKER.format(3)).first
    marker.focus()
    popover = page.locator("#note-popover")
    expect(popover).to_be_visible()
    assert expected[:60] in normalized(popover.inner_text())
    page.keyboard.press("Escape")
    expect(popover).to_be_hidden()
    assert page.evaluate("document.activeElement.id") == "fnref3", "Escape lost the focus"


def test_tab_from_the_top_reaches_every_marker_with_visible_focus(page: Any, site_url: str):
    page.goto(site_url + PAPER)
    markers = page.locator("a.noteref").evaluate_all("(all) => all.map((a) => a.id)")
    assert markers and all(markers), "every marker needs an id"
    limit = page.evaluate(
        "document.querySelectorAll('a[href], button, input, select, textarea, [tabindex]').length"
    )
    reached: set[str] = set()
    unfocused_style = []
    for _ in range(limit + 10):
        page.keyboard.press("Tab")
        info = page.evaluate(
            """() => {
                const a = document.activeElement;
                if (!a || !a.matches('a.noteref')) return null;
                const s = getComputedStyle(a);
                const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
                return [a.id, outline || s.boxShadow !== 'none'];
            }"""
        )
        if info:
            reached.add(info[0])
            if not info[1]:
                unfocused_style.append(info[0])
        if reached >= set(markers):
            break
    missed = [m for m in markers if m not in reached]
    assert not missed, f"Tab reached {len(reached)} of {len(markers)} markers; missed {missed}"
    assert not unfocused_style, f"markers with no visible focus (outline): {unfocused_style}"


# --- Notes, sources and back -------------------------------------------------------


def test_from_a_note_to_its_source_and_back_to_the_exact_marker(page: Any, site_url: str):
    page.goto(site_url + PAPER)
    page.locator('li#fn9 a[href*="sources/"]').first.click()
    expect(page).to_have_url(re.compile(r"/sources/[^/#]+\.html$"))
    expect(page.locator("main")).to_contain_text("1199")
    essay = PAPER.rsplit("/", 1)[-1]
    citing = page.locator(f'main a[href$="{essay}#fnref9"]')
    expect(citing.first).to_be_visible()
    citing.first.click()
    expect(page).to_have_url(re.compile(re.escape(PAPER) + r"#fnref9$"))
    expect(page.locator("#fnref9")).to_be_in_viewport()


# --- Search --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("phrase", "essay", "place"),
    [
        ("Sovershenno Sekretno", PAPER, "li"),  # only in note 12 of the paper
        ("ostracized by global powers", BLOG, "p"),  # only in a paragraph of the blog post
    ],
    ids=["note", "paragraph"],
)
def test_search_opens_the_essay_at_the_note_or_paragraph(
    page: Any, site_url: str, site: Path, phrase: str, essay: str, place: str
):
    holders = [
        p.relative_to(site).as_posix()
        for p in (site / "essays").glob("*.html")
        if phrase.lower() in normalized(p.read_text(encoding="utf-8")).lower()
    ]
    assert holders == [essay], f"the phrase should be in {essay} only, is in {holders}"
    response = page.goto(site_url + "search.html")
    assert response is not None and response.ok, "search.html is not built"
    box = page.locator('input[type="search"]')
    box.fill(phrase)
    box.press("Enter")
    first = page.locator("#search-results a[href]").first
    expect(first).to_be_visible(timeout=10_000)
    first.click()
    expect(page).to_have_url(re.compile(re.escape(essay) + r"(\?[^#]*)?#[^#]+$"))
    anchor = page.evaluate("decodeURIComponent(location.hash.slice(1))")
    target = page.locator(f'[id="{anchor}"]')
    expect(target).to_have_count(1)
    assert target.evaluate("(e) => e.tagName.toLowerCase()") == place, (
        f"the result opened at #{anchor}, not at the {place} holding the phrase"
    )
    assert phrase.lower() in normalized(target.inner_text()).lower()
    expect(target).to_be_in_viewport()


# --- Without JavaScript --------------------------------------------------------------


def test_an_essay_reads_without_javascript(browser: Any, site_url: str):
    ctx = open_context(browser, site_url, java_script_enabled=False)
    try:
        page = ctx.new_page()
        page.goto(site_url + PAPER)
        expect(page.locator("h1")).to_be_visible()
        notes = page.locator("li[id^='fn']")
        assert notes.count() == page.locator("a.noteref").evaluate_all(
            "(all) => new Set(all.map((a) => a.getAttribute('href'))).size"
        ), "the notes list does not hold every marked note"
        page.locator(MARKER.format(3)).first.click()
        expect(page).to_have_url(re.compile(r"#fn3$"))
        expect(page.locator("li#fn3")).to_be_visible()
        expect(page.locator("li#fn3")).to_be_in_viewport()
        expect(page.locator('li#fn9 a[href*="sources/"]').first).to_be_visible()
        page.locator('li#fn3 a[role="doc-backlink"]').first.click()
        expect(page.locator("#fnref3")).to_be_in_viewport()
        assert not ctx.offsite_requests
    finally:
        ctx.close()


# --- Every page in the browser -----------------------------------------------------


def test_pages_load_without_script_errors_or_offsite_requests(
    page: Any, context: Any, site_url: str, site: Path
):
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(f"{page.url}: {error}"))
    page.on(
        "console",
        lambda message: (
            errors.append(f"{page.url}: console {message.text}")
            if message.type == "error"
            else None
        ),
    )
    for name in PAGE_TYPES.values():
        if (site / name).is_file():
            page.goto(site_url + name)
            page.wait_for_load_state("networkidle")
    assert not context.offsite_requests, f"requests leaving the site: {context.offsite_requests}"
    assert not errors, "\n".join(errors)


def test_what_the_browser_loads_for_an_essay_is_under_100_kb(page: Any, site_url: str):
    sizes: dict[str, int] = {}

    def count(response: Any) -> None:
        if "/pagefind/" not in response.url and not response.url.startswith("data:"):
            sizes[response.url] = len(response.body())

    page.on("response", count)
    page.set_viewport_size(NARROW)
    page.goto(site_url + PAPER)
    page.wait_for_load_state("networkidle")
    page.locator(MARKER.format(3)).first.hover()  # whatever the popover loads counts too
    page.wait_for_load_state("networkidle")
    total = sum(sizes.values())
    assert total < WEIGHT_LIMIT, f"{total:,} bytes: {sizes}"


@pytest.mark.parametrize("path", ["index.html", PAPER])
def test_no_horizontal_scrolling_from_320_to_1920_px(page: Any, site_url: str, path: str):
    page.goto(site_url + path)
    overflowing = []
    for width in (320, 375, 768, 1024, 1440, 1920):
        page.set_viewport_size({"width": width, "height": 900})
        sizes = page.evaluate(
            "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
        if sizes[0] > sizes[1] + 1:
            overflowing.append(f"{width}px: content {sizes[0]}px wide")
    assert not overflowing, f"{path} scrolls sideways: {overflowing}"


def test_print_hides_the_navigation_and_keeps_the_notes(page: Any, site_url: str):
    page.emulate_media(media="print")
    page.goto(site_url + PAPER)
    shown = page.evaluate(
        """() => [...document.querySelectorAll('nav')]
              .filter((n) => !n.closest('article') && n.checkVisibility())
              .map((n) => n.outerHTML.slice(0, 80))"""
    )
    assert not shown, f"navigation printed: {shown}"
    expect(page.locator("li#fn3")).to_be_visible()
    expect(page.locator("article h1")).to_be_visible()


def test_dark_mode_follows_the_system_setting(page: Any, site_url: str):
    script = """() => { const b = getComputedStyle(document.body),
                         h = getComputedStyle(document.documentElement);
                  return [h.backgroundColor, b.backgroundColor, b.color]; }"""
    page.emulate_media(color_scheme="light")
    page.goto(site_url + PAPER)
    light = page.evaluate(script)
    page.emulate_media(color_scheme="dark")
    dark = page.evaluate(script)
    assert light != dark, f"the same colours in light and dark: {light}"


# --- Screenshots ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "viewport", "scheme"),
    [
        ("essay-375", PHONE, "light"),
        ("essay-1440", WIDE, "light"),
        ("essay-1440-dark", WIDE, "dark"),
    ],
    ids=["375px", "1440px", "1440px-dark"],
)
def test_screenshots_of_an_essay(
    browser: Any, site_url: str, artifacts: Path, name: str, viewport: dict, scheme: str
):
    """Saved under test-artifacts/; `make screenshot` copies essay-1440-notes.png to docs/."""
    ctx = open_context(browser, site_url, viewport=viewport, color_scheme=scheme)
    try:
        page = ctx.new_page()
        page.goto(site_url + PAPER)
        page.wait_for_load_state("networkidle")
        page.evaluate("document.fonts.ready")
        shot = artifacts / f"{name}.png"
        page.screenshot(path=shot)
        assert shot.stat().st_size > 10_000
        # The same page at a place with notes, as a reader sees it beside the markers.
        page.evaluate("document.getElementById('fnref3').scrollIntoView({block: 'center'})")
        page.screenshot(path=artifacts / f"{name}-notes.png")
    finally:
        ctx.close()
