"""A reader and a researcher in Chromium, on a small site written for these tests (not
the seeds): from a marker to the source in one step (the sidenote on wide screens, the
popover on narrow ones), previous and next through the notes citing one work, the
bibliography's links back to every citing place, where a marker lands when one
arrives at it, and the phone: tap areas measured, the search box's font, no ¶ on every
paragraph, no full stop alone on a line, no sideways scrolling; at 375, 768 and
1440 px, light and dark, with axe and the Nu checker clean.

Works cited: grafton1997 in notes 1, 2 and 5 of `readers`, and note 1 of `letters`;
jackson2001 in notes 2 and 3; tribble1993 in note 4."""

from __future__ import annotations

import json
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect
from test_quality import axe_violations

from conftest import find_vnu, missing_tool, open_context, served
from glossator.cli import main

FILLER = (
    "The page holds more than its text: a running head, a folio, the catchwords that "
    "tell the binder what follows, and around them the white space a reader fills."
)
LONG_URL = (
    "https://www.example.org/reading/marginalia/early-modern/readers/and-their-books/index.html"
)
READERS = f"""---
title: Readers in the Margin
author: Iris Calder
date: 2024-05-02
---

# Notes on notes

Footnotes have a long and quarrelsome history.[^1] Scholars fought in them as much as
they cited in them.[^2]

{FILLER}

{FILLER}

A reader answers back in the margin, pen in hand.[^3] The printed page, with its wide
margins, invited the answer.[^4]

{FILLER}

{FILLER}

{FILLER}

The note kept its place at the foot of the page for three centuries.[^5] A reader's
own account of the habit is at <{LONG_URL}>.

{FILLER}

{FILLER}

{FILLER}

{FILLER}

[^1]: [@grafton1997, 24].
[^2]: [@jackson2001, 10]; see also [@grafton1997, 30].
[^3]: [@jackson2001, 45].
[^4]: [@tribble1993, 2].
[^5]: [@grafton1997, 112].
"""
LETTERS = """---
title: Letters about Books
image_credit: Photograph by Ada Example
---

Letters between scholars read like footnotes set free.[^1]

[^1]: [@grafton1997, 190].
"""
PICTURES = """---
title: A Page with a Picture
image_credit: Drawing by Ada Example
---

![A single pixel, standing for a page](pixel.png)

Below the picture, a line of text.
"""
TERMS = " + ".join(rf"\frac{{1}}{{{k}^2}}" for k in range(1, 13))
SUMS = f"""---
title: A Sum Too Wide for a Phone
---

The first twelve terms of the sum, written out:

$$\\sum_{{k=1}}^{{12}} \\frac{{1}}{{k^2}} = {TERMS}$$

After the formula, the text goes on, and so does the page.
"""
# a 1 x 1 px PNG, written byte by byte
PIXEL = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c63f8cfc0f01f0005000201a3e6a6d00000000049454e44ae426082"
)
REFS = """@book{grafton1997,
  author = {Grafton, Anthony},
  title = {The Footnote: A Curious History},
  publisher = {Harvard University Press},
  address = {Cambridge, MA},
  year = {1997},
}
@book{jackson2001,
  author = {Jackson, H. J.},
  title = {Marginalia: Readers Writing in Books},
  publisher = {Yale University Press},
  address = {New Haven},
  year = {2001},
}
@book{tribble1993,
  author = {Tribble, Evelyn B.},
  title = {Margins and Marginality: The Printed Page in Early Modern England},
  shorttitle = {Margins and Marginality},
  publisher = {University Press of Virginia},
  address = {Charlottesville},
  year = {1993},
}
"""
ESSAY = "essays/readers.html"
PHONE = {"width": 375, "height": 740}
TABLET = {"width": 768, "height": 1000}
WIDE = {"width": 1440, "height": 900}
SIZES = {"375px": PHONE, "768px": TABLET, "1440px": WIDE}
GRAFTON = "sources/grafton1997.html"
SUMS_PAGE = "essays/sums.html"


