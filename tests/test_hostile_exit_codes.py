"""Issue 10.2: the user's situation is exit 1 (output) or 2 (input) with a Vietnamese message, never 70.

Each case runs the real CLI in a subprocess under a time and memory limit (tests/hostile.py).
"""

from __future__ import annotations

import os
import shutil
import sys
import zipfile

import pytest
from hostile import (
    EXAMPLE,
    ROOT,
    assert_user_error,
    damage_member,
    docx_members,
    report_with_templates,
    run_bounded,
    write_docx,
)

UNITS = ROOT / "examples" / "don-vi.csv"
A_DOCX = ROOT / "docs" / "vi-du-sai-the-thuc.docx"
PERIOD = ("--period", "2026-H1")
posix_only = pytest.mark.skipif(sys.platform == "win32", reason="FIFOs, /dev/zero and capabilities are POSIX")


@pytest.fixture
def readonly(tmp_path):
    folder = tmp_path / "chi-doc"
    folder.mkdir()
    folder.chmod(0o555)
    yield folder
    folder.chmod(0o755)


@posix_only
@pytest.mark.parametrize(
    "argv",
    [
        ("render", EXAMPLE, "-o", "{ro}"),
        ("letter", EXAMPLE, "-o", "{ro}"),
        ("report", EXAMPLE, *PERIOD, "--unit", "Ủy ban nhân dân xã An Bình", "-o", "{ro}"),
        ("batch", EXAMPLE, "--units", UNITS, *PERIOD, "-o", "{ro}", "--jobs", "1"),
        ("batch", EXAMPLE, "--units", UNITS, *PERIOD, "-o", "{ro}/moi", "--jobs", "1"),
        ("import", A_DOCX, "-o", "{ro}/ke-hoach.yaml"),
        ("rollover", EXAMPLE, "-o", "{ro}/ke-hoach-2027.yaml"),
        ("schema", "-o", "{ro}/plan.schema.json"),
        ("templates", "export", "{ro}"),
        ("init", "{ro}"),
    ],
    ids=lambda argv: " ".join(str(a) for a in argv[:1]) + (" /moi" if "{ro}/moi" in argv else ""),
)
def test_read_only_output_folder_is_exit_1(argv, readonly):
    argv = [str(a).replace("{ro}", str(readonly)) for a in argv]
    err = assert_user_error(run_bounded(argv, honour_permissions=True), 1)
    assert str(readonly.name) in err and ("quyền ghi" in err or "chỉ đọc" in err), err
    assert not [p for p in readonly.rglob("*") if p.name.startswith(".~dv-")], "temporary file left behind"


def test_batch_output_that_is_a_file_is_exit_1(tmp_path):
    target = tmp_path / "ket-qua"
    target.write_text("tệp của người dùng", encoding="utf-8")
    argv = ["batch", EXAMPLE, "--units", UNITS, *PERIOD, "-o", target, "--jobs", "1"]
    assert_user_error(run_bounded(argv), 1, "không phải là thư mục")
    assert_user_error(run_bounded([*argv, "--force"]), 1, "không phải là thư mục")
    assert target.read_text(encoding="utf-8") == "tệp của người dùng"


def test_csv_with_a_128_kb_cell_is_exit_2(tmp_path):
    units = tmp_path / "don-vi.csv"
    units.write_text('Tên đơn vị,Cấp\n"' + "x" * 140_000 + '",xã\n', encoding="utf-8")
    argv = ["batch", EXAMPLE, "--units", units, *PERIOD, "-o", tmp_path / "o"]
    assert_user_error(run_bounded(argv), 2, "don-vi.csv", "dòng 2", "quá dài")


def _xlsx(tmp_path, name, change):
    members = docx_members(ROOT / "examples" / "don-vi.xlsx")
    change(members)
    return write_docx(tmp_path / name, members)


@pytest.mark.parametrize(
    "name, change, needle",
    [
        (
            "doctype.xlsx",
            lambda m: m.update({"xl/workbook.xml": b'<!DOCTYPE x [<!ENTITY a "b">]>' + m["xl/workbook.xml"]}),
            "DTD",
        ),
        (
            "cut.xlsx",
            lambda m: m.update({"xl/worksheets/sheet1.xml": m["xl/worksheets/sheet1.xml"][:500]}),
            "bị hỏng",
        ),
        ("nosheet.xlsx", lambda m: m.pop("xl/workbook.xml"), "Excel"),
    ],
)
def test_broken_xlsx_is_exit_2(tmp_path, name, change, needle):
    units = _xlsx(tmp_path, name, change)
    argv = ["batch", EXAMPLE, "--units", units, *PERIOD, "-o", tmp_path / "o"]
    assert_user_error(run_bounded(argv), 2, name, needle)


