"""The pages listing the corpus (home, about, the feed, the sitemap) and the static
files: each page a job of `site.render_jobs`, signed by what it shows of each essay
(`signatures.home_shows` and the others), made from the essays' pieces."""

from __future__ import annotations

from collections.abc import Callable, MutableMapping
from itertools import chain
from operator import itemgetter
from pathlib import Path
from typing import Any

from glossator.config import SiteConfig
from glossator.render.feeds import atom_feed, sitemap
from glossator.render.pages import about_paragraphs, site_citation
from glossator.render.signatures import about_shows, feed_shows, map_shows
from glossator.render.views import EssayPiece, ListedEssay


def home_page(render: Any, listed: list[ListedEssay], pieces: dict[str, EssayPiece]) -> bytes:
    """The home page: each essay's slug, metadata, counts and excerpt (`home_shows`)."""
    return render(
        "index.html",
        "index.html",
        documents=listed,
        source_counts={d.slug: pieces[d.slug].sources for d in listed},
        excerpts={d.slug: pieces[d.slug].excerpt for d in listed},
    )


def corpus_pages(
    run: Any,
    render: Any,
    site: SiteConfig,
    listed: Callable[[], list[ListedEssay]],
    pieces: dict[str, EssayPiece],
    works: int,
) -> None:
    """The about page and the feed, each a job signed by what it shows of each essay
    (from the essays' pieces: a kept essay is not looked through again)."""
    ordered = list(pieces.values())  # in slug order, as the documents

    def counts() -> dict[str, int]:
        return {
            "essays": len(ordered),
            "notes": sum(p.notes for p in ordered),
            "works": works,
            "paragraphs": sum(p.paragraphs for p in ordered),
        }

    run(
        "about:",
        lambda: about_shows(pieces, works),
        lambda: {
            "about.html": render(
                "about.html",
                "about.html",
                documents=listed(),
                about=about_paragraphs(site.about),
                counts=counts(),
                site_citation=site_citation(site),
            )
        },
    )
    run(
        "feed:",
        lambda: feed_shows(pieces),
        lambda: {"feed.xml": atom_feed(site, [p.feed for p in ordered])},
    )


def site_map(
    files: MutableMapping[str, bytes], jobs: dict[str, tuple], run: Any, site: SiteConfig
) -> None:
    """The sitemap, of every page made now or kept: signed by their paths."""
    made = set(files)
    made.update(chain.from_iterable(map(itemgetter(1), jobs.values())))
    paths = sorted(p for p in made if p.endswith(".html") and p != "404.html")
    run("sitemap:", lambda: map_shows(paths), lambda: _sitemap_file(site, paths))


def _sitemap_file(site: SiteConfig, paths: list[str]) -> dict[str, bytes]:
    found = sitemap(site, paths)
    return {} if found is None else {"sitemap.xml": found}


def static_files(files: MutableMapping[str, bytes], folders: list[Path]) -> None:
    for folder in reversed(folders):  # a site's static file replaces the built-in one
        static = folder / "static"
        if static.is_dir():
            for asset in sorted(static.rglob("*")):
                if asset.is_file():
                    files[f"static/{asset.relative_to(static).as_posix()}"] = asset.read_bytes()
