"""A reporting unit: one row of the units list (.xlsx/.csv) that ``dvtemplate batch`` reads.

Each unit gets its own Báo cáo form, so a unit carries exactly what its header,
ký hiệu, date line and signer block need. Defaults follow the common case of a
local People's Committee (UBND, signed "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH"), so a
list of communes needs little more than their names.
"""

from __future__ import annotations

import re

from pydantic import Field, field_validator, model_validator

from ..vn import strip_diacritics
from .base import OptAbbreviation, OptEmail, OptText, StrictModel, Text
from .people import LEVELS, Level

__all__ = ["Unit", "ADMIN_LEVELS", "normalize_level"]

ADMIN_LEVELS = ("tỉnh", "huyện", "xã", "phường", "đặc khu")
"""Levels whose unit is, by default, the People's Committee of that place."""

_LEVEL_KEYS = {" ".join(strip_diacritics(level).casefold().split()): level for level in LEVELS}
_UBND_PREFIX = re.compile(r"^\s*(ủy ban nhân dân|uỷ ban nhân dân|ubnd)\s+", re.IGNORECASE)
_LEVEL_WORD = re.compile(r"^(tỉnh|thành phố|huyện|quận|thị xã|xã|phường|thị trấn|đặc khu)\s+", re.IGNORECASE)


def normalize_level(value: str) -> str:
    """'Xã', 'xa', ' PHƯỜNG ' → the canonical level; unknown text is returned unchanged."""
    key = " ".join(strip_diacritics(str(value)).casefold().split())
    return _LEVEL_KEYS.get(key, str(value).strip())


class Unit(StrictModel):
    """Đơn vị báo cáo: name, level, ký hiệu abbreviation, place, parent body, signer title, e-mail."""

    name: Text = Field(description="Tên đơn vị, ví dụ: Ủy ban nhân dân xã An Bình")
    level: Level = Field(default="xã", description="Cấp: tỉnh, sở, huyện, xã, phường, đặc khu, trung ương, khác")
    abbreviation: OptAbbreviation = Field(
        default=None, description="Chữ viết tắt trong ký hiệu báo cáo (BC-<viết tắt>); bỏ trống với UBND các cấp: UBND"
    )
    place: OptText = Field(default=None, description="Địa danh ở dòng ngày tháng; bỏ trống: lấy từ tên đơn vị")
    parent: OptText = Field(
        default=None, description="Cơ quan chủ quản (dòng trên tên đơn vị), ví dụ: UBND tỉnh Khánh Hòa"
    )
    signer_title: OptText = Field(default=None, description="Chức vụ người ký, ví dụ: Chủ tịch, Giám đốc")
    email: OptEmail = Field(default=None, description="Thư điện tử của đơn vị (không bắt buộc)")

    @field_validator("level", mode="before")
    @classmethod
    def _level(cls, value):
        if value is None or (isinstance(value, str) and not value.strip()):
            return "xã"
        return normalize_level(value) if isinstance(value, str) else value

    @model_validator(mode="after")
    def _needs_abbreviation(self) -> Unit:
        if self.abbreviation is None and not self.is_committee:
            raise ValueError("đơn vị không phải UBND cần chữ viết tắt (cột 'Viết tắt') cho ký hiệu BC-…")
        return self

    @property
    def is_committee(self) -> bool:
        """A People's Committee: an administrative level, or a name starting with 'Ủy ban nhân dân'."""
        return self.level in ADMIN_LEVELS or bool(_UBND_PREFIX.match(self.name))

    @property
    def symbol_abbreviation(self) -> str:
        """The second part of the ký hiệu: BC-<this>."""
        return self.abbreviation or "UBND"

    @property
    def place_name(self) -> str | None:
        """The place for the date line: the column, else the name without 'Ủy ban nhân dân xã'."""
        if self.place:
            return self.place
        rest = _UBND_PREFIX.sub("", self.name)
        if rest == self.name and not self.is_committee:
            return None
        return _LEVEL_WORD.sub("", rest).strip() or None

    @property
    def key(self) -> str:
        """Identity for duplicate detection: case, spacing and Unicode form ignored."""
        return " ".join(self.name.casefold().split())
