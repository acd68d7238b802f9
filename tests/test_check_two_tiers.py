"""`check` knows there is no district level since 1 July 2025: 'UBND HUYỆN …' in the header or a Nơi
nhận to district-level offices is a warning with the reason; older documents are left alone."""

from __future__ import annotations

import pytest

from dvtemplate.check import check_docx
from ndfixtures import Spec, build

NOW = "Khánh Hòa, ngày 05 tháng 01 năm 2026"


def _rule(tmp_path, **changes):
    report = check_docx(build(tmp_path / "doc.docx", Spec(**changes)))
    return [f for f in report.findings if f.rule == "DV-HAI-CAP"]


def test_district_issuer_after_the_reform_is_flagged_with_the_reason(tmp_path):
    found = _rule(tmp_path, parent="UBND TỈNH KHÁNH HÒA", issuer="ỦY BAN NHÂN DÂN HUYỆN CAM LÂM", date=NOW)
    assert len(found) == 1 and found[0].severity == "warning"
    assert "cấp 'HUYỆN'" in found[0].message and "01/7/2025" in found[0].message and "hai cấp" in found[0].message
    assert "HUYỆN CAM LÂM" in found[0].text


@pytest.mark.parametrize(
    "line, word",
    [
        ("- UBND các huyện, thị xã, thành phố;", "huyện"),
        ("- Phòng Nội vụ các quận;", "quận"),
        ("- UBND thị xã Ninh Hòa;", "thị xã"),
    ],
)
def test_recipient_at_district_level_is_flagged(tmp_path, line, word):
    found = _rule(tmp_path, date=NOW, recipients=["- Như trên;", line, "- Lưu: VT, CCHC."])
    assert [f.message.split("'")[1] for f in found] == [word]


def test_documents_before_the_reform_and_communes_are_left_alone(tmp_path):
    assert _rule(tmp_path, issuer="ỦY BAN NHÂN DÂN HUYỆN CAM LÂM", date="Khánh Hòa, ngày 05 tháng 01 năm 2024") == []
    assert _rule(tmp_path, issuer="ỦY BAN NHÂN DÂN XÃ CAM HIỆP", date=NOW) == []
    assert _rule(tmp_path, date=NOW, recipients=["- Như trên;", "- UBND các xã, phường;", "- Lưu: VT, CCHC."]) == []
    assert _rule(tmp_path, date=NOW, recipients=["- Như trên;", "- Đảng ủy các xã, phường;", "- Lưu: VT."]) == []


def test_undated_document_is_dated_by_its_title():
    from dvtemplate.check._rules_tiers import before_two_tiers

    assert before_two_tiers(None, "KẾ HOẠCH Triển khai thực hiện công tác dân vận chính quyền năm 2023")
    assert not before_two_tiers(None, "KẾ HOẠCH Thực hiện công tác dân vận chính quyền năm 2026")
    assert not before_two_tiers(None, "KẾ HOẠCH Thực hiện công tác dân vận chính quyền")
    assert not before_two_tiers(NOW, "năm 2023"), "the date line wins"
