"""Pagefind's time limits and failure messages, with a stand-in for its binary.

The stand-in speaks the service protocol (base64 JSON messages ending in a comma) and
sleeps before each reply as told, so the tests can make one reply late, or many
replies slow, without a real Pagefind.
"""

from __future__ import annotations

import gc
import stat
import sys
import weakref
from collections.abc import Mapping
from pathlib import Path

import pytest

from glossator.cores import usable_cores
from glossator.pipeline import plan
from glossator.search import pagefind
from glossator.search.bundles import Page, bundle_pages
from glossator.search.pagefind import build_bundles, search_index

CONTENT = Path(__file__).resolve().parents[2] / "content"

SERVICE = r"""
import base64, json, sys, time
per_page, per_mb, late = {per_page!r}, {per_mb!r}, {late!r}
buffer = b""
out = sys.stdout.buffer
while True:
    chunk = sys.stdin.buffer.read1(65536)
    if not chunk:
        break
    buffer += chunk
    while b"," in buffer:
        message, _, buffer = buffer.partition(b",")
        request = json.loads(base64.b64decode(message))
        payload = request["payload"]
        kind = payload["type"]
        if kind == "NewIndex":
            answer = {{"type": "IndexedRecord", "index_id": 1}}
        elif kind == "AddFile":
            time.sleep(per_page + per_mb * len(payload["file_contents"]) / 1e6)
            if payload["url"] == late:
                time.sleep(3600)
            answer = {{"type": "IndexedFile"}}
        elif kind == "DeleteIndex":
            answer = {{"type": "DeleteIndex"}}
        else:
            js = base64.b64encode(b"// pagefind").decode()
            answer = {{"type": "GetFiles", "files": [{{"path": "pagefind.js", "content": js}}]}}
        reply = {{"message_id": request["message_id"], "payload": answer}}
        out.write(base64.b64encode(json.dumps(reply).encode()) + b",")
        out.flush()
"""


def stand_in(tmp_path: Path, per_page: float = 0.0, per_mb: float = 0.0, late: str = "") -> Path:
    path = tmp_path / "pagefind"
    script = SERVICE.format(per_page=per_page, per_mb=per_mb, late=late)
    path.write_text(f"#!{sys.executable}\n{script}", encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return path


def pages(count: int, size: int = 20) -> dict[int, list[Page]]:
    """One bundle of `count` pages of `size` characters."""
    return {0: [Page(f"essays/a{i}.html", "w" * size) for i in range(count)]}


pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="a script stands in")


@pytest.fixture(scope="module")
def seed_plan():
    return plan(CONTENT)


def test_many_slow_replies_are_not_one_late_reply(tmp_path, monkeypatch):
    """Twelve replies of 0.25 s each: 3 s in all, three times the limit of one reply,
    which the old limit for the whole run would have cut off."""
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(stand_in(tmp_path, per_page=0.25)))
    monkeypatch.setattr(pagefind, "TIMEOUT", 1.0)
    assert build_bundles(pages(12), "en") == {0: {"pagefind.js": b"// pagefind"}}


def test_a_large_page_gets_time_in_proportion_to_its_size(tmp_path, monkeypatch):
    """A 2 MB page answered in 1.6 s (0.8 s a megabyte): beyond the 1 s a reply has,
    within the 1 s + 2 MB x 1 s its size allows."""
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(stand_in(tmp_path, per_mb=0.8)))
    monkeypatch.setattr(pagefind, "TIMEOUT", 1.0)
    monkeypatch.setattr(pagefind, "SECONDS_PER_MB", 1.0)
    assert "pagefind.js" in build_bundles(pages(1, size=2_000_000), "en")[0]
    monkeypatch.setattr(pagefind, "SECONDS_PER_MB", 0.0)  # the same, with no allowance
    with pytest.raises(pagefind.SearchError, match=r"no answer to the page essays/a0\.html"):
        build_bundles(pages(1, size=2_000_000), "en")


def test_a_late_reply_says_which_and_not_to_install_pagefind(tmp_path, monkeypatch, seed_plan):
    documents, site = seed_plan.linked.documents, seed_plan.corpus.site
    [url] = [p.url for bundle in bundle_pages(documents).values() for p in bundle][-1:]
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(stand_in(tmp_path, late=url)))
    monkeypatch.setattr(pagefind, "TIMEOUT", 1.0)
    files, [diagnostic] = search_index(documents, site)
    assert files == {}
    assert diagnostic.code == "search.unavailable"
    assert f"pagefind stopped: no answer to the page {url} within 1 s" in diagnostic.message
    assert "Pagefind is installed but failed" in diagnostic.message
    assert "pip install" not in diagnostic.message


def test_a_missing_pagefind_says_to_install_it(tmp_path, no_pagefind, seed_plan):
    _, [diagnostic] = search_index(seed_plan.linked.documents, seed_plan.corpus.site)
    assert "the `pagefind[bin]` package is not installed" in diagnostic.message
    assert "Install Pagefind with `pip install 'pagefind[bin]'`" in diagnostic.message


class _Made(list):
    """A bundle's pages, as a mapping makes them (a list that can be watched)."""

    __hash__ = object.__hash__


def test_each_bundle_s_pages_are_asked_for_when_indexed_and_let_go_after(tmp_path, monkeypatch):
    """The site's pages are not all held at once: a bundle's are asked for as its turn
    comes, and each earlier one a service sent is collected by then."""
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(stand_in(tmp_path)))
    services = min(usable_cores(), 6)
    asked: list[int] = []
    alive: weakref.WeakSet = weakref.WeakSet()

    class Lazy(Mapping):
        def __getitem__(self, number: int) -> list[Page]:
            gc.collect()
            assert len(alive) < services, "an indexed bundle's pages are still held"
            asked.append(number)
            made = _Made(Page(f"essays/b{number}-{i}.html", "words") for i in range(3))
            alive.add(made)
            return made

        def __iter__(self):
            return iter(range(6))

        def __len__(self) -> int:
            return 6

    built = build_bundles(Lazy(), "en")
    assert sorted(asked) == list(range(6))  # each bundle's pages made once
    assert built == {n: {"pagefind.js": b"// pagefind"} for n in range(6)}
