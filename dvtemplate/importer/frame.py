"""The frame of a Kế hoạch: header, title, closing block (Nơi nhận and signer).

Offices lay these out as a two-column borderless table, as loose centred
lines, or leave parts out; each classifier here works on lines, whatever
container they came from, and says what it could not find.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from ..docx import Para as Block
from ..model.wording import unknown
from ..vn import clean_list_item, collapse_spaces, ky_hieu, strip_diacritics, upper_vn
from ..vn.nd30 import (
    ACTING,
    AUTHORITY_LINE,
    COLLECTIVE,
    DATE_LINE,
    NOI_NHAN_START,
    QUOC_HIEU_START,
    SO_LINE,
    TIEU_NGU_START,
    kind_title,
)
from .parsers import parse_archive, restore_case, restore_name_line

__all__ = [
    "Frame",
    "Header",
    "find_frame",
    "parse_header",
    "parse_closing",
    "guess_level",
    "issuer_fields",
    "signer_fields",
    "recipients_fields",
]

_QH, _MOTTO, _SO, _DATE, _AUTH = QUOC_HIEU_START, TIEU_NGU_START, SO_LINE, DATE_LINE, AUTHORITY_LINE
_PLAN_TITLE = kind_title("plan")
_SIGNED = re.compile(r"^\(?\s*(đã\s+ký|ký|ký tên.*|ký,.*|đã ký.*)\s*\)?$", re.IGNORECASE)


@dataclass
class Frame:
    """Where things are: indexes into the block list (end exclusive)."""

    header_start: int
    title: int | None
    body_start: int
    body_end: int
    closing_end: int


def _is_title(b: Block) -> bool:
    first = b.flat.split(" ")[0:2]
    return " ".join(first).upper() == _PLAN_TITLE and (b.flat.upper() == _PLAN_TITLE or "\n" in b.plain.strip())


def find_frame(blocks: list[Block], is_title: Callable[[Block], bool] | None = None) -> Frame:
    """Locate title, header window, body and closing block.

    *is_title* picks the block that ends the header (default: the KẾ HOẠCH title; a
    công văn, which has no title, passes a test for its "Kính gửi" line).
    """
    is_title = is_title or _is_title
    title = next((i for i, b in enumerate(blocks) if b.cell is None and is_title(b)), None)
    anchor = title if title is not None else 0
    qh = None
    for i in range(anchor - 1, -1, -1):
        if _QH.match(blocks[i].flat):
            qh = i
            break
    if qh is None:
        header_start = anchor
        for i in range(anchor - 1, max(anchor - 8, -1), -1):
            if _SO.match(blocks[i].flat) or _DATE.match(blocks[i].flat) or not blocks[i].flat:
                header_start = i
            else:
                break
    elif blocks[qh].cell is not None:
        table = blocks[qh].cell[0]
        header_start = next(i for i, b in enumerate(blocks) if b.cell and b.cell[0] == table)
    else:
        header_start = qh
        for i in range(qh - 1, max(qh - 8, -1), -1):
            t = blocks[i].flat
            if blocks[i].cell is None and (not t or (t == upper_vn(t) and len(t) < 80)):
                header_start = i
            else:
                break
    body_start = (title + 1) if title is not None else header_start
    closing = next(
        (i for i in range(body_start, len(blocks)) if NOI_NHAN_START.match(blocks[i].flat)),
        None,
    )
    if closing is None:
        ends = [i for i in range(body_start, len(blocks)) if blocks[i].flat.endswith("/.")]
        closing = next(
            (i for i in range(body_start, len(blocks)) if _AUTH.match(blocks[i].flat) and blocks[i].bold),
            ends[-1] + 1 if ends else len(blocks),
        )
    body_end = closing
    closing_end = closing
    if closing < len(blocks) and blocks[closing].cell is not None:
        table = blocks[closing].cell[0]
        body_end = next(i for i, b in enumerate(blocks) if b.cell and b.cell[0] == table)
        closing_end = max(i for i, b in enumerate(blocks) if b.cell and b.cell[0] == table) + 1
    elif closing < len(blocks):
        closing_end = closing
        for i in range(closing, len(blocks)):
            closing_end = i + 1
            if i > closing and _looks_like_name(blocks[i]):
                break
    return Frame(header_start, title, body_start, body_end, closing_end)


def _looks_like_name(b: Block) -> bool:
    words = b.flat.split()
    return 2 <= len(words) <= 5 and b.flat != upper_vn(b.flat) and all(w[:1].isupper() and w.isalpha() for w in words)


@dataclass
class Header:
    parent: str | None = None
    lines: list[str] = field(default_factory=list)
    number: int | None = None
    symbol: str | None = None
    place: str | None = None
    day: int | None = None
    month: int | None = None
    year: int | None = None
    draft: bool = False
    unknown: list[str] = field(default_factory=list)


def parse_header(blocks: list[Block]) -> Header:
    """Issuer lines (bold = issuer, plain = parent), Số, date line, DỰ THẢO mark."""
    h = Header()
    issuer: list[tuple[str, bool]] = []
    for b in blocks:
        for line in (collapse_spaces(x) for x in b.plain.split("\n")):
            if not line or _QH.match(line) or _MOTTO.match(line):
                continue
            if upper_vn(line).replace(" ", "") in ("DỰTHẢO", "DỰTHẢO:"):
                h.draft = True
            elif m := _SO.match(line):
                h.number = int(m.group("num")) if m.group("num") else None
                h.symbol = ky_hieu(m.group("sym")) if m.group("sym") else None
            elif (m := _DATE.match(line)) and m.group("place"):
                h.place = m.group("place").strip()
                h.day = int(m.group("d")) if m.group("d") else None
                h.month = int(m.group("m")) if m.group("m") else None
                h.year = int(m.group("y"))
            elif line == upper_vn(line) and len(line) < 80 and not _QH.search(line):
                issuer.append((line, b.bold))
            else:
                h.unknown.append(line)
    if issuer:
        plain = [ln for ln, bold in issuer if not bold]
        bold = [ln for ln, b in issuer if b]
        if plain and bold and issuer[0][1] is False:
            h.parent = " ".join(plain)
            h.lines = bold
        else:
            lines = [ln for ln, _ in issuer]
            if (
                len(lines) >= 2
                and re.match(r"^(UBND|ỦY BAN NHÂN DÂN|BỘ|TỈNH ỦY)\b", lines[0])
                and re.match(r"^(SỞ|BAN|PHÒNG|VĂN PHÒNG|CỤC|CHI CỤC|TRUNG TÂM)\b", lines[1])
            ):
                h.parent, h.lines = lines[0], lines[1:]
            else:
                h.lines = lines
    return h


def issuer_fields(h: Header, archive: str | None) -> tuple[dict, list[str]]:
    """The Issuer mapping from a parsed header, and warnings for what had to be guessed."""
    warnings = []
    lines = [restore_name_line(ln) for ln in h.lines]
    if not lines:
        lines = [unknown("cơ quan ban hành")]
        h.symbol = h.symbol or None
        warnings.append("không tìm thấy tên cơ quan ban hành ở đầu văn bản; hãy điền issuer.name")
    name = " ".join(lines)
    abbreviation = None
    if h.symbol:
        parts = h.symbol.split("-")
        abbreviation = "-".join(parts[1:]) if len(parts) > 1 else parts[0]
    if not abbreviation or not re.fullmatch(r"[0-9A-Za-zÀ-ỹĐđ&.-]+", abbreviation):
        abbreviation = "".join(w[0] for w in strip_diacritics(name).upper().split() if w[0].isalpha())[:8]
        abbreviation = abbreviation if h.lines and abbreviation else "UBND"
        warnings.append(f"không đọc được ký hiệu từ dòng 'Số:'; đoán chữ viết tắt cơ quan là '{abbreviation}'")
    place = h.place
    if not place:
        place = (
            re.sub(r"^(tỉnh|thành phố|huyện|xã|phường|đặc khu)\s+", "", lines[-1]) if h.lines else unknown("địa danh")
        )
        warnings.append(f"không tìm thấy dòng địa danh, ngày tháng; đoán địa danh là '{place}'")
    drafting = None
    if archive:
        rest = [p.strip() for p in archive.split(",") if p.strip() and p.strip().upper() != "VT"]
        if rest and re.fullmatch(r"[0-9A-Za-zÀ-ỹĐđ&.-]+", rest[0]):
            drafting = rest[0]
    fields = {
        "parent": restore_name_line(h.parent) if h.parent else None,
        "name": name,
        "name_lines": lines if len(lines) > 1 else [],
        "abbreviation": abbreviation,
        "drafting_unit": drafting,
        "place": place,
        "level": guess_level(name),
    }
    return {k: v for k, v in fields.items() if v not in (None, [])}, warnings


def guess_level(name: str) -> str:
    """Administrative level from the issuer's name ('… xã Cam Hiệp' → 'xã')."""
    low = name.lower()
    for word, level in (
        ("đặc khu", "đặc khu"),
        ("phường", "phường"),
        ("xã", "xã"),
        ("huyện", "huyện"),
        ("quận", "huyện"),
        ("thị xã", "huyện"),
    ):
        if re.search(rf"(^|\s){word}\s", low):
            return level
    if low.startswith(("sở ", "ban ", "văn phòng", "chi cục", "cục ", "trung tâm")):
        return "sở"
    if low.startswith("bộ "):
        return "trung ương"
    return "tỉnh"


