"""The Lưu line of the tỉnh plan ends "NTH(60)": 60 copies issued, NTH the drafter's initials. The
edXML envelope carries them apart (PromulgationAmount 60, TyperNotation without the count), as QCVN
102 reads them."""

from __future__ import annotations

from conftest import EXAMPLES
from dvtemplate.edxml import read_package


def test_copies_and_typer_come_apart(run_cli, tmp_path):
    assert run_cli("render", EXAMPLES / "ke-hoach-tinh-2026.yaml", "-o", tmp_path)[0] == 0
    docx = next(tmp_path.glob("*.docx"))
    out = tmp_path / "goi.edxml"
    code, _, err = run_cli("edxml", docx, "-o", out)
    assert code == 0, err
    h = read_package(out.read_bytes()).header
    assert h["OtherInfo/PromulgationAmount"] == "60"
    assert h["OtherInfo/TyperNotation"] == "NV, NTH"
