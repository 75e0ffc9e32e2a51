"""BibTeX name lists (`author`, `editor`, …) as CSL names, by BibTeX's own rules.

A list is split at " and " outside braces; a name is "First von Last", "von Last,
First" or "von Last, Jr, First", where the von part is the run of words that start in
lower case outside braces. A name braced whole (`{World Health Organization}`) is a
corporate name, never split. `and others` marks a list cut short: no name of its own.
biblatex's extended format (`family=…, given=…, prefix=…`) is read too.
"""

from __future__ import annotations

import re


def split_names(field: str) -> list[str]:
    """Split a BibTeX name list on " and " outside braces (any case, any spacing)."""
    names, depth, start, i = [], 0, 0, 0
    lower = field.lower()
    while i < len(field):
        ch = field[i]
        depth += (ch == "{") - (ch == "}")
        if depth == 0 and ch.isspace() and lower.startswith("and", i + 1):
            after = i + 4
            if after < len(field) and field[after].isspace():
                names.append(field[start:i])
                start = i = after
                continue
        i += 1
    names.append(field[start:])
    return [n.strip() for n in names if n.strip()]


def _words(text: str) -> list[str]:
    """Words at brace depth 0 (a `~` or a `-` between them does not split)."""
    words, depth, current = [], 0, ""
    for ch in text:
        depth += (ch == "{") - (ch == "}")
        if depth == 0 and ch.isspace():
            if current:
                words.append(current)
            current = ""
        else:
            current += ch
    if current:
        words.append(current)
    return words


def _lowercase(word: str) -> bool:
    """BibTeX's test for a von word: its first letter outside braces is lower case."""
    depth = 0
    for ch in word:
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
        elif depth == 0 and ch.isalpha():
            return ch.islower()
    return False


def _split_commas(name: str) -> list[str]:
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(name):
        depth += (ch == "{") - (ch == "}")
        if ch == "," and depth == 0:
            parts.append(name[start:i])
            start = i + 1
    parts.append(name[start:])
    return [p.strip() for p in parts]


def _unbrace(text: str) -> str:
    return " ".join(text.replace("{", "").replace("}", "").split())


_EXTENDED = re.compile(r"\s*(family|given|prefix|suffix|useprefix|[a-z]+-i)\s*=(.*)", re.S)


def _extended(parts: list[str]) -> dict[str, str] | None:
    """biblatex's extended name format (`family=Hoen, given=Peter, prefix=’t,
    useprefix=false`), which Better BibTeX writes for names with particles."""
    found = {}
    for part in parts:
        m = _EXTENDED.fullmatch(part)
        if not m:
            return None
        found[m[1]] = _unbrace(m[2])
    if "family" not in found and "given" not in found:
        return None
    person = {k: found[k] for k in ("family", "given", "suffix") if found.get(k)}
    if found.get("prefix"):
        use = found.get("useprefix", "").lower() == "true"
        person["non-dropping-particle" if use else "dropping-particle"] = found["prefix"]
    return person


def parse_name(name: str) -> dict[str, str]:
    """One BibTeX name → a CSL name (`family`, `given`, particles, `suffix`, or `literal`)."""
    name = name.strip()
    if "=" in name:
        extended = _extended(_split_commas(name))
        if extended:
            return extended
    if name.startswith("{") and name.endswith("}") and _words(name) == [name]:
        depth = 0
        for i, ch in enumerate(name):
            depth += (ch == "{") - (ch == "}")
            if depth == 0 and i < len(name) - 1:
                break  # `{A} {B}`-like: two groups, not one corporate name
        else:
            return {"literal": _unbrace(name)}
    parts = _split_commas(name)
    suffix = ""
    if len(parts) == 1:
        words = _words(parts[0])
        last = len(words) - 1
        first_von = next((i for i in range(last) if _lowercase(words[i])), None)
        if first_von is None:
            given, von, family = words[:last], [], words[last:]
        else:
            last_von = max(i for i in range(first_von, last) if _lowercase(words[i]))
            given = words[:first_von]
            von, family = words[first_von : last_von + 1], words[last_von + 1 :]
    else:
        words = _words(parts[0])
        von_end = 0  # biblatex: only leading lower-case words ("Drummond de Andrade")
        while von_end < len(words) - 1 and _lowercase(words[von_end]):
            von_end += 1
        von, family = words[:von_end], words[von_end:]
        given = _words(parts[-1])
        suffix = parts[1] if len(parts) > 2 else ""
    person: dict[str, str] = {"family": _unbrace(" ".join(family))}
    if given:
        person["given"] = _unbrace(" ".join(given))
    if von:
        person["dropping-particle"] = _unbrace(" ".join(von))
    if suffix:
        person["suffix"] = _unbrace(suffix)
    return person


OTHERS = {"literal": "others"}


def parse_names(field: str) -> list[dict[str, str]]:
    """A BibTeX name list → CSL names; `and others` (a list cut short) ends it in
    `{"literal": "others"}`, as Pandoc writes it, which the engine prints "et al."."""
    names = [parse_name(n) for n in split_names(field) if n.lower() != "others"]
    return names + [dict(OTHERS)] if names and has_others(field) else names


def has_others(field: str) -> bool:
    """Whether the list ends in `and others` (biblatex prints "et al." for it)."""
    names = split_names(field)
    return bool(names) and names[-1].lower() == "others"
