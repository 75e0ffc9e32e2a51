"""The pages open in a browser, rendered before the rest of the site (serve only).

An edit in serve is read, linked and formatted in a fraction of what rendering and
publishing every page it touches then takes. The page the author is looking at is
rendered first, by the very function `render_jobs` renders it with, from the same
formatted corpus, so its bytes are those the build then publishes: serve shows them
at once (`serve/session.py`), as Hugo's fast render mode does, while the build goes
on to publish the whole site.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from markupsafe import Markup

from glossator.config import SiteConfig
from glossator.format.corpus import FormattedCorpus
from glossator.render.citing import short_title
from glossator.render.pages import make_environment, work_label
from glossator.render.site import PageRenderer, essay_page, essay_path
from glossator.render.templating import as_search_path
from glossator.render.views import Lazy, by_essay, own_keys, own_view, places_by_essay


def essay_pages(
    site: SiteConfig,
    corpus: FormattedCorpus,
    templates_dir: Path | Sequence[Path],
    slugs: list[str],
) -> dict[str, bytes]:
    """The pages of the essays `slugs` (those the corpus has), by output path, as
    `render_jobs` renders them with the same arguments."""
    linked, formatted = corpus.linked, corpus.entries
    documents = {doc.slug: doc for doc in linked.documents}
    wanted = [documents[slug] for slug in slugs if slug in documents]
    if not wanted:
        return {}
    folders = as_search_path(templates_dir)
    env = make_environment(folders)
    has_search = any((folder / "search.html").is_file() for folder in folders)
    keys = list(linked.works)  # Lazy's keys: only looked up, never listed here
    render = PageRenderer(
        env,
        site,
        has_search,
        formatted,
        Lazy(list(formatted), lambda k: Markup(formatted[k].html), formatted),
        Lazy(keys, lambda k: work_label(linked.works[k]), linked.works),
    )
    shorts = Lazy(
        keys, lambda k: short_title(linked.works[k], corpus.csl_items.get(k)), linked.works
    )
    pages = {}
    slugs_wanted = {doc.slug for doc in wanted}
    all_mentions = by_essay(linked.mentions, slugs_wanted)
    all_cites = by_essay(linked.note_cites, slugs_wanted)
    for doc in wanted:
        mentions, cites = all_mentions.get(doc.slug, {}), all_cites.get(doc.slug, {})
        shown = own_keys(doc, linked, cites)
        places = places_by_essay(linked, [(doc.slug, shown)])
        own = own_view(doc, linked, mentions, cites, places, shown)
        pages[essay_path(doc.slug)] = essay_page(render, doc, own, shown, shorts)
    return pages
