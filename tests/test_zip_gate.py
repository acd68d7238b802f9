"""Issue 18 item 7 "False zip bomb" and issue 19 "Two zip gates": one gate, bounded by size and time.

An honest repetitive document (a 300 × 60 table of the same text) compresses far more than
200 times and must be read; a real bomb is stopped by the unpacked size, for a returned file
and for a template alike, within a time and memory limit.
"""

from __future__ import annotations

import io
import shutil
import zipfile

from hostile import (
    EXAMPLE,
    TEMPLATES,
    assert_user_error,
    body_docx,
    docx_members,
    report_with_templates,
    run_bounded,
    write_docx,
)

from dvtemplate import limits
from dvtemplate.docx import open_package, read_document

CELL = "<w:tc><w:p><w:r><w:t>Tuyên truyền, phổ biến chính sách pháp luật</w:t></w:r></w:p></w:tc>"


def _table(rows: int = 300, cols: int = 60) -> str:
    return "<w:tbl>" + ("<w:tr>" + CELL * cols + "</w:tr>") * rows + "</w:tbl>"


def test_honest_repetitive_table_is_not_a_zip_bomb(tmp_path):
    path = body_docx(tmp_path / "bang.docx", _table() + "<w:p><w:r><w:t>Hết bảng</w:t></w:r></w:p>")
    info = zipfile.ZipFile(path).getinfo("word/document.xml")
    assert info.file_size / info.compress_size > 200 and info.file_size > 1024 * 1024  # what the ratio rule refused
    document = read_document(open_package(path))
    cells = [p for p in document.paras if p.text == "Tuyên truyền, phổ biến chính sách pháp luật"]
    assert len(cells) == 300 * 60 and document.paras[-1].text == "Hết bảng"
    code, out, err = run_bounded(["check", path], 60, 1024)
    assert "zip bomb" not in out + err and "Traceback" not in err, out + err


def _bomb() -> bytes:
    """word/document.xml of 70 MB of spaces: 70 kB packed, more than MAX_PART_BYTES unpacked."""
    members = docx_members()
    xml = members["word/document.xml"]
    padding = b" " * (limits.MAX_PART_BYTES + 6 * 1024 * 1024)
    members["word/document.xml"] = xml.replace(b"<w:body>", b"<w:body>" + padding, 1)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_bomb_is_refused_by_its_unpacked_size(tmp_path):
    bomb = tmp_path / "bom.docx"
    bomb.write_bytes(_bomb())
    assert_user_error(run_bounded(["check", bomb], 20, 512), 2, "bom.docx", "zip bomb", "tối đa 64 MB")


def test_template_bomb_is_refused_by_the_same_gate(tmp_path):
    folder = tmp_path / "mau"
    folder.mkdir()
    (folder / "report.docx").write_bytes(_bomb())
    argv = report_with_templates(folder, tmp_path / "o")
    assert_user_error(run_bounded(argv, 20, 512), 2, "Mẫu 'report.docx'", "zip bomb")


def test_template_with_a_long_repetitive_part_renders(tmp_path):
    """A template may carry a picture or part that compresses very well: rendering is not refused."""
    folder = tmp_path / "mau"
    folder.mkdir()
    shutil.copy(TEMPLATES / "report.docx", folder / "report.docx")
    members = docx_members(folder / "report.docx")
    members["customXml/item9.xml"] = b"<a>" + b"x" * (3 * 1024 * 1024) + b"</a>"
    write_docx(folder / "report.docx", members)
    code, _, err = run_bounded(report_with_templates(folder, tmp_path / "o"), 60, 1024)
    assert code == 0 and "zip bomb" not in err, err
    assert EXAMPLE.exists() and list((tmp_path / "o").glob("*.docx"))
