"""A page is encoded a few thousand of Jinja2's pieces at a time: the same bytes as the
whole page rendered at once, and a template's error still raised as Jinja2 raises it."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jinja2 import DictLoader, Environment, StrictUndefined, UndefinedError

from glossator.render import site as site_module
from glossator.render.site import render_page

TEMPLATE = (
    "<ul>{% for w in words %}<li>{{ w }}</li>{% if loop.index % 3 %}, {% endif %}{% endfor %}</ul>"
)


def _env() -> Environment:
    loader = DictLoader({"page.html": TEMPLATE, "broken.html": "{{ missing.name }}"})
    return Environment(loader=loader, autoescape=True, undefined=StrictUndefined)


@settings(max_examples=60, deadline=None)
@given(
    words=st.lists(st.text(max_size=6), max_size=3 * 1500),
    batch=st.sampled_from([1, 2, 5, 4096]),
)
def test_a_page_in_batches_is_the_page_rendered_at_once(words, batch) -> None:
    env = _env()
    whole = env.get_template("page.html").render(words=words).encode("utf-8")
    original = site_module.BATCH
    site_module.BATCH = batch
    try:
        assert render_page(env, "page.html", {"words": words}) == whole
    finally:
        site_module.BATCH = original


def test_a_template_error_is_raised_as_jinja_raises_it() -> None:
    with pytest.raises(UndefinedError):
        render_page(_env(), "broken.html", {})
