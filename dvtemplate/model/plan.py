"""The plan: one model tree holding everything a Kế hoạch, its consultation letter and its reports need.

Field names are English (stable for code and the JSON Schema); every field has
a Vietnamese description, which editors show as a hint from schemas/plan.schema.json.
"""

from __future__ import annotations

from pydantic import Field, model_validator

from .base import Day, OptEmail, OptText, PartialDate, StrictModel, Text
from .content import Assignment, Item, LegalBasis, Purposes, Section, Target
from .people import Issuer, Recipients, Signer
from .schedule import ReportingSchedule

__all__ = ["Contact", "Letter", "Targets", "Assignments", "Plan"]


class Contact(StrictModel):
    """How to send comments back: the contact person, phone, e-mail, postal address."""

    person: OptText = Field(
        default=None, description="Người liên hệ, ví dụ: bà Nguyễn Thị Hoa, chuyên viên Phòng Xây dựng chính quyền"
    )
    phone: OptText = Field(default=None, description="Số điện thoại")
    email: OptEmail = Field(default=None, description="Địa chỉ thư điện tử nhận góp ý")
    address: OptText = Field(default=None, description="Địa chỉ gửi văn bản giấy")


class Letter(StrictModel):
    """Công văn lấy ý kiến góp ý dự thảo: sent before the plan is issued, with the draft attached."""

    issuer: Issuer | None = Field(
        default=None, description="Cơ quan gửi công văn (bỏ trống: dùng cơ quan ban hành kế hoạch)"
    )
    number: int | None = Field(default=None, ge=1, description="Số công văn (bỏ trống khi chưa cấp số)")
    issued: PartialDate | None = Field(default=None, description="Ngày công văn")
    subject: Text = Field(
        description="Trích yếu sau 'V/v', ví dụ: lấy ý kiến góp ý dự thảo Kế hoạch công tác dân vận chính quyền năm 2026"
    )
    recipients: list[Text] = Field(min_length=1, description="Kính gửi: một hoặc nhiều cơ quan")
    paragraphs: list[Text] = Field(default_factory=list, description="Các đoạn mở đầu: căn cứ, lý do soạn dự thảo")
    draft_location: OptText = Field(
        default=None, description="Nơi xem dự thảo, ví dụ: Trang thông tin điện tử Sở Nội vụ (địa chỉ…)"
    )
    deadline: Day = Field(description="Hạn gửi góp ý, ví dụ 20/12/2025")
    contact: Contact = Field(default_factory=Contact, description="Nơi nhận góp ý")
    extra: list[Text] = Field(default_factory=list, description="Các đoạn bổ sung trước 'Trân trọng./.'")
    signer: Signer | None = Field(default=None, description="Người ký công văn (bỏ trống: dùng người ký kế hoạch)")
    noi_nhan: Recipients | None = Field(default=None, description="Nơi nhận của công văn ('- Như trên;' được tự thêm)")


class Targets(StrictModel):
    """The chỉ tiêu part: a heading, an optional lead-in and the targets."""

    title: Text = Field(default="Chỉ tiêu", description="Tên phần, ví dụ: Một số chỉ tiêu cụ thể")
    paragraphs: list[Text] = Field(default_factory=list, description="Đoạn dẫn")
    items: list[Target] = Field(min_length=1, description="Các chỉ tiêu")


class Assignments(StrictModel):
    """The tổ chức thực hiện part: general duties, then agency by agency."""

    title: Text = Field(default="Tổ chức thực hiện", description="Tên phần")
    paragraphs: list[Text] = Field(default_factory=list, description="Đoạn dẫn")
    items: list[Assignment] = Field(min_length=1, description="Phân công theo cơ quan")


class Plan(StrictModel):
    """Kế hoạch: one YAML file, validated here, source of every document dvtemplate writes."""

    issuer: Issuer = Field(description="Cơ quan ban hành kế hoạch")
    number: int | None = Field(default=None, ge=1, le=99999, description="Số văn bản (bỏ trống khi là dự thảo)")
    symbol: OptText = Field(default=None, description="Ký hiệu đầy đủ nếu khác mặc định 'KH-<viết tắt cơ quan>'")
    issued: PartialDate | None = Field(
        default=None, description="Ngày ban hành: 05/01/2025, hoặc 12/2024 khi chưa có ngày, hoặc bỏ trống"
    )
    draft: bool = Field(default=False, description="Dự thảo: để trống số và ngày, đóng dấu DỰ THẢO")
    title: Text = Field(description="Trích yếu, ví dụ: Thực hiện công tác dân vận chính quyền năm 2025")
    year: int = Field(ge=1945, le=2100, description="Năm của kế hoạch (năm đầu nếu là giai đoạn)")
    end_year: int | None = Field(
        default=None, ge=1945, le=2100, description="Năm cuối nếu kế hoạch cho cả giai đoạn, ví dụ 2026"
    )
    legal_bases: list[LegalBasis] = Field(default_factory=list, description="Căn cứ ban hành, mỗi đoạn một mục")
    intro: OptText = Field(
        default=None, description="Câu dẫn sau căn cứ, ví dụ: Ủy ban nhân dân tỉnh ban hành Kế hoạch… như sau:"
    )
    purposes: Purposes | None = Field(default=None, description="Phần I. Mục đích, yêu cầu")
    sections: list[Section] = Field(default_factory=list, description="Các phần nội dung (II. Nội dung…)")
    targets: Targets | None = Field(default=None, description="Phần chỉ tiêu")
    assignments: Assignments | None = Field(default=None, description="Phần tổ chức thực hiện")
    reporting: ReportingSchedule | None = Field(
        default=None, description="Chế độ báo cáo định kỳ (dùng cho mẫu báo cáo)"
    )
    closing: OptText = Field(default=None, description="Đoạn kết, ví dụ: Trên đây là Kế hoạch…")
    footnotes: dict[str, Text] = Field(
        default_factory=dict, description="Chú thích: khóa → nội dung; trong văn bản viết [^khóa]"
    )
    recipients: Recipients = Field(default_factory=Recipients, description="Nơi nhận")
    signer: Signer = Field(description="Người ký")
    letter: Letter | None = Field(default=None, description="Công văn lấy ý kiến góp ý dự thảo")
    templates: OptText = Field(
        default=None, description="Thư mục mẫu .docx riêng của cơ quan (tương đối so với tệp YAML)"
    )

    @model_validator(mode="after")
    def _years(self) -> Plan:
        if self.end_year is not None and self.end_year < self.year:
            raise ValueError(f"end_year ({self.end_year}) trước year ({self.year})")
        return self

    @property
    def last_year(self) -> int:
        """The last calendar year the plan covers."""
        return self.end_year or self.year

    @property
    def period_label(self) -> str:
        """'năm 2025' or 'giai đoạn 2022 - 2026'."""
        if self.end_year and self.end_year != self.year:
            return f"giai đoạn {self.year} - {self.end_year}"
        return f"năm {self.year}"

    def all_items(self) -> list[Item]:
        """Every content item, in document order (used by report forms)."""
        return [item for section in self.sections for item in section.items]
