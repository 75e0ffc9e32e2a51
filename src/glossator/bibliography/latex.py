"""BibTeX field text (LaTeX) → Unicode, as BibTeX, biber and Pandoc read it.

Accents and named characters become Unicode; `\\emph{}`, `\\textit{}`, `\\textbf{}`,
`\\textsc{}`, `\\textsuperscript{}` become the rich-text tags CSL-JSON uses (`<i>`,
`<b>`, small caps, `<sup>`, `<sub>`); `\\mkbibquote{}` and `\\enquote{}` become quotation
marks; `\\url{}` and `\\href{}{}` their text. A braced group that protects case
(`{NATO}`) is kept with its braces, because CSL reads it as "never change the case"; a
group that starts with a command (`{\\"o}`, `{\\em x}`) is BibTeX's special character and
is not. Unknown commands are dropped and their arguments kept. A hand-written scanner
rather than a LaTeX parser: one pass, linear in the input, and it never fails.
"""

from __future__ import annotations

import re
import unicodedata

ACCENTS = {
    "'": "\u0301",
    "`": "\u0300",
    "^": "\u0302",
    '"': "\u0308",
    "~": "\u0303",
    "=": "\u0304",
    ".": "\u0307",
    "u": "\u0306",
    "v": "\u030c",
    "H": "\u030b",
    "c": "\u0327",
    "k": "\u0328",
    "r": "\u030a",
    "d": "\u0323",
    "b": "\u0331",
    "t": "\u0361",
}
SYMBOLS = {
    "ss": "ß", "SS": "SS", "o": "ø", "O": "Ø", "aa": "å", "AA": "Å", "ae": "æ", "AE": "Æ",
    "oe": "œ", "OE": "Œ", "l": "ł", "L": "Ł", "i": "ı", "j": "ȷ", "dh": "ð", "DH": "Ð",
    "th": "þ", "TH": "Þ", "dj": "đ", "DJ": "Đ", "ng": "ŋ", "NG": "Ŋ",
    "textendash": "–", "textemdash": "—", "dots": "…", "ldots": "…", "textellipsis": "…",
    "S": "§", "P": "¶", "textsection": "§", "textparagraph": "¶", "copyright": "©",
    "textcopyright": "©", "textregistered": "®", "texttrademark": "™", "pounds": "£",
    "textsterling": "£", "euro": "€", "texteuro": "€", "textdegree": "°", "textdollar": "$",
    "textquoteleft": "‘", "textquoteright": "’", "textquotedblleft": "“",
    "textquotedblright": "”", "guillemotleft": "«", "guillemotright": "»",
    "guillemetleft": "«", "guillemetright": "»", "textless": "<", "textgreater": ">",
    "textbackslash": "\\", "textasciitilde": "~", "textasciicircum": "^", "textbar": "|",
    "textunderscore": "_", "textbraceleft": "{", "textbraceright": "}", "LaTeX": "LaTeX",
    "TeX": "TeX", "BibTeX": "BibTeX", "slash": "/", "textbullet": "•", "textdagger": "†",
    "dag": "†", "ddag": "‡", "textperiodcentered": "·", "textexclamdown": "¡",
    "textquestiondown": "¿", "quad": "\u2003", "qquad": "\u2003\u2003", "textnumero": "№",
    "textmu": "µ", "textonehalf": "½", "textperthousand": "‰", "textminus": "−",
    "nobreakspace": "\u00a0", "textnbhy": "\u2011", "hyphen": "-", "space": " ",
    "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "pi": "π", "mu": "μ",
    "times": "×", "pm": "±", "leq": "≤", "geq": "≥", "neq": "≠", "infty": "∞", "cdot": "·",
    "leqslant": "≤", "geqslant": "≥", "le": "≤", "ge": "≥", "ll": "≪", "gg": "≫", "approx": "≈",
    "sim": "∼", "to": "→", "rightarrow": "→", "leftarrow": "←", "ell": "ℓ", "sigma": "σ",
    "lambda": "λ", "omega": "ω", "Omega": "Ω", "theta": "θ", "epsilon": "ε", "rho": "ρ",
    "tau": "τ", "phi": "φ", "chi": "χ", "psi": "ψ", "eta": "η", "kappa": "κ", "nu": "ν",
    "xi": "ξ", "zeta": "ζ", "Delta": "Δ", "Gamma": "Γ", "Lambda": "Λ", "Sigma": "Σ",
    "Phi": "Φ", "Psi": "Ψ", "Theta": "Θ", "Pi": "Π", "textpm": "±", "texttimes": "×",
}  # fmt: skip
# Control symbols: `\&`, `\ ` (a space), `\-` (a hyphenation point), `\\` (a line break).
ESCAPES = {
    "&": "&", "%": "%", "$": "$", "#": "#", "_": "_", "{": "{", "}": "}", " ": " ",
    "\n": " ", "\t": " ", ",": "\u2009", ";": "\u2009", ":": "\u2009", "!": "", "-": "",
    "/": "", "@": "", "\\": " ", "textbackslash": "\\",
}  # fmt: skip
SPAN_SC = '<span style="font-variant:small-caps;">'
# Commands with one argument rendered as tags (open, close) around it.
WRAPS = {
    "emph": ("<i>", "</i>"), "textit": ("<i>", "</i>"), "textsl": ("<i>", "</i>"),
    "mkbibemph": ("<i>", "</i>"), "mkbibitalic": ("<i>", "</i>"),
    "textbf": ("<b>", "</b>"), "mkbibbold": ("<b>", "</b>"), "textsc": (SPAN_SC, "</span>"),
    "textsuperscript": ("<sup>", "</sup>"), "mkbibsuperscript": ("<sup>", "</sup>"),
    "textsubscript": ("<sub>", "</sub>"), "mkbibsubscript": ("<sub>", "</sub>"),
    "mkbibquote": ("“", "”"), "enquote": ("“", "”"), "mkbibparens": ("(", ")"),
    "mkbibbrackets": ("[", "]"), "NoCaseChange": ("{", "}"), "nocase": ("{", "}"),
}  # fmt: skip
# Declarations inside a group (`{\em x}`, `{\itshape x}`): the rest of the group.
DECLARATIONS = {
    "em": WRAPS["emph"], "it": WRAPS["emph"], "itshape": WRAPS["emph"], "sl": WRAPS["emph"],
    "slshape": WRAPS["emph"], "bf": WRAPS["textbf"], "bfseries": WRAPS["textbf"],
    "sc": WRAPS["textsc"], "scshape": WRAPS["textsc"],
}  # fmt: skip
# Commands whose arguments are left out entirely (`{\noopsort{a}}`, sorting hacks).
DROPPED = frozenset({"noopsort", "sortname", "SortNoop", "nocite", "label", "index"})
# Commands whose last argument is the text (`\href{url}{text}`): the others are dropped.
LAST_ARGUMENT = {"href": 2, "foreignlanguage": 2, "hyphenrules": 2, "textcolor": 2}
_WORD = re.compile(r"[A-Za-z@]+")
_LIGATURES = (
    ("---", "—"), ("--", "–"), ("``", "“"), ("''", "”"), ("!`", "¡"), ("?`", "¿"),
)  # fmt: skip
_BROKEN = frozenset({"--", "''", "``", "!`", "?`"})
_SPACE = re.compile(r"[ \t\r\n]+")


