"""Which template files a page depends on: its template and every one it extends,
includes or imports, as the search path resolves each name (a page's signature
holds these and no others)."""

from __future__ import annotations

from jinja2 import Environment, TemplateNotFound, meta

from glossator.cache import digest


def template_key(env: Environment, name: str) -> str:
    """The files a template is made of (it, what it extends, includes and imports, as
    the search path resolves each name): a page depends on these and no others. A name
    computed at render time makes it depend on every template."""
    seen: dict[str, tuple[str, str]] = {}
    todo = [name]
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        try:
            source, filename, _ = env.loader.get_source(env, current)
        except TemplateNotFound:  # so keyed until it exists: rendering names the line
            seen[current] = ("", "\0missing")  # that wants it, or does without it
            continue
        seen[current] = (filename or "", source)
        for found in _referenced(env, source, current, filename):
            if found is None:
                return digest("all", *(f"{n}:{s}" for n, s in _every_template(env)))
            todo.append(found)
    return digest(*(f"{n}\0{f}\0{s}" for n, (f, s) in sorted(seen.items())))


_REFERENCED: dict[str, list[str | None]] = {}  # a template's source -> the names it uses


def _referenced(
    env: Environment, source: str, name: str | None = None, filename: str | None = None
) -> list[str | None]:
    """The templates `source` extends, includes and imports (None for a computed
    name): a pure function of the source, kept for the next build in this process
    (serve), as parsing the templates again took a good part of a small rebuild. A
    syntax error names the template's file and line (`name`, `filename`), as Jinja's
    own loading of it does: a page may be signed before it is rendered."""
    found = _REFERENCED.get(source)
    if found is None:
        if len(_REFERENCED) > 256:  # templates edited all day: the oldest go
            _REFERENCED.clear()
        parsed = env.parse(source, name, filename)
        found = _REFERENCED[source] = list(meta.find_referenced_templates(parsed))
    return found


def _every_template(env: Environment) -> list[tuple[str, str]]:
    return [
        (n, env.loader.get_source(env, n)[0])
        for n in sorted(env.list_templates(extensions=["html"]))
    ]
