"""How plan records are worded in running text, shared by the renderer and the importer.

The importer parses these sentences back into fields, so the wording lives in
one place beside the models it words.
"""

from __future__ import annotations

from ..vn import day_month, short_date
from .content import Target
from .schedule import KIND_LABELS, ReportingSchedule

__all__ = [
    "POSTING",
    "target_sentence",
    "deadline_phrase",
    "schedule_sentence",
    "UNKNOWN",
    "unknown",
    "is_unknown",
    "SILENCE_SENTENCE",
    "AGREED_PHRASE",
    "AGREEMENT_PHRASES",
    "AGREEMENT_FILLERS",
    "AGREEMENT_CELLS",
    "AGREEMENT_END",
    "REPLY_OPENINGS",
    "REPLY_OPENING_STARTS",
    "REPLY_CLOSING_STARTS",
    "REPLY_CLOSINGS",
    "REPLY_SIGNATURE_MARKS",
]

SILENCE_SENTENCE = (
    "Quá thời hạn nêu trên, cơ quan, đơn vị không gửi ý kiến góp ý được hiểu là thống nhất với nội dung dự thảo."
)
"""The công văn góp ý's sentence on silence (written by the letter context, skipped by the importer)."""

AGREED_PHRASE = "thống nhất với nội dung dự thảo, không có ý kiến khác"
"""How the bản tổng hợp and the Tờ trình say a unit agreed (and one of the phrases a reply is read for)."""

# --- How a reply to the consultation letter is framed (read by comments/reply.py) -------------
# Each phrase is compared without diacritics, case or punctuation. The readers drop the fillers
# from both sides first, so "thống nhất hoàn toàn với toàn bộ nội dung của dự thảo" matches
# "thống nhất với nội dung dự thảo".

AGREEMENT_FILLERS = (
    "hoàn toàn",
    "toàn bộ",
    "cơ bản",
    "về",
    "của",
    "bản",
    "các",
    "với",
    "đối",
    "gì",
    "nào",
    "đơn vị",
    "100%",
)
"""Words that do not change whether a sentence agrees ("hoàn toàn", "toàn bộ", "của"…)."""
AGREEMENT_PHRASES = (
    AGREED_PHRASE,
    "thống nhất với dự thảo",
    "thống nhất nội dung kế hoạch",
    "thống nhất với nội dung kế hoạch",
    "thống nhất nội dung như dự thảo",
    "thống nhất như dự thảo",
    "nhất trí với nội dung dự thảo",
    "nhất trí với dự thảo",
    "nhất trí nội dung",
    "đồng ý với nội dung dự thảo",
    "đồng ý với dự thảo",
    "thống nhất toàn bộ nội dung",
    "không có ý kiến khác",
    "không có ý kiến góp ý",
    "không có ý kiến bổ sung",
    "không có ý kiến thêm",
    "không có ý kiến đóng góp",
    "không có ý kiến sửa đổi",
    "không có góp ý",
    "không góp ý thêm",
    "không có đề xuất",
)
"""A reply's agreement with the draft, in the ways offices write it (any framing may surround it).
A sentence that ends "… không có ý kiến." agrees too."""
AGREEMENT_END = "không có ý kiến"
AGREEMENT_CELLS = (
    "thống nhất",
    "nhất trí",
    "đồng ý",
    "không có ý kiến",
    "không",
    "giữ nguyên",
    "thống nhất như dự thảo",
)
"""A cell of a reply's table of comments that only agrees with the part in its row."""
REPLY_OPENINGS = (
    "nhận được công văn",
    "nhận được văn bản",
    "nhận được dự thảo",
    "nhận được đề nghị",
    "đã nhận công văn",
    "có ý kiến như sau",
    "góp ý như sau",
    "tham gia ý kiến như sau",
    "tham gia góp ý như sau",
)
"""The opening of a reply: "<Đơn vị> nhận được Công văn số … của Sở Nội vụ về việc …"."""
REPLY_OPENING_STARTS = (
    "thực hiện công văn",
    "thực hiện văn bản",
    "thực hiện đề nghị",
    "thực hiện yêu cầu",
    "phúc đáp",
    "trả lời công văn",
    "trả lời văn bản",
    "theo đề nghị",
    "theo yêu cầu",
    "căn cứ công văn",
    "căn cứ văn bản",
    "tiếp nhận công văn",
    "tiếp nhận văn bản",
    "ngày",
    "sau khi nghiên cứu",
    "qua nghiên cứu",
    "sau khi xem xét",
)
"""Words that open a framing sentence (with no proposal in it): "Phúc đáp Công văn số …"."""
REPLY_CLOSING_STARTS = (
    "trên đây là",
    "trân trọng",
    "rất mong",
    "kính chào",
    "kính gửi",
    "xin trân trọng",
    "kính đề nghị",
    "đề nghị sở nội vụ tổng hợp",
)
"""Words that open a closing or salutation: "Trên đây là ý kiến góp ý của …", "Kính chào"."""
REPLY_CLOSINGS = (
    "trân trọng gửi",
    "kính gửi sở",
    "kính chuyển",
    "trân trọng chuyển",
    "gửi sở nội vụ tổng hợp",
    "gửi sở nội vụ để tổng hợp",
    "gửi quý cơ quan tổng hợp",
    "tổng hợp, hoàn thiện",
    "tổng hợp, báo cáo",
)
"""Phrases of a closing anywhere in its sentence: "… trân trọng gửi Sở Nội vụ tổng hợp"."""
REPLY_SIGNATURE_MARKS = ("đã ký", "ký tên", "ký, ghi rõ họ tên", "ký và đóng dấu", "đã ký và đóng dấu")
"""Lines of the signature area typed into the body: "(Đã ký)"."""

