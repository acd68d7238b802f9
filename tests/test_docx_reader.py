"""The one .docx reader: content controls, tracked changes, and the same refusals for every command."""

from __future__ import annotations

import io
import zipfile

import pytest

from dvtemplate import limits
from dvtemplate.docx import open_package, read_document
from dvtemplate.errors import InputError

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
CT = (
    b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    b'<Default Extension="xml" ContentType="application/xml"/></Types>'
)


def _docx(body: str, extra: dict[str, bytes] | None = None) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", CT)
        zf.writestr("word/document.xml", f"<w:document {W}><w:body>{body}</w:body></w:document>")
        for name, data in (extra or {}).items():
            zf.writestr(name, data)
    return buf.getvalue()


def _sdt(tag: str, alias: str, content: str, placeholder: bool = False) -> str:
    plc = "<w:showingPlcHdr/>" if placeholder else ""
    return (
        f'<w:sdt><w:sdtPr><w:alias w:val="{alias}"/><w:tag w:val="{tag}"/>{plc}</w:sdtPr>'
        f"<w:sdtContent>{content}</w:sdtContent></w:sdt>"
    )


def test_inline_control_value_with_tracked_changes_accepted():
    run = (
        "<w:r><w:t>12 </w:t></w:r>"
        '<w:ins w:id="1" w:author="A"><w:r><w:t>cuộc</w:t></w:r></w:ins>'
        '<w:del w:id="2" w:author="A"><w:r><w:delText>buổi</w:delText></w:r></w:del>'
    )
    body = f"<w:p><w:r><w:t>Kết quả: </w:t></w:r>{_sdt('dvt:x', 'Kết quả', run)}</w:p>"
    doc = read_document(open_package(_docx(body), name="f.docx"))
    (control,) = doc.controls
    assert (control.tag, control.alias, control.value, control.inline) == ("dvt:x", "Kết quả", "12 cuộc", True)
    assert doc.paras[0].plain == "Kết quả: 12 cuộc"
    assert doc.tracked == {"ins": 1, "del": 1}


def test_placeholder_reads_as_empty():
    body = "<w:p>" + _sdt("t", "a", "<w:r><w:t>Nhập kết quả…</w:t></w:r>", placeholder=True) + "</w:p>"
    (control,) = read_document(open_package(_docx(body), name="f.docx")).controls
    assert control.placeholder and control.value == ""


def test_block_control_and_cell_level_control():
    paras = "<w:p><w:r><w:t>Dòng một</w:t></w:r></w:p><w:p><w:r><w:t>Dòng hai</w:t></w:r></w:p>"
    cell = "<w:tc><w:p><w:r><w:t>95%</w:t></w:r></w:p></w:tc>"
    table = f"<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Chỉ tiêu</w:t></w:r></w:p></w:tc>{_sdt('c', 'Ô', cell)}</w:tr></w:tbl>"
    doc = read_document(open_package(_docx(_sdt("b", "Khó khăn", paras) + table), name="f.docx"))
    block, in_cell = doc.controls
    assert block.value == "Dòng một\nDòng hai" and not block.inline and block.block == 0
    assert in_cell.value == "95%" and in_cell.cell == (1, 1, 2)
    assert [b.plain for b in doc.paras] == ["Dòng một", "Dòng hai", "Chỉ tiêu", "95%"]


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, ".doc"),
        (b"%PDF-1.7\n", "PDF"),
        (b"hello", "không phải tệp .docx"),
    ],
)
def test_not_a_docx_is_named(data, words):
    with pytest.raises(InputError) as err:
        open_package(data, name="x.docx")
    assert words in str(err.value) and "x.docx" in str(err.value)


def test_limits_apply_to_every_reader(tmp_path, monkeypatch, run_cli):
    """check goes through the same opener as import: a too-large file is refused by both."""
    path = tmp_path / "a.docx"
    path.write_bytes(_docx("<w:p><w:r><w:t>x</w:t></w:r></w:p>"))
    monkeypatch.setattr(limits, "MAX_DOCX_BYTES", 100)
    for args in (("check", path), ("import", path, "-o", tmp_path / "o.yaml")):
        code, _, err = run_cli(*args)
        assert code == 2 and "quá lớn" in err and "Traceback" not in err


def test_paragraph_limit(monkeypatch):
    monkeypatch.setattr(limits, "MAX_PARAGRAPHS", 3)
    with pytest.raises(InputError, match="đoạn văn"):
        read_document(open_package(_docx("<w:p/>" * 5), name="f.docx"))


def test_lying_zip_header_is_a_bomb(monkeypatch):
    monkeypatch.setattr(limits, "MAX_PART_BYTES", 1000)
    data = _docx("<w:p><w:r><w:t>" + "x" * 5000 + "</w:t></w:r></w:p>")
    with pytest.raises(InputError, match="quá lớn"):
        open_package(data, name="f.docx").xml("word/document.xml")
