"""Stage 5, render: the formatted corpus as files (pages through Jinja2, head metadata,
cite-this downloads, feeds, the JSON API), returned as path -> bytes; nothing written."""

from glossator.render.pages import TEMPLATES_DIR, render_site

__all__ = ["TEMPLATES_DIR", "render_site"]
