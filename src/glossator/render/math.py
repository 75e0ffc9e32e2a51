"""TeX math to MathML at build time, so a page shows formulas without any script.

latex2mathml is lenient: it turns `\\frac{a` into a fraction with one child and an
unknown `\\foo` into an identifier. Such output is checked here (each MathML element
has the children its kind needs, no command is left over) and refused, so a TeX error
shows as its source in `<code class="math-error">` and never breaks the page or the
build. The TeX source stays in the MathML as its annotation, as Pandoc's `--mathml`
writes it: screen readers and copy-paste can use it.
"""

from __future__ import annotations

import re
from xml.etree import ElementTree

from markupsafe import Markup, escape

MATHML = "{http://www.w3.org/1998/Math/MathML}"
# How many children each MathML layout element needs.
ARITY = {"mfrac": 2, "msup": 2, "msub": 2, "msubsup": 3, "mroot": 2}
ARITY |= {"munder": 2, "mover": 2, "munderover": 3}
TOKENS = ("mi", "mo", "mn", "mtext")
MATH_ERROR = '<code class="math-error" title="TeX that could not be shown">{}</code>'
BRACES = re.compile(r"\\.|[{}]")  # an escaped character, or a brace


class MathError(ValueError):
    """TeX that latex2mathml cannot turn into well-formed MathML."""


def tex_to_mathml(tex: str, display: bool = False) -> str:
    """The MathML of `tex` (a `<math>` element with the TeX as its annotation), or
    MathError when the TeX is not well formed."""
    if not _balanced(tex):
        raise MathError("unbalanced braces")
    from latex2mathml.converter import convert  # here: most pages have no math (~10 ms)

    try:
        converted = convert(tex, display="block" if display else "inline")
    except Exception as exc:  # latex2mathml raises many kinds, some not its own
        raise MathError(f"{type(exc).__name__}: {exc}") from None
    try:
        root = ElementTree.fromstring(converted)
    except ElementTree.ParseError as exc:
        raise MathError(str(exc)) from None
    _check(root)
    start = converted.index(">") + 1
    end = converted.rindex("</math>")
    return (
        converted[:start]
        + "<semantics>"
        + converted[start:end]
        + f'<annotation encoding="application/x-tex">{escape(tex)}</annotation>'
        + "</semantics></math>"
    )


def _balanced(tex: str) -> bool:
    depth = 0
    for token in BRACES.findall(tex):
        depth += {"{": 1, "}": -1}.get(token, 0)
        if depth < 0:
            return False
    return depth == 0


def _check(root: ElementTree.Element) -> None:
    for element in root.iter():
        name = element.tag.removeprefix(MATHML)
        need = ARITY.get(name)
        if need is not None and len(element) != need:
            raise MathError(f"<{name}> needs {need} parts, has {len(element)}")
        if name in TOKENS and (element.text or "").startswith("\\") and len(element.text) > 1:
            raise MathError(f"unknown command {element.text}")


def math_html(tex: str, display: bool = False) -> Markup:
    """MathML for the page, or the TeX source as code when it cannot be converted."""
    try:
        return Markup(tex_to_mathml(tex, display))
    except MathError:
        delimiter = "$$" if display else "$"
        return Markup(MATH_ERROR).format(f"{delimiter}{tex}{delimiter}")
