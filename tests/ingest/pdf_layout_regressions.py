# ruff: noqa: E501  (the essays' paragraphs are long literal lines)
"""Layouts the reader once read wrong, kept so that it never does again.

Each was found by the property tests (or the first runs of the generator) and fixed in
the reader. A layout is a Style's fields in order (seed, width, page_lines, page_space,
note_space, marker_blank, trailing_space, hyphenate, note_width, and note_carry when
set); a composed essay is written as `canonical` writes it (`# ` headings, `![...]`
captions, `[^n]` markers), its notes named by their citation's first word in
pdf_essays.CITATIONS, in note order.
"""

from __future__ import annotations

import re

from pdf_essays import CITATIONS
from pdf_layout import Caption, Essay, Heading, Para, Style


def _essay(blocks: tuple[str, ...], notes: tuple[str, ...]) -> Essay:
    """The essay from its canonical lines and its notes' citation names."""
    cited = {re.split(r"[,.]", c, maxsplit=1)[0]: c for c in CITATIONS}
    out: list[Heading | Para | Caption] = []
    for block in blocks:
        if block.startswith("# "):
            out.append(Heading(block[2:]))
        elif block.startswith("!["):
            out.append(Caption(block[2:-1]))
        else:
            markers, text = [], ""
            for piece in re.split(r"(\[\^\d+\])", block):
                if piece.startswith("[^"):
                    markers.append((int(piece[2:-1]), len(text)))
                else:
                    text += piece
            out.append(Para(text, tuple(markers)))
    return Essay(tuple(out), {n: cited[name] for n, name in enumerate(notes, 1)})


SEED_STYLES = [
    Style(*fields)
    for fields in [
        (0, 69, 46, True, False, True, 0.9182343317851318, 0.49791174219539486, 182),
        (1, 53, 56, False, False, True, 0.49543508709194095, 0.26969463887324285, 157),
        (2, 48, 25, True, False, False, 0.6697304014402209, 0.1848818745534865, 114),
        (3, 60, 57, False, True, False, 0.625720304108054, 0.039317315543887864, 63),
        (4, 60, 39, True, True, True, 0.06651509567958991, 0.2409546086910449, 134),
        (5, 84, 36, False, False, False, 0.7398985747399307, 0.5533949979992502, 67),
        (6, 81, 25, True, True, True, 0.6628185628837676, 0.282152554238667, 155),
        (10, 81, 22, True, False, True, 0.81332125135732, 0.49415332352006724, 101),
        (19, 88, 22, False, False, False, 0.39353466292596484, 0.5980901622587393, 134),
        (22, 53, 35, True, False, True, 0.12059206321532501, 0.39085274433475165, 148),
        (59, 59, 25, False, False, True, 0.8469169460230942, 0.4286239118424092, 62),
        (108, 53, 25, False, True, True, 0.1958816868813127, 0.048547260311735126, 114),
        (218, 64, 31, True, False, True, 0.20592122417260694, 0.5460562032783518, 72),
        (275, 52, 56, False, False, True, 0.8706529686759137, 0.47158404272794613, 93),
        (0, 82, 14, False, False, False, 0.0, 0.0, 61),
        (0, 68, 14, True, False, False, 0.0, 0.0, 165),
        (0, 50, 14, False, False, False, 0.0, 0.0, 50),
        (5489474, 81, 53, False, False, True, 0.9039249946277594, 0.5119316627332363, 139),
        (28299, 78, 37, False, False, True, 0.6107487405344904, 0.584989328437069, 124),
        (362294, 52, 57, False, True, True, 0.09459077627691428, 0.5, 62),
        (550775123, 66, 55, False, True, False, 0.38182544998270684, 0.38182544998270684, 55),
        (48, 79, 48, False, False, False, 0.29249941600830637, 0.29249941600830637, 79),
        # notes running onto the next page (1 December 2026): the first reading, a lone
        # last line above the foot, `no. 3` ending a carried line, a carried part after
        # a finished sentence, the last note carried past the end
        (0, 69, 22, True, True, True, 0.9, 0.3, 64, 1.0),
        (206, 88, 22, True, True, True, 0.5325799205410918, 0.5325799205410918, 88, 1.0),
        (4294967295, 48, 17, True, True, False, 0.6558488081345207, 0.22059600685472422, 73, 1.0),
        (830422, 59, 18, True, False, False, 1.0, 0.48831329700252657, 66, 1.0),
        (8, 59, 37, True, False, True, 0.9, 0.3, 146, 1.0),
        # a carried note's line ending in its date's day (`Herzegovina. 30`) read as
        # marker 30 with 27 due, so the carry stopped and the notes skipped
        (3513, 57, 15, True, False, True, 0.0, 0.0, 79, 1.0),
        # `30: 16` is `30: 1` + note 6, though 16 is within the markers' look-ahead
        (384856, 88, 58, False, False, False, 0.3537601026236879, 0.3537601026236879, 88, 0.5),
    ]
]

