"""Stage 5, render: the formatted corpus as files (pages through Jinja2, head metadata,
cite-this downloads, feeds, the JSON API), returned as path -> bytes; nothing written.
`render_jobs` skips the pages whose inputs are those the published site was made from."""

from glossator.render.pages import TEMPLATES_DIR
from glossator.render.site import Rendered, render_jobs, render_site

__all__ = ["TEMPLATES_DIR", "Rendered", "render_jobs", "render_site"]
