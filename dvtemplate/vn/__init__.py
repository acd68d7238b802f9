"""Vietnamese formatting rules of Nghị định 30/2020/NĐ-CP as pure functions.

Everything here is deterministic, has no I/O and imports nothing else of
dvtemplate, so models, contexts, the importer, rollover and the checker can all
share one definition of "how ND30 writes it". Misuse by the caller (a month of
13, an unknown authority prefix) raises ``ValueError``; turning that into a
Vietnamese message for the user is the caller's job.

Modules: ``text`` (NFC, clean-up, case), ``dates``, ``holidays`` (working
days), ``numbering`` (Roman numerals, point letters, document numbers),
``docrefs`` (Số, ký hiệu, citations), ``signing`` (signer block, Nơi nhận,
Kính gửi), ``filenames``, ``layout`` (printed widths: issuer line breaks, rule lengths).
"""
from __future__ import annotations

from .dates import (
    BLANK,
    add_years,
    date_line,
    date_words,
    day_str,
    month_str,
    parse_vn_date,
    short_date,
)
from .docrefs import TYPE_ABBREVIATIONS, cite_document, ky_hieu, so_line, type_abbreviation
from .filenames import WINDOWS_RESERVED, safe_filename, unique_filenames
from .layout import RULE_WIDTHS_MM, break_issuer_name, rule_width_mm, text_width_mm
from .holidays import (
    HUNG_KINGS_DAY,
    LUNAR_NEW_YEAR,
    add_working_days,
    holiday_name,
    holidays,
    is_working_day,
    next_working_day,
    previous_working_day,
    roll_to_working_day,
)
from .numbering import POINT_ALPHABET, doc_number, from_roman, point_index, point_letter, roman
from .signing import (
    AUTHORITY_PREFIXES,
    clean_list_item,
    kinh_gui_lines,
    parse_authority,
    recipient_lines,
    signer_lines,
)
from .text import clean_text, collapse_spaces, lower_vn, nfc, sentence_case, strip_diacritics, upper_vn

__all__ = [
    # text
    "nfc",
    "clean_text",
    "upper_vn",
    "lower_vn",
    "sentence_case",
    "collapse_spaces",
    "strip_diacritics",
    # dates
    "BLANK",
    "day_str",
    "month_str",
    "date_line",
    "date_words",
    "short_date",
    "parse_vn_date",
    "add_years",
    # holidays
    "LUNAR_NEW_YEAR",
    "HUNG_KINGS_DAY",
    "holidays",
    "holiday_name",
    "is_working_day",
    "next_working_day",
    "previous_working_day",
    "roll_to_working_day",
    "add_working_days",
    # numbering
    "roman",
    "from_roman",
    "POINT_ALPHABET",
    "point_letter",
    "point_index",
    "doc_number",
    # document references
    "TYPE_ABBREVIATIONS",
    "type_abbreviation",
    "ky_hieu",
    "so_line",
    "cite_document",
    # signing and recipients
    "AUTHORITY_PREFIXES",
    "parse_authority",
    "signer_lines",
    "clean_list_item",
    "recipient_lines",
    "kinh_gui_lines",
    # file names
    "WINDOWS_RESERVED",
    "safe_filename",
    "unique_filenames",
    "RULE_WIDTHS_MM", "break_issuer_name", "rule_width_mm", "text_width_mm",
]
