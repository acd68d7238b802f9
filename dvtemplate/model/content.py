"""The body of a plan: legal bases, purposes, sections → items → points → dashes, targets, duties.

Any text may carry footnote markers ``[^key]`` whose text lives in
``Plan.footnotes``; the renderer turns them into real Word footnotes.
Lists of paragraphs accept a plain string where a mapping has only ``text``,
so the YAML stays as short as the document it describes.
"""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import BeforeValidator, Field, model_validator

from .base import Day, OptText, StrictModel, Text, as_text
from .schedule import ReportingSchedule

__all__ = [
    "FOOTNOTE_MARK",
    "CitedDocument",
    "LegalBasis",
    "Bullet",
    "Table",
    "Point",
    "Item",
    "Section",
    "Purposes",
    "Target",
    "Duty",
    "Assignment",
]

FOOTNOTE_MARK = re.compile(r"\[\^([^\]\s]+)\]")
"""``[^key]`` in any text: a footnote whose text is ``Plan.footnotes[key]``."""


def _text_shorthand(value: Any) -> Any:
    return {"text": value} if isinstance(value, (str, int, float)) and not isinstance(value, bool) else value


class CitedDocument(StrictModel):
    """A document the plan cites, kept structured so dates print right and rollover can reason about it."""

    kind: Text = Field(description="Loại văn bản: Nghị quyết, Quyết định, Chỉ thị, Kế hoạch, Luật…")
    number: OptText = Field(default=None, description="Số, ký hiệu, ví dụ: 25-NQ/TW, 30/2020/NĐ-CP, 05/KH-UBND")
    issued: Day | None = Field(default=None, description="Ngày ban hành, ví dụ 03/6/2013")
    issuer: OptText = Field(default=None, description="Cơ quan ban hành, ví dụ: Ban Chấp hành Trung ương")
    subject: OptText = Field(default=None, description="Trích yếu, bắt đầu bằng 'về…' hoặc 'ban hành…'")


class LegalBasis(StrictModel):
    """One paragraph of the preamble: a lead-in ("Căn cứ", "Thực hiện") and the documents it cites."""

    lead: Text = Field(default="Căn cứ", description="Từ dẫn: Căn cứ, Thực hiện, Triển khai, Nhằm triển khai…")
    documents: list[CitedDocument] = Field(default_factory=list, description="Các văn bản được viện dẫn")
    text: OptText = Field(default=None, description="Hoặc: nguyên văn đoạn căn cứ (khi không tách được thành văn bản)")

    @model_validator(mode="after")
    def _something(self) -> LegalBasis:
        if not self.documents and not self.text:
            raise ValueError("căn cứ cần ít nhất một văn bản (documents) hoặc nguyên văn (text)")
        return self


class Bullet(StrictModel):
    """A dashed paragraph "- …", optionally with "+ …" sub-paragraphs."""

    text: Text = Field(description="Nội dung đoạn gạch đầu dòng")
    sub: list[Text] = Field(default_factory=list, description="Các ý '+' bên dưới")

    _shorthand = model_validator(mode="before")(classmethod(lambda cls, v: _text_shorthand(v)))


Cell = Annotated[str, BeforeValidator(lambda v: "" if v is None else as_text(v))]
"""A table cell: text, possibly empty."""


class Table(StrictModel):
    """A simple table in the body: rows of cells (text), the first row a bold header by default."""

    table: list[list[Cell]] = Field(
        min_length=1, description="Các hàng của bảng; mỗi hàng là danh sách nội dung các ô, ví dụ: [Việc, Thời gian]"
    )
    header: bool = Field(default=True, description="Hàng đầu là hàng tiêu đề (in đậm)")

    @model_validator(mode="after")
    def _cells(self) -> Table:
        if any(not any(cell for cell in row) for row in self.table):
            raise ValueError("bảng có hàng trống: mỗi hàng cần ít nhất một ô có nội dung")
        if max(len(row) for row in self.table) > 12:
            raise ValueError("bảng quá 12 cột; trang A4 đứng không đủ chỗ")
        return self

    @property
    def columns(self) -> int:
        return max(len(row) for row in self.table)


Block = Text | Table
"""A paragraph of a section or item: text, or a table (``- table: [[…], […]]``)."""


class Point(StrictModel):
    """A lettered point a), b), c), d), đ)… (the Vietnamese legal alphabet)."""

    title: OptText = Field(default=None, description="Tên điểm (in nghiêng/đậm tùy mẫu), ví dụ: Sở Nội vụ:")
    text: OptText = Field(default=None, description="Nội dung điểm")
    bullets: list[Bullet] = Field(default_factory=list, description="Các đoạn gạch đầu dòng")

    _shorthand = model_validator(mode="before")(classmethod(lambda cls, v: _text_shorthand(v)))

    @model_validator(mode="after")
    def _not_empty(self) -> Point:
        if not (self.title or self.text or self.bullets):
            raise ValueError("điểm trống: cần title, text hoặc bullets")
        return self