COMPOSED = [
    (_essay(blocks, notes), Style(*style))
    for blocks, notes, style in [
        (
            (
                "# Origins of the Survey",
                "The beekeepers of the upper valley recorded the seasonal movement of the hives.",
                "![The eastern quay before its reconstruction]",
                "# Ledgers and Their Readers",
                "The beekeepers of the upper valley recorded the seasonal movement of the hives.[^1]",
                "![A beekeeper’s ledger with marginal notes]",
            ),
            ("Eisenstein",),
            (0, 45, 14, False, False, False, 0.0, 0.0, 50),
        ),
        (
            (
                "# An Orchestra Without a Hall",
                "The beekeepers of the upper valley consistently underestimated some 40 disputed boundary stones.[^1]",
                "![The eastern quay before its reconstruction]",
                "The beekeepers of the upper valley recorded the seasonal movement of the hives after the cross-border agreement.[^2]",
                "![A beekeeper’s ledger with marginal notes]",
                "The beekeepers of the upper valley consistently underestimated some 40 disputed boundary stones.[^3]",
                "![Survey stakes on the glacier in winter]",
                "A later generation of glaciologists catalogued the seasonal movement of the hives in 1848.[^4]",
                "![The orchestra rehearsing in a borrowed church]",
            ),
            ("Crane", "Ostrom", "Eisenstein", "Darnton"),
            (0, 45, 14, False, False, False, 0.0, 0.0, 50),
        ),
        (
            (
                "# Measuring the Retreat of the Glacier",
                "Municipal archivists questioned the reconstruction of the eastern quay with remarkable persistence.[^1] Her correspondence with the printers returned to the seasonal movement of the hives, despite the objections of the council.[^2] Several nineteenth-century surveyors reorganised some 40 disputed boundary stones. Her correspondence with the printers documented in detail the thickness of the ice at the terminus for the first time. Most surviving ledgers returned to a decade of unreliable weather with remarkable persistence. Municipal archivists questioned the administrative consequences of the flood.",
                "Most surviving ledgers recorded the administrative consequences of the flood, despite the objections of the council. The harbour authority reorganised the self-governing parishes along the river with remarkable persistence. Municipal archivists reorganised the seasonal movement of the hives for the first time. Municipal archivists reorganised the seasonal movement of the hives for the first time.",
                "Municipal archivists catalogued the reconstruction of the eastern quay after the cross-border agreement. A later generation of glaciologists questioned the self-governing parishes along the river, despite the objections of the council. Most surviving ledgers consistently underestimated the self-governing parishes along the river with remarkable persistence.[^3] Municipal archivists consistently underestimated an extraordinary quantity of correspondence in 1848.[^4] The orchestra’s first conductor returned to the price of imported paper for the first time. Municipal archivists consistently underestimated the reconstruction of the eastern quay with remarkable persistence.",
                "![The eastern quay before its reconstruction]",
                "A later generation of glaciologists misread some 40 disputed boundary stones. The well-known survey of 1911 reorganised a decade of unreliable weather after the cross-border agreement.",
                "# Conclusion",
                "Her correspondence with the printers catalogued some 40 disputed boundary stones for the first time. The beekeepers of the upper valley questioned the administrative consequences of the flood during the winter of 1962. The cooperative’s accounts returned to a decade of unreliable weather, despite the objections of the council.",
                "Municipal archivists reorganised the administrative consequences of the flood, despite the objections of the council.[^5] The beekeepers of the upper valley misread some 40 disputed boundary stones. Municipal archivists returned to a decade of unreliable weather, despite the objections of the council.",
                "A later generation of glaciologists misread some 40 disputed boundary stones.[^6] The well-known survey of 1911 reorganised a decade of unreliable weather after the cross-border agreement.",
                "![A beekeeper’s ledger with marginal notes]",
                "# Ledgers and Their Readers",
                "A later generation of glaciologists reorganised the seasonal movement of the hives during the winter of 1962.[^7]",
                "![Survey stakes on the glacier in winter]",
                "Municipal archivists catalogued the thickness of the ice at the terminus.[^8]",
                "![The orchestra rehearsing in a borrowed church]",
                "# An Orchestra Without a Hall",
                "Most surviving ledgers questioned the long-term costs of dredging.[^9]",
            ),
            (
                "Ibid",
                "Cruikshank",
                "Crane",
                "Blair",
                "Darnton",
                "Cronon",
                "Darnton",
                "Cronon",
                "Ostrom",
            ),
            (3, 45, 14, False, False, False, 0.0, 0.0, 50),
        ),
        (
            (
                "# An Orchestra Without a Hall",
                "The well-known survey of 1911 recorded the self-governing parishes along the river across three administrations.",
                "![The eastern quay before its reconstruction]",
            ),
            (),
            (93093, 48, 43, True, True, True, 0.09199015780012011, 0.09199015780012011, 51),
        ),
        (
            (
                "# The Cooperative Movement in the Valley Towns",
                "The harbour authority recorded the long-term costs of dredging across three administrations.[^1]",
                "# Conclusion",
                "The harbour authority recorded the long-term costs of dredging across three administrations.",
                "![The eastern quay before its reconstruction]",
            ),
            ("Eisenstein",),
            (1, 45, 14, False, True, False, 0.0, 0.0, 50),
        ),
        (
            (
                "# Origins of the Survey",
                "The beekeepers of the upper valley catalogued a decade of unreliable weather across three administrations.",
                "![The eastern quay before its reconstruction]",
                "Several nineteenth-century surveyors consistently underestimated the reconstruction of the eastern quay with remarkable persistence. Most surviving ledgers reorganised the price of imported paper during the winter of 1962.[^1] The well-known survey of 1911 misread the administrative consequences of the flood during the winter of 1962.[^2] The beekeepers of the upper valley recorded the reconstruction of the eastern quay after the cross-border agreement.[^3] The well-known survey of 1911 catalogued the seasonal movement of the hives in 1848. Several nineteenth-century surveyors misread the self-governing parishes along the river for the first time.",
                "Most surviving ledgers recorded the long-term costs of dredging after the cross-border agreement.[^4] Municipal archivists recorded the self-governing parishes along the river.[^5]",
                "# Harbour Works and Municipal Finance",
                "The beekeepers of the upper valley returned to the administrative consequences of the flood for the first time. Municipal archivists consistently underestimated a decade of unreliable weather during the winter of 1962. The orchestra’s first conductor questioned the reconstruction of the eastern quay, despite the objections of the council. Her correspondence with the printers returned to the reconstruction of the eastern quay across three administrations. A later generation of glaciologists consistently underestimated the administrative consequences of the flood across three administrations. Her correspondence with the printers consistently underestimated an extraordinary quantity of correspondence for the first time.[^6]",
                "Her correspondence with the printers returned to the thickness of the ice at the terminus in 1848. The well-known survey of 1911 recorded the long-term costs of dredging after the cross-border agreement.[^7] Her correspondence with the printers reorganised some 40 disputed boundary stones after the cross-border agreement.[^8] Most surviving ledgers documented in detail an extraordinary quantity of correspondence after the cross-border agreement.[^9] The well-known survey of 1911 questioned the seasonal movement of the hives.[^10] Municipal archivists consistently underestimated some 40 disputed boundary stones.[^11]",
                "# Conclusion",
                "Municipal archivists catalogued the seasonal movement of the hives, despite the objections of the council.[^12]",
                "![A beekeeper’s ledger with marginal notes]",
                "The beekeepers of the upper valley consistently underestimated the self-governing parishes along the river with remarkable persistence. Municipal archivists documented in detail the thickness of the ice at the terminus during the winter of 1962.[^13] The well-known survey of 1911 recorded the self-governing parishes along the river. The orchestra’s first conductor catalogued the self-governing parishes along the river with remarkable persistence. The well-known survey of 1911 recorded a decade of unreliable weather with remarkable persistence.",
                "![Survey stakes on the glacier in winter]",
                "The cooperative’s accounts misread the price of imported paper across three administrations.[^14] Her correspondence with the printers recorded the long-term costs of dredging during the winter of 1962. A later generation of glaciologists catalogued some 40 disputed boundary stones with remarkable persistence.[^15] The cooperative’s accounts documented in detail the reconstruction of the eastern quay in 1848.[^16] The cooperative’s accounts consistently underestimated the seasonal movement of the hives.",
            ),
            (
                "Cronon",
                "Blair",
                "Eisenstein",
                "Scott",
                "Ibid",
                "Darnton",
                "Ibid",
                "Thompson",
                "Ostrom",
                "Thompson",
                "Cruikshank",
                "Darnton",
                "Darnton",
                "Darnton",
                "Darnton",
                "Darnton",
            ),
            (142, 65, 22, True, False, False, 2.2250738585072014e-308, 0.5763060853032308, 68),
        ),
        (
            (
                "# Harbour Works and Municipal Finance",
                "Her correspondence with the printers consistently underestimated the self-governing parishes along the river after the cross-border agreement.",
                "The well-known survey of 1911 reorganised the long-term costs of dredging.",
                "A later generation of glaciologists questioned the seasonal movement of the hives across three administrations. The orchestra’s first conductor documented in detail the reconstruction of the eastern quay for the first time. A later generation of glaciologists consistently underestimated an extraordinary quantity of correspondence after the cross-border agreement. Municipal archivists recorded the price of imported paper across three administrations. The orchestra’s first conductor documented in detail the thickness of the ice at the terminus for the first time. The well-known survey of 1911 catalogued a decade of unreliable weather for the first time.[^1]",
                "The cooperative’s accounts recorded the thickness of the ice at the terminus across three administrations. The orchestra’s first conductor catalogued the thickness of the ice at the terminus, despite the objections of the council.[^2] Municipal archivists questioned the long-term costs of dredging after the cross-border agreement.[^3] A later generation of glaciologists questioned the self-governing parishes along the river, despite the objections of the council.[^4]",
                "# The Cooperative Movement in the Valley Towns",
                "A later generation of glaciologists catalogued a decade of unreliable weather across three administrations. The well-known survey of 1911 consistently underestimated an extraordinary quantity of correspondence during the winter of 1962. A later generation of glaciologists returned to the administrative consequences of the flood across three administrations. The well-known survey of 1911 consistently underestimated the self-governing parishes along the river, despite the objections of the council. Her correspondence with the printers misread the administrative consequences of the flood during the winter of 1962. A later generation of glaciologists consistently underestimated an extraordinary quantity of correspondence with remarkable persistence.",
                "![The eastern quay before its reconstruction]",
                "The well-known survey of 1911 consistently underestimated some 40 disputed boundary stones. The beekeepers of the upper valley returned to the reconstruction of the eastern quay, despite the objections of the council. Most surviving ledgers catalogued the long-term costs of dredging. The beekeepers of the upper valley questioned the reconstruction of the eastern quay.[^5] A later generation of glaciologists documented in detail the long-term costs of dredging in 1848.[^6] Several nineteenth-century surveyors reorganised the long-term costs of dredging.",
                "Several nineteenth-century surveyors documented in detail a decade of unreliable weather. Municipal archivists returned to the administrative consequences of the flood, despite the objections of the council.[^7] The cooperative’s accounts questioned the reconstruction of the eastern quay after the cross-border agreement. The harbour authority misread the seasonal movement of the hives during the winter of 1962. The orchestra’s first conductor misread some 40 disputed boundary stones with remarkable persistence.[^8] Most surviving ledgers reorganised the administrative consequences of the flood for the first time.[^9]",
                "# An Orchestra Without a Hall",
                "Her correspondence with the printers consistently underestimated an extraordinary quantity of correspondence. The harbour authority documented in detail the thickness of the ice at the terminus during the winter of 1962.[^10] The beekeepers of the upper valley misread the administrative consequences of the flood after the cross-border agreement. The orchestra’s first conductor questioned some 40 disputed boundary stones with remarkable persistence.",
                "The harbour authority returned to the long-term costs of dredging after the cross-border agreement. The well-known survey of 1911 consistently underestimated the price of imported paper for the first time. Several nineteenth-century surveyors documented in detail the long-term costs of dredging for the first time.",
                "The orchestra’s first conductor recorded the thickness of the ice at the terminus across three administrations.",
                "![A beekeeper’s ledger with marginal notes]",
                "The orchestra’s first conductor catalogued the reconstruction of the eastern quay, despite the objections of the council.",
                "![Survey stakes on the glacier in winter]",
                "# Origins of the Survey",
                "The cooperative’s accounts reorganised the long-term costs of dredging for the first time.[^11] The harbour authority recorded some 40 disputed boundary stones after the cross-border agreement.[^12] The cooperative’s accounts returned to an extraordinary quantity of correspondence, despite the objections of the council.[^13] The well-known survey of 1911 recorded the long-term costs of dredging in 1848. The cooperative’s accounts misread the long-term costs of dredging for the first time. Most surviving ledgers catalogued an extraordinary quantity of correspondence during the winter of 1962.[^14]",
                "The beekeepers of the upper valley reorganised a decade of unreliable weather after the cross-border agreement. The harbour authority misread the seasonal movement of the hives during the winter of 1962. Most surviving ledgers catalogued some 40 disputed boundary stones during the winter of 1962.",
                "The well-known survey of 1911 consistently underestimated the self-governing parishes along the river across three administrations. The orchestra’s first conductor consistently underestimated an extraordinary quantity of correspondence after the cross-border agreement.",
                "![The orchestra rehearsing in a borrowed church]",
            ),
            (
                "Blair",
                "Ostrom",
                "Cronon",
                "Ostrom",
                "Darnton",
                "Eisenstein",
                "Ibid",
                "Scott",
                "Eisenstein",
                "Eisenstein",
                "Crane",
                "Blair",
                "Darnton",
                "Eisenstein",
            ),
            (880, 45, 14, True, True, True, 0.5999999999999999, 0.5999999999999999, 193),
        ),
        (
            (
                "# Ledgers and Their Readers",
                "The harbour authority recorded some 40 disputed boundary stones across three administrations.",
                "![The eastern quay before its reconstruction]",
                "The beekeepers of the upper valley recorded the seasonal movement of the hives in 1848.",
                "![A beekeeper’s ledger with marginal notes]",
                "A later generation of glaciologists recorded the reconstruction of the eastern quay.",
                "![Survey stakes on the glacier in winter]",
                "# Conclusion",
                "The beekeepers of the upper valley returned to the seasonal movement of the hives across three administrations.[^1]",
                "# Sources and Methods",
                "The harbour authority recorded some 40 disputed boundary stones across three administrations.",
                "![The orchestra rehearsing in a borrowed church]",
                "# An Orchestra Without a Hall",
                "Municipal archivists recorded the self-governing parishes along the river with remarkable persistence.[^2]",
                "The beekeepers of the upper valley documented in detail the seasonal movement of the hives during the winter of 1962.[^3]",
            ),
            ("Crane", "Ostrom", "Eisenstein"),
            (0, 45, 14, False, False, False, 0.0, 0.0, 50),
        ),
        (
            (
                "# Measuring the Retreat of the Glacier",
                "The cooperative’s accounts misread the long-term costs of dredging, despite the objections of the council.",
                "![The eastern quay before its reconstruction]",
            ),
            (),
            (9899, 83, 52, False, True, False, 0.006176244712810865, 0.6, 178),
        ),
        (
            (
                "# An Orchestra Without a Hall",
                "The harbour authority recorded the price of imported paper during the winter of 1962. The orchestra’s first conductor catalogued the reconstruction of the eastern quay across three administrations. Most surviving ledgers recorded the seasonal movement of the hives in 1848. Several nineteenth-century surveyors recorded the thickness of the ice at the terminus in 1848. The harbour authority questioned an extraordinary quantity of correspondence during the winter of 1962. The cooperative’s accounts catalogued the reconstruction of the eastern quay after the cross-border agreement.",
                "![The eastern quay before its reconstruction]",
                "# Origins of the Survey",
                "The harbour authority documented in detail an extraordinary quantity of correspondence, despite the objections of the council.",
                "![A beekeeper’s ledger with marginal notes]",
                "Most surviving ledgers returned to the administrative consequences of the flood during the winter of 1962.[^1] Most surviving ledgers consistently underestimated the reconstruction of the eastern quay across three administrations. The well-known survey of 1911 reorganised the self-governing parishes along the river for the first time. A later generation of glaciologists documented in detail the long-term costs of dredging after the cross-border agreement.[^2] The orchestra’s first conductor consistently underestimated a decade of unreliable weather after the cross-border agreement. The harbour authority returned to the thickness of the ice at the terminus with remarkable persistence.",
                "![Survey stakes on the glacier in winter]",
                "The cooperative’s accounts questioned the long-term costs of dredging across three administrations. The orchestra’s first conductor reorganised the thickness of the ice at the terminus for the first time.[^3] The cooperative’s accounts catalogued the self-governing parishes along the river during the winter of 1962. A later generation of glaciologists recorded some 40 disputed boundary stones after the cross-border agreement. The cooperative’s accounts recorded an extraordinary quantity of correspondence for the first time. Several nineteenth-century surveyors consistently underestimated the reconstruction of the eastern quay across three administrations.[^4]",
                "Several nineteenth-century surveyors catalogued the price of imported paper with remarkable persistence.[^5] The orchestra’s first conductor returned to the self-governing parishes along the river.",
                "# Measuring the Retreat of the Glacier",
                "The harbour authority catalogued some 40 disputed boundary stones, despite the objections of the council. Municipal archivists questioned the reconstruction of the eastern quay after the cross-border agreement. Several nineteenth-century surveyors returned to the seasonal movement of the hives. Her correspondence with the printers consistently underestimated the reconstruction of the eastern quay, despite the objections of the council. Her correspondence with the printers catalogued the reconstruction of the eastern quay for the first time.[^6] Her correspondence with the printers catalogued the thickness of the ice at the terminus during the winter of 1962.",
                "The orchestra’s first conductor reorganised some 40 disputed boundary stones during the winter of 1962.[^7] The beekeepers of the upper valley recorded the price of imported paper. Most surviving ledgers consistently underestimated the long-term costs of dredging, despite the objections of the council.[^8] Her correspondence with the printers misread the seasonal movement of the hives. The well-known survey of 1911 questioned the seasonal movement of the hives after the cross-border agreement. The harbour authority recorded the long-term costs of dredging, despite the objections of the council.",
                "Municipal archivists catalogued some 40 disputed boundary stones, despite the objections of the council. Most surviving ledgers questioned the reconstruction of the eastern quay for the first time. Several nineteenth-century surveyors reorganised the seasonal movement of the hives in 1848. The orchestra’s first conductor recorded the self-governing parishes along the river during the winter of 1962.",
                "# The Cooperative Movement in the Valley Towns",
                "Most surviving ledgers consistently underestimated a decade of unreliable weather. Her correspondence with the printers questioned the self-governing parishes along the river after the cross-border agreement.",
                "![The orchestra rehearsing in a borrowed church]",
                "Most surviving ledgers returned to the reconstruction of the eastern quay. The orchestra’s first conductor reorganised the thickness of the ice at the terminus, despite the objections of the council. The orchestra’s first conductor consistently underestimated the reconstruction of the eastern quay.[^9] The beekeepers of the upper valley documented in detail the thickness of the ice at the terminus in 1848. The orchestra’s first conductor consistently underestimated some 40 disputed boundary stones in 1848.[^10] The harbour authority returned to the long-term costs of dredging across three administrations.",
            ),
            (
                "Ibid",
                "Thompson",
                "Ibid",
                "Ibid",
                "Ostrom",
                "Scott",
                "Blair",
                "Scott",
                "Darnton",
                "Ostrom",
            ),
            (8975, 55, 15, True, True, False, 0.7045892459517197, 0.1077158923488384, 106),
        ),
        (
            (
                "# Origins of the Survey",
                "The beekeepers of the upper valley recorded the seasonal movement of the hives.[^1] The beekeepers of the upper valley recorded the seasonal movement of the hives.[^2] The beekeepers of the upper valley recorded the seasonal movement of the hives.[^3] The beekeepers of the upper valley recorded the seasonal movement of the hives.[^4]",
                "# Ledgers and Their Readers",
                "The beekeepers of the upper valley recorded the seasonal movement of the hives.[^5] The beekeepers of the upper valley recorded the seasonal movement of the hives.[^6] The beekeepers of the upper valley recorded the seasonal movement of the hives.[^7] The beekeepers of the upper valley recorded the seasonal movement of the hives.",
                "# Measuring the Retreat of the Glacier",
                "The beekeepers of the upper valley recorded the seasonal movement of the hives.[^8] The beekeepers of the upper valley recorded the seasonal movement of the hives.[^9] The beekeepers of the upper valley recorded the seasonal movement of the hives.[^10] The beekeepers of the upper valley recorded the seasonal movement of the hives. The beekeepers of the upper valley recorded the seasonal movement of the hives.",
                "The beekeepers of the upper valley recorded the seasonal movement of the hives.",
                "# Harbour Works and Municipal Finance",
                "The beekeepers of the upper valley recorded the seasonal movement of the hives.[^11]",
                "The beekeepers of the upper valley recorded the seasonal movement of the hives.[^12] The beekeepers of the upper valley recorded the seasonal movement of the hives.[^13] The beekeepers of the upper valley recorded the seasonal movement of the hives.[^14]",
                "![The eastern quay before its reconstruction]",
                "The beekeepers of the upper valley recorded the seasonal movement of the hives.[^15] The beekeepers of the upper valley recorded the seasonal movement of the hives. The beekeepers of the upper valley recorded the seasonal movement of the hives.",
                "![A beekeeper’s ledger with marginal notes]",
            ),
            (
                "Eisenstein",
                "Eisenstein",
                "Eisenstein",
                "Eisenstein",
                "Eisenstein",
                "Eisenstein",
                "Eisenstein",
                "Eisenstein",
                "Eisenstein",
                "Eisenstein",
                "Eisenstein",
                "Eisenstein",
                "Eisenstein",
                "Eisenstein",
                "Eisenstein",
            ),
            (0, 79, 30, False, False, False, 0.0, 0.0, 50),
        ),
        (
            (
                "# Origins of the Survey",
                "The beekeepers of the upper valley recorded the seasonal movement of the hives.[^1] The beekeepers of the upper valley recorded the seasonal movement of the hives.[^2] The beekeepers of the upper valley recorded the seasonal movement of the hives.[^3] The beekeepers of the upper valley recorded the seasonal movement of the hives.[^4]",
                "# Ledgers and Their Readers",
                "The beekeepers of the upper valley recorded the seasonal movement of the hives.[^5] The beekeepers of the upper valley recorded the seasonal movement of the hives.[^6] The beekeepers of the upper valley recorded the seasonal movement of the hives.[^7] The beekeepers of the upper valley recorded the seasonal movement of the hives.",
                "# Measuring the Retreat of the Glacier",
                "The beekeepers of the upper valley recorded the seasonal movement of the hives. The beekeepers of the upper valley recorded the seasonal movement of the hives.[^8] The beekeepers of the upper valley recorded the seasonal movement of the hives.[^9] The beekeepers of the upper valley recorded the seasonal movement of the hives.[^10] The beekeepers of the upper valley recorded the seasonal movement of the hives.",
                "The beekeepers of the upper valley recorded the seasonal movement of the hives.",
                "# Harbour Works and Municipal Finance",
                "The beekeepers of the upper valley recorded the seasonal movement of the hives.[^11]",
                "The beekeepers of the upper valley recorded the seasonal movement of the hives.[^12] The beekeepers of the upper valley recorded the seasonal movement of the hives.[^13] The beekeepers of the upper valley recorded the seasonal movement of the hives.[^14]",
                "![The eastern quay before its reconstruction]",
                "The beekeepers of the upper valley recorded the seasonal movement of the hives.[^15] The beekeepers of the upper valley recorded the seasonal movement of the hives. The beekeepers of the upper valley recorded the seasonal movement of the hives.",
                "![A beekeeper’s ledger with marginal notes]",
            ),
            (
                "Eisenstein",
                "Eisenstein",
                "Eisenstein",
                "Eisenstein",
                "Eisenstein",
                "Eisenstein",
                "Eisenstein",
                "Eisenstein",
                "Eisenstein",
                "Eisenstein",
                "Eisenstein",
                "Eisenstein",
                "Eisenstein",
                "Eisenstein",
                "Eisenstein",
            ),
            (0, 79, 30, False, False, False, 0.0, 0.0, 50),
        ),
        (  # a text of a few lines: its width unknown, the caption read as text
            (
                "# Measuring the Retreat of the Glacier",
                "A later generation of glaciologists catalogued the seasonal movement of the hives during the winter of 1962. The harbour authority questioned an extraordinary quantity of correspondence for the first time.",
                "![The eastern quay before its reconstruction]",
                "The harbour authority returned to the price of imported paper for the first time.",
            ),
            (),
            (91, 68, 60, True, True, False, 0.929121186377029, 0.5, 185, 0.5),
        ),
    ]
]