@pytest.fixture(scope="module")
def reading_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("reading")
    essays = root / "content" / "essays"
    essays.mkdir(parents=True)
    (essays / "readers.md").write_text(READERS, encoding="utf-8")
    (essays / "letters.md").write_text(LETTERS, encoding="utf-8")
    (essays / "pictures.md").write_text(PICTURES, encoding="utf-8")
    (essays / "pixel.png").write_bytes(PIXEL)
    (essays / "sums.md").write_text(SUMS, encoding="utf-8")
    (root / "content" / "references.bib").write_text(REFS, encoding="utf-8")
    out = root / "_site"
    assert main(["build", "--content", str(root / "content"), "--out", str(out), "--strict"]) == 0
    return out


@pytest.fixture(scope="module")
def reading_url(reading_site: Path) -> Iterator[str]:
    with served(reading_site) as url:
        yield url


@pytest.fixture
def opened(browser: Any, reading_url: str) -> Iterator[Any]:
    """`opened(viewport, scheme="light", **options)` -> a page; contexts closed after."""
    contexts: list[Any] = []

    def open_page(viewport: dict, scheme: str = "light", **options: Any) -> Any:
        ctx = open_context(browser, reading_url, viewport=viewport, color_scheme=scheme, **options)
        contexts.append(ctx)
        return ctx.new_page()

    yield open_page
    for ctx in contexts:
        assert ctx.offsite_requests == [], ctx.offsite_requests
        ctx.close()


# --- From a marker to its source in one step -------------------------------------------


def test_on_a_wide_screen_the_sidenote_links_to_the_source_and_no_popover_covers_it(
    opened: Any, reading_url: str
):
    page = opened(WIDE)
    page.goto(reading_url + ESSAY)
    marker = page.locator("#fnref4")
    sidenote = page.locator("sup:has(#fnref4) + .sidenote")
    expect(sidenote).to_be_visible()
    marker.hover()
    page.wait_for_timeout(300)
    expect(page.locator("#note-popover")).to_be_hidden()
    marker.focus()
    expect(page.locator("#note-popover")).to_be_hidden()
    link = sidenote.locator('a[href="../sources/tribble1993.html"]')
    expect(link).to_have_text("Margins and Marginality")  # the short title, whole
    link.click()
    expect(page).to_have_url(re.compile(r"/sources/tribble1993\.html$"))
    expect(page.locator("h1")).to_contain_text("Margins and Marginality")


@pytest.mark.parametrize("size", ["375px", "768px"])
def test_on_a_narrow_screen_the_popover_links_to_the_source(
    opened: Any, reading_url: str, size: str
):
    page = opened(SIZES[size], has_touch=True)
    page.goto(reading_url + ESSAY)
    expect(page.locator("sup:has(#fnref3) + .sidenote")).to_be_hidden()
    page.locator("#fnref3").tap()
    popover = page.locator("#note-popover")
    expect(popover).to_be_visible()
    expect(page).not_to_have_url(re.compile("#"))  # the first tap only shows the note
    link = popover.locator('a[href="../sources/jackson2001.html"]')
    expect(link).to_have_text("Marginalia")  # up to the subtitle, never cut mid-word
    assert popover.locator("[role=doc-backlink], [id]").count() == 0
    link.tap()
    expect(page).to_have_url(re.compile(r"/sources/jackson2001\.html$"))


def test_on_a_wide_screen_the_source_is_one_tab_from_the_marker_and_said_once(
    opened: Any, reading_url: str
):
    page = opened(WIDE)
    page.goto(reading_url + ESSAY)
    marker = page.locator("#fnref4")
    marker.focus()
    assert marker.get_attribute("aria-expanded") is None  # a plain link beside its note
    page.keyboard.press("Tab")
    focused = page.evaluate(
        "[document.activeElement.getAttribute('href'), "
        "!!document.activeElement.closest('sup:has(#fnref4) + .sidenote')]"
    )
    assert focused == ["../sources/tribble1993.html", True]
    # a screen reader meets the marker, then the source link, and the note's text (which
    # names the same work) only in the notes list: said once
    tree = page.locator("p:has(#fnref4)").aria_snapshot()
    assert tree.count("Margins and Marginality") == 1, tree
    assert 'link "4"' in tree and 'link "Margins and Marginality"' in tree, tree
    assert "Tribble" not in tree, tree
    # the sidenote's "also cited" links are not tab stops (the notes list has them)
    page.locator("#fnref1").focus()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('href')") == (
        "../sources/grafton1997.html"
    )
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "fnref2"
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/sources/grafton1997\.html$"))