def parse_closing(blocks: list[Block]) -> tuple[list[str], list[str], list[str]]:
    """(recipient lines, signer lines, unplaced lines) of the closing block."""
    recipients: list[str] = []
    signer: list[str] = []
    unplaced: list[str] = []
    noi_nhan_cell = None
    in_recipients = False
    for b in blocks:
        for raw in b.plain.split("\n"):
            line = collapse_spaces(raw)
            if not line:
                continue
            if label := NOI_NHAN_START.match(line):
                noi_nhan_cell = b.cell
                in_recipients = True
                rest = line[label.end() :]
                if rest:
                    recipients.append(rest)
                continue
            same_cell = b.cell is not None and noi_nhan_cell is not None and b.cell == noi_nhan_cell
            if same_cell or (b.cell is None and in_recipients and line.startswith(("-", "–", "+"))):
                recipients.append(line)
            elif _SIGNED.match(line):
                unplaced.append(line)
            else:
                in_recipients = in_recipients and b.cell is not None
                signer.append(line)
    return recipients, signer, unplaced


def signer_fields(lines: list[str]) -> tuple[dict | None, list[str]]:
    """Signer mapping from its lines: 'TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH', name."""
    if not lines:
        return None, ["không tìm thấy người ký; hãy điền signer"]
    name = lines[-1]
    authority, fields, title = [], {}, []
    for line in lines[:-1]:
        m = _AUTH.match(line)
        if m:
            prefix, rest = m.group(1) + ".", restore_case(m.group(2))
            authority.append(prefix)
            if prefix == COLLECTIVE:
                fields["on_behalf_of"] = rest
            elif prefix == ACTING:
                title.append(rest)
            else:
                fields["head_title"] = rest
        else:
            title.append(restore_case(line))
    fields["title"] = " ".join(title) or fields.get("head_title") or unknown("chức vụ")
    if authority:
        fields["authority"] = " ".join(authority)
    fields["name"] = name
    return fields, []


def recipients_fields(lines: list[str]) -> dict:
    """Recipients mapping; the '- Lưu: …' line gives archive, drafter and copies."""
    items, out = [], {}
    for line in lines:
        item = clean_list_item(line)
        if re.match(r"^lưu\b", item, re.IGNORECASE):
            archive, drafter, copies = parse_archive(item)
            out["archive"] = archive
            if drafter:
                out["drafter"] = drafter
            if copies:
                out["copies"] = copies
        elif item:
            items.append(item)
    if items:
        out["items"] = items
    return out
