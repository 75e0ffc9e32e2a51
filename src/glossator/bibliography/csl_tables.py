"""The tables of the BibTeX/BibLaTeX → CSL mapping (docs/bibliography.md prints them).

Pandoc's BibTeX reader (citeproc's `Citeproc.BibTeX`) and biblatex-csl-converter are
the references; where they differ, the choice is noted in the docs. Types are CSL 1.0.1
names, as in Pandoc, with CSL 1.0.2's `document` for `@misc`.
"""

from __future__ import annotations

# Entry type → CSL type; `article` and `periodical` further by `entrysubtype`.
TYPES = {
    "article": "article-journal",
    "periodical": "article-journal",
    "suppperiodical": "article-journal",
    "book": "book",
    "mvbook": "book",
    "bookinbook": "chapter",
    "inbook": "chapter",
    "suppbook": "chapter",
    "collection": "book",
    "mvcollection": "book",
    "incollection": "chapter",
    "suppcollection": "chapter",
    "reference": "book",
    "mvreference": "book",
    "inreference": "entry-encyclopedia",
    "proceedings": "book",
    "mvproceedings": "book",
    "inproceedings": "paper-conference",
    "conference": "paper-conference",
    "booklet": "pamphlet",
    "manual": "book",
    "commentary": "book",
    "thesis": "thesis",
    "mastersthesis": "thesis",
    "phdthesis": "thesis",
    "report": "report",
    "techreport": "report",
    "standard": "report",
    "online": "webpage",
    "www": "webpage",
    "electronic": "webpage",
    "unpublished": "manuscript",
    "patent": "patent",
    "legislation": "legislation",
    "legal": "treaty",
    "jurisdiction": "legal_case",
    "dataset": "dataset",
    "data": "dataset",
    "software": "book",
    "audio": "song",
    "music": "song",
    "video": "motion_picture",
    "movie": "motion_picture",
    "image": "graphic",
    "artwork": "graphic",
    "letter": "personal_communication",
    "letters": "personal_communication",
    "review": "review",
    "performance": "speech",
    "newsarticle": "article-newspaper",
    "misc": "document",
}
SUBTYPES = {
    (kind, sub): f"article-{sub}"
    for kind in ("article", "periodical", "suppperiodical")
    for sub in ("magazine", "newspaper")
}
# Entry types whose `number` is a number in their series, and those of periodicals.
IN_SERIES = frozenset(
    {
        "book", "collection", "proceedings", "reference", "mvbook", "mvcollection",
        "mvproceedings", "mvreference", "bookinbook", "inbook", "incollection",
        "inproceedings", "inreference", "suppbook", "suppcollection",
    }
)  # fmt: skip
PERIODICAL = frozenset({"article", "periodical", "suppperiodical", "review"})
CHAPTERS = frozenset({"inbook", "incollection", "inproceedings", "inreference", "bookinbook"})
# A genre the type implies when the entry gives no `type` (Pandoc's wording).
TYPE_GENRES = {
    "mastersthesis": "Master’s thesis",
    "phdthesis": "PhD thesis",
}
# biblatex's localisation keys in `type`, as the English text biblatex prints.
GENRE_KEYS = {
    "mathesis": "Master’s thesis",
    "phdthesis": "PhD thesis",
    "candthesis": "Candidate thesis",
    "bathesis": "BA thesis",
    "techreport": "Technical report",
    "resreport": "Research report",
    "software": "Computer software",
    "datacd": "CD-ROM",
    "audiocd": "Audio CD",
    "patent": "Patent",
    "patentus": "U.S. patent",
    "patentuk": "British patent",
    "patentde": "German patent",
    "patenteu": "European patent",
    "patentfr": "French patent",
    "patreq": "Patent request",
}
# `editortype` (and `editoratype`, …) → the CSL name variable. biblatex's roles (its
# manual, "editortype") where CSL 1.0.2 has the same one: compiler, director, organizer
# (the engine reads them: "Kubrick, Stanley, dir."). A collaborator (a secondary editor
# or a consultant to the editor) is CSL's `contributor`, its generic role ("with …").
# So are the roles CSL 1.0.2 names no variable for: a founder and a continuator edited
# the series or reference work before this volume's editor, a redactor and a reviser
# are secondary editors; "Edited by" would give them a role they did not have, while
# `contributor` keeps them in the CSL-JSON and prints them where a style names
# contributors. `translator` is not a biblatex editor type but is read too. Any other
# type (and none) is an editor, as biblatex prints an unknown type's string as the role.
EDITOR_ROLES = {
    "translator": "translator",
    "director": "director",
    "compiler": "compiler",
    "organizer": "organizer",
    "collaborator": "contributor",
    "founder": "contributor",
    "continuator": "contributor",
    "redactor": "contributor",
    "reviser": "contributor",
}
# Name fields copied to a CSL name variable as they are.
NAME_FIELDS = {
    "author": "author",
    "translator": "translator",
    "bookauthor": "container-author",
    "composer": "composer",
    "interviewer": "interviewer",
    "recipient": "recipient",
}
# Fields copied to a CSL variable as plain text (after LaTeX decoding, braces dropped):
# numbers and identifiers, which a nocase span would stop a style reading as numbers.
PLAIN = {
    "edition": "edition",
    "version": "version",
    "isbn": "ISBN",
    "issn": "ISSN",
    "chapter": "chapter-number",
    "volumes": "number-of-volumes",
    "pagetotal": "number-of-pages",
    "library": "call-number",
    "pmid": "PMID",
    "pmcid": "PMCID",
}
# Fields copied as text a style may case: braces that protect case become nocase spans.
PROSE = {
    "abstract": "abstract",
    "keywords": "keyword",
    "annotation": "annote",
    "annote": "annote",
    "eventtitle": "event",
    "venue": "event-place",
    "origtitle": "original-title",
    "origpublisher": "original-publisher",
    "origlocation": "original-publisher-place",
    "pubstate": "status",
}
# `langid` (babel/polyglossia names) and `language` values → BCP 47.
LANGUAGES = {
    "english": "en-US",
    "american": "en-US",
    "usenglish": "en-US",
    "british": "en-GB",
    "ukenglish": "en-GB",
    "australian": "en-AU",
    "canadian": "en-CA",
    "newzealand": "en-NZ",
    "german": "de-DE",
    "ngerman": "de-DE",
    "austrian": "de-AT",
    "naustrian": "de-AT",
    "swissgerman": "de-CH",
    "nswissgerman": "de-CH",
    "french": "fr-FR",
    "francais": "fr-FR",
    "canadien": "fr-CA",
    "spanish": "es-ES",
    "catalan": "ca-AD",
    "italian": "it-IT",
    "portuguese": "pt-PT",
    "portuges": "pt-PT",
    "brazil": "pt-BR",
    "brazilian": "pt-BR",
    "dutch": "nl-NL",
    "swedish": "sv-SE",
    "danish": "da-DK",
    "norsk": "nb-NO",
    "norwegian": "nb-NO",
    "nynorsk": "nn-NO",
    "finnish": "fi-FI",
    "icelandic": "is-IS",
    "polish": "pl-PL",
    "czech": "cs-CZ",
    "slovak": "sk-SK",
    "slovene": "sl-SI",
    "croatian": "hr-HR",
    "serbian": "sr-RS",
    "russian": "ru-RU",
    "ukrainian": "uk-UA",
    "bulgarian": "bg-BG",
    "greek": "el-GR",
    "latin": "la",
    "hungarian": "hu-HU",
    "magyar": "hu-HU",
    "romanian": "ro-RO",
    "turkish": "tr-TR",
    "hebrew": "he-IL",
    "arabic": "ar",
    "persian": "fa-IR",
    "hindi": "hi-IN",
    "japanese": "ja-JP",
    "chinese": "zh-CN",
    "korean": "ko-KR",
    "vietnamese": "vi-VN",
    "estonian": "et-EE",
    "latvian": "lv-LV",
    "lithuanian": "lt-LT",
    "basque": "eu",
    "galician": "gl-ES",
    "welsh": "cy-GB",
    "irish": "ga-IE",
    "afrikaans": "af-ZA",
    "indonesian": "id-ID",
    "thai": "th-TH",
}
# `eprinttype` (or `archiveprefix`) → the address an `eprint` is found at.
EPRINT_URLS = {
    "arxiv": "https://arxiv.org/abs/{}",
    "jstor": "https://www.jstor.org/stable/{}",
    "pubmed": "https://www.ncbi.nlm.nih.gov/pubmed/{}",
    "googlebooks": "https://books.google.com?id={}",
}
