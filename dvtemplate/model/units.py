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

__all__ = [
    "Unit",
    "ADMIN_LEVELS",
    "BODY_WORD",
    "PARTY_WORD",
    "normalize_level",
    "committee_parts",
    "name_key",
    "match_key",
]

ADMIN_LEVELS = ("tỉnh", "huyện", "xã", "phường", "đặc khu")
"""Levels whose unit is, by default, the People's Committee of that place."""

_LEVEL_KEYS = {" ".join(strip_diacritics(level).casefold().split()): level for level in LEVELS}
_UBND_PREFIX = re.compile(r"^\s*(ủy ban nhân dân|uỷ ban nhân dân|ubnd)\s+", re.IGNORECASE)
_LEVEL_WORD = re.compile(r"^(tỉnh|thành phố|huyện|quận|thị xã|xã|phường|thị trấn|đặc khu)\s+", re.IGNORECASE)
BODY_WORD = re.compile(
    r"^\s*(sở|phòng|ban|văn phòng|trung tâm|chi cục|tổng cục|cục|hội đồng|hội liên hiệp|hội nông dân|"
    r"hội cựu chiến binh|đảng ủy|đảng uỷ|đoàn thanh niên|mặt trận|ủy ban mặt trận|uỷ ban mặt trận|công an|"
    r"trường (?:mầm non|tiểu học|trung học|thcs|thpt|đại học|cao đẳng)|bệnh viện|kho bạc|thanh tra|chi nhánh)\b",
    re.IGNORECASE,
)
"""A name starting with one of these is an agency, never a People's Committee, whatever its level column says."""
PARTY_WORD = re.compile(
    r"^\s*(đảng ủy|đảng uỷ|đảng bộ|chi bộ|chi ủy|tỉnh ủy|tỉnh uỷ|thành ủy|thành uỷ|huyện ủy|quận ủy|thị ủy|"
    r"ban (?:dân vận|tuyên giáo|tổ chức|nội chính|kinh tế|tuyên giáo và dân vận)|ủy ban kiểm tra|uỷ ban kiểm tra|"
    r"văn phòng (?:tỉnh|thành|huyện) ủy)\b",
    re.IGNORECASE,
)
"""A unit named so, or under a parent named so, is a body of the Party (its documents follow the Party's layout)."""


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
    organ_id: OptText = Field(
        default=None,
        description="Mã định danh điện tử của cơ quan (Quyết định 20/2020/QĐ-TTg), ví dụ 000.00.31.H41: "
        "ghi vào gói edXML (không bắt buộc)",
    )

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
        """A People's Committee: a name starting with 'Ủy ban nhân dân', or an administrative level
        for a name that is not an agency's ('Sở …', 'Phòng …', 'Ban …' never are)."""
        if _UBND_PREFIX.match(self.name):
            return True
        return self.level in ADMIN_LEVELS and not BODY_WORD.match(self.name)

    @property
    def is_party(self) -> bool:
        """A body of the Party: its own name, or its parent's ('Đảng ủy xã …'), is a Party body's."""
        return bool(PARTY_WORD.match(self.name) or (self.parent and PARTY_WORD.match(self.parent)))

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
        """Identity for duplicate detection: case, spacing and Unicode form ignored (:func:`name_key`)."""
        return name_key(self.name)


def name_key(name: str) -> str:
    """A unit's identity: case and spacing ignored. Names we wrote ourselves (a form's identity, a
    units list) are compared with this; two communes differing only by a diacritic stay two."""
    return " ".join((name or "").casefold().split())


_ABBREVIATIONS = (
    (r"\bubnd\b", "uy ban nhan dan"),
    (r"\bhdnd\b", "hoi dong nhan dan"),
    (r"\bmttq\b", "mat tran to quoc"),
    (r"\btp\b", "thanh pho"),
)


def match_key(name: str) -> str:
    """A name a person typed (a reply's header) in comparison form: case, diacritics, punctuation,
    spacing and "UBND" ↔ "Ủy ban nhân dân" ignored ('UBND XÃ DIÊN KHÁNH' = 'Ủy ban nhân dân xã Diên Khánh')."""
    key = " ".join(re.sub(r"[^\w]+", " ", strip_diacritics(name or "").casefold()).split())
    for pattern, full in _ABBREVIATIONS:
        key = re.sub(pattern, full, key)
    return key


_COMMITTEE_LEVELS = {"tỉnh": "tỉnh", "thành phố": "tỉnh", "xã": "xã", "phường": "phường", "đặc khu": "đặc khu"}


def committee_parts(name: str) -> tuple[str, str] | None:
    """'Ủy ban nhân dân xã An Bình' / 'UBND phường X' / 'Xã An Bình' → (level, place); None otherwise.

    Only the two tiers of local government since 01/7/2025 (tỉnh or thành phố; xã, phường,
    đặc khu) are inferred; a huyện, quận, thị xã or thị trấn gives None (ask, do not guess).
    """
    rest = _UBND_PREFIX.sub("", name.strip())
    m = _LEVEL_WORD.match(rest)
    if m is None:
        return None
    level = _COMMITTEE_LEVELS.get(" ".join(m.group(1).casefold().split()))
    place = rest[m.end() :].strip()
    return (level, place) if level and place else None
