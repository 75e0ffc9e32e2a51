"""A list of names as CSL 1.0.2 sets it out, for the corrected `cs:name` element.

citeproc-py joined the last two names with ", " whatever the delimiter, formatted a
particle with the given name's or family name's whole group, put the suffix outside
the family name's affixes, spaced "d’ Aubignac", wrote family-first names ("我妻栄")
given first, and did not mark a list cut short. Here, as the spec's "Name-part Order"
and "Name-part Formatting" say:

- each part is formatted on its own: `cs:name-part name="family"` formats the family
  name and the non-dropping particle, `name="given"` the given name and the dropping
  particle; affixes surround the group (for a name in display order the family
  affixes also enclose the particles before it and the suffix);
- `delimiter-precedes-last` and `-et-al` are read with all four values, and the
  delimiter between names is the style's;
- a list ending in `{"literal": "others"}` (what Pandoc and glossator's BibTeX reader
  make of `and others`) ends in the style's "et al.";
- a cite may carry how many names to show and how fully to give each given name
  (`names_shown`, `givens`), which disambiguation sets (steps 1 and 2).
"""

from __future__ import annotations

import re
from functools import partial

OTHERS = "others"
# A name in a script without spaces between its parts (CJK): family then given, joined.
_UNSPACED = re.compile(r"^[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\u3000-\u303f\s]+$")
_JOINING = ("'", "’", "-", "\u2011")  # a particle that runs into the next part
# A term that takes no spaces around it: a word of a script written without spaces (等,
# 和, 그리고), or the Hebrew ו, which is written onto a word.
_UNSPACED_TERM = re.compile(r"[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\u3000-\u303f\uff00-\uffefו]")


def _lower_start(word: str) -> bool:
    """ "van", "d’", "’t", not "Van", "Émile" or "Иванович" (the old pattern took any
    letter outside A–Z for a lower-case one)."""
    return word.lstrip("’'")[:1].islower()


_ATTACHED = re.compile(r"^([^\W\d_]+[’'-])(?=[^\W\d_])", re.U)  # "d’Aubignac", "al-One"
NAME_PARTS = ("family", "given", "non-dropping-particle", "dropping-particle")
SUBSEQUENT = ("et-al-subsequent-min", "et-al-subsequent-use-first")


def parse_particles(name: dict) -> dict:
    """A CSL-JSON name with its particles read out of the family and given names, as
    citeproc-js reads Zotero's data: leading lower-case words of the family name
    ("van Gogh", "d’Aubignac", "al-One") are the non-dropping particle, trailing ones
    of the given name ("Alexander von") the dropping particle. A family name in
    double quotes, a name with particles of its own, and `"parse-names": false` are
    kept as written (the quotes dropped). A suffix after a comma in the given name
    is the suffix ("John, III"; "John,! Jr." is written "John Doe, Jr.")."""
    family, given = name.get("family"), name.get("given")
    unparsed = str(name.get("parse-names")).lower() == "false"
    if not isinstance(family, str) or "literal" in name or unparsed:
        return name
    if family.startswith('"') and family.endswith('"') and len(family) > 1:
        return name | {"family": family[1:-1]}
    out = dict(name)
    if isinstance(given, str) and "," in given and "suffix" not in name:
        given, _, suffix = given.partition(",")  # "John, III"; "John,! Jr." keeps its comma
        out["given"], given = given.strip(), given.strip()
        out["suffix"] = suffix.lstrip(" !").strip()
        if suffix.lstrip().startswith("!"):
            out["comma-suffix"] = True
    if "non-dropping-particle" in name or "dropping-particle" in name:
        return out
    words = family.split(" ")
    lead = 0
    while lead < len(words) - 1 and _lower_start(words[lead]):
        lead += 1
    particle, rest = words[:lead], " ".join(words[lead:])
    attached = _ATTACHED.match(rest) if rest[:1].islower() else None
    glued = _glue(particle)
    if attached and attached.end() < len(rest) and rest[attached.end()].isupper():
        glued = " ".join(filter(None, (glued, attached[1])))
        rest = rest[attached.end() :]
    if glued:
        out["non-dropping-particle"], out["family"] = glued, rest
    if isinstance(given, str) and " " in given.strip():
        words = given.split()
        tail = len(words)
        while tail > 1 and _lower_start(words[tail - 1]) and words[tail - 1][-1] != ".":
            tail -= 1
        if tail < len(words):
            out["given"], out["dropping-particle"] = " ".join(words[:tail]), " ".join(words[tail:])
    return out


