"""Which document this is, and the công văn lấy ý kiến góp ý that may come before a draft plan.

A Kế hoạch has the tên loại "KẾ HOẠCH" under its header; another type (Quyết định, Báo cáo,
Tờ trình…) has its own tên loại; a công văn has none but a "V/v …" line under its Số and a
"Kính gửi" line. Only a Kế hoạch is imported; a công văn góp ý followed by its draft plan (as
``dvtemplate letter`` writes it, and as offices send it) also fills the plan's ``letter:`` part,
its sentences read back with the wording of :mod:`dvtemplate.contexts.letter`.
"""

from __future__ import annotations

import re

from ..docx import Components, parse_header
from ..docx import Para as Block
from ..model.wording import POSTING, SILENCE_SENTENCE
from ..vn import TYPE_ABBREVIATIONS, clean_list_item, collapse_spaces, parse_vn_date, upper_vn
from .fields import issuer_fields, parse_closing, recipients_fields, signer_fields

__all__ = ["document_type", "parse_letter", "is_letter", "is_consultation"]

_TYPES = {upper_vn(kind): kind for kind in TYPE_ABBREVIATIONS}
_VV = re.compile(r"^V/v\b\s*", re.IGNORECASE)
_KINH_GUI = re.compile(r"^Kính\s+gửi\s*:?\s*", re.IGNORECASE)
_DEADLINE = re.compile(r"trước\s+ngày\s+(\d{1,2}/\d{1,2}/\d{4})")
_REQUEST = re.compile(
    r"^Để hoàn thiện dự thảo trước khi ban hành, .* \(dự thảo gửi kèm theo Công văn này(?P<where>.*)\)\.$"
)
_CONTACT = re.compile(r"^Thông tin chi tiết xin liên hệ: (?P<who>.+?)(?:, điện thoại: (?P<phone>[^.]+))?\.$")
_ADDRESS = re.compile(r" bằng văn bản theo địa chỉ: (?P<address>.+?)(?=; đồng thời|\.$)")
_EMAIL = re.compile(r" đồng thời gửi tệp điện tử qua thư điện tử: (?P<email>\S+?)\.?$")


def document_type(blocks: list[Block]) -> str | None:
    """The tên loại in the first 40 paragraphs outside tables ("Quyết định"…), else None."""
    for b in blocks[:40]:
        if b.cell is None and b.flat:
            first = upper_vn(b.plain.strip().split("\n")[0].strip())
            if first in _TYPES and (b.bold or b.align == "center"):
                return _TYPES[first]
    return None


def is_letter(frame: Components) -> bool:
    """A công văn: the frame finder saw a 'V/v' trích yếu in its header and a 'Kính gửi' line."""
    return bool(frame.vv) and bool(frame.kinh_gui)


def is_consultation(blocks: list[Block]) -> bool:
    """A công văn lấy ý kiến góp ý (its V/v or its body asks for comments on a draft)."""
    text = " ".join(b.flat for b in blocks[:80]).lower()
    return "góp ý" in text or "lấy ý kiến" in text


def parse_letter(blocks: list[Block], frame: Components, plan: dict, warnings: list[str]) -> dict | None:
    """The ``letter:`` mapping of the công văn in *blocks* (everything before the draft plan), *frame* its
    components: header → body sentences (deadline, contact, where the draft is) → closing."""
    if not is_letter(frame):
        warnings.append("phần công văn trước dự thảo không có dòng 'V/v' hoặc 'Kính gửi'; đã bỏ qua phần đó")
        return None
    letter, issuer = _letter_head(frame)
    body = [b.plain.strip() for b in blocks[frame.body_start : frame.body_end] if b.flat]
    deadline = _letter_body(body, letter, warnings)
    if deadline is None:
        warnings.append("công văn góp ý không ghi hạn góp ý ('trước ngày dd/mm/yyyy'); đã bỏ qua phần công văn")
        return None
    letter["deadline"] = deadline
    _letter_closing(blocks[frame.body_end : frame.closing_end], letter, issuer, plan)
    return letter