def decode_latex(text: str) -> str:
    """A field's LaTeX as Unicode: braces that protect case kept, the rest resolved."""
    out, _ = _scan(text, 0, top=True)
    return _SPACE.sub(" ", out).strip()


def _group(text: str, i: int) -> tuple[str, int]:
    """The raw text of the group opening at `text[i] == "{"`, and the index after it."""
    depth, j = 0, i
    while j < len(text):
        ch = text[j]
        if ch == "\\":
            j += 2
            continue
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth == 0:
                return text[i + 1 : j], j + 1
        j += 1
    return text[i + 1 :], len(text)  # unclosed: to the end, as BibTeX would complain


def _argument(text: str, i: int) -> tuple[str, int]:
    """A command's argument after index `i`: a group's raw text, or the next character."""
    while i < len(text) and text[i] in " \t\n":
        i += 1
    if i >= len(text):
        return "", i
    if text[i] == "{":
        return _group(text, i)
    if text[i] == "\\":
        m = _WORD.match(text, i + 1)
        end = m.end() if m else i + 2
        return text[i:end], end
    return text[i], i + 1


def _after_space(text: str, i: int) -> int:
    while i < len(text) and text[i] in " \t\n":
        i += 1
    return i


def _accent(mark: str, raw: str) -> str:
    base = _scan(raw, 0, top=False)[0].replace("{", "").replace("}", "")
    base = base.replace("ı", "i").replace("ȷ", "j")  # `\'{\i}`: the accent replaces the dot
    if not base:
        return unicodedata.normalize("NFC", " " + mark).strip() or mark
    return unicodedata.normalize("NFC", base[0] + mark + base[1:])


