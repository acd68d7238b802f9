"""A clerk's mistakes give a one-screen Vietnamese message with file, line and field; exit 2."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import EXAMPLES

BASE = (EXAMPLES / "ke-hoach-xa-2026.yaml").read_text(encoding="utf-8")


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "ke-hoach.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def validate(run_cli, tmp_path, text):
    code, out, err = run_cli("validate", write(tmp_path, text))
    assert code == 2, err
    assert "Traceback" not in err + out
    assert len(err.splitlines()) <= 25, "fits one screen"
    return err


def test_valid_example_passes(run_cli):
    code, out, _ = run_cli("validate", EXAMPLES / "ke-hoach-xa-2026.yaml")
    assert code == 0 and out.startswith("Hợp lệ")


def test_malformed_yaml_names_the_line(run_cli, tmp_path):
    text = BASE.replace("title: Thực hiện", "title: [Thực hiện", 1)
    err = validate(run_cli, tmp_path, text)
    assert "sai cú pháp" in err and "dòng" in err and "ke-hoach.yaml" in err


def test_tab_indentation_is_a_syntax_error(run_cli, tmp_path):
    err = validate(run_cli, tmp_path, BASE.replace("  abbreviation: UBND", "\tabbreviation: UBND"))
    assert "dòng" in err


def test_unknown_key_suggests_the_right_one(run_cli, tmp_path):
    text = BASE.replace("  abbreviation: UBND", "  abreviation: UBND")
    err = validate(run_cli, tmp_path, text)
    assert f"dòng {line_of(text, 'abreviation')}" in err
    assert "issuer.abreviation" in err and "Có phải 'abbreviation'?" in err


def test_wrong_type(run_cli, tmp_path):
    text = BASE.replace("\nyear: 2026", "\nyear: hai nghìn")
    err = validate(run_cli, tmp_path, text)
    assert f"dòng {line_of(text, 'year: hai')}" in err and "trường year" in err and "số nguyên" in err


def test_impossible_date(run_cli, tmp_path):
    text = BASE.replace("issued: 15/01/2026", "issued: 2026-02-30")
    err = validate(run_cli, tmp_path, text)
    assert "trường issued" in err and "không tồn tại" in err
    assert f"dòng {line_of(text, '2026-02-30')}" in err


def test_impossible_deadline_in_dd_mm(run_cli, tmp_path):
    text = BASE.replace("deadline: 30/06/2026", "deadline: 31/06/2026")
    err = validate(run_cli, tmp_path, text)
    assert "assignments.items[3].duties[1].deadline" in err and "31/06/2026" in err


def test_deadline_after_the_plan_period(run_cli, tmp_path):
    text = BASE.replace("deadline: 30/06/2026", "deadline: 15/01/2027")
    err = validate(run_cli, tmp_path, text)
    assert "sau thời gian của kế hoạch" in err and f"dòng {line_of(text, '15/01/2027')}" in err


def test_unknown_authority_prefix(run_cli, tmp_path):
    err = validate(run_cli, tmp_path, BASE.replace("authority: TM.", "authority: TT."))
    assert "thẩm quyền ký 'TT.' không hợp lệ" in err and "signer.authority" in err


def test_kt_without_head_title(run_cli, tmp_path):
    text = BASE.replace(
        "  authority: TM.\n  on_behalf_of: Ủy ban nhân dân\n  title: Chủ tịch",
        "  authority: KT.\n  title: Phó Chủ tịch",
    )
    err = validate(run_cli, tmp_path, text)
    assert "head_title" in err and "signer" in err


def test_empty_required_text(run_cli, tmp_path):
    err = validate(run_cli, tmp_path, BASE.replace("  name: Đặng Thị Mai", '  name: ""'))
    assert "signer.name" in err and "không được để trống" in err


def test_missing_required_field(run_cli, tmp_path):
    err = validate(run_cli, tmp_path, BASE.replace("  place: Cam Hiệp\n", ""))
    assert "issuer.place" in err and "thiếu trường bắt buộc" in err


def test_unknown_footnote_key(run_cli, tmp_path):
    err = validate(run_cli, tmp_path, BASE.replace("[^gan-dan]", "[^gan-dann]"))
    assert "[^gan-dann]" in err and "gan-dan" in err


def test_not_a_mapping_and_missing_file(run_cli, tmp_path):
    err = validate(run_cli, tmp_path, "- chỉ là một danh sách\n")
    assert "nhóm trường" in err
    code, _, err = run_cli("validate", tmp_path / "khong-co.yaml")
    assert code == 2 and "Không tìm thấy" in err


def test_not_utf8(run_cli, tmp_path):
    path = tmp_path / "cp1258.yaml"
    path.write_bytes("title: Kế hoạch".encode("utf-16"))
    code, _, err = run_cli("validate", path)
    assert code == 2 and "UTF-8" in err


def test_many_errors_are_listed_together(run_cli, tmp_path):
    text = BASE.replace("  abbreviation: UBND", "  abreviation: UBND").replace("\nyear: 2026", "\nyear: x")
    err = validate(run_cli, tmp_path, text)
    assert "2 lỗi" in err


def test_render_refuses_bad_yaml_and_writes_nothing(run_cli, tmp_path):
    out = tmp_path / "out"
    code, _, err = run_cli("render", write(tmp_path, BASE.replace("\nyear: 2026", "\nyear: x")), "-o", out)
    assert code == 2 and not any(out.glob("*")) if out.exists() else code == 2


@pytest.mark.parametrize("value", ["KT", "kt.", "TM. KT."])
def test_authority_spellings_are_normalised(value):
    from dvtemplate.model import Signer

    signer = Signer(
        authority=value, on_behalf_of="Ủy ban nhân dân", head_title="Chủ tịch", title="Phó Chủ tịch", name="A"
    )
    assert signer.authority in ("KT.", "TM. KT.")
