"""How plan records are worded in running text, shared by the renderer and the importer.

The importer parses these sentences back into fields, so the wording lives in
one place beside the models it words.
"""

from __future__ import annotations

from ..vn import day_month, short_date
from .content import Target
from .schedule import KIND_LABELS, ReportingSchedule

__all__ = [
    "target_sentence",
    "deadline_phrase",
    "schedule_sentence",
    "UNKNOWN",
    "unknown",
    "is_unknown",
    "SILENCE_SENTENCE",
]

SILENCE_SENTENCE = (
    "Quá thời hạn nêu trên, cơ quan, đơn vị không gửi ý kiến góp ý được hiểu là thống nhất với nội dung dự thảo."
)
"""The công văn góp ý's sentence on silence (written by the letter context, skipped by the importer)."""

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
