"""`glossator serve` in Chromium: an edit reloads the open essay first, at the place
the reader had scrolled to, and the other open pages once the site is published."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

import pytest

from conftest import open_context, session_served
from glossator.serve import Session

PARAGRAPHS = "\n\n".join(
    f"Paragraph {n} of the readers' quarrel with the scribes, long enough to scroll past." * 3
    for n in range(1, 40)
)
ESSAY = f"""---
title: Marginal Hands
author: Ida Lorne
date: 2020-05
---

Scribes left their notes beside the text.[^1]

{PARAGRAPHS}

[^1]: Anthony Grafton, *The Footnote: A Curious History* (Cambridge, MA:
    Harvard University Press, 1997), 24.
"""


@pytest.fixture
def serving(tmp_path: Path):
    content = tmp_path / "content"
    (content / "essays").mkdir(parents=True)
    (content / "site.yaml").write_text("title: Margins\n", encoding="utf-8")
    (content / "essays" / "marginal-hands.md").write_text(ESSAY, encoding="utf-8")
    said: list[str] = []
    session = Session(content, tmp_path / "_site", said.append)
    with session_served(session) as port:
        yield session, f"http://127.0.0.1:{port}/", said


def listening(session: Session, page: Any, pages: int) -> None:
    """Until `pages` events streams are open (waiting through Playwright, whose sync
    API routes the pages' requests only while it is called)."""
    deadline = time.monotonic() + 10
    while sum(session._open.values()) < pages:
        assert time.monotonic() < deadline, "the pages never opened their events stream"
        page.wait_for_timeout(20)


def test_an_edit_reloads_the_open_essay_first_keeping_its_place(browser: Any, serving):
    session, url, said = serving
    context = open_context(browser, url)
    try:
        essay, home = context.new_page(), context.new_page()
        essay.goto(url + "essays/marginal-hands.html")
        home.goto(url)
        listening(session, essay, 2)
        essay.evaluate("window.scrollTo(0, 900)")
        essay.wait_for_function("window.scrollY > 800")
        path = session.content / "essays" / "marginal-hands.md"
        path.write_text(ESSAY.replace("Scribes left", "Copyists left"), encoding="utf-8")
        rebuild = threading.Thread(target=session.rebuild)  # the pages reload meanwhile
        rebuild.start()
        essay.wait_for_function("document.body.textContent.includes('Copyists left')")
        essay.wait_for_load_state("load")
        essay.wait_for_function("Math.abs(window.scrollY - 900) < 5")
        home.wait_for_function("document.body.textContent.includes('Copyists left')")
        rebuild.join(30)
        assert any("(open page shown in " in line for line in said)
        assert not context.offsite_requests
    finally:
        context.close()
