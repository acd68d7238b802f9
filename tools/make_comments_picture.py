"""The consultation cycle end to end, pictured for the README: docs/tong-hop-gop-y.png.

letter → replies (five offices, their own layouts) → ``comments`` (bản tổng hợp + answers
workbook) → the clerk fills in answers → ``comments --responses`` (final table) → page 2
(the landscape table) and the Tờ trình's pages 1–2 as PNG. Needs LibreOffice and pdftoppm: python tools/make_comments_picture.py
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from commentdocs import PLAN, reply_docx  # noqa: E402  (fixture builder shared with the tests)

from dvtemplate.documents import render_comments  # noqa: E402
from dvtemplate.pdf import convert_to_pdf  # noqa: E402

UNITS = """Tên đơn vị,Cấp,Viết tắt
Sở Tư pháp,sở,STP
Sở Tài chính,sở,STC
Công an tỉnh,khác,CAT
Ủy ban nhân dân phường Nha Trang,phường,
Ủy ban nhân dân xã Diên Khánh,xã,
Ủy ban nhân dân đặc khu Trường Sa,đặc khu,
"""
CV = "Công văn số 215/SNV-XDCQ ngày 24/11/2025 của Sở Nội vụ"
ABOUT = "về việc lấy ý kiến góp ý dự thảo Kế hoạch thực hiện công tác dân vận chính quyền năm 2026"


def _opening(unit: str) -> str:
    return f"{unit} nhận được {CV} {ABOUT}. Sau khi nghiên cứu, {unit} có ý kiến như sau:"


def _closing(unit: str) -> str:
    return f"Trên đây là ý kiến góp ý của {unit}, trân trọng gửi Sở Nội vụ tổng hợp./."


REPLIES = {
    "so-tu-phap.docx": dict(
        body=[
            _opening("Sở Tư pháp"),
            "1. Tại điểm a khoản 1 Mục II: đề nghị bổ sung nội dung phổ biến Luật Tiếp công dân.",
            "2. Đề nghị rà soát thể thức trình bày theo Nghị định số 30/2020/NĐ-CP.",
            _closing("Sở Tư pháp"),
        ]
    ),
    "so-tai-chinh.docx": dict(
        issuer=["SỞ TÀI CHÍNH"],
        so="Số: 1208/STC-HCSN",
        layout="lines",
        body=[
            _opening("Sở Tài chính"),
            "- Mục II, khoản 1, điểm a: đề nghị nêu rõ nguồn kinh phí biên soạn tài liệu.",
            "- Về Mục IV (Tổ chức thực hiện): đề nghị giao Sở Tài chính bố trí kinh phí theo phân cấp.",
            _closing("Sở Tài chính"),
        ],
    ),
    "cong-an.docx": dict(
        issuer=["CÔNG AN TỈNH"],
        so="Số: 3311/CAT-PV01",
        body=[_opening("Công an tỉnh")],
        table=[
            ["STT", "Nội dung dự thảo", "Ý kiến góp ý", "Lý do"],
            ["1", "Điểm b khoản 1 Mục II", "Sửa “tối thiểu 02 kỳ mỗi tháng” thành “tối thiểu 04 kỳ mỗi tháng”.", ""],
            ["2", "Mục III", "Thống nhất.", ""],
        ],
        after=[_closing("Công an tỉnh")],
    ),
    "nha-trang.docx": dict(
        parent=None,
        issuer=["ỦY BAN NHÂN DÂN", "PHƯỜNG NHA TRANG"],
        so="Số: 45/UBND-VP",
        body=[
            f"Ủy ban nhân dân phường Nha Trang nhận được {CV} {ABOUT}. Sau khi nghiên cứu, Ủy ban nhân dân "
            "phường thống nhất với nội dung dự thảo, không có ý kiến khác.",
            "Ủy ban nhân dân phường Nha Trang trân trọng gửi Sở Nội vụ tổng hợp.",
        ],
    ),
    "dien-khanh.docx": dict(
        parent=None,
        issuer=["UBND XÃ DIÊN KHÁNH"],
        so="Số: 07/UBND",
        body=[
            _opening("Ủy ban nhân dân xã Diên Khánh"),
            "Tại khoản 4 Mục II, đề nghị bổ sung tiêu chí công nhận mô hình “Dân vận khéo” cấp xã.",
            _closing("Ủy ban nhân dân xã Diên Khánh"),
        ],
    ),
}
ANSWERS = [  # in the table's order: the draft's order, general comments last
    ("Tiếp thu một phần", "Nguồn kinh phí nêu chung tại Mục IV."),
    ("Tiếp thu", "Đã bổ sung vào điểm a khoản 1 Mục II."),
    ("Giải trình, giữ nguyên dự thảo", "02 kỳ mỗi tháng phù hợp khả năng của cơ quan báo chí."),
    ("Tiếp thu", "Đã bổ sung tiêu chí tại khoản 4 Mục II."),
    ("Tiếp thu", "Đã bổ sung vào khoản 2 Mục IV."),
    ("Tiếp thu", "Đã rà soát, chỉnh sửa thể thức."),
]


def main() -> None:
    import openpyxl

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        replies = tmp / "gop-y"
        replies.mkdir()
        for name, fields in REPLIES.items():
            (replies / name).write_bytes(reply_docx(**fields))
        (tmp / "don-vi.csv").write_text(UNITS, encoding="utf-8")
        first = render_comments(PLAN, [replies], tmp / "lan-1", units_file=tmp / "don-vi.csv")
        sheet = next(f for f in first.files if f.suffix == ".xlsx")
        book = openpyxl.load_workbook(sheet)
        ws = book.worksheets[0]
        for row, (choice, reason) in zip(range(2, ws.max_row + 1), ANSWERS, strict=False):
            ws.cell(row=row, column=5).value, ws.cell(row=row, column=6).value = choice, reason
        book.save(tmp / "tra-loi.xlsx")
        final = render_comments(
            PLAN, [replies], tmp / "lan-2", units_file=tmp / "don-vi.csv", responses=tmp / "tra-loi.xlsx", to_trinh=True
        )
        table = next(f for f in final.files if f.name.startswith("Ban-tong-hop"))
        to_trinh = next(f for f in final.files if f.name.startswith("TTr-"))
        pdf, tt_pdf = convert_to_pdf([table, to_trinh])
        for page, stem in ((1, "to-trinh-trang-1"), (2, "to-trinh-trang-2")):
            subprocess.run(
                [shutil.which("pdftoppm") or "pdftoppm", "-png", "-r", "70", "-f", str(page), "-l", str(page)]
                + ["-singlefile", str(tt_pdf), str(ROOT / "docs" / stem)],
                check=True,
            )
        for page, stem in ((1, "tong-hop-gop-y-trang-1"), (2, "tong-hop-gop-y")):
            subprocess.run(
                [shutil.which("pdftoppm") or "pdftoppm", "-png", "-r", "70", "-f", str(page), "-l", str(page)]
                + ["-singlefile", str(pdf), str(ROOT / "docs" / stem)],
                check=True,
            )
    print(ROOT / "docs" / "tong-hop-gop-y.png")


if __name__ == "__main__":
    main()
