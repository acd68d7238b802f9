"""Recurring reporting: when each kind of periodic report is due, and which periods exist.

Periods are written ``2025-05`` (month), ``2025-Q2`` (quarter), ``2025-H1``
(6 months) and ``2025`` (year). A schedule says by which day each is due. Which reports a plan asks for, each
once, is :mod:`.reports`.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass
from typing import Literal

from pydantic import Field, field_validator, model_validator

from .base import OptText, StrictModel
from .indicators import Indicator

__all__ = ["ScheduleEntry", "ReportingSchedule", "Period", "parse_period", "KIND_LABELS"]

Kind = Literal["monthly", "quarterly", "half_year", "yearly"]

KIND_LABELS = {"monthly": "hằng tháng", "quarterly": "hằng quý", "half_year": "6 tháng", "yearly": "hằng năm"}


class ScheduleEntry(StrictModel):
    """One recurring deadline: monthly/quarterly before day N, 6-month/yearly before dd/mm."""

    kind: Kind = Field(description="Loại kỳ: monthly (tháng), quarterly (quý), half_year (6 tháng), yearly (năm)")
    day: int | None = Field(
        default=None,
        ge=1,
        le=31,
        description="Với monthly/quarterly: hạn là trước ngày này của tháng (tháng cuối quý)",
    )
    date: OptText = Field(default=None, description="Với half_year/yearly: hạn dạng dd/mm, ví dụ 15/6 hoặc 15/12")

    @field_validator("date")
    @classmethod
    def _day_month(cls, value: str | None) -> str | None:
        if value is None:
            return None
        m = re.fullmatch(r"(\d{1,2})\s*/\s*(\d{1,2})", value)
        if not m:
            raise ValueError(f"'{value}' phải có dạng dd/mm, ví dụ 15/12")
        day, month = int(m.group(1)), int(m.group(2))
        try:
            _dt.date(2024, month, day)  # leap year: 29/02 allowed
        except ValueError:
            raise ValueError(f"ngày {day}/{month} không tồn tại") from None
        return f"{day:02d}/{month:02d}"

    @model_validator(mode="after")
    def _fields_for_kind(self) -> ScheduleEntry:
        if self.kind in ("monthly", "quarterly") and self.day is None:
            raise ValueError(f"kỳ {self.kind} cần 'day' (hạn trước ngày mấy của tháng)")
        if self.kind in ("half_year", "yearly") and self.date is None:
            raise ValueError(f"kỳ {self.kind} cần 'date' dạng dd/mm")
        return self

    def deadline(self, period: Period) -> _dt.date:
        """The due date of this entry for *period* (same kind), clamped to the month's end.

        A half-year ``date`` is the first half's deadline; the second half's falls
        six months later (15/06 → 15/12), never before the period it reports on.
        """
        if self.kind in ("monthly", "quarterly"):
            month = period.last_month
            year = period.year
            last = (_dt.date(year + (month == 12), month % 12 + 1, 1) - _dt.timedelta(days=1)).day
            return _dt.date(year, month, min(self.day or 1, last))
        day, month = (int(x) for x in (self.date or "").split("/"))
        if self.kind == "half_year" and period.index == 2 and month <= 6:
            month += 6
            day = min(day, 30 if month in (9, 11) else 31)
        if month == 2 and day == 29 and not _is_leap(period.year):
            day = 28
        return _dt.date(period.year, month, day)


def _is_leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


class ReportingSchedule(StrictModel):
    """A set of recurring deadlines and to whom reports go."""

    to: OptText = Field(default=None, description="Báo cáo về đâu, ví dụ: UBND tỉnh (qua Sở Nội vụ)")
    entries: list[ScheduleEntry] = Field(default_factory=list, description="Các kỳ báo cáo")
    indicators: list[Indicator] = Field(
        default_factory=list,
        description="Chỉ số định lượng mọi đơn vị báo cáo mỗi kỳ (tên, đơn vị tính, kiểu, cách cộng)",
    )

    @model_validator(mode="after")
    def _unique_keys(self) -> ReportingSchedule:
        seen: dict[str, str] = {}
        for indicator in self.indicators:
            if indicator.key in seen:
                raise ValueError(
                    f"hai chỉ số cùng khóa '{indicator.key}' ('{seen[indicator.key]}' và '{indicator.label}'); "
                    "đặt 'key' khác nhau"
                )
            seen[indicator.key] = indicator.label
        for indicator in self.indicators:
            if indicator.weight and indicator.weight not in seen:
                raise ValueError(
                    f"chỉ số '{indicator.label}': weight '{indicator.weight}' không phải khóa của chỉ số nào "
                    f"(có: {', '.join(seen)})"
                )
            if indicator.weight and indicator.weight == indicator.key:
                raise ValueError(f"chỉ số '{indicator.label}' không thể làm trọng số cho chính nó")
        return self

    def entry_for(self, kind: str) -> ScheduleEntry | None:
        """The entry of *kind*, or None when the plan does not schedule it."""
        return next((e for e in self.entries if e.kind == kind), None)


@dataclass(frozen=True)
class Period:
    """A reporting period: kind, year and index (month 1–12, quarter 1–4, half 1–2)."""

    kind: str
    year: int
    index: int = 1

    @property
    def last_month(self) -> int:
        return {"monthly": self.index, "quarterly": self.index * 3, "half_year": self.index * 6, "yearly": 12}[
            self.kind
        ]

    @property
    def label(self) -> str:
        """Vietnamese name: 'tháng 5', 'quý II', '6 tháng đầu năm', 'năm'."""
        if self.kind == "monthly":
            return f"tháng {self.index:02d}" if self.index <= 2 else f"tháng {self.index}"
        if self.kind == "quarterly":
            return "quý " + ("I", "II", "III", "IV")[self.index - 1]
        if self.kind == "half_year":
            return "6 tháng đầu năm" if self.index == 1 else "6 tháng cuối năm"
        return "năm"

    @property
    def phrase(self) -> str:
        """The period with its year, as running text names it: 'tháng 5 năm 2026', 'quý II năm 2026',
        '6 tháng đầu năm 2026', 'năm 2026' (never '6 tháng đầu năm năm 2026')."""
        if self.kind == "yearly":
            return f"năm {self.year}"
        label = self.label
        return f"{label} {self.year}" if label.endswith("năm") else f"{label} năm {self.year}"

    @property
    def code(self) -> str:
        return {
            "monthly": f"{self.year}-{self.index:02d}",
            "quarterly": f"{self.year}-Q{self.index}",
            "half_year": f"{self.year}-H{self.index}",
            "yearly": f"{self.year}",
        }[self.kind]


def parse_period(text: str) -> Period:
    """``2025-05`` / ``2025-Q2`` / ``2025-H1`` / ``2025`` → Period; ValueError in Vietnamese otherwise."""
    value = str(text).strip().upper()
    patterns = (
        (r"(\d{4})-(\d{1,2})", "monthly", 12),
        (r"(\d{4})-Q([1-4])", "quarterly", 4),
        (r"(\d{4})-H([12])", "half_year", 2),
    )
    for pattern, kind, top in patterns:
        m = re.fullmatch(pattern, value)
        if m and 1 <= int(m.group(2)) <= top:
            return Period(kind, int(m.group(1)), int(m.group(2)))
    if re.fullmatch(r"\d{4}", value):
        return Period("yearly", int(value), 1)
    raise ValueError(
        f"kỳ báo cáo '{text}' không hợp lệ; viết 2025-05 (tháng), 2025-Q2 (quý), 2025-H1 (6 tháng) hoặc 2025 (năm)"
    )
