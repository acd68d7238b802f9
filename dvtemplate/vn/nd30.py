"""Nghị định 30/2020/NĐ-CP stated once: every constant and parser the builder, contexts, checker and importer share.

Phụ lục I fixes the components of an administrative document and how each is typeset, Phụ lục III
the type abbreviations of the ký hiệu. The template builder writes these numbers, the contexts fill
them in, the checker compares a document against them and the importer reads them back; all import
them from here. Formatting sentences (``so_line``, ``date_line``, ``signer_lines``) live in
``docrefs``, ``dates`` and ``signing`` and take their facts from this module.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .text import strip_diacritics, upper_vn

__all__ = [
    "QUOC_HIEU",
    "ARCHIVE_OFFICE",
    "COPIES_SUFFIX",
    "COPY_FORMS",
    "DISTRICT_WORDS",
    "FILING_PREFIX",
    "SIGNATURE_LAYOUT",
    "TWO_TIER_REASON",
    "TWO_TIER_SINCE",
    "URGENCY",
    "TIEU_NGU",
    "TIEU_NGU_DASHES",
    "normalise_tieu_ngu",
    "unspaced_hyphen",
    "lower_unaccented",
    "is_quoc_hieu",
    "is_tieu_ngu",
    "QUOC_HIEU_START",
    "TIEU_NGU_START",
    "AUTHORITY_PREFIXES",
    "COLLECTIVE",
    "DEPUTY",
    "BY_ORDER",
    "AUTHORISED",
    "ACTING",
    "AUTHORITY_CHAIN",
    "HEAD_TITLE_PREFIXES",
    "authority_tokens",
    "chain_allowed",
    "AUTHORITY_LINE",
    "AUTHORITY_START",
    "AUTHORITY_LIKE",
    "TYPE_ABBREVIATIONS",
    "KY_HIEU_TYPES",
    "TITLE_TYPES",
    "WORKING_TITLES",
    "KIND_TYPES",
    "kind_abbreviation",
    "kind_title",
    "SO_START",
    "SO_LINE",
    "parse_so",
    "DATE_LINE",
    "parse_date_line",
    "KINH_GUI",
    "KINH_GUI_START",
    "TRAN_TRONG",
    "NOI_NHAN",
    "NOI_NHAN_START",
    "AS_ABOVE",
    "FONT",
    "BODY_PT",
    "A4_MM",
    "A4_TWIPS",
    "MARGINS_MM",
    "TEMPLATE_MARGINS_MM",
    "HEADER_LEFT_COL_MM",
    "HEADER_RIGHT_COL_MM",
    "HEADER_LEFT_TEXT_MM",
    "Typeset",
    "TYPESET",
]

# --- Quốc hiệu and Tiêu ngữ (Phụ lục I, III.1) -------------------------------------------------

QUOC_HIEU = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
TIEU_NGU = "Độc lập - Tự do - Hạnh phúc"
"""The phrases are joined by a hyphen with one space on each side, never an en or em dash."""
TIEU_NGU_DASHES = re.compile(r"[–—‐‑]")
"""Dashes typed where the Tiêu ngữ wants a hyphen."""
_ANY_DASH = re.compile(r"\s*[-–—‐‑]\s*")
_UNSPACED_HYPHEN = re.compile(r"\S-|-\S")

QUOC_HIEU_START = re.compile(r"^CỘNG\s*H[OÒ]A\s+XÃ\s+H[OỘ]I", re.IGNORECASE)
"""A line that starts as the Quốc hiệu (old spelling HOÀ and missing marks allowed)."""
TIEU_NGU_START = re.compile(r"^Độc\s+lập\s*[-–—]", re.IGNORECASE)
"""A line that starts as the Tiêu ngữ."""


def normalise_tieu_ngu(text: str) -> str:
    """The Tiêu ngữ as typed with every dash made ``" - "``; equal to :data:`TIEU_NGU` when only dashes differ.

    >>> normalise_tieu_ngu("Độc lập – Tự do—Hạnh phúc") == TIEU_NGU
    True
    """
    return _ANY_DASH.sub(" - ", " ".join(text.split()))


def unspaced_hyphen(text: str) -> bool:
    """A hyphen without a space on each side (``Độc lập-Tự do``)."""
    return bool(_UNSPACED_HYPHEN.search(text))


def lower_unaccented(text: str) -> str:
    """Lower case without diacritics (đ → d), spaces collapsed: for tolerant matching only.

    >>> lower_unaccented("  Cộng  HÒA xã hội ")
    'cong hoa xa hoi'
    """
    return " ".join(strip_diacritics(text).lower().split())


_QUOC_HIEU_KEY = " ".join(lower_unaccented(QUOC_HIEU).split()[:5])  # "cong hoa xa hoi chu nghia"
_TIEU_NGU_KEYS = tuple(lower_unaccented(part) for part in TIEU_NGU.split(" - "))


def is_quoc_hieu(text: str) -> bool:
    """The text holds the Quốc hiệu, however it is marked or cased."""
    return _QUOC_HIEU_KEY in lower_unaccented(text)


def is_tieu_ngu(text: str) -> bool:
    """The text holds the three phrases of the Tiêu ngữ."""
    lowered = lower_unaccented(text)
    return all(key in lowered for key in _TIEU_NGU_KEYS)


# --- Authority of the signer (Phụ lục I, III.7) -----------------------------------------------

AUTHORITY_PREFIXES = ("TM.", "KT.", "TL.", "TUQ.", "Q.")
"""Thay mặt, ký thay, thừa lệnh, thừa ủy quyền, quyền."""
COLLECTIVE, DEPUTY, BY_ORDER, AUTHORISED, ACTING = AUTHORITY_PREFIXES
AUTHORITY_CHAIN = (COLLECTIVE, DEPUTY)
"""The one combination: a deputy signs for the head on behalf of a collective body (TM. then KT.)."""
HEAD_TITLE_PREFIXES = (DEPUTY, BY_ORDER, AUTHORISED)
"""Prefixes followed by the head's title (KT. CHỦ TỊCH), not the signer's own."""
_AUTHORITY_ALT = "|".join(prefix.rstrip(".") for prefix in AUTHORITY_PREFIXES)
AUTHORITY_LINE = re.compile(rf"^({_AUTHORITY_ALT})\s*\.\s*(.*)$")
"""A signer line with its prefix: group 1 the prefix without the dot, group 2 the rest."""
AUTHORITY_START = re.compile(rf"({_AUTHORITY_ALT})\.\s")
"""A line that starts with a prefix written as ND30 writes it (``KT. CHỦ TỊCH``)."""
AUTHORITY_LIKE = re.compile(rf"(T/M|K/T|T/L|{_AUTHORITY_ALT})\b\.?\s*")
"""A line that starts with something meant as a prefix, well or badly written (``T/M``, ``KT.CHỦ``)."""


def authority_tokens(authority: str) -> tuple[str, ...]:
    """The prefixes as typed, upper case, each ending with a dot: ``"tm + kt"`` → ``("TM.", "KT.")``.

    Unknown tokens are kept (the caller names them); see :func:`chain_allowed` for the combination.

    >>> authority_tokens("tm, KT"), authority_tokens("  ")
    (('TM.', 'KT.'), ())
    """
    tokens = re.split(r"[\s,+]+", upper_vn(authority))
    return tuple(token if token.endswith(".") else token + "." for token in tokens if token)


def chain_allowed(prefixes: tuple[str, ...]) -> bool:
    """Nothing, one prefix, or TM. followed by KT.

    >>> chain_allowed(("TM.", "KT.")), chain_allowed(("KT.",)), chain_allowed(("TM.", "TL."))
    (True, True, False)
    """
    return len(prefixes) <= 1 or prefixes == AUTHORITY_CHAIN


# --- Document types and their abbreviations (Phụ lục III) -------------------------------------

TYPE_ABBREVIATIONS: dict[str, str] = {
    "Nghị quyết": "NQ",
    "Quyết định": "QĐ",
    "Chỉ thị": "CT",
    "Quy chế": "QC",
    "Quy định": "QyĐ",
    "Thông cáo": "TC",
    "Thông báo": "TB",
    "Hướng dẫn": "HD",
    "Chương trình": "CTr",
    "Kế hoạch": "KH",
    "Phương án": "PA",
    "Đề án": "ĐA",
    "Dự án": "DA",
    "Báo cáo": "BC",
    "Biên bản": "BB",
    "Tờ trình": "TTr",
    "Hợp đồng": "HĐ",
    "Công điện": "CĐ",
    "Bản ghi nhớ": "BGN",
    "Bản thỏa thuận": "BTT",
    "Giấy ủy quyền": "GUQ",
    "Giấy mời": "GM",
    "Giấy giới thiệu": "GGT",
    "Giấy nghỉ phép": "GNP",
    "Phiếu gửi": "PG",
    "Phiếu chuyển": "PC",
    "Phiếu báo": "PB",
    "Bản sao y": "SY",
    "Bản sao lục": "SL",
    "Bản trích sao": "TS",
    "Công văn": "",
}
"""Document type → abbreviation used in the ký hiệu (a công văn has none)."""
_COPIES = ("Bản sao y", "Bản sao lục", "Bản trích sao")
_FORMS = ("Phiếu gửi", "Phiếu chuyển", "Phiếu báo")

KY_HIEU_TYPES = frozenset(abbr for kind, abbr in TYPE_ABBREVIATIONS.items() if abbr and kind not in _COPIES)
"""Abbreviations that can open the ký hiệu of an issued document (copies excluded)."""
FORM_TITLE = "PHIẾU GÓP Ý"
"""Title of the phiếu góp ý that goes with a consultation letter."""
WORKING_TITLES = ("BẢN TỔNG HỢP", FORM_TITLE)
"""Titles of working papers that go with a document (not types of Phụ lục III, no ký hiệu of their own)."""
TITLE_TYPES = (
    tuple(upper_vn(kind) for kind, abbr in TYPE_ABBREVIATIONS.items() if abbr and kind not in _COPIES + _FORMS)
    + WORKING_TITLES
)
"""Type names that stand as the title (tên loại) of a document, upper case: ``KẾ HOẠCH``, ``BÁO CÁO``…"""

KIND_TYPES = {"plan": "Kế hoạch", "report": "Báo cáo", "letter": "Công văn", "to_trinh": "Tờ trình"}
"""dvtemplate's document kinds and their ND30 type."""