class Item(StrictModel):
    """A numbered item 1., 2.… : a bold heading and/or text, then points or dashes."""

    title: OptText = Field(default=None, description="Tiêu đề mục (in đậm), ví dụ: Tuyên truyền, quán triệt")
    text: OptText = Field(default=None, description="Nội dung (đoạn văn sau tiêu đề, hoặc cả mục nếu không có tiêu đề)")
    paragraphs: list[Block] = Field(default_factory=list, description="Các đoạn văn (hoặc bảng) tiếp theo")
    points: list[Point] = Field(default_factory=list, description="Các điểm a), b), c)…")
    bullets: list[Bullet] = Field(default_factory=list, description="Các đoạn gạch đầu dòng")
    run_in: bool = Field(
        default=False,
        description="true: tiêu đề in đậm và nội dung viết liền trong một đoạn, "
        "ví dụ '**1. Tuyên truyền:** Tổ chức quán triệt…' (cần title và text)",
    )

    _shorthand = model_validator(mode="before")(classmethod(lambda cls, v: _text_shorthand(v)))

    @model_validator(mode="after")
    def _not_empty(self) -> Item:
        if not (self.title or self.text or self.points or self.bullets or self.paragraphs):
            raise ValueError("mục trống: cần title, text, points hoặc bullets")
        if self.run_in and not (self.title and self.text):
            raise ValueError("run_in: true cần cả title (phần in đậm) và text (phần viết liền sau)")
        return self


class Section(StrictModel):
    """A Roman-numbered part (II. NỘI DUNG…) of numbered items."""

    title: Text = Field(description="Tên phần, ví dụ: Nội dung (được in hoa)")
    paragraphs: list[Block] = Field(default_factory=list, description="Đoạn văn (hoặc bảng) mở đầu phần")
    items: list[Item] = Field(default_factory=list, description="Các mục 1, 2, 3…")
    bullets: list[Bullet] = Field(default_factory=list, description="Hoặc: các đoạn gạch đầu dòng")


class Purposes(StrictModel):
    """Mục đích, yêu cầu: one numbered list, or separate Mục đích / Yêu cầu lists."""

    title: Text = Field(default="Mục đích, yêu cầu", description="Tên phần")
    items: list[Text] = Field(default_factory=list, description="Danh sách đánh số chung 1, 2, 3…")
    purposes: list[Text] = Field(default_factory=list, description="Hoặc: các ý của mục 1. Mục đích")
    requirements: list[Text] = Field(default_factory=list, description="…và của mục 2. Yêu cầu")
    marker: str = Field(
        default="-", pattern=r"^(-|a\))$", description="Ký hiệu các ý trong Mục đích/Yêu cầu: '-' hoặc 'a)'"
    )

    @model_validator(mode="after")
    def _one_shape(self) -> Purposes:
        if self.items and (self.purposes or self.requirements):
            raise ValueError("dùng hoặc items (một danh sách) hoặc purposes/requirements, không dùng cả hai")
        if not (self.items or self.purposes or self.requirements):
            raise ValueError("phần mục đích, yêu cầu đang trống")
        return self


class Target(StrictModel):
    """Chỉ tiêu: an indicator with its target value, due year and responsible units."""

    text: Text = Field(description="Nội dung chỉ tiêu, ví dụ: Cán bộ, công chức được quán triệt Quy chế dân chủ")
    value: OptText = Field(default=None, description="Giá trị kế hoạch, ví dụ: 100")
    unit: OptText = Field(default=None, description="Đơn vị tính, ví dụ: %, mô hình, cuộc")
    due_year: int | None = Field(default=None, ge=1945, le=2100, description="Năm phải đạt")
    responsible: list[Text] = Field(default_factory=list, description="Cơ quan, đơn vị chịu trách nhiệm")

    _shorthand = model_validator(mode="before")(classmethod(lambda cls, v: _text_shorthand(v)))


class Duty(StrictModel):
    """One duty of an agency: text, an optional one-off deadline or a recurring report."""

    text: Text = Field(description="Nội dung nhiệm vụ")
    deadline: Day | None = Field(
        default=None, description="Thời hạn một lần, ví dụ 15/3/2025 (in: 'trước ngày 15/3/2025')"
    )
    schedule: ReportingSchedule | None = Field(default=None, description="Báo cáo định kỳ của nhiệm vụ này")
    report_to: OptText = Field(default=None, description="Báo cáo về đâu, ví dụ: UBND tỉnh (qua Sở Nội vụ)")
    bullets: list[Text] = Field(
        default_factory=list,
        description="Các ý bên dưới nhiệm vụ: in '- …' dưới nhiệm vụ a), b)…; '+ …' dưới nhiệm vụ '- …'",
    )

    _shorthand = model_validator(mode="before")(classmethod(lambda cls, v: _text_shorthand(v)))


class Assignment(StrictModel):
    """Tổ chức thực hiện: one agency (or group of agencies) and its duties."""

    agency: Text = Field(description="Cơ quan, đơn vị, ví dụ: Sở Nội vụ")
    text: OptText = Field(default=None, description="Đoạn văn chung trước các nhiệm vụ")
    run_in: bool = Field(
        default=False,
        description="true: tên cơ quan in đậm và đoạn văn chung (text) viết liền trong một đoạn, "
        "ví dụ '**1. Sở Nội vụ** chủ trì, theo dõi…' (cách viết thường gặp ở phần Tổ chức thực hiện)",
    )
    paragraphs: list[Text] = Field(default_factory=list, description="Các đoạn văn tiếp theo đoạn văn chung")
    duties: list[Duty] = Field(default_factory=list, description="Các nhiệm vụ")
    marker: str = Field(default="-", pattern=r"^(-|a\))$", description="Ký hiệu các nhiệm vụ: '-' hoặc 'a)'")

    @model_validator(mode="after")
    def _not_empty(self) -> Assignment:
        if not (self.text or self.duties or self.paragraphs):
            raise ValueError(f"'{self.agency}' chưa có nhiệm vụ nào (duties)")
        if self.run_in and not self.text:
            raise ValueError(f"'{self.agency}': run_in: true cần text (phần viết liền sau tên cơ quan)")
        return self
