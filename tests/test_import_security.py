"""Files that must be refused by 'dvtemplate import' with a clear message and exit 2."""

from __future__ import annotations

import zipfile

import pytest

from dvtemplate import limits
from dvtemplate.docx import package
from importdocs import build_table_plan


def _zip(path, members: dict[str, bytes], compression=zipfile.ZIP_DEFLATED):
    with zipfile.ZipFile(path, "w", compression) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


def _run(run_cli, path, tmp_path):
    code, out, err = run_cli("import", path, "-o", tmp_path / "out.yaml")
    assert code == 2
    assert "Traceback" not in err and err.startswith("Lỗi:")
    assert not (tmp_path / "out.yaml").exists()
    return err


def test_not_a_zip(run_cli, tmp_path):
    bad = tmp_path / "a.docx"
    bad.write_text("xin chào", encoding="utf-8")
    assert "không phải tệp .docx" in _run(run_cli, bad, tmp_path)


def test_truncated_zip(run_cli, tmp_path):
    good = build_table_plan(tmp_path / "g.docx").read_bytes()
    bad = tmp_path / "t.docx"
    bad.write_bytes(good[: len(good) // 2])
    err = _run(run_cli, bad, tmp_path)
    assert "tệp bị hỏng" in err or "không phải" in err


def test_ole2_encrypted_or_old_doc(run_cli, tmp_path):
    bad = tmp_path / "e.docx"
    bad.write_bytes(package.OLE2_MAGIC + b"\0" * 600)
    assert "mật khẩu" in _run(run_cli, bad, tmp_path)


def test_zip_without_document(run_cli, tmp_path):
    bad = _zip(tmp_path / "n.docx", {"hello.txt": b"hi"})
    assert "word/document.xml" in _run(run_cli, bad, tmp_path)


def test_oversized(run_cli, tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "MAX_DOCX_BYTES", 1000)
    big = build_table_plan(tmp_path / "big.docx")
    assert "quá lớn" in _run(run_cli, big, tmp_path)


def test_zip_bomb_part_size(run_cli, tmp_path):
    """Refused by what it unpacks to (more than MAX_PART_BYTES), not by its compression ratio."""
    bomb = _zip(tmp_path / "z.docx", {"word/document.xml": b"<a>" + b" " * (limits.MAX_PART_BYTES + 1) + b"</a>"})
    assert "zip bomb" in _run(run_cli, bomb, tmp_path)


def test_zip_bomb_total(run_cli, tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "MAX_UNPACKED_BYTES", 10_000)
    big = build_table_plan(tmp_path / "big.docx")
    assert "zip bomb" in _run(run_cli, big, tmp_path)


def test_macros_refused(run_cli, tmp_path):
    good = build_table_plan(tmp_path / "g.docx")
    with zipfile.ZipFile(good) as src:
        members = {n: src.read(n) for n in src.namelist()}
    members["word/vbaProject.bin"] = b"macro"
    bad = _zip(tmp_path / "m.docx", members)
    assert "macro" in _run(run_cli, bad, tmp_path)


@pytest.mark.parametrize(
    "payload",
    [
        b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x "xx">]><w:document xmlns:w="w">&x;</w:document>',
        b'<?xml version="1.0"?><!DOCTYPE d SYSTEM "http://example.invalid/x.dtd"><d/>',
    ],
)
def test_dtd_refused(run_cli, tmp_path, payload):
    bad = _zip(tmp_path / "x.docx", {"[Content_Types].xml": b"<Types/>", "word/document.xml": payload})
    assert "DTD" in _run(run_cli, bad, tmp_path)


def test_no_overwrite_without_force(run_cli, tmp_path):
    src = build_table_plan(tmp_path / "a.docx")
    out = tmp_path / "plan.yaml"
    out.write_text("cũ", encoding="utf-8")
    code, _, err = run_cli("import", src, "-o", out)
    assert code == 1 and "--force" in err and out.read_text(encoding="utf-8") == "cũ"
    code, stdout, _ = run_cli("import", src, "-o", out, "--force")
    assert code == 0 and "Tổ chức thực hiện" in stdout and out.read_text(encoding="utf-8").startswith("# Nhập từ")