def kind_abbreviation(kind: str) -> str:
    """Type abbreviation of one of dvtemplate's kinds: ``"plan"`` → ``"KH"``; a letter has none (``""``)."""
    return TYPE_ABBREVIATIONS[KIND_TYPES[kind]]


def kind_title(kind: str) -> str:
    """The title (tên loại) of one of dvtemplate's kinds: ``"plan"`` → ``"KẾ HOẠCH"``."""
    return upper_vn(KIND_TYPES[kind])


# --- Số, ký hiệu and the date line (Phụ lục I, III.3–4) ---------------------------------------

SO_START = re.compile(r"\s*Số\s*[:.]?", re.IGNORECASE)
"""A paragraph that starts like a Số line (the checker excludes "Số liệu")."""
SO_LINE = re.compile(r"^Số\s*:?\s*(?P<num>\d*)\s*(?:/\s*(?P<sym>.*))?$")
"""A well-formed enough Số line to read back: number (may be blank) and ký hiệu."""
_SO_HEAD = re.compile(r"\s*Số\s*(:?)\s*(.*)$", re.IGNORECASE)
_SO_REST = re.compile(r"([0-9]*)\s*(?:/\s*(\d{4}))?\s*/\s*(\S.*)?$")

DATE_LINE = re.compile(
    r"^(?:(?P<place>[^,]+),\s*)?ngày\s*(?P<d>\d{1,2})?\s*tháng\s*(?P<m>\d{1,2})?\s*năm\s*(?P<y>\d{4})", re.IGNORECASE
)
"""A date line to read back: place (optional), day and month (blank in a draft), year."""
_DATE_PARTS = re.compile(
    r"(?P<place>[^,]*?)\s*(?P<comma>,?)\s*ngày\s*(?P<d>[0-9]*)[\s.…_]*tháng\s*"
    r"(?P<m>[0-9]*)[\s.…_]*năm\s*(?P<y>[0-9]*)\s*$",
    re.IGNORECASE,
)


