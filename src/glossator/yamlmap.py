"""YAML mappings with the line of each key, so every message can say `path:line`.

Shared by the site configuration and the documents' metadata: both are YAML written
by hand, and a mistake in either must point at its line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from glossator.diagnostics import Diagnostic, error, warning
from glossator.safetext import describe, unsafe_characters


class AliasRefused(yaml.YAMLError):
    def __init__(self, mark: yaml.Mark) -> None:
        self.mark = mark


class TextDateLoader(yaml.SafeLoader):
    """SafeLoader reading what people write in front matter as Pandoc does: text stays
    text. Only YAML 1.2's core booleans (`true`, `false`) and nulls (`null`, `~`, empty)
    are read as such; every other plain scalar is the string as written, so `title: No`
    stays "No" (YAML 1.1 made it False), `version: 1.10` stays "1.10", a 5,000-digit
    number is text rather than an error, and a date stays as written for the metadata
    checks. Aliases (`*name`) are refused, so no input can expand to gigabytes (an
    "alias bomb"); characters that are not text are dropped from strings (safetext.py)
    and their lines kept in `dropped`."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.dropped: list[tuple[int, str]] = []  # (line, what was dropped)

    def compose_node(self, parent, index):  # noqa: ANN001, ANN201 (PyYAML's signature)
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise AliasRefused(event.start_mark)
        return super().compose_node(parent, index)

    def construct_yaml_str(self, node):  # noqa: ANN001, ANN201
        value = super().construct_yaml_str(node)
        cleaned, count, first = unsafe_characters(value)
        if count:
            self.dropped.append((node.start_mark.line, describe(value, first, count)))
        return cleaned


TextDateLoader.yaml_implicit_resolvers = {}  # none of SafeLoader's (YAML 1.1) ones
TextDateLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool",
    re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
    list("tTfF"),
)
TextDateLoader.add_implicit_resolver(
    "tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""]
)
TextDateLoader.add_constructor("tag:yaml.org,2002:str", TextDateLoader.construct_yaml_str)
TextDateLoader.add_constructor(
    "tag:yaml.org,2002:bool",
    lambda loader, node: loader.construct_scalar(node).lower() == "true",
)


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
        loader = TextDateLoader(text)
    except yaml.YAMLError as exc:  # a character YAML refuses
        return None, [_yaml_error(exc, text, path, first_line)]
    try:
        node = loader.get_single_node()
        values = loader.construct_document(node) if node is not None else None
    except RecursionError:
        return None, [error(path, first_line, "yaml.invalid", "YAML nested too deeply")]
    except AliasRefused as exc:
        message = "YAML aliases (`*name`) are not supported; write the value out in full"
        return None, [error(path, first_line + exc.mark.line, "yaml.alias", message)]
    except yaml.YAMLError as exc:
        return None, [_yaml_error(exc, text, path, first_line)]
    except (ValueError, OverflowError, IndexError, TypeError):
        # an explicit tag PyYAML cannot make (`!!int` of nothing or of 5,000 digits)
        message = "a value with an explicit tag (`!!int`, `!!float`, …) cannot be read; "
        return None, [error(path, first_line, "yaml.invalid", message + "remove the tag")]
    finally:
        loader.dispose()
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
    diagnostics = [
        warning(path, first_line + line, "yaml.unsafe-character", what)
        for line, what in loader.dropped
    ]
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
        lines[str(key.value)] = line  # YAML keeps the last value: report it at its line
    return YamlMapping({str(k): v for k, v in values.items()}, lines), diagnostics


def _yaml_error(exc: yaml.YAMLError, text: str, path: str, first_line: int) -> Diagnostic:
    """The parser's complaint at its line. An unclosed quote is reported where the quote
    opens (the scanner only notices at the end of the text); a character YAML refuses at
    its own line."""
    if isinstance(exc, yaml.reader.ReaderError):
        line = text.count("\n", 0, max(exc.position, 0))
        return error(
            path,
            first_line + line,
            "yaml.invalid",
            f"invalid YAML: character U+{exc.character:04X} is not allowed; remove it"
            if isinstance(exc.character, int)
            else "invalid YAML: a character is not allowed; remove it",
        )
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    context = getattr(exc, "context", None) or ""
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    if "quoted scalar" in context and getattr(exc, "context_mark", None) is not None:
        mark = exc.context_mark
        problem = f"a quoted value is not closed ({problem})"
    line = first_line + (mark.line if mark else 0)
    return error(path, line, "yaml.invalid", f"invalid YAML: {problem}; fix the syntax")


def as_text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, (str, int, float)):
        return str(value).strip() or None
    return None