def _letter_head(frame: Components) -> tuple[dict, dict]:
    """The letter's subject, recipients, number and date, and its issuer (from the ký hiệu)."""
    subject = collapse_spaces(" ".join([_VV.sub("", frame.vv[0].flat), *(p.flat for p in frame.vv[1:])]))
    header = parse_header([p for p in frame.header if p not in frame.vv])
    issuer, _ = issuer_fields(header, None)
    if header.symbol:  # a công văn's ký hiệu is <issuer>-<drafting unit>, with no type abbreviation
        office, _, unit = header.symbol.partition("-")
        issuer["abbreviation"] = office
        issuer.update({"drafting_unit": unit} if unit else {})
    first = _KINH_GUI.sub("", frame.kinh_gui[0].flat).rstrip(" .;")
    recipients = [first] if first else [clean_list_item(p.flat) for p in frame.kinh_gui[1:]]
    letter: dict = {"subject": subject, "recipients": recipients, "paragraphs": [], "extra": [], "contact": {}}
    if header.number is not None:
        letter["number"] = header.number
    if header.year:
        letter["issued"] = {"day": header.day, "month": header.month, "year": header.year}
    return letter, issuer


def _letter_body(body: list[str], letter: dict, warnings: list[str]):
    """Sort the body's sentences into *letter* (the template's own sentences dropped); returns the deadline."""
    deadline = None
    for text in body:
        flat = collapse_spaces(text)
        if _template_sentence(flat, letter):
            continue
        m = _DEADLINE.search(flat)
        if deadline is None and m and parse_vn_date(m.group(1)) is not None:
            deadline = parse_vn_date(m.group(1))
            _deadline_sentence(flat, flat[m.end() :], letter, warnings)
            continue
        if (c := _CONTACT.match(flat)) is not None:
            letter["contact"]["person"] = c.group("who")
            if c.group("phone"):
                letter["contact"]["phone"] = c.group("phone")
            continue
        letter["extra" if deadline is not None else "paragraphs"].append(text)
    return deadline


def _template_sentence(flat: str, letter: dict) -> bool:
    """A sentence the letter template writes itself (the request keeps where the draft is posted)."""
    if flat.startswith("Trân trọng") or flat.endswith("đề nghị các cơ quan, đơn vị quan tâm, phối hợp thực hiện."):
        return True
    if (m := _REQUEST.match(flat)) is not None:
        where = m.group("where")
        if where.startswith("; đồng thời được đăng tải trên "):
            letter["draft_location"] = where.removeprefix("; đồng thời được đăng tải trên ")
        return True
    return flat == SILENCE_SENTENCE


def _deadline_sentence(flat: str, tail: str, letter: dict, warnings: list[str]) -> None:
    """The address and e-mail after the deadline; a warning when the sentence is not the template's."""
    if (a := _ADDRESS.search(tail)) is not None:
        letter["contact"]["address"] = a.group("address")
    if (e := _EMAIL.search(tail)) is not None:
        letter["contact"]["email"] = e.group("email")
    if not flat.startswith("Văn bản góp ý gửi về "):
        warnings.append(
            f"câu hạn góp ý '{flat[:70]}…' được thay bằng câu của mẫu công văn (hạn và nơi nhận "
            "góp ý đọc vào letter:); hãy xem lại letter.contact"
        )


def _letter_closing(closing: list[Block], letter: dict, issuer: dict, plan: dict) -> None:
    """Issuer, signer and Nơi nhận of the letter, kept only where they differ from the plan's."""
    recipient_lines, signer_lines, _ = parse_closing(closing)
    signer, _ = signer_fields(signer_lines)
    noi_nhan = recipients_fields(recipient_lines)
    noi_nhan["items"] = [x for x in noi_nhan.get("items", []) if x.rstrip(" ;.").lower() != "như trên"]
    noi_nhan["items"] = [x for x in noi_nhan["items"] if not _site_line(x, letter.get("draft_location") or "")]
    if issuer != plan.get("issuer"):
        letter["issuer"] = issuer
    if signer and signer != plan.get("signer"):
        letter["signer"] = signer
    if noi_nhan.get("items") or noi_nhan.get("archive") not in (None, _default_archive(letter, plan)):
        letter["noi_nhan"] = noi_nhan


def _site_line(item: str, location: str) -> bool:
    """True for the Nơi nhận line the letter adds for the site it posts the draft on (it follows from the location)."""
    site = item.removesuffix(f" ({POSTING})")
    return site != item and bool(site) and location.startswith(site)


def _default_archive(letter: dict, plan: dict) -> str:
    issuer = letter.get("issuer") or plan.get("issuer") or {}
    return ", ".join(x for x in ("VT", issuer.get("drafting_unit")) if x)
