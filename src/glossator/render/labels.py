"""The headings an essay's page gives its own parts ("Contents", "Notes", "Cite this
essay"), in the essay's language, as Quarto and Pandoc's templates give them by `lang`.

A language without its own table keeps the English heading, marked `lang="en"`, so a
screen reader reads it as English inside a page in another language. The rest of the
page's own text (the site's header and footer, the counts, the citation help) is
English and marked the same way (`ui_lang`)."""

from __future__ import annotations

from markupsafe import Markup, escape

ENGLISH = {
    "contents": "Contents",
    "abstract": "Abstract",
    "notes": "Notes",
    "about_author": "About the author",
    "cite_essay": "Cite this essay",
    "keywords": "Keywords:",
}

# By primary language subtag (BCP 47), each with every key of ENGLISH.
TABLES: dict[str, dict[str, str]] = {
    "en": ENGLISH,
    "de": {
        "contents": "Inhalt",
        "abstract": "Zusammenfassung",
        "notes": "Anmerkungen",
        "about_author": "Zur Person",
        "cite_essay": "Diesen Aufsatz zitieren",
        "keywords": "Schlagwörter:",
    },
    "es": {
        "contents": "Índice",
        "abstract": "Resumen",
        "notes": "Notas",
        "about_author": "Nota biográfica",
        "cite_essay": "Cómo citar este ensayo",
        "keywords": "Palabras clave:",
    },
    "fr": {
        "contents": "Sommaire",
        "abstract": "Résumé",
        "notes": "Notes",
        "about_author": "Notice biographique",
        "cite_essay": "Citer cet essai",
        "keywords": "Mots-clés\u00a0:",
    },
    "it": {
        "contents": "Indice",
        "abstract": "Sommario",
        "notes": "Note",
        "about_author": "Nota biografica",
        "cite_essay": "Come citare questo saggio",
        "keywords": "Parole chiave:",
    },
    "nl": {
        "contents": "Inhoud",
        "abstract": "Samenvatting",
        "notes": "Noten",
        "about_author": "Over de auteur",
        "cite_essay": "Dit essay citeren",
        "keywords": "Trefwoorden:",
    },
    "pl": {
        "contents": "Spis treści",
        "abstract": "Streszczenie",
        "notes": "Przypisy",
        "about_author": "Nota biograficzna",
        "cite_essay": "Jak cytować",
        "keywords": "Słowa kluczowe:",
    },
    "pt": {
        "contents": "Sumário",
        "abstract": "Resumo",
        "notes": "Notas",
        "about_author": "Nota biográfica",
        "cite_essay": "Como citar este ensaio",
        "keywords": "Palavras-chave:",
    },
    "ru": {
        "contents": "Содержание",
        "abstract": "Аннотация",
        "notes": "Примечания",
        "about_author": "Об авторе",
        "cite_essay": "Как цитировать",
        "keywords": "Ключевые слова:",
    },
    "uk": {
        "contents": "Зміст",
        "abstract": "Анотація",
        "notes": "Примітки",
        "about_author": "Про автора",
        "cite_essay": "Як цитувати",
        "keywords": "Ключові слова:",
    },
    "sv": {
        "contents": "Innehåll",
        "abstract": "Sammanfattning",
        "notes": "Noter",
        "about_author": "Om författaren",
        "cite_essay": "Citera denna text",
        "keywords": "Nyckelord:",
    },
    "ja": {
        "contents": "目次",
        "abstract": "要旨",
        "notes": "注",
        "about_author": "著者について",
        "cite_essay": "引用方法",
        "keywords": "キーワード：",
    },
    "zh": {
        "contents": "目录",
        "abstract": "摘要",
        "notes": "注释",
        "about_author": "关于作者",
        "cite_essay": "引用本文",
        "keywords": "关键词：",
    },
}


def primary(lang: str) -> str:
    """A language tag's primary subtag, lower-cased: `pt-BR` → `pt`."""
    return lang.split("-", 1)[0].lower()


def ui_lang(page_lang: str) -> Markup:
    """The attribute for the page's own English text on a page in `page_lang`:
    `lang="en"` unless the page is English already."""
    return Markup("") if primary(page_lang) == "en" else Markup(' lang="en"')


def title_lang(page_lang: str, site_lang: str) -> Markup:
    """The attribute for the site's own title on a page in `page_lang`: the site's
    language, where the page is in another."""
    if primary(page_lang) == primary(site_lang):
        return Markup("")
    return Markup(' lang="{}"').format(site_lang)


def page_labels(page_lang: str) -> dict[str, Markup]:
    """Each heading for a page in `page_lang`: its own language's, else the English
    one in a `<span lang="en">`."""
    table = TABLES.get(primary(page_lang))
    if table is not None:
        return {key: escape(text) for key, text in table.items()}
    return {key: Markup('<span lang="en">{}</span>').format(t) for key, t in ENGLISH.items()}
