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
# An essay in Russian on an English site: its own parts' headings in its language,
# the site's English text marked as English, its headings' ids in Cyrillic.
RUSSIAN_ESSAY = """\
---
title: Поля и сноски
lang: ru-RU
abstract: Как читатели оставляют *заметки* на полях.
keywords: [маргиналии, сноски]
---

# Цель работы

Описать, как сноска уводит читателя вниз страницы.[^1] Подробнее см.
[выводы](#выводы).

# Выводы

Сноска остаётся рядом с текстом.[^2]

[^1]: Энтони Графтон, *Трагическая история сноски* (Москва, 2000), 12.

[^2]: Там же, 15.
"""
PAGES = ["margins-and-footnotes", "an-apparatus-in-parts", "front-matter", "polia"]


@pytest.fixture(scope="module")
def constructs_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("constructs")
    essays = root / "content" / "essays"
    essays.mkdir(parents=True)
    for path in FIXTURES.glob("*.md"):
        shutil.copy(path, essays / path.name)
    (essays / "front-matter.md").write_text(FRONT_MATTER_ESSAY, encoding="utf-8")
    (essays / "polia.md").write_text(RUSSIAN_ESSAY, encoding="utf-8")
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


def test_an_essay_in_another_language_names_its_parts_in_it(constructs_site: Path):
    page = (constructs_site / "essays" / "polia.html").read_text(encoding="utf-8")
    assert page.startswith('<!DOCTYPE html>\n<html lang="ru-RU">')
    for heading in (
        '<h2 id="toc-h">Содержание</h2>',
        '<h2 id="abstract-h">Аннотация</h2>',
        '<h2 id="notes-h">Примечания</h2>',
        '<h2 id="cite-h">Как цитировать</h2>',
        '<span class="keywords-label">Ключевые слова:</span>',
    ):
        assert heading in page
    # Its headings' anchors keep their letters, and a link to one finds it.
    assert '<a class="heading-anchor" href="#цель-работы">Цель работы</a>' in page
    assert 'href="#выводы"' in page and 'id="выводы"' in page
    # The site's own English text says it is English; the essay's text does not.
    assert '<nav class="site-nav" aria-label="Site" lang="en">' in page
    assert '<a class="site-title" href="../index.html" lang="en">' in page
    assert '<p class="essay-counts" lang="en">' in page
    assert '<p class="cite-paragraph" lang="en">' in page
    body = page[page.index('<div class="essay-body">') : page.index('<section class="notes"')]
    assert 'lang="en"' not in body


def test_an_english_essay_marks_no_part_as_english(constructs_site: Path):
    page = (constructs_site / "essays" / "front-matter.html").read_text(encoding="utf-8")
    assert 'lang="en"' not in page.split("\n", 2)[2]  # only <html lang="en"> says it
    assert '<h2 id="toc-h">Contents</h2>' in page and '<h2 id="cite-h">Cite this essay</h2>' in page