@pytest.mark.parametrize("size", ["375px", "768px"])
def test_on_a_narrow_screen_the_popover_is_a_dialog_the_keyboard_goes_through(
    opened: Any, reading_url: str, size: str
):
    page = opened(SIZES[size])
    page.goto(reading_url + ESSAY)
    popover = page.locator("#note-popover")
    marker = page.locator("#fnref2")
    expect(marker).to_have_attribute("aria-expanded", "false")
    expect(marker).to_have_attribute("aria-controls", "note-popover")
    marker.focus()
    expect(popover).to_be_visible()
    expect(marker).to_have_attribute("aria-expanded", "true")
    expect(popover).to_have_attribute("role", "dialog")
    expect(popover).to_have_attribute("aria-label", "Note 2")
    assert marker.get_attribute("aria-describedby") is None  # nothing read twice
    links = popover.locator("a").evaluate_all("(all) => all.map((a) => a.getAttribute('href'))")
    assert links[0] == "../sources/jackson2001.html"
    # Tab goes through the note's links in order, Shift+Tab back to the marker
    reached = []
    for _ in links:
        page.keyboard.press("Tab")
        reached.append(page.evaluate("document.activeElement.getAttribute('href')"))
        assert page.evaluate(
            "document.getElementById('note-popover').contains(document.activeElement)"
        )
    assert reached == links
    # pointing at another marker meanwhile leaves the note and the focus where they are
    page.locator("#fnref3").hover()
    page.wait_for_timeout(300)
    expect(popover).to_have_attribute("aria-label", "Note 2")
    assert page.evaluate("document.activeElement.getAttribute('href')") == links[-1]
    for _ in links:
        page.keyboard.press("Shift+Tab")
    assert page.evaluate("document.activeElement.id") == "fnref2"
    expect(popover).to_be_visible()
    # Escape inside the note closes it and leaves the focus on its marker
    page.keyboard.press("Tab")
    page.keyboard.press("Escape")
    expect(popover).to_be_hidden()
    expect(marker).to_have_attribute("aria-expanded", "false")
    assert page.evaluate("document.activeElement.id") == "fnref2"
    # past the note's last link, the note closes and the text's next link has the focus
    marker.blur()
    marker.focus()
    for _ in links:
        page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    expect(popover).to_be_hidden()
    expect(marker).to_have_attribute("aria-expanded", "false")
    after = page.evaluate("document.activeElement.id || document.activeElement.className")
    assert after == "permalink", after  # the ¶ that ends the marker's paragraph
    # Enter on the source link goes there: marker to source in one step
    marker.focus()
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/sources/jackson2001\.html$"))


def test_the_notes_list_names_each_source_by_its_whole_short_title(reading_site: Path):
    html = (reading_site / ESSAY).read_text(encoding="utf-8")
    notes = html[html.index('<section class="notes"') :]
    labels = re.findall(r'Source: <a href="\.\./sources/[a-z0-9]+\.html">([^<]*)</a>', notes)
    assert labels == [
        "The Footnote",
        "Marginalia",
        "The Footnote",
        "Marginalia",
        "Margins and Marginality",
        "The Footnote",
    ]
    assert "…" not in html


# --- Through every citation of one work ----------------------------------------------


