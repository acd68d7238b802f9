"""Last year's plan against this year's: the table from the plans' data (sections, tasks, targets,
deadlines; the plan year itself is not a change) and a Word file whose tracked changes turn last
year's plan into this year's; valid OOXML."""

from __future__ import annotations

import io
import zipfile

from lxml import etree
from openpyxl import load_workbook

from conftest import EXAMPLES
from dvtemplate.check import check_docx
from dvtemplate.compare import CHANGE_COLUMNS, NO_CHANGES, plan_changes
from dvtemplate.loading import load_plan
from ooxml_valid import assert_valid_ooxml

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
OLD = EXAMPLES / "ke-hoach-xa-2026.yaml"


def _this_year(run_cli, tmp_path):
    new = tmp_path / "moi.yaml"
    assert run_cli("rollover", OLD, "-o", new)[0] == 0
    text = new.read_text(encoding="utf-8")
    text = text.replace('value: "02"', 'value: "03"').replace("deadline: 30/6/2027", "deadline: 31/5/2027")
    text = text.replace(
        "- title: Phục vụ người dân tại Trung tâm Phục vụ hành chính công xã",
        "- title: Chuyển đổi số trong tiếp nhận hồ sơ",
    )
    new.write_text(text, encoding="utf-8")
    return new


def test_table_lists_only_real_changes(run_cli, tmp_path):
    new = _this_year(run_cli, tmp_path)
    rows = {(c.part, c.change, c.old, c.new) for c in plan_changes(load_plan(OLD).plan, load_plan(new).plan)}
    assert ("Chỉ tiêu", "sửa", "02 mô hình", "03 mô hình") in rows
    assert ("Thời hạn", "sửa", "30/6/2026", "31/5/2027") in rows
    parts = sorted((p, ch) for p, ch, _o, _n in rows)
    assert parts == [("Chỉ tiêu", "sửa"), ("Nhiệm vụ", "bỏ"), ("Nhiệm vụ", "thêm"), ("Thời hạn", "sửa")]


def test_rollover_alone_changes_nothing_but_the_year(run_cli, tmp_path):
    new = tmp_path / "moi.yaml"
    assert run_cli("rollover", OLD, "-o", new)[0] == 0
    assert plan_changes(load_plan(OLD).plan, load_plan(new).plan) == []
    code, out, err = run_cli("compare", OLD, new, "-o", tmp_path / "ss")
    assert code == 0, err
    import openpyxl

    rows = list(openpyxl.load_workbook(next((tmp_path / "ss").glob("*.xlsx"))).active.iter_rows(values_only=True))
    assert len(rows) == 2 and rows[1][1] == NO_CHANGES and NO_CHANGES in out  # the sheet says so, not left empty


def _deleted(p) -> bool:
    mark = p.find(f"{W}pPr/{W}rPr")
    return mark is not None and mark.find(f"{W}del") is not None


def test_word_file_with_tracked_changes(run_cli, tmp_path):
    new = _this_year(run_cli, tmp_path)
    code, out, err = run_cli("compare", OLD, new, "-o", tmp_path / "ss")
    assert code == 0, err
    assert "[sửa] Chỉ tiêu" in out and "'02 mô hình' → '03 mô hình'" in out
    docx = tmp_path / "ss" / "so-sanh-2026-2027.docx"
    assert_valid_ooxml(docx)
    report = check_docx(docx)
    assert report.kind == "plan" and report.findings == [], "checks clean (insertions read, deletions not)"
    with zipfile.ZipFile(docx) as z:
        body = etree.fromstring(z.read("word/document.xml")).find(f"{W}body")
    deleted = ["".join(t.text or "" for t in d.iter(f"{W}delText")) for d in body.iter(f"{W}del")]
    inserted = ["".join(t.text or "" for t in i.iter(f"{W}t")) for i in body.iter(f"{W}ins")]
    assert any("Phục vụ người dân tại Trung tâm" in t for t in deleted)
    assert any("Chuyển đổi số trong tiếp nhận hồ sơ" in t for t in inserted)
    assert any("30/6/2026" in t for t in deleted) and any("30/6/2027" in t for t in inserted)
    assert all(d.get(f"{W}author") == "dvtemplate" and d.get(f"{W}date") for d in body.iter(f"{W}del", f"{W}ins"))
    # accepting every change gives this year's plan, paragraph for paragraph
    assert run_cli("render", new, "-o", tmp_path / "r")[0] == 0
    with zipfile.ZipFile(next((tmp_path / "r").glob("*.docx"))) as z:
        plain = etree.fromstring(z.read("word/document.xml")).find(f"{W}body")
    accepted = ["".join(t.text or "" for t in p.iter(f"{W}t")) for p in body.findall(f"{W}p") if not _deleted(p)]
    assert accepted == ["".join(t.text or "" for t in p.iter(f"{W}t")) for p in plain.findall(f"{W}p")]
    book = load_workbook(io.BytesIO((tmp_path / "ss" / "so-sanh-2026-2027.xlsx").read_bytes()))
    rows = list(book.active.iter_rows(values_only=True))
    assert rows[0] == CHANGE_COLUMNS and len(rows) == 5


def test_rollover_compare_and_bad_input(run_cli, tmp_path):
    code, out, err = run_cli("rollover", OLD, "-o", tmp_path / "moi.yaml", "--compare", tmp_path / "ss")
    assert code == 0, err
    assert "Không có thay đổi" in out and (tmp_path / "ss" / "so-sanh-2026-2027.docx").exists()
    code, _, err = run_cli("compare", OLD, EXAMPLES / "don-vi.csv", "-o", tmp_path / "x")
    assert code == 2 and "không phải tệp .yaml" in err


def test_import_of_a_new_draft_compares_with_last_years_plan(run_cli, tmp_path):
    """`import NEW.docx --compare OLD.yaml`: the Word draft read back, then the same table as rollover's."""
    new = _this_year(run_cli, tmp_path)
    code, _, err = run_cli("render", new, "-o", tmp_path / "ban-moi")
    assert code == 0, err
    (draft,) = (tmp_path / "ban-moi").glob("*.docx")
    code, out, err = run_cli("import", draft, "-o", tmp_path / "nhap" / "moi.yaml", "--compare", OLD)
    assert code == 0, err
    table = load_workbook(tmp_path / "nhap" / "so-sanh-2026-2027.xlsx").active
    rows = {tuple(r[:2]) + (r[4],) for r in table.iter_rows(min_row=2, values_only=True)}
    assert ("Chỉ tiêu", 'Mô hình "Dân vận khéo" cấp xã', "sửa") in rows
    assert {r[0] for r in rows} == {"Chỉ tiêu", "Nhiệm vụ", "Thời hạn"}
    assert (tmp_path / "nhap" / "so-sanh-2026-2027.docx").is_file()