def parse_so(text: str) -> dict | None:
    """Split ``Số: 05/KH-UBND`` into its parts as typed; ``None`` if it is not a Số line.

    ``symbol`` is ``None`` when the rest has no ``/``.

    >>> parse_so("Số: 05/2020/KH-UBND")["symbol"], parse_so("Số 5")["symbol"], parse_so("Kính gửi")
    ('KH-UBND', None, None)
    """
    head = _SO_HEAD.match(" ".join(text.split()))
    if not head:
        return None
    rest = head.group(2).strip()
    parts = _SO_REST.match(rest)
    if not parts:
        return {"colon": bool(head.group(1)), "number": None, "symbol": None, "raw": rest}
    return {
        "colon": bool(head.group(1)),
        "number": parts.group(1),
        "year": parts.group(2),
        "symbol": (parts.group(3) or "").strip(),
        "raw": rest,
    }


def parse_date_line(text: str) -> dict | None:
    """``<Địa danh>, ngày DD tháng MM năm YYYY`` → parts as typed; blanks and dots stay empty strings.

    >>> parse_date_line("Ninh Thuận, ngày 05 tháng 01 năm 2024")["m"]
    '01'
    """
    found = _DATE_PARTS.match(" ".join(text.split()))
    return found.groupdict() if found else None


