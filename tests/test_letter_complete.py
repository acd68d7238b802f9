"""The consultation letter is complete: the enclosed phiếu, the website in Nơi nhận, Số and ngày together."""

from __future__ import annotations

import re
import zipfile

import pytest
from lxml import etree
from test_every_output_checks_clean import assert_clean

from conftest import EXAMPLES
from dvtemplate.documents import render_letter
from dvtemplate.loading import parse_plan_text
from ooxml_valid import assert_valid_ooxml

PLAN = EXAMPLES / "ke-hoach-tinh-2026.yaml"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
SITE_LINE = "- Trang thông tin điện tử Sở Nội vụ (đăng tải);"


def _plan(**swaps: str):
    text = PLAN.read_text(encoding="utf-8")
    for old, new in swaps.items():
        assert old in text
        text = text.replace(old, new)
    return parse_plan_text(text).plan


def _letter_paragraphs(path) -> list[str]:
    """The letter's paragraphs (header and closing tables included), up to the draft after it."""
    with zipfile.ZipFile(path) as z:
        root = etree.fromstring(z.read("word/document.xml"))
    out = []
    for p in root.iter(f"{W}p"):
        text = "".join(t.text or "" for t in p.iter(f"{W}t"))
        if text == "DỰ THẢO":
            break
        out.append(text)
    return out


def _render(plan, tmp_path, **options) -> list[str]:
    result = render_letter(plan, tmp_path, **options)
    letter = result.files[0]
    assert_clean(letter)
    assert_valid_ooxml(letter)
    return _letter_paragraphs(letter)


@pytest.mark.parametrize("form", [True, False])
def test_the_letter_mentions_the_phiếu_exactly_when_it_is_enclosed(form, tmp_path):
    paragraphs = _render(PLAN, tmp_path, form=form)
    text = "\n".join(paragraphs)
    assert ("Phiếu góp ý" in text) is form
    if form:
        assert any(
            p.startswith("Cơ quan, đơn vị ghi ý kiến vào Phiếu góp ý gửi kèm theo Công văn này") for p in paragraphs
        )
        deadline = next(p for p in paragraphs if p.startswith("Văn bản góp ý"))
        assert deadline.startswith("Văn bản góp ý kèm Phiếu góp ý gửi về Sở Nội vụ trước ngày 05/12/2025")
        assert_clean(next(tmp_path.glob("Phieu-gop-y-*.docx")))


def test_the_site_the_draft_is_posted_on_is_in_nơi_nhận(tmp_path):
    paragraphs = _render(PLAN, tmp_path / "with")
    assert any("đồng thời được đăng tải trên Trang thông tin điện tử Sở Nội vụ" in p for p in paragraphs)
    closing = paragraphs[paragraphs.index("Nơi nhận:") :]
    lines = closing[: next(i for i, p in enumerate(closing) if p.startswith("- Lưu:")) + 1]
    assert lines.count(SITE_LINE) == 1 and lines.index(SITE_LINE) == len(lines) - 2  # just before Lưu

    without = _plan(**{'  draft_location: Trang thông tin điện tử Sở Nội vụ, mục "Lấy ý kiến dự thảo"\n': ""})
    paragraphs = _render(without, tmp_path / "without")
    assert not any("đăng tải" in p for p in paragraphs)
    assert not any("Trang thông tin điện tử" in p for p in paragraphs)


def test_a_site_already_in_nơi_nhận_is_not_written_twice(tmp_path):
    plan = _plan(
        **{
            "      - Giám đốc và các Phó Giám đốc Sở\n": "      - Giám đốc và các Phó Giám đốc Sở\n"
            "      - Trang thông tin điện tử Sở Nội vụ (để đăng tải)\n"
        }
    )
    paragraphs = _render(plan, tmp_path)
    assert sum("Trang thông tin điện tử Sở Nội vụ" in p for p in paragraphs[paragraphs.index("Nơi nhận:") :]) == 1


@pytest.mark.parametrize(
    "number, issued, so, date",
    [
        (None, "24/11/2025", r"Số: +/SNV-XDCQ", r"Khánh Hòa, ngày +tháng +năm 2025"),  # a date alone: both blank
        ("215", None, r"Số: +/SNV-XDCQ", r"Khánh Hòa, ngày +tháng +năm 2025"),  # a number alone: both blank
        ("215", "24/11/2025", r"Số: 215/SNV-XDCQ", r"Khánh Hòa, ngày 24 tháng 11 năm 2025"),
    ],
)
def test_số_and_ngày_are_blank_together(number, issued, so, date, tmp_path):
    text = PLAN.read_text(encoding="utf-8")
    swap = "  issued: 24/11/2025\n"
    new = (f"  number: {number}\n" if number else "") + (f"  issued: {issued}\n" if issued else "")
    plan = parse_plan_text(text.replace(swap, new)).plan
    paragraphs = _render(plan, tmp_path)
    assert any(re.fullmatch(so, p) for p in paragraphs), [p for p in paragraphs if p.startswith("Số")]
    assert any(re.fullmatch(date, p) for p in paragraphs), [p for p in paragraphs if "ngày" in p][:3]