def _template_folder(tmp_path, how: str):
    folder = tmp_path / f"mau-{how}"
    folder.mkdir()
    target = folder / "report.docx"
    if how in ("deflate", "encrypt"):
        shutil.copy(ROOT / "templates" / "report.docx", target)
        write_docx(target, docx_members())
        damage_member(target, "word/document.xml", how)
    elif how == "latin1":
        members = docx_members()
        members["word/document.xml"] = members["word/document.xml"].replace(b"</w:body>", b"\xe9\xff</w:body>")
        write_docx(target, members)
    elif how == "fifo":
        os.mkfifo(target)
    elif how == "zero":
        target.symlink_to("/dev/zero")
    return folder


@pytest.mark.parametrize(
    "how, needle",
    [
        ("deflate", "không giải nén được"),
        ("encrypt", "mã hóa"),
        ("latin1", "UTF-8"),
        pytest.param("fifo", "không phải tệp", marks=posix_only),
        pytest.param("zero", "không phải tệp", marks=posix_only),
    ],
)
def test_broken_template_is_exit_2_for_render_and_lint(tmp_path, how, needle):
    folder = _template_folder(tmp_path, how)
    argv = report_with_templates(folder, tmp_path / "o")
    assert_user_error(run_bounded(argv), 2, "report.docx", needle)
    assert not (tmp_path / "o").exists() or not any((tmp_path / "o").iterdir())
    code, out, err = run_bounded(["templates", "lint", folder])
    assert code == 1 and "report.docx" in out and "Traceback" not in out + err, out + err


@posix_only
@pytest.mark.parametrize("kind", ["fifo", "zero"])
def test_devices_and_pipes_as_input_are_exit_2(tmp_path, kind):
    def special(name):
        path = tmp_path / name
        os.mkfifo(path) if kind == "fifo" else path.symlink_to("/dev/zero")
        return path

    plan, units, docx = special("ke-hoach.yaml"), special("don-vi.csv"), special("van-ban.docx")
    assert_user_error(run_bounded(["validate", plan]), 2, "không phải tệp thông thường")
    assert_user_error(run_bounded(["rollover", plan, "--dry-run"]), 2, "không phải tệp thông thường")
    argv = ["batch", EXAMPLE, "--units", units, *PERIOD, "-o", tmp_path / "o"]
    assert_user_error(run_bounded(argv), 2, "không phải tệp thông thường")
    assert_user_error(run_bounded(["import", docx, "-o", tmp_path / "x.yaml"]), 2, "không phải tệp")
    assert_user_error(run_bounded(["check", docx]), 2, "không phải tệp")
    assert_user_error(run_bounded(["validate", "/dev/zero"]), 2, "không phải tệp thông thường")


@pytest.mark.parametrize("how", ["deflate", "encrypt"])
def test_check_reports_the_corrupt_file_and_still_checks_the_good_one(tmp_path, how):
    bad = tmp_path / "hong.docx"
    shutil.copy(A_DOCX, bad)
    damage_member(bad, "word/document.xml", how)
    code, out, err = run_bounded(["check", A_DOCX, bad])
    assert code == 2, (code, err)
    assert "Traceback" not in err and "hong.docx" in err and "Lỗi:" in err, err
    assert "vi-du-sai-the-thuc.docx" in out and "ND30-" in out, out  # the good file was checked
    for command in (["import", bad, "-o", tmp_path / "x.yaml"], ["rollover", bad, "--dry-run"]):
        assert_user_error(run_bounded(command), 2, "hong.docx")


def test_a_zip_that_is_not_a_docx_is_exit_2(tmp_path):
    fake = tmp_path / "gia.docx"
    with zipfile.ZipFile(fake, "w") as archive:
        archive.writestr("a.txt", "x")
    assert_user_error(run_bounded(["check", fake]), 2, "gia.docx")


@pytest.mark.parametrize(
    "argv",
    [
        ("render", EXAMPLE, "-o", "{f}/ket-qua"),
        ("import", A_DOCX, "-o", "{f}/ke-hoach.yaml"),
        ("rollover", EXAMPLE, "-o", "{f}/ke-hoach-2027.yaml"),
        ("schema", "-o", "{f}/plan.schema.json"),
        ("templates", "export", "{f}/mau"),
    ],
    ids=lambda argv: str(argv[0]),
)
def test_output_below_a_file_is_exit_1(tmp_path, argv):
    blocker = tmp_path / "tep"
    blocker.write_text("x", encoding="utf-8")
    argv = [str(a).replace("{f}", str(blocker)) for a in argv]
    assert_user_error(run_bounded(argv), 1, "tep")


def test_yaml_with_a_control_character_names_the_line(tmp_path):
    plan = tmp_path / "nul.yaml"
    plan.write_bytes(b"# ke hoach\ntitle: a\x00b\n")
    err = assert_user_error(run_bounded(["validate", plan]), 2, "nul.yaml", "dòng 2", "ký tự điều khiển")
    assert "unicode string" not in err