def _glue(words: list[str]) -> str:
    """Particle words as written, spaced: one ending in ’ keeps the space that followed
    it ("de’ Frinkle"), where an attached one runs in ("d’Aubignac")."""
    text = " ".join(words)
    return text + " " if text.endswith(_JOINING) else text


def is_others(name) -> bool:
    """Whether a CSL name marks the list as cut short (`and others`)."""
    return name.get("literal", "").strip().lower() == OTHERS and len(name) == 1


def _spaced(term) -> bool:
    """Whether "and" or "et al." is set off by spaces ("Lind et al.", not "林等")."""
    first = re.sub("[\ue000-\uf8ff]", "", str(term)).lstrip()[:1]
    return not _UNSPACED_TERM.match(first)


def _person(name) -> tuple:
    """Who a name is, for disambiguation: "J. J." and "J.J." are one person."""
    given, *rest = name.parts()
    return (re.sub(r"[\s.]", "", given or ""), *rest)


def _join(*parts: str | None) -> str | None:
    """Parts joined by spaces, without one after a particle ending in ’ or -."""
    out = ""
    for part in parts:
        if not part:
            continue
        raw = re.sub("[\ue000-\uf8ff]", "", out)
        out += part if not out or raw.endswith((*_JOINING, " ")) else " " + part
    return out.rstrip(" ") or None


