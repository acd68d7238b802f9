"""Quantitative indicators a plan asks every unit to report (``reporting.indicators``).

Provinces require figures "thống nhất về khái niệm, phương pháp tính và đơn vị
tính" so they can be added up; the plan is where that is written once: a label,
a unit of measure, a type and how the units' figures aggregate. Each indicator
has a stable ``key`` (a slug of the label unless given) used in the form's
content-control tags (``dvt:ind:<key>``) and by ``collect``.
"""

from __future__ import annotations

import re
from typing import Literal

from pydantic import Field, model_validator

from ..vn import strip_diacritics
from .base import OptText, StrictModel, Text

__all__ = ["Indicator", "IndicatorType", "Aggregate", "slug_key", "TYPE_LABELS", "AGGREGATE_LABELS", "MAX_KEY"]

IndicatorType = Literal["integer", "decimal", "percent", "yes_no", "text"]
Aggregate = Literal["sum", "mean", "weighted", "none"]

TYPE_LABELS = {
    "integer": "số nguyên",
    "decimal": "số thập phân",
    "percent": "tỷ lệ %",
    "yes_no": "có/không",
    "text": "chữ",
}
AGGREGATE_LABELS = {"sum": "tổng", "mean": "bình quân", "weighted": "bình quân gia quyền", "none": "không cộng"}

MAX_KEY = 40
"""A key fits a 64-character ``w:tag`` (``dvt:ind:`` + key) with room to spare."""


def slug_key(label: str) -> str:
    """'Số cuộc tiếp công dân' → 'so-cuoc-tiep-cong-dan' (ASCII, at most MAX_KEY characters)."""
    text = re.sub(r"[^a-z0-9]+", "-", strip_diacritics(label).lower()).strip("-")
    return text[:MAX_KEY].rstrip("-") or "chi-so"


class Indicator(StrictModel):
    """One quantitative indicator every unit reports each period."""

    label: Text = Field(description="Tên chỉ số, ví dụ: Số cuộc đối thoại với Nhân dân")
    unit: OptText = Field(default=None, description="Đơn vị tính, ví dụ: cuộc, %, người")
    type: IndicatorType = Field(
        default="integer",
        description="Kiểu: integer (số nguyên), decimal (số thập phân), percent (tỷ lệ %), yes_no (có/không), text",
    )
    aggregate: Aggregate | None = Field(
        default=None,
        description="Cách cộng số liệu các đơn vị: sum (tổng), mean (bình quân), weighted (bình quân gia quyền "
        "theo chỉ số 'weight'), none (không cộng). Mặc định: sum với số, mean với tỷ lệ, none với chữ",
    )
    weight: OptText = Field(default=None, description="Với aggregate: weighted — khóa (key) của chỉ số làm trọng số")
    key: OptText = Field(
        default=None,
        pattern=r"^[a-z0-9][a-z0-9-]{0,39}$",
        description="Khóa cố định (chữ thường không dấu, số, '-'); bỏ trống: tạo từ tên chỉ số",
    )

    @model_validator(mode="after")
    def _defaults(self) -> Indicator:
        if self.key is None:
            object.__setattr__(self, "key", slug_key(self.label))
        if self.aggregate is None:
            default = {"integer": "sum", "decimal": "sum", "percent": "mean"}.get(self.type, "none")
            object.__setattr__(self, "aggregate", default)
        if self.type in ("yes_no", "text") and self.aggregate in ("mean", "weighted"):
            raise ValueError(f"chỉ số kiểu {self.type} không tính bình quân được (aggregate: sum hoặc none)")
        if self.type == "text" and self.aggregate == "sum":
            raise ValueError("chỉ số kiểu text không cộng được (aggregate: none)")
        if self.aggregate == "weighted" and not self.weight:
            raise ValueError("aggregate: weighted cần 'weight' (khóa của chỉ số làm trọng số)")
        if self.weight and self.aggregate != "weighted":
            raise ValueError("'weight' chỉ dùng với aggregate: weighted")
        return self

    @property
    def numeric(self) -> bool:
        return self.type in ("integer", "decimal", "percent")

    @property
    def unit_label(self) -> str:
        return self.unit or ("%" if self.type == "percent" else "")
