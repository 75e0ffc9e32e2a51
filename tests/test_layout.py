"""The package's shape: stages in folders, data flowing one way, no cycles, small modules.

Read from the source with `ast`, so a newcomer's mistake (a render helper imported by
a reader, an import moved into a function to hide a cycle) fails here by name.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = SRC / "glossator"
MAX_LINES = 400

# Each stage may import from its own folder and from stages of a lower rank only.
RANK = {
    "__init__": 0,
    "diagnostics": 0,
    "yamlmap": 0,
    "safetext": 0,
    "config": 0,
    "paths": 0,
    "progress": 0,  # a callback type: stages report to it, nothing flows back
    "model": 0,
    "cache": 0,
    "cores": 0,
    "ingest": 1,
    "notes": 2,
    "bibliography": 3,
    "link": 4,
    "format": 5,
    "render": 6,
    "search": 6,
    "write": 7,
    "incremental": 7,
    "pipeline": 8,
    "serve": 9,
    "commands": 10,
    "cli": 11,
    "__main__": 12,
}
# Imports inside functions, each with its reason; nothing else may hide there.
DEFERRED = {
    ("glossator.search.pagefind", "pagefind_bin"),  # optional dependency, and its
    ("glossator.search.pagefind", "pagefind_bin_extended"),  # variant
    # Needed by few builds, each import some 10 ms of a small site's build:
    ("glossator.ingest.images", "imagesize"),  # essays with figures
    ("glossator.render.math", "latex2mathml.converter"),  # pages with math
    ("glossator.commands.progress", "tqdm"),  # a terminal watching the build
    # A command's code is imported when it runs, so that `glossator build` with nothing
    # to do answers from its record without importing the stages (most of its time).
    ("glossator.cli", "glossator.commands.serve"),
    ("glossator.cli", "glossator.commands.bib"),
    ("glossator.cli", "glossator.commands.init"),
    ("glossator.cli", "glossator.commands.format"),
    ("glossator.cli", "glossator.commands.importer"),
    ("glossator.commands.build", "glossator.pipeline"),
    ("glossator.model.metadata", "glossator.model.document"),  # for type checking only
    ("glossator.commands.build", "glossator.commands.progress"),  # not for a no-op
}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def stage(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def imports(path: Path) -> tuple[set[str], set[str]]:
    """(modules imported at module level, modules imported inside functions)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    top, nested = set(), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            # `from pkg import mod` imports the module `pkg.mod`; else names from `pkg`
            subs = {f"{node.module}.{a.name}" for a in node.names} & set(MODULES)
            names = subs | ({node.module} if len(subs) < len(node.names) else set())
        elif isinstance(node, ast.Import):
            names = {a.name for a in node.names}
        else:
            continue
        target = top if node.col_offset == 0 else nested
        target.update(n for n in names if n in MODULES or not n.startswith("glossator"))
    return top, nested


def test_every_module_lies_in_a_known_stage():
    assert {stage(m) for m in MODULES} <= set(RANK)


@pytest.mark.parametrize("module", sorted(MODULES))
def test_data_flows_one_way(module):
    top, _ = imports(MODULES[module])
    upstream = [
        m for m in top if m.startswith("glossator") and RANK[stage(m)] > RANK[stage(module)]
    ]
    assert upstream == [], f"{module} imports from a later stage"


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_import_hides_inside_a_function(module):
    _, nested = imports(MODULES[module])
    assert {(module, m) for m in nested} <= DEFERRED


@pytest.mark.parametrize("module", sorted(MODULES))
def test_modules_stay_small(module):
    assert len(MODULES[module].read_text(encoding="utf-8").splitlines()) <= MAX_LINES


def test_no_import_cycles():
    graph = {m: {i for i in imports(p)[0] if i in MODULES and i != m} for m, p in MODULES.items()}
    state: dict[str, int] = {}

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                cycle = trail[trail.index(nxt) :] + [nxt]
                pytest.fail("import cycle: " + " -> ".join(cycle))
            if nxt not in state:
                visit(nxt, [*trail, nxt])
        state[node] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])


def test_only_the_format_stage_imports_the_csl_engine():
    users = {m for m, p in MODULES.items() if any(i.startswith("citeproc") for i in imports(p)[0])}
    assert users and {stage(m) for m in users} == {"format"}


def test_the_checks_above_can_fail(tmp_path):
    """The import reader sees a nested import and a module-level one."""
    sample = tmp_path / "sample.py"
    sample.write_text("import json\n\ndef f():\n    import csv\n", encoding="utf-8")
    assert imports(sample) == ({"json"}, {"csv"})
