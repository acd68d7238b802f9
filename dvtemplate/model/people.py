"""Who issues, who signs, who receives: the header and closing block of every document."""

from __future__ import annotations

import re
from typing import Literal

from pydantic import Field, field_validator, model_validator

from ..vn.nd30 import (
    AUTHORITY_CHAIN,
    AUTHORITY_PREFIXES,
    COLLECTIVE,
    DEPUTY,
    HEAD_TITLE_PREFIXES,
    authority_tokens,
    chain_allowed,
)
from .base import Abbreviation, OptAbbreviation, OptText, StrictModel, Text

__all__ = ["Issuer", "Signer", "Recipients", "AUTHORITIES", "LEVELS"]

AUTHORITIES = AUTHORITY_PREFIXES
"""Authority prefixes of Nghị định 30 (Phụ lục I, signer block)."""
_CHAIN = " ".join(AUTHORITY_CHAIN)
_HEAD_TITLED = ", ".join(f"'{prefix}'" for prefix in HEAD_TITLE_PREFIXES[:-1]) + f" hoặc '{HEAD_TITLE_PREFIXES[-1]}'"

LEVELS = ("trung ương", "tỉnh", "sở", "huyện", "xã", "phường", "đặc khu", "khác")
"""Administrative levels. Since 01/7/2025 there are two local tiers (tỉnh; xã, phường,
đặc khu), but older plans still address huyện, so every level is accepted."""

Level = Literal["trung ương", "tỉnh", "sở", "huyện", "xã", "phường", "đặc khu", "khác"]


class Issuer(StrictModel):
    """Cơ quan ban hành: the left column of the header and the issuer half of the ký hiệu."""

    parent: OptText = Field(
        default=None,
        description="Tên cơ quan chủ quản (dòng trên, không in đậm), ví dụ: UBND TỈNH NINH THUẬN. Bỏ trống nếu không có.",
    )
    name: Text = Field(description="Tên cơ quan ban hành, ví dụ: SỞ NỘI VỤ hoặc ỦY BAN NHÂN DÂN TỈNH NINH THUẬN")
    name_lines: list[Text] = Field(
        default_factory=list,
        description="Tùy chọn: tên cơ quan ngắt thành nhiều dòng, ví dụ ['ỦY BAN NHÂN DÂN', 'TỈNH NINH THUẬN']",
    )
    abbreviation: Abbreviation = Field(description="Chữ viết tắt tên cơ quan trong ký hiệu văn bản, ví dụ: UBND, SNV")
    drafting_unit: OptAbbreviation = Field(
        default=None,
        description="Chữ viết tắt đơn vị soạn thảo (dùng trong ký hiệu công văn và dòng Lưu), ví dụ: TCBM, NV",
    )
    place: Text = Field(description="Địa danh ghi ở dòng ngày tháng, ví dụ: Ninh Thuận")
    level: Level = Field(
        default="tỉnh", description="Cấp hành chính: tỉnh, sở, huyện, xã, phường, đặc khu, trung ương, khác"
    )


class Signer(StrictModel):
    """Người ký: authority chain, titles and full name (ND30, Phụ lục I, mục II.7)."""

    authority: OptText = Field(
        default=None,
        description=f"Thẩm quyền ký: {', '.join(AUTHORITY_PREFIXES)} hoặc '{_CHAIN}' (cấp phó ký thay thay mặt tập thể)."
        " Bỏ trống khi người đứng đầu ký.",
    )
    on_behalf_of: OptText = Field(default=None, description="Tập thể được thay mặt (với TM.), ví dụ: Ủy ban nhân dân")
    head_title: OptText = Field(
        default=None,
        description=f"Chức danh người đứng đầu (với {', '.join(HEAD_TITLE_PREFIXES)}), ví dụ: Chủ tịch, Giám đốc",
    )
    title: Text = Field(description="Chức vụ của người ký, ví dụ: Phó Chủ tịch")
    name: Text = Field(description="Họ và tên người ký (không ghi học hàm, học vị)")

    @field_validator("authority")
    @classmethod
    def _authority(cls, value: str | None) -> str | None:
        if value is None:
            return None
        tokens = authority_tokens(value)
        for token in tokens:
            if token not in AUTHORITIES:
                raise ValueError(f"thẩm quyền ký '{token}' không hợp lệ; chỉ dùng: {', '.join(AUTHORITIES)}")
        if len(tokens) > 2:
            raise ValueError(f"tối đa hai thẩm quyền, ví dụ '{_CHAIN}'")
        if not chain_allowed(tokens):
            raise ValueError(f"chỉ ghép được '{COLLECTIVE}' với '{DEPUTY}': '{_CHAIN}'")
        return " ".join(tokens)

    @property
    def authorities(self) -> tuple[str, ...]:
        """The prefixes in order, e.g. ('TM.', 'KT.')."""
        return tuple(self.authority.split()) if self.authority else ()

    @model_validator(mode="after")
    def _chain_complete(self) -> Signer:
        chain = self.authorities
        if COLLECTIVE in chain and not self.on_behalf_of:
            raise ValueError(f"ký '{COLLECTIVE}' cần ghi tập thể được thay mặt (on_behalf_of), ví dụ: Ủy ban nhân dân")
        if any(a in chain for a in HEAD_TITLE_PREFIXES) and not self.head_title:
            raise ValueError(f"ký {_HEAD_TITLED} cần chức danh người đứng đầu (head_title), ví dụ: Chủ tịch")
        if DEPUTY in chain and self.head_title and self.head_title.casefold() == self.title.casefold():
            raise ValueError(f"ký '{DEPUTY}': chức vụ người ký (title) phải là cấp phó, ví dụ: Phó Chủ tịch")
        if re.match(r"^(TS|ThS|PGS|GS|KS|CN|BS)\.?\s", self.name):
            raise ValueError("họ và tên người ký không kèm học hàm, học vị (NĐ 30)")
        return self


class Recipients(StrictModel):
    """Nơi nhận: the recipient list, the archive line and the drafter's note."""

    items: list[Text] = Field(
        default_factory=list,
        description="Các nơi nhận, mỗi dòng một nơi, có thể kèm ghi chú: 'Bộ Nội vụ (b/c)'",
    )
    archive: Text = Field(default="VT", description="Dòng Lưu (không ghi chữ 'Lưu:'), ví dụ: VT, NV")
    drafter: OptText = Field(default=None, description="Chữ viết tắt tên người soạn thảo, ví dụ: NV hoặc T.T.Long")
    copies: int | None = Field(default=None, ge=1, le=9999, description="Số lượng bản phát hành")

    @field_validator("archive")
    @classmethod
    def _archive(cls, value: str) -> str:
        value = re.sub(r"^\s*-?\s*(Lưu\s*:?)?\s*", "", value).rstrip(" .;")
        if not value:
            raise ValueError("dòng Lưu phải có ít nhất 'VT'")
        return value