def _command(text: str, i: int) -> tuple[str, int, tuple[str, str] | None]:
    """Decode the command at `text[i] == "\\"`: its text, the index after it, and the tags
    of a declaration (`\\em`) that applies to the rest of its group."""
    m = _WORD.match(text, i + 1)
    if not m:  # a control symbol
        ch = text[i + 1 : i + 2]
        if ch in ACCENTS:
            raw, j = _argument(text, i + 2)
            return _accent(ACCENTS[ch], raw), j, None
        return ESCAPES.get(ch, ch), i + 2, None
    name, j = m[0], m.end()
    if name in ACCENTS and len(name) == 1:
        raw, j = _argument(text, j)
        return _accent(ACCENTS[name], raw), j, None
    if name in SYMBOLS:
        if text[j : j + 2] == "{}":
            return SYMBOLS[name], j + 2, None
        return SYMBOLS[name], _after_space(text, j), None  # as TeX: spaces end the name
    if name in DECLARATIONS:
        return "", _after_space(text, j), DECLARATIONS[name]
    if name in WRAPS:
        raw, j = _argument(text, j)
        open_, close = WRAPS[name]
        inner = _scan(raw, 0, top=False)[0]
        return open_ + inner + close, j, None
    if name in DROPPED:
        while text[j : j + 1] == "{":
            j = _group(text, j)[1]
        return "", j, None
    if name in LAST_ARGUMENT:
        raw = ""
        for _ in range(LAST_ARGUMENT[name]):
            raw, j = _argument(text, j)
        return _scan(raw, 0, top=False)[0], j, None
    # `\url{x}`, `\mbox{x}`, `\textrm{x}` and unknown commands: their arguments' text.
    while text[j : j + 1] == " " and text[j + 1 : j + 2] == "{":
        j += 1
    parts = []
    while text[j : j + 1] == "{":
        raw, j = _group(text, j)
        parts.append(raw if name in ("url", "nolinkurl", "path") else _scan(raw, 0, False)[0])
    return "".join(parts), j, None


def _scan(text: str, i: int, top: bool) -> tuple[str, int]:
    """Decode `text` from `i` to its end; braced groups keep their braces (case
    protection) unless they begin with a command."""
    out: list[str] = []
    closing = ""
    n = len(text)
    while i < n:
        ch = text[i]
        if ch == "\\":
            piece, i, declared = _command(text, i)
            if declared:
                out.append(declared[0])
                closing = declared[1] + closing
            out.append(piece)
        elif ch == "{":
            raw, i = _group(text, i)
            inner = _scan(raw, 0, top=False)[0]
            special = raw.lstrip().startswith("\\")
            pair = (out[-1][-1:] if out else "") + text[i : i + 1]
            breaker = not raw and pair in _BROKEN  # `-{}-`: two hyphens, not a dash
            out.append(inner if special or breaker else "{" + inner + "}")
        elif ch == "}":
            i += 1  # a stray closing brace: BibTeX would not have read the entry
        elif ch == "$":
            end = text.find("$", i + 1)
            end = n if end < 0 else end
            math = text[i + 1 : end].replace("^", "").replace("_", "")
            out.append(_scan(math, 0, top=False)[0])
            i = end + 1
        elif ch == "~":
            out.append("\u00a0")
            i += 1
        else:
            for lig, char in _LIGATURES:
                if text.startswith(lig, i):
                    out.append(char)
                    i += len(lig)
                    break
            else:
                out.append(ch)
                i += 1
    out.append(closing)
    return "".join(out), i
