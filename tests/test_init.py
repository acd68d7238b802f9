"""``dvtemplate init DIR`` gives a clerk a working folder."""

from __future__ import annotations

import csv
import io
import re

import openpyxl

from dvtemplate.check import check_docx
from dvtemplate.loading import load_plan, read_yaml
from dvtemplate.model import Plan
from dvtemplate.scaffold import SCAFFOLD_FILES
from nd30 import assert_nd30


def test_init_writes_the_starter_files(run_cli, tmp_path):
    folder = tmp_path / "Ke hoach 2027"
    code, out, err = run_cli("init", folder)
    assert code == 0, err
    assert sorted(p.name for p in folder.iterdir()) == sorted(SCAFFOLD_FILES)
    assert "HUONG-DAN.md" in out and "dvtemplate render" in out


def test_scaffolded_plan_validates_renders_and_passes_check(run_cli, tmp_path):
    run_cli("init", tmp_path / "w")
    plan = tmp_path / "w" / "ke-hoach.yaml"
    code, out, err = run_cli("validate", plan)
    assert code == 0 and "Hợp lệ" in out, err
    code, out, err = run_cli("render", plan, "-o", tmp_path / "kq")
    assert code == 0, err
    docx_path = next((tmp_path / "kq").glob("*.docx"))
    assert_nd30(docx_path, "plan")
    assert not check_docx(docx_path, "plan").errors


def test_plan_is_commented_in_vietnamese_for_every_top_level_field(tmp_path, run_cli):
    run_cli("init", tmp_path)
    text = (tmp_path / "ke-hoach.yaml").read_text(encoding="utf-8")
    data = read_yaml(text)
    # every field of the Plan model is present (or shown commented out) so a clerk sees them all
    for name in Plan.model_fields:
        assert re.search(rf"^#? ?{name}:", text, re.M), name
    lines = text.splitlines()
    for key in data:  # each top-level key has a comment on its line or in the block above
        i = next(n for n, line in enumerate(lines) if line.startswith(f"{key}:"))
        assert "#" in lines[i] or lines[i - 1].lstrip().startswith("#"), key
    assert "Thụt lề bằng DẤU CÁCH" in text and "dvtemplate validate" in text
    plan = load_plan(tmp_path / "ke-hoach.yaml").plan
    assert plan.letter is not None and plan.targets and plan.assignments and plan.reporting and plan.footnotes


def test_units_list_csv_has_bom_and_matches_xlsx(run_cli, tmp_path):
    run_cli("init", tmp_path)
    raw = (tmp_path / "don-vi.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "Excel on Windows needs the BOM to show diacritics"
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0][0] == "name" and len(rows) >= 3
    assert all(row[0].strip() for row in rows[1:]), "first column is the unit's name"
    sheet = openpyxl.load_workbook(tmp_path / "don-vi.xlsx").active
    assert [[c or "" for c in r] for r in sheet.iter_rows(values_only=True)] == rows


def test_guide_is_vietnamese_and_windows_friendly(run_cli, tmp_path):
    run_cli("init", tmp_path)
    raw = (tmp_path / "HUONG-DAN.md").read_bytes()
    assert b"\r\n" in raw, "Notepad-friendly line endings"
    text = raw.decode("utf-8")
    for command in (
        "dvtemplate validate ke-hoach.yaml",
        "dvtemplate render ke-hoach.yaml -o ket-qua",
        "dvtemplate templates export",
        "dvtemplate templates lint",
        "--templates",
        "ket-qua\\*.docx",
    ):
        assert command in text, command
    assert "PowerShell" in text and "cmd" in text and "UTF-8" in text


def test_refuses_a_non_empty_folder_without_force(run_cli, tmp_path):
    (tmp_path / "cua-toi.txt").write_text("giữ nguyên", encoding="utf-8")
    code, out, err = run_cli("init", tmp_path)
    assert code == 1 and "đã có tệp" in err and "--force" in err and "Traceback" not in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cua-toi.txt"]
    code, _, err = run_cli("init", tmp_path, "--force")
    assert code == 0, err
    assert (tmp_path / "cua-toi.txt").read_text(encoding="utf-8") == "giữ nguyên"
    assert (tmp_path / "ke-hoach.yaml").exists()


def test_init_over_a_file_is_a_clean_error(run_cli, tmp_path):
    target = tmp_path / "a-file"
    target.write_text("x")
    code, _, err = run_cli("init", target, "--force")
    assert code in (1, 2) and err.startswith("Lỗi:") and "Traceback" not in err