def test_next_and_previous_walk_through_the_notes_citing_one_work(opened: Any, reading_url: str):
    page = opened(PHONE)
    page.goto(reading_url + ESSAY + "#fn1")
    line = 'li#fn{} .note-source:has(a[href$="/grafton1997.html"])'
    visited = [1]
    for _ in range(5):
        following = page.locator(line.format(visited[-1]) + " a.cite-next")
        if following.count() == 0:
            break
        following.click()
        number = int(page.evaluate("location.hash.slice(3)"))
        expect(page.locator(f"li#fn{number}")).to_be_in_viewport()
        visited.append(number)
    assert visited == [1, 2, 5]
    expect(page.locator(line.format(5))).to_contain_text("also cited in notes 1 and 2")
    back = []
    for _ in range(5):
        previous = page.locator(line.format(visited[-1] if not back else back[-1]) + " a.cite-prev")
        if previous.count() == 0:
            break
        previous.click()
        back.append(int(page.evaluate("location.hash.slice(3)")))
    assert back == [2, 1]
    # another work of note 2 has its own neighbours
    jackson = page.locator('li#fn2 .note-source:has(a[href$="/jackson2001.html"])')
    expect(jackson.locator("a.cite-next")).to_have_attribute("href", "#fn3")
    assert jackson.locator("a.cite-prev").count() == 0


def test_a_sidenote_lists_the_other_notes_citing_its_work_at_their_markers(
    opened: Any, reading_url: str
):
    page = opened(WIDE)
    page.goto(reading_url + ESSAY)
    sidenote = page.locator("sup:has(#fnref1) + .sidenote")
    expect(sidenote).to_contain_text("also cited in notes 2 and 5")
    sidenote.locator('a[href="#fnref5"]').click()
    expect(page.locator("#fnref5")).to_be_in_viewport()
    expect(page.locator("sup:has(#fnref5) + .sidenote")).to_be_in_viewport()


def test_the_bibliography_links_back_to_every_citing_place(opened: Any, reading_url: str):
    page = opened(TABLET)
    page.goto(reading_url + "bibliography.html")
    entry = page.locator("li#grafton1997")
    expect(entry.locator(".cited-count")).to_have_text("cited 4 times")
    expect(page.locator("li#tribble1993 .cited-count")).to_have_text("cited once")
    hrefs = entry.locator(".cited-in a").evaluate_all(
        "(all) => all.map((a) => a.getAttribute('href'))"
    )
    assert hrefs == [
        "essays/letters.html#fnref1",
        "essays/readers.html#fnref1",
        "essays/readers.html#fnref2",
        "essays/readers.html#fnref5",
    ]
    for href in hrefs:
        page.goto(reading_url + "bibliography.html")
        page.locator(f'li#grafton1997 .cited-in a[href="{href}"]').click()
        expect(page).to_have_url(re.compile(re.escape(href) + "$"))  # the essay, loaded
        anchor = href.split("#")[1]
        expect(page.locator(f"#{anchor}:target")).to_have_count(1)  # retried until so
        expect(page.locator("#" + anchor)).to_be_in_viewport()


# --- Arriving at a marker --------------------------------------------------------------


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("size", list(SIZES))
def test_arriving_at_a_marker_leaves_it_below_the_top_with_a_plain_highlight(
    opened: Any, reading_url: str, size: str, scheme: str
):
    page = opened(SIZES[size], scheme)
    page.goto(reading_url + ESSAY + "#fn5")
    page.locator('li#fn5 a[role="doc-backlink"]').click()
    expect(page).to_have_url(re.compile("#fnref5$"))
    page.wait_for_timeout(100)
    top, height = page.evaluate(
        "[document.getElementById('fnref5').getBoundingClientRect().top, innerHeight]"
    )
    assert height * 0.2 <= top <= height * 0.8, f"the marker is at {top:.0f} of {height} px"
    background, text, page_background = page.evaluate(
        """() => { const s = getComputedStyle(document.getElementById('fnref5'));
                   const page = getComputedStyle(document.body).backgroundColor;
                   return [s.backgroundColor, s.color, page]; }"""
    )
    assert background not in ("rgba(0, 0, 0, 0)", page_background), background
    assert contrast(background, text) >= 4.5


