"""The header's, signer's and recipients' lines turned into the plan's fields (issuer, signer, recipients).

Where those lines are is the frame finder's answer (:mod:`dvtemplate.docx.frame`); how the header's
lines read is :mod:`dvtemplate.docx.header`. What is guessed comes back as a warning.
"""

from __future__ import annotations

import re

from ..docx import Header, Para
from ..model.wording import unknown
from ..vn import clean_list_item, collapse_spaces, strip_diacritics
from ..vn.nd30 import ACTING, AUTHORITY_LINE, COLLECTIVE, NOI_NHAN_START
from .parsers import parse_archive, restore_case, restore_name_line

__all__ = ["issuer_fields", "guess_level", "parse_closing", "signer_fields", "recipients_fields"]

_AUTH = AUTHORITY_LINE
_SIGNED = re.compile(r"^\(?\s*(đã\s+ký|ký|ký tên.*|ký,.*|đã ký.*)\s*\)?$", re.IGNORECASE)


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


def parse_closing(blocks: list[Para]) -> tuple[list[str], list[str], list[str]]:
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