UNKNOWN = "(Chưa rõ"
"""Start of the placeholder the importer writes where a required field was not found."""


def unknown(what: str = "") -> str:
    """'(Chưa rõ người ký)': a placeholder the loader refuses until the clerk fills the field."""
    return f"{UNKNOWN} {what})" if what else f"{UNKNOWN})"


def is_unknown(text: str) -> bool:
    """True when *text* still holds an import placeholder."""
    return UNKNOWN in text


def target_sentence(target: Target) -> str:
    """'Tỷ lệ …: 100% (năm 2025); thực hiện: Sở Nội vụ; UBND các xã.' — one readable line per chỉ tiêu."""
    text = target.text.rstrip(" .;:")
    if target.value:
        unit = target.unit or ""
        sep = "" if unit in ("%", "") else " "
        text += f": {target.value}{sep}{unit}"
    if target.due_year:
        text += f" (năm {target.due_year})"
    if target.responsible:
        # "; " between units: a unit name often holds commas ("Các sở, ban, ngành"), and the
        # importer splits the list back on "; "
        text += "; thực hiện: " + "; ".join(target.responsible)
    return text + "."


def deadline_phrase(day) -> str:
    """'trước ngày 15/12/2025' (a date in running text: :func:`dvtemplate.vn.short_date`)."""
    return f"trước ngày {short_date(day)}"


def schedule_sentence(schedule: ReportingSchedule, subject: str | None = None) -> str:
    """'Định kỳ hằng tháng (trước ngày 20 hằng tháng), 6 tháng (trước ngày 15/6), hằng năm (trước ngày 15/12)
    báo cáo kết quả về …'; with *subject* ('Các sở, ban, ngành tỉnh'), the sentence says who reports:
    '<subject> định kỳ … báo cáo kết quả về …'."""
    parts = []
    for entry in schedule.entries:
        if entry.kind == "monthly":
            when = f"trước ngày {entry.day:02d} hằng tháng"
        elif entry.kind == "quarterly":
            when = f"trước ngày {entry.day:02d} tháng cuối quý"
        else:
            day, month = (int(x) for x in (entry.date or "").split("/"))
            when = f"trước ngày {day_month(day, month)}"
        parts.append(f"{KIND_LABELS[entry.kind]} ({when})")
    lead = f"{subject} định kỳ " if subject else "Định kỳ "
    text = lead + ", ".join(parts) + " báo cáo kết quả"
    if schedule.to:
        text += f" về {schedule.to}"
    return text + "."


POSTING = "đăng tải"
"""What the site line of a consultation letter's Nơi nhận says it does: 'Trang thông tin điện tử … (đăng tải)'.
The letter writes it when the draft is posted; the importer drops it again (it follows from ``draft_location``)."""