def contrast(one: str, two: str) -> float:
    """WCAG contrast ratio of two `rgb(...)` colours."""

    def luminance(colour: str) -> float:
        r, g, b = (int(v) / 255 for v in re.findall(r"\d+(?:\.\d+)?", colour)[:3])
        lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in (r, g, b)]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    high, low = sorted((luminance(one), luminance(two)), reverse=True)
    return (high + 0.05) / (low + 0.05)


# --- Phones ----------------------------------------------------------------------------


def hit_area(page: Any, marker_id: str) -> dict[str, Any]:
    """Where a tap reaches the marker (every point where the browser hits it, in 1 px
    steps around it), the marker's own box, the characters of the text around it whose
    box a tap on them would give to the marker instead (probed at their centre and
    2 px in from each corner: a marker's own glyph overhangs its box by under 1 px), and
    the links within WCAG 2.5.8's 24 px circle."""
    return page.evaluate(
        """(id) => {
            const a = document.getElementById(id);
            a.scrollIntoView({block: 'center'});
            const r = a.getBoundingClientRect();
            const cx = r.left + r.width / 2, cy = r.top + r.height / 2;
            const mine = (x, y) => {
                const hit = document.elementFromPoint(x, y);
                return !!hit && hit.closest('a.noteref') === a;
            };
            let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
            for (let dx = -40; dx <= 40; dx++) for (let dy = -40; dy <= 40; dy++) {
                if (mine(cx + dx, cy + dy)) {
                    x0 = Math.min(x0, dx); x1 = Math.max(x1, dx);
                    y0 = Math.min(y0, dy); y1 = Math.max(y1, dy);
                }
            }
            const covered = [];
            const walk = document.createTreeWalker(a.closest('p'), NodeFilter.SHOW_TEXT);
            for (let n = walk.nextNode(); n; n = walk.nextNode()) {
                if (a.contains(n) || n.parentElement.closest('.sidenote')) continue;
                for (let i = 0; i < n.length; i++) {
                    if (/\\s/.test(n.data[i])) continue;
                    const range = document.createRange();
                    range.setStart(n, i); range.setEnd(n, i + 1);
                    const b = range.getClientRects()[0];
                    if (!b || Math.abs(b.left - cx) > 60 || Math.abs(b.top - cy) > 60) continue;
                    const points = [[b.left + b.width / 2, b.top + b.height / 2],
                        [b.left + 2, b.top + 2], [b.right - 2, b.top + 2],
                        [b.left + 2, b.bottom - 2], [b.right - 2, b.bottom - 2]];
                    if (points.some(([x, y]) => mine(x, y))) covered.push(n.data[i]);
                }
            }
            const near = [...document.querySelectorAll('a[href]')].filter((other) => {
                if (other === a || !other.getClientRects().length) return false;
                return [...other.getClientRects()].some((o) => {
                    const dx = Math.max(o.left - cx, 0, cx - o.right);
                    const dy = Math.max(o.top - cy, 0, cy - o.bottom);
                    return dx * dx + dy * dy < 12 * 12;
                });
            }).map((other) => other.textContent);
            return {width: x1 - x0 + 1, height: y1 - y0 + 1, shown: [r.width, r.height],
                    covered: covered.join(''), near: near};
        }""",
        marker_id,
    )


