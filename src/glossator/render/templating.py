"""Where templates come from: the site's own `templates/` folder, then the built-in set.

The built-in templates live in the repository's top-level `templates/` folder, which
pyproject.toml ships as the package `glossator.templates`; importlib.resources finds it
both in an editable install (the folder itself) and in an installed wheel (its copy), so
no path is computed from this file's place in the source tree.

A site overrides a template, or a static file, by putting one with the same name in
`templates/` in its root, the folder holding `content/`.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from jinja2 import TemplateError, TemplateNotFound, TemplateSyntaxError

from glossator.diagnostics import Diagnostic, display_path, error
from glossator.paths import (  # where the folders are: decided with every other path
    SITE_TEMPLATES,
    as_search_path,
    builtin_templates,
    search_path,
    site_templates,
)

__all__ = [
    "SITE_TEMPLATES",
    "as_search_path",
    "builtin_templates",
    "search_path",
    "site_templates",
    "template_problem",
]


def template_problem(exc: TemplateError, folders: Sequence[Path]) -> Diagnostic:
    """A template that is missing or fails to render, as an error naming the template
    file and line (not an exception: a broken site template is a content problem)."""
    where = ", ".join(display_path(f) for f in folders)
    if isinstance(exc, TemplateSyntaxError):
        path = exc.filename or exc.name or where
        return error(
            display_path(Path(path)) if exc.filename else path,
            exc.lineno,
            "template.syntax",
            f"invalid template: {exc.message}; fix the Jinja syntax",
        )
    path, line = _failing_template(exc, folders) or (where, 1)
    if isinstance(exc, TemplateNotFound):
        return error(
            path,
            line,
            "template.missing",
            f"template `{exc.name}` not found (looked in {where}); name one that exists, "
            "or reinstall glossator if its own templates are missing",
        )
    return error(
        path,
        line,
        "template.render",
        f"template failed to render: {exc.message or type(exc).__name__}; fix the template",
    )


def _failing_template(exc: BaseException, folders: Sequence[Path]) -> tuple[str, int] | None:
    """The innermost template file and line in the traceback (Jinja rewrites its frames
    to point at templates), when that file is in one of `folders`."""
    roots = [f.resolve() for f in folders]
    found = None
    tb = exc.__traceback__
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        path = Path(filename)
        if filename.endswith(".html") and any(path.resolve().is_relative_to(r) for r in roots):
            found = (display_path(path), tb.tb_lineno)
        tb = tb.tb_next
    return found