# --- Kính gửi, closing line, Nơi nhận (Phụ lục I, III.6 and III.9) -----------------------------

KINH_GUI = "Kính gửi"
KINH_GUI_START = re.compile(r"Kính\s+gửi", re.IGNORECASE)
TRAN_TRONG = "Trân trọng./."
"""The last line of a công văn's body."""
NOI_NHAN = "Nơi nhận:"
NOI_NHAN_START = re.compile(r"Nơi\s+nhận\s*:?\s*", re.IGNORECASE)
"""A line that starts with the Nơi nhận label, however spaced; ``.end()`` is where the recipients start."""
AS_ABOVE = "Như trên"
"""First recipient of a letter that has a Kính gửi line: ``- Như trên;``."""


# --- Page and typesetting (Phụ lục I, II) -----------------------------------------------------

FONT = "Times New Roman"
BODY_PT = 14
"""Body text size the templates use (13–14 allowed)."""
A4_MM = (210, 297)
A4_TWIPS = (11906, 16838)
MARGINS_MM = {"top": (20, 25), "bottom": (20, 25), "left": (30, 35), "right": (15, 20)}
"""Allowed margins, mm (lowest, highest)."""
TEMPLATE_MARGINS_MM = {side: low for side, (low, _high) in MARGINS_MM.items()}
"""The margins the templates use: the lowest allowed, for the most text per page."""
HEADER_LEFT_COL_MM = 66
"""Header and closing tables: left column (≈ 40 % of the text width)."""
HEADER_RIGHT_COL_MM = 99
"""Header and closing tables: right column (≈ 60 %)."""
HEADER_LEFT_TEXT_MM = 62
"""Printable width of the header's left column (:data:`HEADER_LEFT_COL_MM` less cell margins, rounded down)."""


@dataclass(frozen=True)
class Typeset:
    """How one component is typeset: allowed sizes (pt), the size the templates use, and the style."""

    low: float
    high: float
    size: float
    bold: bool = False
    italic: bool = False
    center: bool = False


TYPESET = {
    "parent": Typeset(12, 13, 12),
    "issuer": Typeset(12, 13, 12, bold=True),
    "quoc_hieu": Typeset(12, 13, 12, bold=True),
    "tieu_ngu": Typeset(13, 14, 13, bold=True),
    "so": Typeset(13, 13, 13),
    "date": Typeset(13, 14, 14, italic=True),
    "vv": Typeset(12, 13, 12),
    "title": Typeset(13, 14, 14, bold=True, center=True),
    "trich_yeu": Typeset(13, 14, 14, bold=True),
    "body": Typeset(13, 14, BODY_PT),
    "page_number": Typeset(13, 14, BODY_PT),
    "noi_nhan": Typeset(12, 12, 12, bold=True, italic=True),
    "recipients": Typeset(11, 11, 11),
    "signer": Typeset(13, 14, 14, bold=True, center=True),
    "signer_name": Typeset(13, 14, 14, bold=True, center=True),
}
"""Component → typesetting (Phụ lục I, II.5 and III): what the checker allows, what the templates write."""