@pytest.mark.parametrize("size", list(SIZES))
def test_a_marker_is_taller_to_tap_than_it_looks_and_never_takes_a_neighbours_tap(
    opened: Any, reading_url: str, size: str
):
    """44 px of height would reach into the letters of the lines above and below, and
    any width past the marker into the words beside it: the area is as tall as the gap
    between those lines allows (at least 24 px, WCAG 2.5.8), no wider than the marker,
    and no other link is within 12 px of its centre (2.5.8's spacing exception)."""
    page = opened(SIZES[size])
    page.goto(reading_url + ESSAY)
    for marker in ("fnref1", "fnref2", "fnref3", "fnref4", "fnref5"):
        area = hit_area(page, marker)
        shown_width, shown_height = area["shown"]
        assert shown_width < 20 and shown_height < 20, f"{marker} looks bigger"
        assert area["height"] >= 28, f"{marker}: {area['height']} px tall to tap"
        assert shown_width <= area["width"] <= shown_width + 2, f"{marker}: {area}"
        assert area["covered"] == "", f"{marker} takes the taps of {area['covered']!r}"
        assert area["near"] == [], f"{marker} is within 12 px of {area['near']}"


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("size", list(SIZES))
def test_no_page_scrolls_sideways(opened: Any, reading_url: str, size: str, scheme: str):
    page = opened(SIZES[size], scheme)
    for path in (ESSAY, "bibliography.html", GRAFTON, "search.html", SUMS_PAGE):
        page.goto(reading_url + path)
        wide, shown = page.evaluate(
            "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
        assert wide <= shown, f"{path} at {size}: {wide} px wide in {shown}"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_formula_wider_than_a_phone_scrolls_in_its_own_box(
    opened: Any, reading_url: str, scheme: str
):
    page = opened(PHONE, scheme, has_touch=True, is_mobile=True)
    page.goto(reading_url + SUMS_PAGE)
    formula = page.locator('math[display="block"]')
    wide, shown, left, right = formula.evaluate(
        "(m) => { const r = m.getBoundingClientRect(); "
        "return [m.scrollWidth, m.clientWidth, r.left, r.right]; }"
    )
    assert wide > shown + 100, "the test formula should be wider than the phone"
    assert left >= 0 and right <= PHONE["width"], (left, right)  # its box stays on the page
    page_wide, page_shown = page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert page_wide <= page_shown
    # every term can be reached: the box scrolls to its end, the page does not move
    formula.evaluate("(m) => { m.scrollLeft = m.scrollWidth; }")
    assert formula.evaluate("(m) => m.scrollLeft") == wide - shown
    assert page.evaluate("scrollX") == 0
    last = formula.locator("mfrac").last.evaluate("(f) => f.getBoundingClientRect().right")
    assert last <= right + 1
    # and the keyboard scrolls it: the formula takes the focus, the arrow keys move it
    formula.evaluate("(m) => { m.scrollLeft = 0; }")
    expect(formula).to_have_attribute("tabindex", "0")
    formula.focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function("document.querySelector('math[display=block]').scrollLeft > 0")
    violations = axe_violations(page)
    assert not violations, "\n".join(violations)
    # where it fits, it is no tab stop
    page.set_viewport_size(WIDE)
    page.wait_for_function(
        "!document.querySelector('math[display=block]').hasAttribute('tabindex')"
    )


def test_no_pilcrow_on_every_paragraph_on_a_touch_screen(opened: Any, reading_url: str):
    page = opened(PHONE, has_touch=True, is_mobile=True)
    page.goto(reading_url + ESSAY)
    assert page.evaluate("matchMedia('(hover: none)').matches")
    shown = page.locator(".permalink").evaluate_all(
        "(all) => all.filter((a) => getComputedStyle(a).opacity !== '0').length"
    )
    assert shown == 0


def test_a_hidden_pilcrow_or_a_full_stop_never_stands_alone_on_a_line(
    opened: Any, reading_url: str
):
    page = opened(PHONE)
    page.goto(reading_url + ESSAY)
    alone = {}
    for width in range(300, 1200, 4):  # wider, the ¶ stands in the left margin
        page.set_viewport_size({"width": width, "height": 800})
        alone[width] = page.evaluate(
            """() => {
            // the box of one character; two boxes share a line if their middles are close
            const box = (node, from) => {
                const r = document.createRange(); r.setStart(node, from); r.setEnd(node, from + 1);
                return r.getClientRects()[0];
            };
            const middle = (b) => b.top + b.height / 2;
            const apart = (a, b) => Math.abs(middle(a) - middle(b)) > 6;
            const found = [];
            for (const link of document.querySelectorAll('.permalink')) {
                const before = link.previousSibling;
                if (!before || before.nodeType !== 3 || !before.length) continue;
                if (apart(box(before, before.length - 1), box(link.firstChild, 0)))
                    found.push(link.getAttribute('href'));
            }
            for (const a of document.querySelectorAll('.essay-body a[rel=external]')) {
                const after = a.nextSibling, tail = a.lastChild;
                if (!after || after.nodeType !== 3 || !after.data.startsWith('.')) continue;
                if (apart(box(tail, tail.length - 1), box(after, 0)))
                    found.push('full stop after ' + a.href);
            }
            return found;
        }"""
        )
    assert {width: found for width, found in alone.items() if found} == {}


def test_the_search_box_is_big_enough_not_to_zoom_a_phone(opened: Any, reading_url: str):
    page = opened(PHONE)
    page.goto(reading_url + "search.html")
    size = page.locator("#search-input").evaluate("(e) => parseFloat(getComputedStyle(e).fontSize)")
    assert size >= 16


def test_search_highlights_are_not_pure_yellow_in_dark_mode(opened: Any, reading_url: str):
    page = opened(PHONE, "dark")
    page.goto(reading_url + "search.html")
    colours = page.evaluate(
        """() => { const m = document.createElement('mark'); m.textContent = 'word';
                   document.getElementById('main').append(m); const s = getComputedStyle(m);
                   return [s.backgroundColor, s.color]; }"""
    )
    assert colours[0] != "rgb(255, 255, 0)"
    assert contrast(*colours) >= 4.5


# --- Quality ---------------------------------------------------------------------------


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", [ESSAY, "bibliography.html", GRAFTON])
def test_axe_finds_no_violations(opened: Any, reading_url: str, path: str, scheme: str):
    page = opened(PHONE if path == ESSAY else WIDE, scheme)
    page.goto(reading_url + path)
    page.wait_for_load_state("networkidle")
    if path == ESSAY:
        page.locator("#fnref2").hover()
        expect(page.locator("#note-popover")).to_be_visible()
    violations = axe_violations(page)
    assert not violations, "\n".join(violations)


def test_the_nu_checker_finds_no_errors(reading_site: Path):
    tools = find_vnu()
    if tools is None:
        missing_tool("java or node_modules/vnu-jar not found (npm ci --ignore-scripts)")
    java, jar = tools
    run = subprocess.run(
        [java, "-jar", str(jar), "--errors-only", "--skip-non-html", "--format", "json"]
        + ["--stdout", str(reading_site)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    errors = [m for m in json.loads(run.stdout)["messages"] if m.get("type") != "info"]
    assert errors == []


def test_everything_reads_without_javascript(opened: Any, reading_url: str):
    page = opened(WIDE, java_script_enabled=False)
    page.goto(reading_url + ESSAY)
    page.locator('li#fn2 .note-source:has(a[href$="/grafton1997.html"]) a.cite-next').click()
    expect(page.locator("li#fn5")).to_be_in_viewport()
    page.locator('sup:has(#fnref1) + .sidenote a[href="../sources/grafton1997.html"]').click()
    expect(page).to_have_url(re.compile(r"/sources/grafton1997\.html$"))


# --- Source pages and the essay's header ----------------------------------------------


def test_an_image_credit_shows_only_on_a_page_with_an_image(reading_site: Path):
    with_image = (reading_site / "essays" / "pictures.html").read_text(encoding="utf-8")
    without = (reading_site / "essays" / "letters.html").read_text(encoding="utf-8")
    assert '<p class="image-credit">Image credit: Drawing by Ada Example</p>' in with_image
    assert "Ada Example" not in without


def test_cite_this_essay_names_the_corpus_when_the_essay_names_no_publisher(reading_site: Path):
    page = (reading_site / "essays" / "letters.html").read_text(encoding="utf-8")
    cited = re.search(r'<pre id="cite-chicago">(.*?)</pre>', page, re.S).group(1)
    assert cited == "“Letters about Books.” Glossator corpus."


def test_a_source_page_counts_in_words_and_speaks_plainly(reading_site: Path):
    page = (reading_site / GRAFTON).read_text(encoding="utf-8")
    assert '<p class="cited-count">Cited 4 times.</p>' in page
    jackson = (reading_site / "sources" / "jackson2001.html").read_text(encoding="utf-8")
    assert "Cited twice" not in jackson and "Cited 2 times." in jackson
