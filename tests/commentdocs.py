"""Reply letters as offices write them, built with python-docx (test fixtures, our own wording)."""

from __future__ import annotations

import io
from pathlib import Path

from docx import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Pt

PLAN = Path(__file__).resolve().parents[1] / "examples" / "ke-hoach-tinh-2026.yaml"
LETTER_REF = "Công văn số 215/SNV-XDCQ ngày 24/11/2025 của Sở Nội vụ"
VV = "V/v góp ý dự thảo Kế hoạch thực hiện công tác dân vận chính quyền năm 2026"


def _para(container, text: str, *, bold=False, italic=False, size=14):
    p = container.add_paragraph()
    if text:
        r = p.add_run(text)
        r.bold, r.italic = bold, italic
        r.font.size = Pt(size)
        r.font.name = "Times New Roman"
    return p


def reply_docx(
    *,
    parent: str | None = "UBND TỈNH KHÁNH HÒA",
    issuer: list[str] = ("SỞ TƯ PHÁP",),
    so: str = "Số: 312/STP-VP",
    date_line: str = "Khánh Hòa, ngày 02 tháng 12 năm 2025",
    vv: str = VV,
    body: list[str] = (),
    layout: str = "table",
    kinh_gui: str = "Kính gửi: Sở Nội vụ tỉnh Khánh Hòa.",
    signer: list[str] = ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "", "", "Nguyễn Văn An"),
    tracked: tuple[str, str] | None = None,
    table: list[list[str]] | None = None,
    after: list[str] = (),
) -> bytes:
    """A công văn: header (a two-column table, or loose centred lines), Kính gửi, body (*body*, then
    *table* as a bordered table of comments, then *after*), Nơi nhận + signer."""
    doc = Document()
    _header(doc, layout, parent, issuer, so, vv, date_line)
    _para(doc, kinh_gui)
    for text in body:
        _para(doc, text)
    if table:
        _grid(doc, table)
    for text in after:
        _para(doc, text)
    if tracked:
        _tracked(_para(doc, ""), *tracked)
    _para(doc, "Trân trọng./.")
    t = doc.add_table(rows=1, cols=2)
    left, right = t.cell(0, 0), t.cell(0, 1)
    _para(left, "Nơi nhận:", bold=True, italic=True, size=12)
    _para(left, "- Như trên;", size=11)
    _para(left, "- Lưu: VT.", size=11)
    for line in signer:
        _para(right, line, bold=True)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def _header(doc, layout, parent, issuer, so, vv, date_line) -> None:
    if layout == "table":
        t = doc.add_table(rows=1, cols=2)
        left, right = t.cell(0, 0), t.cell(0, 1)
        left.paragraphs[0].text = ""
    else:
        left = right = doc
    if parent:
        _para(left, parent, size=13)
    for line in issuer:
        _para(left, line, bold=True, size=13)
    if layout == "table":
        _para(left, so, size=13)
        if vv:
            _para(left, vv, size=12)
    _para(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=True, size=13)
    _para(right, "Độc lập - Tự do - Hạnh phúc", bold=True)
    if layout != "table":
        _para(doc, so, size=13)
    _para(right, date_line, italic=True)
    if layout != "table" and vv:
        _para(doc, vv, size=12)


def _grid(doc, table: list[list[str]]) -> None:
    grid = doc.add_table(rows=len(table), cols=len(table[0]))
    grid.style = "Table Grid"
    for r, cells in enumerate(table):
        for c, text in enumerate(cells):
            grid.cell(r, c).paragraphs[0].add_run(text)


def _tracked(p, ins: str, dele: str) -> None:
    p._p.append(
        parse_xml(
            f'<w:ins {nsdecls("w")} w:id="90" w:author="A" w:date="2025-12-01T00:00:00Z"><w:r><w:t xml:space="preserve">{ins}</w:t></w:r></w:ins>'
        )
    )
    removed = f'<w:r><w:delText xml:space="preserve">{dele}</w:delText></w:r>'
    p._p.append(
        parse_xml(f'<w:del {nsdecls("w")} w:id="91" w:author="A" w:date="2025-12-01T00:00:00Z">{removed}</w:del>')
    )


def write(folder: Path, name: str, data: bytes) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(data)
    return path
