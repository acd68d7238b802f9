"""Số, ký hiệu and citations of other documents.

ND30 (Phụ lục I, mục 3) writes the number as ``Số: 05/KH-UBND``: "Số:", the
number with a leading zero below 10, "/", then the ký hiệu — the type
abbreviation of Phụ lục III and the issuer's abbreviation joined by "-". A
draft leaves the number blank for the văn thư to fill in.

Ký hiệu are upper case, except where the official spelling mixes cases on
purpose (``QyĐ`` for Quy định, ``CTr``, ``TTr``, and issuers like ``TTg``):
a part typed with mixed case is kept as typed.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from .dates import BLANK, short_date  # noqa: F401  (BLANK: docstring examples)
from .nd30 import TYPE_ABBREVIATIONS
from .numbering import doc_number
from .text import collapse_spaces, nfc, upper_vn

__all__ = [
    "TYPE_ABBREVIATIONS",
    "type_abbreviation",
    "ky_hieu",
    "so_line",
    "cite_document",
]

_TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")  # huyền, sắc, ngã, hỏi, nặng


def _fold(text: str) -> str:
    """Comparison key: case-folded, spaces collapsed, tone mark moved to the end of each word.

    Moving the tone mark makes the old and new placements equal
    ("thoả" = "thỏa", "uỷ" = "ủy"), both still common in office text.
    """
    words = []
    for word in collapse_spaces(text).casefold().split(" "):
        decomposed = unicodedata.normalize("NFD", word)
        tones = "".join(ch for ch in decomposed if ch in _TONES)
        words.append("".join(ch for ch in decomposed if ch not in _TONES) + tones)
    return " ".join(words)


_BY_FOLD = {_fold(kind): abbr for kind, abbr in TYPE_ABBREVIATIONS.items()}
_MIXED_TYPES = {upper_vn(a): a for a in TYPE_ABBREVIATIONS.values() if a != upper_vn(a)}


def type_abbreviation(kind: str) -> str | None:
    """Abbreviation of a document type, any case or tone placement; ``None`` if not in Phụ lục III.

    >>> type_abbreviation("kế hoạch"), type_abbreviation("Bản thoả thuận"), type_abbreviation("Thư")
    ('KH', 'BTT', None)
    """
    return _BY_FOLD.get(_fold(kind))


def _part(part: str, first: bool) -> str:
    """One ký hiệu part: no spaces; upper case unless typed with mixed case on purpose."""
    part = re.sub(r"\s+", "", nfc(part))
    has_upper = any(ch.isupper() for ch in part)
    has_lower = any(ch.islower() for ch in part)
    if has_upper and has_lower:
        return part
    upper = upper_vn(part)
    if first and upper in _MIXED_TYPES:
        return _MIXED_TYPES[upper]
    return upper


def ky_hieu(*parts: str) -> str:
    """Join ký hiệu parts with "-": spaces removed, empty parts skipped, upper-cased.

    A part containing "-" is split further. The first part, when it is a
    Phụ lục III abbreviation with official mixed case, gets that spelling
    (``qyđ`` → ``QyĐ``); a part typed with mixed case (``TTg``) is kept.

    >>> ky_hieu("KH", "UBND"), ky_hieu("kh", " ubnd "), ky_hieu("QĐ", "TTg"), ky_hieu("", "snv", "tcbm")
    ('KH-UBND', 'KH-UBND', 'QĐ-TTg', 'SNV-TCBM')
    """
    pieces: list[str] = []
    for raw in parts:
        if raw is None:
            continue
        if not isinstance(raw, str):
            raise ValueError(f"ký hiệu parts must be strings, got {raw!r}")
        for sub in raw.split("-"):
            piece = _part(sub, first=not pieces)
            if piece:
                pieces.append(piece)
    return "-".join(pieces)


def _symbol(symbol: str | None) -> str:
    if not symbol:
        return ""
    return ky_hieu(collapse_spaces(symbol).strip("/ "))


def so_line(number: int | None, symbol: str, year: int | None = None) -> str:
    """The "Số:" line; a draft (``number=None``) shows ``BLANK`` in place of the number.

    >>> so_line(5, "KH-UBND"), so_line(30, "NĐ-CP", 2020)
    ('Số: 05/KH-UBND', 'Số: 30/2020/NĐ-CP')
    >>> so_line(None, "KH-UBND") == "Số: " + BLANK + "/KH-UBND"
    True
    """
    parts = [doc_number(number)]
    if year is not None:
        if isinstance(year, bool) or not isinstance(year, int) or not 1 <= year <= 9999:
            raise ValueError(f"year must be an int in 1..9999, got {year!r}")
        parts.append(str(year))
    sym = _symbol(symbol)
    if sym:
        parts.append(sym)
    return "Số: " + "/".join(parts)


_TITLED_KINDS = frozenset(_fold(k) for k in ("Hiến pháp", "Bộ luật", "Luật", "Pháp lệnh"))
_VV = re.compile(r"^v\s*/\s*v\s+", re.IGNORECASE)


def _clean(value: str | None) -> str:
    return collapse_spaces(value) if value else ""


def _number(number: str | int | None, symbol: str | None) -> str:
    if number is None or number == "":
        return ""
    if isinstance(number, int) and not isinstance(number, bool):
        full = doc_number(number)
    else:
        full = re.sub(r"\s+", "", nfc(str(number)))
        if full.isascii() and full.isdigit():
            full = doc_number(int(full)) if int(full) > 0 else full
    sym = _symbol(symbol)
    if sym and sym.casefold() not in full.casefold():
        full = f"{full}/{sym}"
    return full


def cite_document(
    kind: str,
    number: str | None,
    symbol: str | None,
    issued: date | None,
    issuer: str | None,
    subject: str | None = None,
) -> str:
    """Cite a document in running text; missing parts are left out.

    ``number`` may be a bare number (padded, then joined to ``symbol``) or
    already hold the symbol (``"30/2020/NĐ-CP"``). For Hiến pháp, Bộ luật,
    Luật and Pháp lệnh the subject is the document's name and follows the kind
    directly; for other kinds it comes last after "về" (a leading "V/v"
    becomes "về việc"). Without a number the symbol is ignored.

    >>> cite_document("Kế hoạch", "5", "KH-UBND", date(2024, 1, 10), "UBND tỉnh", "thực hiện dân chủ ở cơ sở")
    'Kế hoạch số 05/KH-UBND ngày 10/01/2024 của UBND tỉnh về thực hiện dân chủ ở cơ sở'
    >>> cite_document("Luật", None, None, None, None, "Thực hiện dân chủ ở cơ sở")
    'Luật Thực hiện dân chủ ở cơ sở'
    """
    kind = _clean(kind)
    if not kind:
        raise ValueError("kind is required")
    subject = _clean(subject).rstrip(".;,").rstrip()
    titled = _fold(kind) in _TITLED_KINDS
    out = [kind]
    if subject and titled:
        out.append(subject)
    num = _number(number, symbol)
    if num:
        out.append(f"số {num}")
    if issued is not None:
        out.append(f"ngày {short_date(issued)}")
    issuer = _clean(issuer)
    if issuer:
        out.append(f"của {issuer}")
    if subject and not titled:
        subject = _VV.sub("về việc ", subject)
        if not subject.casefold().startswith("về "):
            subject = f"về {subject}"
        out.append(subject)
    return " ".join(out)
