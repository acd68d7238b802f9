"""Import of .docx plans: hand-made office layouts, round trip of every example, retention."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import EXAMPLE_PLANS
from dvtemplate.documents import render_plan
from dvtemplate.importer import import_docx
from dvtemplate.loading import load_plan, parse_plan_text
from importdocs import build_bare_plan, build_loose_plan, build_table_plan, retention

REFERENCE = Path("/work/shared/reference")


def _normalised(plan) -> dict:
    """model_dump without what the plan .docx cannot carry (letter, templates, the indicators the report
    forms ask for), footnote keys by order."""
    data = plan.model_dump(mode="json", exclude={"letter", "templates"})
    if data.get("reporting"):
        data["reporting"].pop("indicators", None)
    notes = data.pop("footnotes")
    text = json.dumps(data, ensure_ascii=False)
    for i, key in enumerate(notes, 1):
        text = text.replace(f"[^{key}]", f"[^#{i}]")
    out = json.loads(text)
    out["footnotes"] = list(notes.values())
    return out


@pytest.mark.parametrize("example", EXAMPLE_PLANS, ids=lambda p: p.stem)
def test_round_trip_of_every_example(example, tmp_path):
    plan = load_plan(example).plan
    rendered = render_plan(plan, tmp_path).files[0]
    result = import_docx(rendered)
    assert result.warnings == []
    assert _normalised(result.plan) == _normalised(plan)


def test_table_layout_fields(tmp_path):
    result = import_docx(build_table_plan(tmp_path / "a.docx"))
    plan = result.plan
    assert result.warnings == []
    assert plan.issuer.parent == "UBND tỉnh Hòa An" and plan.issuer.name == "Sở Nội vụ"
    assert (plan.issuer.abbreviation, plan.issuer.place, plan.issuer.level) == ("SNV", "Hòa An", "sở")
    assert plan.number == 15 and plan.issued.complete.isoformat() == "2025-01-20" and plan.year == 2025
    assert plan.title == "Thực hiện công tác dân vận chính quyền năm 2025"
    law, parent_plan = plan.legal_bases
    assert law.lead == "Căn cứ" and law.documents[0].kind == "Luật" and law.documents[0].number == "10/2022/QH15"
    assert parent_plan.lead == "Thực hiện" and parent_plan.documents[0].issued.isoformat() == "2025-01-10"
    assert parent_plan.documents[0].issuer == "UBND tỉnh Hòa An"
    assert plan.intro.endswith("như sau:")
    assert len(plan.purposes.purposes) == 2 and len(plan.purposes.requirements) == 2
    section = plan.sections[0]
    assert section.title == "Nội dung thực hiện" and section.paragraphs
    first = section.items[0]
    assert first.title == "Tuyên truyền, quán triệt" and first.text.endswith("công chức[^1].")
    assert [p.text[:8] for p in first.points] == ["Đăng tải", "Tổ chức ", "Biên soạ"]
    assert first.points[1].bullets[0].sub == ["Mời báo cáo viên của Ban Dân vận."]
    assert first.points[2].text == "Biên soạn sổ tay hỏi - đáp\nphát cho các thôn, tổ dân phố."  # soft break kept
    assert section.items[2].title is None and section.items[2].text.startswith("Thực hiện nghiêm")
    assert plan.footnotes == {"1": "Gồm các văn bản do Trung ương và địa phương ban hành trong năm."}
    t1, t2 = plan.targets.items
    assert (t1.value, t1.unit, t1.due_year) == ("100", "%", 2025)
    assert t2.responsible == ["Văn phòng", "Các phòng chuyên môn"]
    office, units = plan.assignments.items
    assert office.agency == "Văn phòng" and office.duties[0].deadline.isoformat() == "2025-12-15"
    assert office.duties[1].report_to == "UBND tỉnh" and [e.kind for e in office.duties[1].schedule.entries] == [
        "half_year",
        "yearly",
    ]
    assert units.marker == "a)" and units.duties[0].deadline.isoformat() == "2025-02-28"
    assert plan.closing.startswith("Trên đây") and plan.closing.endswith("./.")
    assert plan.recipients.items[0] == "UBND tỉnh (b/c)"
    assert (plan.recipients.archive, plan.recipients.drafter, plan.recipients.copies) == ("VT, VP", "LTH", 15)
    assert plan.signer.authority == "KT." and plan.signer.head_title == "Giám đốc"
    assert plan.signer.title == "Phó Giám đốc" and plan.signer.name == "Lê Văn Bình"


def test_loose_layout_heading_styles_and_dash_numbering(tmp_path):
    result = import_docx(build_loose_plan(tmp_path / "b.docx"))
    plan = result.plan
    assert plan.issuer.name == "Ủy ban nhân dân xã Hòa Phú" and plan.issuer.level == "xã"
    assert plan.issuer.name_lines == ["Ủy ban nhân dân", "xã Hòa Phú"] and plan.issuer.parent is None
    assert plan.number == 7 and plan.issued.month == 2
    assert [s.title for s in plan.sections] == ["Nội dung thực hiện"]  # "II-" in Heading 1
    assert plan.purposes is not None and plan.targets is not None
    assert plan.sections[0].items[0].title == "Tuyên truyền, quán triệt"  # Heading 2
    office = plan.assignments.items[0]
    assert office.agency == "Văn phòng:" and office.text == "chủ trì theo dõi, đôn đốc việc thực hiện."
    assert plan.signer.authority == "TM." and plan.signer.on_behalf_of == "Ủy ban nhân dân"
    assert plan.signer.title == "Chủ tịch" and plan.signer.name == "Nguyễn Văn An"
    assert plan.recipients.archive == "VT, VP"


@pytest.mark.parametrize("builder", [build_table_plan, build_loose_plan], ids=lambda b: b.__name__)
def test_rendering_the_import_keeps_98_percent(builder, tmp_path):
    source = builder(tmp_path / "src.docx")
    result = import_docx(source)
    rendered = render_plan(result.plan, tmp_path / "out").files[0]
    ratio, missing = retention(source, rendered)
    assert ratio >= 0.98, missing


def test_nothing_dropped_silently(tmp_path):
    source = build_bare_plan(tmp_path / "c.docx")
    result = import_docx(source)
    text = "\n".join(result.warnings)
    assert "cơ quan ban hành" in text and "Chưa rõ" in result.plan.issuer.place
    assert "(Đã ký)" in text and "PHỤ LỤC" in text and "bảng" in text
    assert result.plan.signer.title == "Chủ tịch" and result.plan.signer.name == "Phạm Thị Hoa"
    rendered = render_plan(result.plan, tmp_path / "out").files[0]
    _, missing = retention(source, rendered)
    assert all(m in text for m in missing)  # what is missing is exactly what the warnings list
    assert "# - " in result.yaml_text  # warnings are written into the YAML as comments
    parse_plan_text(result.yaml_text)


def test_yaml_is_readable_and_valid(tmp_path):
    result = import_docx(build_table_plan(tmp_path / "a.docx"))
    text = result.yaml_text
    assert "Sở Nội vụ" in text and "\\u" not in text  # Vietnamese kept as is
    assert "{" not in text.split("entries")[0]  # block style except schedule entries
    assert max(len(line) for line in text.splitlines() if not line.startswith("#")) <= 110
    assert "issued: 20/01/2025" in text
    assert parse_plan_text(text).plan == result.plan


@pytest.mark.skipif(not REFERENCE.is_dir(), reason="reference documents not present")
@pytest.mark.parametrize("name", ["du-thao-ke-hoach-2022-2026.docx", "ke-hoach-tinh-2023.docx"])
def test_reference_documents_import(name):
    path = REFERENCE / name
    if not path.exists():
        pytest.skip("missing")
    result = import_docx(path)
    titles = " ".join(result.sections).lower()
    assert "tổ chức thực hiện" in titles and "nội dung" in titles
    assert result.plan.assignments is not None and result.plan.signer.name
    assert re.search(r"\d{4}", str(result.plan.year))
