"""Shared building blocks of the plan models: strict base class, text and date types.

Every model forbids unknown keys (a typo in the YAML is an error, not silently
ignored) and every string is cleaned once here (NFC, no control characters, no
private-use characters, which the engine reserves as markers), so nothing
downstream has to worry about what a user pasted from Word.
"""

from __future__ import annotations

import datetime as _dt
import re
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from ..vn import clean_text, parse_vn_date

__all__ = [
    "StrictModel",
    "Text",
    "OptText",
    "Day",
    "PartialDate",
    "OptEmail",
    "Abbreviation",
    "OptAbbreviation",
    "as_text",
    "to_date",
]


class StrictModel(BaseModel):
    """Base of every plan model: unknown keys are errors, values are re-validated on assignment."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True, populate_by_name=True)


def as_text(value: Any) -> Any:
    """Clean user text; numbers typed where text is expected become text ("2024" → "2024")."""
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, (int, float)):
        value = str(value)
    if isinstance(value, str):
        return clean_text(value).strip()
    return value


Text = Annotated[str, BeforeValidator(as_text), Field(min_length=1)]
"""Required, non-empty text (cleaned)."""

OptText = Annotated[str | None, BeforeValidator(as_text)]
"""Optional text; an empty string counts as absent."""


_NUMERIC_DATE = re.compile(r"^\s*(?:\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{4}|\d{4}-\d{1,2}-\d{1,2})\s*$")


def _bad_date(text: str) -> ValueError:
    if _NUMERIC_DATE.match(text):
        return ValueError(f"ngày '{text}' không tồn tại (kiểm tra ngày và tháng)")
    return ValueError(f"'{text}' không phải là ngày hợp lệ (viết dd/mm/yyyy, ví dụ 15/12/2025)")


def to_date(value: Any) -> Any:
    """Accept a YAML date, ``"15/12/2024"``, ``"2024-12-15"`` or ``"ngày 15 tháng 12 năm 2024"``."""
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, str):
        text = value.strip()
        if not text:
            return None
        parsed = parse_vn_date(text)
        if parsed is None:
            raise _bad_date(text)
        return parsed
    return value


def _email(value: str | None) -> str | None:
    if value is not None and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", value):
        raise ValueError(f"'{value}' không phải địa chỉ thư điện tử hợp lệ")
    return value


def _abbreviation(value: str | None) -> str | None:
    if value is not None and not re.fullmatch(r"[0-9A-Za-zÀ-ỹĐđ&.-]+", value):
        raise ValueError(f"chữ viết tắt '{value}' chỉ gồm chữ cái, chữ số, '&', '.', '-' (không có khoảng trắng)")
    return value.upper() if value is not None else None


OptEmail = Annotated[OptText, AfterValidator(_email)]
"""An optional e-mail address (checked for shape only)."""

Abbreviation = Annotated[Text, AfterValidator(_abbreviation)]
"""An abbreviation used in a ký hiệu (UBND, SNV, XDCQ…), upper-cased."""

OptAbbreviation = Annotated[OptText, AfterValidator(_abbreviation)]
"""An optional abbreviation used in a ký hiệu (UBND, SNV, XDCQ…), upper-cased."""

Day = Annotated[_dt.date, BeforeValidator(to_date)]
"""A full calendar date, typed the way clerks type it."""

_PARTIAL = re.compile(r"^\s*(?:(\d{1,2})?\s*/\s*)?(?:(\d{1,2})?\s*/\s*)?(\d{4})\s*$")


class PartialDate(StrictModel):
    """An issue date that a draft may leave partly blank (``ngày … tháng 12 năm 2021``).

    In YAML: a full date (``2024-01-05`` or ``05/01/2024``), a month and year
    (``12/2021``), a year alone (``2024``), or a mapping ``{day, month, year}``.
    """

    day: int | None = Field(default=None, ge=1, le=31, description="Ngày (để trống khi là dự thảo)")
    month: int | None = Field(default=None, ge=1, le=12, description="Tháng (để trống khi là dự thảo)")
    year: int = Field(ge=1945, le=2100, description="Năm")

    @model_validator(mode="before")
    @classmethod
    def _from_scalar(cls, value: Any) -> Any:
        if isinstance(value, _dt.datetime):
            value = value.date()
        if isinstance(value, _dt.date):
            return {"day": value.day, "month": value.month, "year": value.year}
        if isinstance(value, int):
            return {"year": value}
        if isinstance(value, str):
            full = parse_vn_date(value)
            if full is not None:
                return {"day": full.day, "month": full.month, "year": full.year}
            m = _PARTIAL.match(value) if len(value) <= 40 else None  # spaces around '/': short input only
            if _NUMERIC_DATE.match(value):
                raise _bad_date(value)
            if not m:
                raise ValueError(f"'{value}' không phải là ngày hợp lệ (ví dụ 05/01/2025, 12/2025 hoặc 2025)")
            parts = [p for p in m.groups()[:2] if p is not None]
            day, month = (None, None)
            if len(parts) == 2:
                day, month = int(parts[0]), int(parts[1])
            elif len(parts) == 1:
                month = int(parts[0])
            return {"day": day, "month": month, "year": int(m.group(3))}
        return value

    @model_validator(mode="after")
    def _real_date(self) -> PartialDate:
        if self.day is not None and self.month is None:
            raise ValueError("có ngày mà không có tháng")
        if self.day is not None and self.month is not None:
            try:
                _dt.date(self.year, self.month, self.day)
            except ValueError:
                raise ValueError(f"ngày {self.day:02d}/{self.month:02d}/{self.year} không tồn tại") from None
        return self

    @property
    def complete(self) -> _dt.date | None:
        """The calendar date when day and month are both known, else None."""
        if self.day is None or self.month is None:
            return None
        return _dt.date(self.year, self.month, self.day)
