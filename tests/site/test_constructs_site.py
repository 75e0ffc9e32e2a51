"""A second small site, of Markdown essays using every construct (the conformance
essays, and one with the front matter Pandoc knows, raw HTML and a TeX error): the Nu
HTML checker finds no errors, axe-core no violations in either colour scheme, a note's
popover shows its markup, and the page stays light."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest
from test_quality import WEIGHT_LIMIT, axe_violations, page_assets

from conftest import find_vnu, missing_tool, open_context, served
from glossator.cli import main

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "markdown" / "conformance"
FRONT_MATTER_ESSAY = """\
---
title: Front Matter, Raw HTML and Broken TeX
subtitle: Everything above the body
author:
  - name: Ann Smith
    affiliation: University of Somewhere
    orcid: 0000-0002-1825-0097
date: March 21, 2021
keywords: [marginalia, footnotes]
reference-section-title: Endnotes
abstract: |
  Readers *write* in books, and some of them publish it.
---

# Notes

A <b>tag</b> shown as text, and TeX that cannot be shown: $\\frac{a$.[^1] A work
cited by hand, listed below where the essay says.[^2]

<div class="aside">An HTML block.</div>

# Works cited

::: {#refs}
:::

[^1]: A note with a [link](https://example.org/), a list and a formula:

    - one $x^2$
    - two

    > and a quotation.

[^2]: Robert Bringhurst, *The Elements of Typographic Style* (Vancouver: Hartley &
    Marks, 1992), 68.
"""
PAGES = ["margins-and-footnotes", "an-apparatus-in-parts", "front-matter"]


@pytest.fixture(scope="module")
def constructs_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("constructs")
    essays = root / "content" / "essays"
    essays.mkdir(parents=True)
    for path in FIXTURES.glob("*.md"):
        shutil.copy(path, essays / path.name)
    (essays / "front-matter.md").write_text(FRONT_MATTER_ESSAY, encoding="utf-8")
    out = root / "_site"
    assert main(["build", "--content", str(root / "content"), "--out", str(out)]) == 0
    return out


@pytest.fixture(scope="module")
def constructs_url(constructs_site: Path) -> Iterator[str]:
    with served(constructs_site) as url:
        yield url


def test_the_nu_checker_finds_no_errors(constructs_site: Path):
    tools = find_vnu()
    if tools is None:
        missing_tool("java or node_modules/vnu-jar not found (npm ci --ignore-scripts)")
    java, jar = tools
    targets = [str(constructs_site / "essays" / f"{slug}.html") for slug in PAGES]
    run = subprocess.run(
        [java, "-jar", str(jar), "--errors-only", "--format", "json", "--stdout", *targets],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(run.stdout)["messages"]
    errors = [
        f"{Path(unquote(urlsplit(m.get('url', '')).path)).name}:{m.get('lastLine')}: "
        f"{m.get('message')}  [{(m.get('extract') or '').strip()[:120]}]"
        for m in messages
        if m.get("type") in ("error", "non-document-error")
    ]
    assert not errors, "\n".join(errors[:40])


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("slug", PAGES)
def test_axe_finds_no_violations(browser: Any, constructs_url: str, slug: str, scheme: str):
    context = open_context(browser, constructs_url)
    try:
        page = context.new_page()
        page.emulate_media(color_scheme=scheme)
        page.goto(f"{constructs_url}essays/{slug}.html")
        page.wait_for_load_state("networkidle")
        violations = axe_violations(page)
        assert not violations, f"axe-core on {slug} ({scheme}):\n" + "\n".join(violations)
        assert context.offsite_requests == []
    finally:
        context.close()


def test_the_popover_shows_the_notes_markup(browser: Any, constructs_url: str):
    context = open_context(browser, constructs_url)
    try:
        page = context.new_page()
        page.set_viewport_size({"width": 1024, "height": 900})  # no sidenotes beside
        page.goto(f"{constructs_url}essays/front-matter.html")
        page.locator('a.noteref[href="#fn1"]').first.hover()
        popover = page.locator("#note-popover")
        popover.wait_for(state="visible")
        assert popover.locator("li").count() == 2
        assert popover.locator("blockquote").count() == 1
        assert popover.locator("math").count() == 1
        assert popover.locator("a[href='https://example.org/']").count() == 1
        assert popover.locator("[id], [role=doc-backlink]").count() == 0
        assert axe_violations(page) == []
    finally:
        context.close()


@pytest.mark.parametrize("slug", PAGES)
def test_each_page_weighs_under_100_kb(constructs_site: Path, slug: str):
    sizes = page_assets(constructs_site, f"essays/{slug}.html")
    assert sum(sizes.values()) < WEIGHT_LIMIT, sizes


def test_the_works_cited_list_stands_where_the_essay_put_it(constructs_site: Path):
    page = (constructs_site / "essays" / "front-matter.html").read_text(encoding="utf-8")
    heading = page.index(">Works cited</a></h2>")
    listed = page.index('<ul class="bibliography works-cited">', heading)
    assert listed < page.index("</section>", heading) < page.index('id="notes-h"')
    item = page[listed : page.index("</ul>", listed)]
    assert item.count("<li>") == 1 and "<i>The Elements of Typographic Style</i>" in item
    href = item.split('href="', 1)[1].split('"', 1)[0]
    assert (constructs_site / "essays" / href).resolve().is_file()
