"""Import keeps the document's shape (issue 10, point 6): run-in headings stay run-in, paragraphs
stay paragraphs, and every imported plan renders into a document `check` calls clean (point 5)."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document

from dvtemplate.check import check_docx
from dvtemplate.contexts.plan import plan_context
from dvtemplate.documents import render_plan
from dvtemplate.errors import InputError
from dvtemplate.importer import import_docx
from importdocs import build_loose_plan, build_run_in_plan, build_table_plan
from numbereddocs import auto_number

REFERENCE = Path("/work/shared/reference")


def assert_clean(path: Path) -> None:
    report = check_docx(path, "plan")
    assert not report.errors, "\n".join(f"{f.rule}: {f.message} «{f.text}»" for f in report.errors)


def _paragraph(path: Path, start: str):
    return next(p for p in Document(str(path)).paragraphs if p.text.startswith(start))


def test_run_in_headings_stay_run_in(tmp_path):
    result = import_docx(build_run_in_plan(tmp_path / "a.docx"))
    plan = result.plan
    first, second = plan.sections[0].items
    assert (first.title, first.run_in) == ("Tuyên truyền:", True)
    assert first.text == "tổ chức quán triệt Quy chế dân chủ đến toàn thể công chức."
    assert second.run_in and [p.text for p in second.points] == [
        "Niêm yết lịch tiếp công dân tại trụ sở;",
        "Ghi sổ theo dõi đầy đủ.",
    ]
    office, justice, villages = plan.assignments.items
    assert (office.agency, office.run_in, office.text) == (
        "Công chức Văn phòng - Thống kê:",
        True,
        "Tham mưu Ủy ban nhân dân xã theo dõi.",
    )
    assert office.duties[0].deadline.isoformat() == "2026-12-10"
    assert (justice.agency, justice.run_in) == ("Giao Công chức Tư pháp - Hộ tịch", True)
    assert justice.text == "theo dõi, đôn đốc việc niêm yết công khai."
    # three paragraphs stay three paragraphs (no "…hộ gia đình.Phối hợp…")
    assert not villages.run_in and villages.text == "Phổ biến Kế hoạch đến từng hộ gia đình."
    assert villages.paragraphs == [
        "Phối hợp với Mặt trận Tổ quốc xã vận động Nhân dân.",
        "Báo cáo kết quả về Ủy ban nhân dân xã.",
    ]

    rendered = render_plan(plan, tmp_path / "out").files[0]
    assert_clean(rendered)
    para = _paragraph(rendered, "1. Công chức Văn phòng - Thống kê:")
    assert para.text == "1. Công chức Văn phòng - Thống kê: Tham mưu Ủy ban nhân dân xã theo dõi."  # one paragraph
    bold = "".join(r.text for r in para.runs if r.bold)
    assert bold.strip() == "1. Công chức Văn phòng - Thống kê:" and "Tham mưu" not in bold
    assert _paragraph(rendered, "2. Giao Công chức").text.endswith("Hộ tịch theo dõi, đôn đốc việc niêm yết công khai.")
    assert _paragraph(rendered, "Phối hợp với Mặt trận").text == villages.paragraphs[0]
    again = import_docx(rendered)
    assert again.plan.model_dump(exclude={"recipients"}) == plan.model_dump(exclude={"recipients"})


def test_a_heading_merged_with_its_first_point_is_split(tmp_path):
    """The reference draft typed '**1. Quán triệt…:** a) Tiếp tục…' in one paragraph: 7 repeated 'a)'."""

    def merged(doc):
        p = doc.add_paragraph()
        p.add_run("3. Phối hợp với Mặt trận:").bold = True
        p.add_run(" a) Tổ chức hội nghị đối thoại với Nhân dân;")
        doc.add_paragraph("b) Giải quyết kiến nghị sau đối thoại.")

    result = import_docx(build_run_in_plan(tmp_path / "a.docx", body=merged))
    third = result.plan.sections[0].items[2]
    assert third.title == "Phối hợp với Mặt trận:" and not third.run_in and third.text is None
    assert [p.text for p in third.points] == [
        "Tổ chức hội nghị đối thoại với Nhân dân;",
        "Giải quyết kiến nghị sau đối thoại.",
    ]
    assert_clean(render_plan(result.plan, tmp_path / "out").files[0])


def _fixtures(tmp_path: Path) -> list[Path]:
    table = build_table_plan(tmp_path / "table.docx")
    return [
        table,
        build_loose_plan(tmp_path / "loose.docx"),
        build_run_in_plan(tmp_path / "run-in.docx"),
        auto_number(table, tmp_path / "auto-levels.docx", "levels"),
        auto_number(table, tmp_path / "auto-style.docx", "style"),
    ]


def test_every_imported_fixture_renders_clean(tmp_path):
    for source in _fixtures(tmp_path):
        result = import_docx(source)
        assert_clean(render_plan(result.plan, tmp_path / source.stem).files[0])


def _filled(plan):
    """The plan with every '(Chưa rõ …)' the importer left replaced, as the clerk would."""
    issuer = plan.issuer
    if "Chưa rõ" in issuer.name:
        issuer = issuer.model_copy(update={"name": "Ủy ban nhân dân tỉnh Cao Bằng", "name_lines": []})
    if "Chưa rõ" in issuer.place:
        issuer = issuer.model_copy(update={"place": "Cao Bằng"})
    update = {"issuer": issuer}
    if "Chưa rõ" in plan.title:
        update["title"] = "Kế hoạch công tác dân vận"
    return plan.model_copy(update=update)


REFERENCE_FILES = sorted(REFERENCE.glob("*.docx")) if REFERENCE.is_dir() else []


@pytest.mark.skipif(not REFERENCE_FILES, reason=f"không có tài liệu tham khảo ({REFERENCE}) trên máy này")
@pytest.mark.parametrize("path", REFERENCE_FILES, ids=lambda p: p.stem)
def test_every_reference_document_imports_and_renders_clean(path, tmp_path):
    """Each reference .docx: a plan renders check-clean (once its '(Chưa rõ …)' are filled); anything
    else is refused with a message that says what it is."""
    try:
        result = import_docx(path)
    except InputError as exc:
        assert "không phải Kế hoạch" in str(exc) or "công văn" in str(exc), str(exc)
        return
    assert_clean(render_plan(_filled(result.plan), tmp_path).files[0])


def test_body_tables_come_back_as_tables(tmp_path):
    def with_table(doc):
        doc.add_paragraph("Lịch tiếp công dân như sau:")
        table = doc.add_table(rows=3, cols=3)
        for r, row in enumerate(
            (
                ("Thời gian", "Người tiếp", "Địa điểm"),
                ("Thứ Hai", "Chủ tịch", ""),
                ("Thứ Năm", "Phó Chủ tịch", "Trụ sở"),
            )
        ):
            for c, text in enumerate(row):
                table.cell(r, c).text = text

    result = import_docx(build_run_in_plan(tmp_path / "a.docx", body=with_table))
    item = result.plan.sections[0].items[1]
    assert item.paragraphs[0] == "Lịch tiếp công dân như sau:" or item.points  # text kept in its place
    table = next(p for p in item.paragraphs if not isinstance(p, str))
    assert table.table == [
        ["Thời gian", "Người tiếp", "Địa điểm"],
        ["Thứ Hai", "Chủ tịch", ""],
        ["Thứ Năm", "Phó Chủ tịch", "Trụ sở"],
    ]
    assert "- [Thời gian, Người tiếp, Địa điểm]" in result.yaml_text  # one row per line in the YAML
    rendered = render_plan(result.plan, tmp_path / "out").files[0]
    assert_clean(rendered)
    doc = Document(str(rendered))
    data = [t for t in doc.tables if t.style is not None and t.style.style_id == "DVDataTable"]
    assert len(data) == 1 and len(data[0].rows) == 3
    grid = data[0]._tbl.tblGrid.findall("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}gridCol")
    assert len(grid) == 3 and len(data[0].rows[1].cells) == 3  # the grid fits the data, not the template
    assert [c.text for c in data[0].rows[0].cells] == ["Thời gian", "Người tiếp", "Địa điểm"]
    assert all(r.bold for p in data[0].rows[0].cells[0].paragraphs for r in p.runs)  # header row bold
    assert import_docx(rendered).plan.sections == result.plan.sections  # and back again
    # a template exported before tables existed prints the block's text: the cells, not nothing
    block = next(b for b in plan_context(result.plan)["blocks"] if b["kind"] == "table")
    assert block["text"].splitlines()[0] == "Thời gian | Người tiếp | Địa điểm"
    # and a run-in item is an ordinary 'item' block (bold lead + text), which every template knows
    lead = next(b for b in plan_context(result.plan)["blocks"] if b["lead"].startswith("1. Tuyên truyền"))
    assert lead["kind"] == "item" and lead["text"].startswith("tổ chức quán triệt")


def test_lettered_agencies_keep_their_dashes(tmp_path):
    """'4. Các đơn vị sau:' → 'a) Công an xã:' → '- …' (as in the reference draft) stays that shape."""

    def tasks(doc):
        doc.add_paragraph().add_run("4. Các đơn vị sau đây thực hiện:").bold = True
        for line in ("a) Công an xã:", "- Bảo đảm an ninh trật tự;", "- Tiếp nhận tin báo.", "b) Quân sự xã:"):
            doc.add_paragraph(line)
        doc.add_paragraph("- Phối hợp tuyên truyền.")

    result = import_docx(build_run_in_plan(tmp_path / "a.docx", tasks=tasks))
    units = result.plan.assignments.items[-1]
    assert units.marker == "a)" and [d.text for d in units.duties] == ["Công an xã:", "Quân sự xã:"]
    assert units.duties[0].bullets == ["Bảo đảm an ninh trật tự;", "Tiếp nhận tin báo."]
    rendered = render_plan(result.plan, tmp_path / "out").files[0]
    assert_clean(rendered)
    texts = [p.text for p in Document(str(rendered)).paragraphs]
    start = texts.index("a) Công an xã:")
    assert texts[start : start + 5] == [
        "a) Công an xã:",
        "- Bảo đảm an ninh trật tự;",
        "- Tiếp nhận tin báo.",
        "b) Quân sự xã:",
        "- Phối hợp tuyên truyền.",
    ]


def test_a_table_rolls_over_to_next_year_row_by_row(tmp_path):
    from dvtemplate.importer import import_to_yaml
    from dvtemplate.rollover import rollover_file

    def body(doc):
        table = doc.add_table(rows=2, cols=2)
        for r, row in enumerate((("Việc", "Hạn"), ("Sơ kết năm 2026", "15/12/2026"))):
            for c, text in enumerate(row):
                table.cell(r, c).text = text

    source = tmp_path / "ke-hoach.yaml"
    import_to_yaml(build_run_in_plan(tmp_path / "a.docx", body=body), source)
    out = tmp_path / "2027.yaml"
    rollover_file(source, out, year=2027)
    text = out.read_text(encoding="utf-8")
    assert "- [Sơ kết năm 2027, 15/12/2027]" in text  # a row stays one line, its dates moved
