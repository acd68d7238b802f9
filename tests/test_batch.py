"""Batch production — one form per unit, manifest, zip, bad rows, no overwrite, parallel = serial."""

from __future__ import annotations

import csv
import hashlib
import zipfile
from pathlib import Path

from openpyxl import Workbook

from dvtemplate.batch import run_batch
from dvtemplate.check import check_docx
from nd30 import assert_nd30

ROOT = Path(__file__).resolve().parent.parent
PROVINCE = ROOT / "examples" / "ke-hoach-tinh-2026.yaml"
UNITS_CSV = ROOT / "examples" / "don-vi.csv"
UNITS_XLSX = ROOT / "examples" / "don-vi.xlsx"


_KEYS = {"Đơn vị": "unit", "Tệp": "file", "Hạn gửi": "deadline", "SHA-256": "sha256"}


def _manifest(folder: Path) -> list[dict[str, str]]:
    """The manifest's rows, keyed by short English names (the file's headers are Vietnamese)."""
    with open(folder / "manifest.csv", encoding="utf-8-sig", newline="") as handle:
        return [{_KEYS[k]: v for k, v in row.items()} for row in csv.DictReader(handle)]


def test_batch_csv_every_form_passes_nd30(run_cli, tmp_path):
    out = tmp_path / "out"
    code, stdout, err = run_cli("batch", PROVINCE, "--units", UNITS_CSV, "--period", "2026-Q2", "-o", out, "--zip")
    assert code == 0, err
    rows = _manifest(out)
    names = [r["unit"] for r in rows]
    assert (
        names[0] == "Ủy ban nhân dân phường Nha Trang"
        and "Trung tâm Văn hóa - Thông tin / Thể thao xã Cam Lâm" in names
    )
    assert len(rows) == 6 and {r["deadline"] for r in rows} == {"15/6/2026"}
    for row in rows:
        path = out / row["file"]
        assert path.parent == out and path.name.isascii() and "/" not in row["file"]
        assert hashlib.sha256(path.read_bytes()).hexdigest() == row["sha256"]
        assert_nd30(path, "report")
        assert not check_docx(path).errors
    assert "Trung-tam-Van-hoa-Thong-tin-The-thao-xa-Cam-Lam" in rows[4]["file"]
    with zipfile.ZipFile(out / "BC-2026-Q2.zip") as z:
        assert sorted(z.namelist()) == sorted([r["file"] for r in rows] + ["manifest.csv"])
    assert "Đang soạn" not in err  # no progress bar when stderr is not a terminal


def test_batch_xlsx_same_forms_as_csv(tmp_path):
    a = run_batch(PROVINCE, UNITS_CSV, "2026-05", tmp_path / "a", jobs=1)
    b = run_batch(PROVINCE, UNITS_XLSX, "2026-05", tmp_path / "b", jobs=1)
    assert [r["sha256"] for r in _manifest(tmp_path / "a")] == [r["sha256"] for r in _manifest(tmp_path / "b")]
    assert a.ok and b.ok and a.deadline == "20/5/2026"


def test_bad_rows_skipped_others_produced_exit_1(run_cli, tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(["Tên đơn vị", "Cấp", "Viết tắt"])
    sheet.append(["Ủy ban nhân dân xã An Bình", "xã", None])
    sheet.append([None, "xã", "UBND"])
    sheet.append(["Ủy ban nhân dân xã An Bình", "xã", None])
    sheet.append(["Ủy ban nhân dân phường Tây Nha Trang", "phường", None])
    sheet.append(["Ủy ban nhân dân quận 1", "quận", None])
    units = tmp_path / "dv.xlsx"
    book.save(units)
    out = tmp_path / "out"
    code, stdout, err = run_cli("batch", PROVINCE, "--units", units, "--period", "2026", "-o", out)
    assert code == 1
    assert "dòng 3: thiếu tên đơn vị" in err and "dòng 4: 'Ủy ban nhân dân xã An Bình' trùng" in err
    assert "dòng 6:" in err and "quận" in err and "Traceback" not in err
    assert [r["unit"] for r in _manifest(out)] == ["Ủy ban nhân dân xã An Bình", "Ủy ban nhân dân phường Tây Nha Trang"]
    assert len(list(out.glob("*.docx"))) == 2


def test_rerun_refused_before_writing_other_files_left_alone(run_cli, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "ghi-chu.txt").write_text("của người dùng", encoding="utf-8")
    code, stdout, err = run_cli("batch", PROVINCE, "--units", UNITS_CSV, "--period", "2026-H1", "-o", out)
    assert code == 0 and len(list(out.glob("*.docx"))) == 6, err  # another file in the folder is no obstacle
    before = {p.name: p.stat().st_mtime_ns for p in out.iterdir()}
    code, stdout, err = run_cli("batch", PROVINCE, "--units", UNITS_CSV, "--period", "2026-H1", "-o", out)
    assert code == 0 and "6 tệp đã có với nội dung giống hệt" in stdout, err  # the same run again changes nothing
    assert {p.name: p.stat().st_mtime_ns for p in out.iterdir()} == before
    edited = sorted(out.glob("BC-*.docx"))[2]
    edited.write_bytes(edited.read_bytes() + b"\0")  # someone's edit: must not be overwritten
    before = {p.name: p.stat().st_mtime_ns for p in out.iterdir()}
    code, stdout, err = run_cli("batch", PROVINCE, "--units", UNITS_CSV, "--period", "2026-H1", "-o", out)
    assert code == 1 and "Tệp đã tồn tại" in err and edited.name in err and "manifest.csv" in err and "--force" in err
    assert {p.name: p.stat().st_mtime_ns for p in out.iterdir()} == before  # nothing written
    code, stdout, err = run_cli("batch", PROVINCE, "--units", UNITS_CSV, "--period", "2026-H1", "-o", out, "--force")
    assert code == 0 and len(list(out.glob("*.docx"))) == 6
    assert (out / "ghi-chu.txt").read_text(encoding="utf-8") == "của người dùng"


def test_unscheduled_period_writes_nothing(run_cli, tmp_path):
    commune = ROOT / "examples" / "ke-hoach-xa-2026.yaml"
    code, stdout, err = run_cli("batch", commune, "--units", UNITS_CSV, "--period", "2026-Q1", "-o", tmp_path / "o")
    assert code == 2 and "hằng quý" in err and not (tmp_path / "o").exists()


def test_parallel_equals_serial_and_names_unique(tmp_path):
    lines = ["Tên đơn vị,Cấp"]
    for i in range(150):
        lines.append(f"Xã Hòa Bình {i},xã" if i < 75 else f"Xa Hoa Binh {i - 75},xã")  # same file names
    units = tmp_path / "dv.csv"
    units.write_text("\n".join(lines) + "\n", encoding="utf-8")
    serial = run_batch(PROVINCE, units, "2026-Q3", tmp_path / "s", jobs=1)
    parallel = run_batch(PROVINCE, units, "2026-Q3", tmp_path / "p", jobs=2)
    assert serial.ok and parallel.ok and len(parallel.files) == 150
    assert _manifest(tmp_path / "s") == _manifest(tmp_path / "p")
    files = [r["file"] for r in _manifest(tmp_path / "p")]
    assert len({f.casefold() for f in files}) == 150
    assert files[0] == "BC-2026-Q3-Xa-Hoa-Binh-0.docx" and files[75] == "BC-2026-Q3-Xa-Hoa-Binh-0-2.docx"
    assert not list((tmp_path / "p").glob(".~dv-*"))
