"""YAML mappings with the line of each key, so every message can say `path:line`.

Shared by the site configuration and the documents' metadata: both are YAML written
by hand, and a mistake in either must point at its line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from glossator.diagnostics import Diagnostic, error


class TextDateLoader(yaml.SafeLoader):
    """SafeLoader that keeps dates as written: `2016-12` and `2016-12-01` stay text, and
    an impossible date is reported by the metadata checks instead of crashing YAML."""


TextDateLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass
class YamlMapping:
    """A YAML mapping with the source line (1-based) of each key."""

    values: dict[str, Any] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)

    def line(self, key: str, default: int = 1) -> int:
        return self.lines.get(key, default)


def load_yaml_mapping(
    text: str, path: str, first_line: int = 1
) -> tuple[YamlMapping | None, list[Diagnostic]]:
    """Parse YAML that must be a mapping; `first_line` offsets lines for front matter."""
    try:
        node = yaml.compose(text, Loader=TextDateLoader)
        values = yaml.load(text, Loader=TextDateLoader)  # noqa: S506 (a SafeLoader)
    except RecursionError:
        return None, [error(path, first_line, "yaml.invalid", "YAML nested too deeply")]
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = first_line + (mark.line if mark else 0)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        return None, [error(path, line, "yaml.invalid", f"invalid YAML: {problem}; fix the syntax")]
    if values is None:
        return YamlMapping(), []
    if not isinstance(values, dict) or not isinstance(node, yaml.MappingNode):
        return None, [
            error(
                path,
                first_line,
                "yaml.not-mapping",
                "metadata must be a YAML mapping of `field: value` lines",
            )
        ]
    lines: dict[str, int] = {}
    diagnostics = []
    for key, _ in node.value:
        if not isinstance(key, yaml.ScalarNode):
            continue
        line = first_line + key.start_mark.line
        if str(key.value) in lines:
            diagnostics.append(
                error(
                    path,
                    line,
                    "yaml.duplicate-key",
                    f"`{key.value}` is given twice (first at line {lines[str(key.value)]}); "
                    "keep one",
                )
            )
        else:
            lines[str(key.value)] = line
    return YamlMapping({str(k): v for k, v in values.items()}, lines), diagnostics


def as_text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, (str, int, float)):
        return str(value).strip() or None
    return None