class NameList:
    """The options of one `cs:name` in its context, and the names it renders."""

    def __init__(self, element, context, sort_options) -> None:
        self.element = element
        self.get = lambda name: element.get_option(name, context, sort_options)
        parts = {p.get("name"): p for p in element.findall("cs:name-part", element.nsmap)}
        self.family_part, self.given_part = parts.get("family"), parts.get("given")
        self.context = context
        self.sorting = sort_options is not None

    def render(self, item, variable: str):
        """The names of `variable` as one string (an int for `form="count"`), or None."""
        names = list(item.reference.get(variable.replace("-", "_")) or [])
        others = bool(names) and is_others(names[-1])
        names = [n for n in names if not is_others(n)]
        if not names:
            return None
        get = self.get
        et_al_min, use_first = self._et_al(item)
        shown = item.__dict__.get("names_shown", {}).get(variable)
        truncated = bool(et_al_min) and len(names) >= et_al_min and len(names) > use_first
        count = use_first if truncated else len(names)
        if shown is not None:
            count = max(count, shown) if truncated else count
            truncated = count < len(names)
        cut = names[:count]
        if not cut:  # et-al-use-first="0": the names are left out
            return None
        truncated = truncated or others
        if get("form") == "count":
            return len(cut)
        givens = item.__dict__.get("givens", {}).get(variable, {})
        inverted = [self._inverted(i, name) for i, name in enumerate(cut)]
        record = item.__dict__.get("record_names")
        if record is not None and all(r[0] != variable for r in record):  # for disambiguation
            people = [
                (i, _person(name), tuple(self.one(name, i, inverted[i], n) for n in (None, 1, 2)))
                for i, name in enumerate(cut)
            ]
            record.append((variable, len(names), people))
        texts = [self.one(name, i, inverted[i], givens.get(i)) for i, name in enumerate(cut)]
        delimiter = get("delimiter")
        if truncated and get("et-al-use-last") and count < len(names) - 1 and not others:
            ellipsis = self.element.unicode_character("horizontal ellipsis")
            last = self.one(names[-1], len(names) - 1, self._inverted(1, names[-1]), None)
            return self.element.join(texts, delimiter) + delimiter + ellipsis + " " + last
        if truncated:
            et_al = self.element.et_al()
            if not et_al or self.sorting:  # CSL: sort keys leave out "et al."
                return self.element.join(texts, delimiter)
            rule = get("delimiter-precedes-et-al")
            precedes = self._precedes(rule, len(texts) >= 2, inverted[-1])
            space = " " if _spaced(et_al) else ""
            return self.element.join(texts, delimiter) + (delimiter if precedes else space) + et_al
        and_ = get("and")
        if and_ is None or len(texts) == 1 or self.sorting:  # sort keys compare names only
            return self.element.join(texts, delimiter)
        term = self.element.get_single_term(name="and") if and_ == "text" else "&"
        rule = get("delimiter-precedes-last")
        precedes = self._precedes(rule, len(texts) >= 3, inverted[-2])
        head = self.element.join(texts[:-1], delimiter)
        space = " " if _spaced(term) else ""
        return head + (delimiter if precedes else space) + f"{term}{space}" + texts[-1]

    def _et_al(self, item) -> tuple[int, int]:
        """`et-al-min` and `-use-first`, or their `-subsequent-` values for a cite of a
        work cited before (CSL: "subsequent cites"), where the style sets them; no
        "et al." where the style sets no `et-al-use-first` (as citeproc-js reads it;
        citeproc-py took 1)."""
        first = self.get("et-al-min"), self.get("et-al-use-first")
        if self.sorting or self.context is None:
            return first
        key = ("et_al_rules", id(self.element))
        citation, explicit, use_first = self.context._own(key, self._et_al_rules)
        if not use_first:
            return 0, first[1]
        if citation is None or not self._subsequent(item, citation):
            return first
        return tuple(  # type: ignore[return-value]
            self.get(option) if option in explicit else value
            for option, value in zip(SUBSEQUENT, first, strict=True)
        )

    def _et_al_rules(self) -> tuple:
        """For this name where it renders: the `cs:citation` if the style sets
        subsequent et-al rules for it (else None), which of the two it sets, and
        whether `et-al-use-first` is set at all."""
        layouts = self.context.xpath_search("./ancestor-or-self::cs:layout[1]")
        parent = layouts[0].getparent() if layouts else None
        if parent is None:
            return None, (), True
        elements = (self.element, parent, parent.getroottree().getroot())
        use_first = any("et-al-use-first" in e.attrib for e in elements)
        if not parent.tag.endswith("}citation"):
            return None, (), use_first
        explicit = tuple(o for o in SUBSEQUENT if any(o in e.attrib for e in elements))
        return (parent if explicit else None), explicit, use_first

    @staticmethod
    def _subsequent(item, citation) -> bool:
        """Whether the work was cited before (or disambiguation asks how a later cite
        reads)."""
        if item.__dict__.get("subsequent"):
            return True
        return any(cite.key == item.key for cite in getattr(citation, "cites", ()))

    @staticmethod
    def _precedes(rule: str, contextual: bool, inverted: bool) -> bool:
        """Whether the delimiter comes before "et al." or the last name's "and"."""
        if rule == "always":
            return True
        if rule == "after-inverted-name":
            return inverted
        return rule == "contextual" and contextual

    def _inverted(self, i: int, name) -> bool:
        order = self.get("name-as-sort-order")
        if "literal" in name or self.get("form") != "long":
            return False
        return order == "all" or (order == "first" and i == 0)

    def one(self, name, i: int, inverted: bool, level: int | None) -> str | None:
        """One name. `level` (set by disambiguation) 1 shows at least initials, 2 the
        full given name; None shows what the style says."""
        given, family, dp, ndp, suffix = name.parts()
        if "literal" in name:
            return self._part(self.family_part, family)
        form = "long" if level and self.get("form") == "short" else self.get("form")
        mark = self.get("initialize-with")
        if given and family and mark is not None and level != 2:
            given = self.element.initialize(given, mark, self.context)
        if not family:  # a given name alone ("Banksy") is never initialised
            return self._part(self.given_part, given)
        if _UNSPACED.match(family + (given or "")):
            head = self._part(self.family_part, family)
            return head if form == "short" else head + (self._part(self.given_part, given) or "")
        fam, giv = partial(self._fmt, self.family_part), partial(self._fmt, self.given_part)
        if form == "short":
            return self._wrap(self.family_part, _join(fam(ndp), fam(family)))
        if not inverted:
            last = _join(giv(dp), fam(ndp), fam(family))
            if suffix:
                last += (", " if name.get("comma-suffix") else " ") + suffix
            return _join(
                self._wrap(self.given_part, giv(given)), self._wrap(self.family_part, last)
            )
        if self.get("demote-non-dropping-particle") in ("never", "sort-only"):
            first, rest = _join(fam(ndp), fam(family)), _join(giv(given), giv(dp))
        else:  # the particle is demoted after the given name, formatted as a family part
            first, rest = fam(family), _join(giv(given), giv(dp), fam(ndp))
        parts = [self._wrap(self.family_part, first), self._wrap(self.given_part, rest), suffix]
        return self.get("sort-separator").join(p for p in parts if p)

    def _fmt(self, part, text):
        """A name part with its `cs:name-part`'s case and font, without the affixes."""
        if not text or part is None:
            return text
        return str(part.format(part.case(text)))

    @staticmethod
    def _wrap(part, text):
        return text if not text or part is None else str(part.wrap(text))

    def _part(self, part, text):
        return self._wrap(part, self._fmt(part, text))
