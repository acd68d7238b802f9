"""Hand-made .docx plans for the import tests, written the way offices type them.

Texts are invented for the tests. Each builder returns the path it wrote; the
variations: header as a table or as loose lines or missing, "I." vs "I-"
numbering, bold runs vs Word heading styles, real footnotes, soft line
breaks, Nơi nhận/signer as a table or loose lines.
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from lxml import etree

__all__ = [
    "build_table_plan",
    "build_loose_plan",
    "build_bare_plan",
    "build_run_in_plan",
    "paragraph_texts",
    "retention",
    "normalised",
]

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


class _Notes:
    """A footnotes part added by hand (python-docx has no footnote API)."""

    def __init__(self, doc) -> None:
        self.doc = doc
        self.root = etree.fromstring(
            f'<w:footnotes xmlns:w="{W}"><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p>'
            '</w:footnote><w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/>'
            "</w:r></w:p></w:footnote></w:footnotes>"
        )
        self.count = 0

    def add(self, paragraph, text: str) -> None:
        self.count += 1
        run = paragraph.add_run()
        rpr = OxmlElement("w:rPr")
        va = OxmlElement("w:vertAlign")
        va.set(qn("w:val"), "superscript")
        rpr.append(va)
        run._r.append(rpr)
        ref = OxmlElement("w:footnoteReference")
        ref.set(qn("w:id"), str(self.count))
        run._r.append(ref)
        note = etree.SubElement(self.root, f"{{{W}}}footnote")
        note.set(f"{{{W}}}id", str(self.count))
        p = etree.SubElement(note, f"{{{W}}}p")
        r = etree.SubElement(p, f"{{{W}}}r")
        etree.SubElement(r, f"{{{W}}}footnoteRef")
        r2 = etree.SubElement(p, f"{{{W}}}r")
        t = etree.SubElement(r2, f"{{{W}}}t")
        t.text = " " + text
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")

    def save(self) -> None:
        part = Part(
            PackURI("/word/footnotes.xml"),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml",
            etree.tostring(self.root, xml_declaration=True, encoding="UTF-8", standalone=True),
            self.doc.part.package,
        )
        self.doc.part.relate_to(part, RT.FOOTNOTES)


def _p(container, text: str = "", *, bold=False, italic=False, center=False, style=None, runs=None):
    p = container.add_paragraph(style=style)
    for chunk, b in runs or [(text, bold)]:
        parts = chunk.split("\n")
        for i, part in enumerate(parts):
            r = p.add_run(part)
            r.bold = b or None
            r.italic = italic or None
            if i < len(parts) - 1:
                r.add_break()
    if center:
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    return p


def _cell(table, row, col):
    cell = table.cell(row, col)
    cell.paragraphs[0]._p.getparent().remove(cell.paragraphs[0]._p)
    return cell


def _purpose_and_content(doc, notes, roman_sep: str, heading_styles: bool) -> None:
    sec = {"style": "Heading 1"} if heading_styles else {"bold": True}
    item = {"style": "Heading 2"} if heading_styles else {"bold": True}
    _p(doc, f"I{roman_sep} MỤC ĐÍCH, YÊU CẦU", **sec)
    _p(doc, "1. Mục đích", **item)
    _p(doc, "- Nâng cao ý thức phục vụ Nhân dân của cán bộ, công chức trong toàn ngành.")
    _p(doc, "- Kịp thời giải quyết các kiến nghị chính đáng của người dân và doanh nghiệp.")
    _p(doc, "2. Yêu cầu", **item)
    _p(doc, "- Bám sát nhiệm vụ chính trị của đơn vị; phân công rõ người, rõ việc.")
    _p(doc, "- Thường xuyên kiểm tra, đánh giá kết quả thực hiện.")
    _p(doc, f"II{roman_sep} NỘI DUNG THỰC HIỆN", **sec)
    _p(doc, "Các nhiệm vụ sau được triển khai trong toàn hệ thống.")
    _p(doc, "1. Tuyên truyền, quán triệt", **item)
    p = _p(doc, "Tổ chức quán triệt các văn bản về công tác dân vận đến toàn thể công chức")
    notes.add(p, "Gồm các văn bản do Trung ương và địa phương ban hành trong năm.")
    p.add_run(".")
    _p(doc, "a) Đăng tải tài liệu trên trang thông tin điện tử của đơn vị;")
    _p(doc, "b) Tổ chức hội nghị chuyên đề về kỹ năng vận động quần chúng:")
    _p(doc, "- Hội nghị cấp tỉnh trong quý II;")
    _p(doc, "+ Mời báo cáo viên của Ban Dân vận.")
    _p(doc, "c) Biên soạn sổ tay hỏi - đáp\nphát cho các thôn, tổ dân phố.")
    _p(doc, "2. Cải cách hành chính gắn với dân vận", **item)
    _p(doc, "- Công khai quy trình giải quyết thủ tục tại bộ phận một cửa;")
    _p(doc, "- Tiếp nhận phản ánh qua đường dây nóng của đơn vị.")
    _p(doc, "3. Thực hiện nghiêm chế độ tiếp công dân định kỳ của người đứng đầu.")


def _rest(doc, roman_sep: str, heading_styles: bool, agencies_inline: bool) -> None:
    sec = {"style": "Heading 1"} if heading_styles else {"bold": True}
    _p(doc, f"III{roman_sep} CHỈ TIÊU", **sec)
    _p(doc, "1. Tỷ lệ công chức được tập huấn kỹ năng dân vận: 100% (năm 2025).")
    _p(
        doc,
        "2. Mô hình dân vận khéo được công nhận: 05 mô hình (năm 2025); thực hiện: Văn phòng; Các phòng chuyên môn.",
    )
    _p(doc, f"IV{roman_sep} TỔ CHỨC THỰC HIỆN", **sec)
    if agencies_inline:
        _p(doc, runs=[("1. Văn phòng:", True), (" chủ trì theo dõi, đôn đốc việc thực hiện.", False)])
    else:
        _p(doc, "1. Văn phòng", bold=True)
    _p(doc, "- Tham mưu xây dựng kế hoạch năm 2026 trước ngày 15/12/2025.")
    _p(
        doc,
        "- Tổng hợp kết quả thực hiện. Định kỳ 6 tháng (trước ngày 15/6), hằng năm (trước ngày 10/12) "
        "báo cáo kết quả về UBND tỉnh.",
    )
    _p(doc, "2. Các phòng chuyên môn", bold=True)
    _p(doc, "a) Xây dựng kế hoạch của phòng, gửi Văn phòng trước ngày 28/02/2025;")
    _p(doc, "b) Phân công công chức theo dõi công tác dân vận.")
    _p(doc, "Trên đây là Kế hoạch thực hiện công tác dân vận năm 2025; yêu cầu các đơn vị nghiêm túc triển khai./.")


def build_table_plan(path: Path) -> Path:
    """Header and closing as two-column tables, 'I.' numbering in bold runs, footnotes, soft breaks."""
    doc = Document()
    notes = _Notes(doc)
    table = doc.add_table(rows=2, cols=2)
    left, right = _cell(table, 0, 0), _cell(table, 0, 1)
    _p(left, "UBND TỈNH HÒA AN", center=True)
    _p(left, "SỞ NỘI VỤ", bold=True, center=True)
    _p(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=True, center=True)
    _p(right, "Độc lập - Tự do - Hạnh phúc", bold=True, center=True)
    _p(_cell(table, 1, 0), "Số: 15/KH-SNV", center=True)
    _p(_cell(table, 1, 1), "Hòa An, ngày 20 tháng 01 năm 2025", italic=True, center=True)
    _p(doc, "")
    _p(doc, "KẾ HOẠCH", bold=True, center=True)
    _p(doc, "Thực hiện công tác dân vận chính quyền\nnăm 2025", bold=True, center=True)
    _p(doc, "Căn cứ Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15 ngày 10/11/2022 của Quốc hội;")
    _p(
        doc,
        "Thực hiện Kế hoạch số 05/KH-UBND ngày 10/01/2025 của UBND tỉnh Hòa An về công tác dân vận "
        "chính quyền năm 2025;",
    )
    _p(doc, "Sở Nội vụ ban hành Kế hoạch thực hiện công tác dân vận chính quyền năm 2025 như sau:")
    _purpose_and_content(doc, notes, ".", heading_styles=False)
    _rest(doc, ".", heading_styles=False, agencies_inline=False)
    closing = doc.add_table(rows=1, cols=2)
    left, right = _cell(closing, 0, 0), _cell(closing, 0, 1)
    _p(left, "Nơi nhận:", bold=True, italic=True)
    for line in (
        "- UBND tỉnh (b/c);",
        "- Giám đốc, các Phó Giám đốc Sở;",
        "- Các phòng, đơn vị thuộc Sở;",
        "- Lưu: VT, VP, LTH(15).",
    ):
        _p(left, line)
    _p(right, "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC", bold=True, center=True)
    for _ in range(3):
        _p(right, "")
    _p(right, "Lê Văn Bình", bold=True, center=True)
    notes.save()
    doc.save(str(path))
    return path


def build_loose_plan(path: Path) -> Path:
    """Loose header lines, 'I-' numbering in Heading styles, agency headings inline, loose signer."""
    doc = Document()
    notes = _Notes(doc)
    _p(doc, "ỦY BAN NHÂN DÂN", bold=True, center=True)
    _p(doc, "XÃ HÒA PHÚ", bold=True, center=True)
    _p(doc, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=True, center=True)
    _p(doc, "Độc lập - Tự do - Hạnh phúc", bold=True, center=True)
    _p(doc, "Số: 07/KH-UBND", center=True)
    _p(doc, "Hòa Phú, ngày 05 tháng 02 năm 2025", italic=True, center=True)
    _p(doc, "KẾ HOẠCH", style="Title")
    _p(doc, "Thực hiện công tác dân vận chính quyền trên địa bàn xã năm 2025", bold=True, center=True)
    _p(doc, "Ủy ban nhân dân xã ban hành Kế hoạch thực hiện năm 2025 như sau:")
    _purpose_and_content(doc, notes, "-", heading_styles=True)
    _rest(doc, "-", heading_styles=True, agencies_inline=True)
    _p(doc, "Nơi nhận:", bold=True, italic=True)
    _p(doc, "- Thường trực Đảng ủy xã (b/c);")
    _p(doc, "- Các thôn;")
    _p(doc, "- Lưu: VT, VP.")
    _p(doc, "TM. ỦY BAN NHÂN DÂN", bold=True, center=True)
    _p(doc, "CHỦ TỊCH", bold=True, center=True)
    _p(doc, "Nguyễn Văn An", bold=True, center=True)
    notes.save()
    doc.save(str(path))
    return path


def build_bare_plan(path: Path) -> Path:
    """No header at all (starts at KẾ HOẠCH), a table in the body, an appendix after the signature."""
    doc = Document()
    notes = _Notes(doc)
    _p(doc, "KẾ HOẠCH", bold=True, center=True)
    _p(doc, "Triển khai công tác dân vận năm 2025", bold=True, center=True)
    _p(doc, "I. NỘI DUNG", bold=True)
    _p(doc, "1. Tuyên truyền", bold=True)
    p = _p(doc, "Thực hiện thường xuyên trên loa truyền thanh")
    notes.add(p, "Ít nhất hai lần mỗi tuần.")
    t = doc.add_table(rows=2, cols=2)
    for r, row in enumerate((("Việc", "Thời gian"), ("Hội nghị", "Quý II"))):
        for c, text in enumerate(row):
            t.cell(r, c).text = text
    _p(doc, "Trên đây là Kế hoạch triển khai công tác dân vận năm 2025./.")
    _p(doc, "CHỦ TỊCH", bold=True, center=True)
    _p(doc, "(Đã ký)", italic=True, center=True)
    _p(doc, "Phạm Thị Hoa", bold=True, center=True)
    _p(doc, "PHỤ LỤC", bold=True, center=True)
    notes.save()
    doc.save(str(path))
    return path


def build_run_in_plan(path: Path, body=None, tasks=None) -> Path:
    """Run-in headings (bold lead + plain rest in one paragraph) in content and in Tổ chức thực hiện,
    an agency whose task is three plain paragraphs. *body(doc)* adds paragraphs at the end of
    part I, *tasks(doc)* at the end of Tổ chức thực hiện."""
    doc = Document()
    table = doc.add_table(rows=2, cols=2)
    _p(_cell(table, 0, 0), "ỦY BAN NHÂN DÂN\nXÃ HÒA PHÚ", bold=True, center=True)
    right = _cell(table, 0, 1)
    _p(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=True, center=True)
    _p(right, "Độc lập - Tự do - Hạnh phúc", bold=True, center=True)
    _p(_cell(table, 1, 0), "Số: 12/KH-UBND", center=True)
    _p(_cell(table, 1, 1), "Hòa Phú, ngày 10 tháng 01 năm 2026", italic=True, center=True)
    _p(doc, "KẾ HOẠCH", bold=True, center=True)
    _p(doc, "Thực hiện công tác dân vận chính quyền năm 2026", bold=True, center=True)
    _p(doc, "I. NỘI DUNG", bold=True)
    _p(doc, runs=[("1. Tuyên truyền:", True), (" tổ chức quán triệt Quy chế dân chủ đến toàn thể công chức.", False)])
    _p(doc, runs=[("2. Tiếp công dân.", True), (" Chủ tịch tiếp công dân định kỳ mỗi tháng một lần.", False)])
    _p(doc, "a) Niêm yết lịch tiếp công dân tại trụ sở;")
    _p(doc, "b) Ghi sổ theo dõi đầy đủ.")
    if body is not None:
        body(doc)
    _p(doc, "II. TỔ CHỨC THỰC HIỆN", bold=True)
    _p(doc, runs=[("1. Công chức Văn phòng - Thống kê:", True), (" Tham mưu Ủy ban nhân dân xã theo dõi.", False)])
    _p(doc, "- Tổng hợp kết quả thực hiện trước ngày 10/12/2026.")
    _p(
        doc,
        runs=[("2. Giao Công chức Tư pháp - Hộ tịch", True), (" theo dõi, đôn đốc việc niêm yết công khai.", False)],
    )
    _p(doc, "3. Các thôn", bold=True)
    _p(doc, "Phổ biến Kế hoạch đến từng hộ gia đình.")
    _p(doc, "Phối hợp với Mặt trận Tổ quốc xã vận động Nhân dân.")
    _p(doc, "Báo cáo kết quả về Ủy ban nhân dân xã.")
    if tasks is not None:
        tasks(doc)
    _p(doc, "Trên đây là Kế hoạch thực hiện công tác dân vận chính quyền năm 2026./.")
    closing = doc.add_table(rows=1, cols=2)
    left, right = _cell(closing, 0, 0), _cell(closing, 0, 1)
    _p(left, "Nơi nhận:", bold=True, italic=True)
    _p(left, "- Các thôn;")
    _p(left, "- Lưu: VT, VP.")
    _p(right, "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH", bold=True, center=True)
    _p(right, "Trần Văn Nam", bold=True, center=True)
    doc.save(str(path))
    return path


# ----------------------------------------------------------------------------- comparison
_NUM = re.compile(r"^\s*(?:[IVXLC]+\s*[.\-–/)]|\d{1,2}\s*[.)]|[a-zđ]\)|[-–—•+])\s*")


def _norm(text: str, strip_end: bool = True) -> str:
    text = unicodedata.normalize("NFC", text)
    text = re.sub(r"\s+", " ", text).strip()
    text = _NUM.sub("", text, count=1)
    return text.strip(" .;:") if strip_end else text.strip()


def paragraph_texts(path: Path, strip_end: bool = True) -> list[str]:
    """Every non-empty line (soft breaks split lines) of the body, tables and footnotes, normalised."""
    from zipfile import ZipFile

    out = []
    with ZipFile(path) as zf:
        for part in ("word/document.xml", "word/footnotes.xml"):
            if part not in zf.namelist():
                continue
            root = etree.fromstring(zf.read(part))
            for p in root.iter(f"{{{W}}}p"):
                text = "".join(
                    (t.text or "") if t.tag == f"{{{W}}}t" else ("\n" if t.tag == f"{{{W}}}br" else " ")
                    for t in p.iter(f"{{{W}}}t", f"{{{W}}}br", f"{{{W}}}tab")
                )
                out.extend(n for n in (_norm(line, strip_end) for line in text.split("\n")) if n)
    return out


def retention(original: Path, rendered: Path) -> tuple[float, list[str]]:
    """Share of the original's lines whose text (numbering aside) is found in the rendered document.

    The rendered text is searched as one string (paragraphs joined by a space), so a heading
    typed inline ("1. Văn phòng: chủ trì…") that the renderer splits into two paragraphs counts
    as kept; reworded, reordered-within or lost text does not.
    """
    mine = paragraph_texts(original)
    flat = " ".join(paragraph_texts(rendered, strip_end=False)).casefold()
    missing = [p for p in mine if p.casefold() not in flat]
    return 1 - len(missing) / len(mine), missing


def normalised(plan) -> dict:
    """model_dump without what the plan .docx cannot carry (letter, templates, the indicators the report
    forms ask for), footnote keys by order."""
    data = plan.model_dump(mode="json", exclude={"letter", "templates"})
    if data.get("reporting"):
        data["reporting"].pop("indicators", None)
    notes = data.pop("footnotes")
    text = json.dumps(data, ensure_ascii=False)
    for i, key in enumerate(notes, 1):
        text = text.replace(f"[^{key}]", f"[^#{i}]")
    out = json.loads(text)
    out["footnotes"] = list(notes.values())
    return out