# --- Digital signatures on an electronic document (Phụ lục I, as restated by provinces in 2025) -------


@dataclass(frozen=True)
class SignatureLayout:
    """Where the images of a digital signature go (Phụ lục I on electronic documents).

    The signer's image (blue, transparent PNG) sits centred between the position title and the
    full name; the agency's seal (red, real size) covers about one third of the signer's image on
    its left. Copies and attachments sent as separate files carry no image: a text block at the
    top right of page 1 (number and symbol, or the form of copy with the copying agency; the
    signing time in ISO 8601, Vietnam time), Times New Roman, upright, 10 pt, black.
    """

    seal_covers: float = 1 / 3
    """Share of the signer's image the seal covers, from its left edge."""
    seal_mm: float = 36.0
    """Seal diameter used when the PNG does not say its real size (a commune seal: 35–36 mm)."""
    seal_mm_range: tuple[float, float] = (30.0, 45.0)
    """A PNG's own size (from its DPI) is taken as the real size only within this range."""
    signature_max_mm: tuple[float, float] = (50.0, 25.0)
    """Largest width and height of the signer's image, mm."""
    stamp_font: str = FONT
    stamp_pt: float = 10
    stamp_box_mm: tuple[float, float] = (80.0, 15.0)
    """Usual width and height of the top-right text block, mm (a block grows to at most twice this)."""
    stamp_right_mm: float = MARGINS_MM["right"][0]
    """The block's right edge: the text's right edge at the smallest right margin."""
    stamp_top_mm: float = 4.0
    """Distance from the page's top edge to the text block."""
    utc_offset_hours: int = 7
    """Vietnam time (no daylight saving)."""


SIGNATURE_LAYOUT = SignatureLayout()
COPY_FORMS = {"sao-y": "SAO Y", "sao-luc": "SAO LỤC", "trich-sao": "TRÍCH SAO"}
"""Form of copy (Điều 25) as printed in a copy's signature block."""
URGENCY = {"thuong": ("Thường", 0), "khan": ("Khẩn", 1), "thuong-khan": ("Thượng khẩn", 2), "hoa-toc": ("Hỏa tốc", 3)}
"""Mức độ khẩn (Phụ lục I): option value → (the word, the edXML Priority code of QCVN 102)."""
FILING_PREFIX = re.compile(r"^Lưu\s*:\s*", re.IGNORECASE)
"""The last Nơi nhận line, "Lưu: VT, <drafting unit>…": not a recipient."""
ARCHIVE_OFFICE = "VT"
"""Văn thư, first in the "Lưu" line."""
COPIES_SUFFIX = re.compile(r"\s*\((\d{1,5})\)\s*$")
"""The number of copies issued, written after the drafter's initials at the end of the Lưu line
("- Lưu: VT, NV, NTH(60)."): ND30 Phụ lục I, Nơi nhận (ký hiệu người soạn thảo, số lượng bản phát hành)."""


# --- Two-tier local government (from 1 July 2025) ---------------------------------------------

TWO_TIER_SINCE = (2025, 7, 1)
"""Since this day local government has two tiers (tỉnh; xã, phường, đặc khu): no district level."""
DISTRICT_WORDS = re.compile(r"(?<!\w)(huyện|quận|thị\s+xã)(?!\w)", re.IGNORECASE)
"""Words naming a district-level unit or office (huyện, quận, thị xã), matched as whole words."""
TWO_TIER_REASON = (
    "từ ngày 01/7/2025 chính quyền địa phương tổ chức hai cấp (tỉnh; xã, phường, đặc khu), không còn cấp huyện "
    "(Luật Tổ chức chính quyền địa phương 2025, Nghị quyết 202/2025/QH15)"
)
