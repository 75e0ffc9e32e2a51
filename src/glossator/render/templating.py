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
from importlib.resources import files
from pathlib import Path

from jinja2 import TemplateError, TemplateNotFound, TemplateSyntaxError

from glossator.diagnostics import Diagnostic, display_path, error

SITE_TEMPLATES = "templates"  # beside content/, in the site's root


def builtin_templates() -> Path:
    """The folder of the templates shipped with glossator."""
    try:
        folder = files("glossator.templates")
    except ModuleNotFoundError:  # an editable install made before the templates were data
        raise RuntimeError(
            "glossator's templates are not installed; reinstall it (`make` does, "
            "or `pip install -e .`)"
        ) from None
    if not isinstance(folder, Path):  # a zipped install: Jinja needs real files
        raise RuntimeError(f"glossator's templates are not in a folder ({folder}); reinstall it")
    return folder


def site_templates(content_dir: Path) -> Path:
    """A site's own templates: the `templates/` folder beside its content folder."""
    return content_dir.resolve().parent / SITE_TEMPLATES


def search_path(content_dir: Path, builtin: Path) -> list[Path]:
    """The folders templates and static files are looked up in, first match first: the
    site's folder when it exists (and is not the built-in set itself, as in glossator's
    own repository), then the built-in set."""
    site = site_templates(content_dir)
    if site.is_dir() and site.resolve() != builtin.resolve():
        return [site, builtin]
    return [builtin]


def as_search_path(templates: Path | Sequence[Path]) -> list[Path]:
    return [templates] if isinstance(templates, Path) else list(templates)


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
