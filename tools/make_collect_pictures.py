"""Pictures for the README's collect section: a filled form and the summary's tables.

    python tools/make_collect_pictures.py     # needs LibreOffice (soffice) and pdftoppm

docs/mau-da-dien.png: page 2 of a report form filled in (indicators, đánh giá, phương hướng, kiến nghị);
docs/bao-cao-tong-hop.png: page 2 of the báo cáo tổng hợp (the chỉ tiêu, chỉ số table, đạt / chưa đạt).
The forms are filled the way the tests fill them (tests/collectfill.py: typing into controls).
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from collectfill import fill  # noqa: E402

from dvtemplate.batch import run_batch  # noqa: E402
from dvtemplate.collect import run_collect  # noqa: E402
from dvtemplate.pdf import convert_to_pdf  # noqa: E402

PLAN = ROOT / "examples" / "ke-hoach-tinh-2026.yaml"
UNITS = ("Ủy ban nhân dân xã An Bình", "Ủy ban nhân dân xã Cam Hải", "Ủy ban nhân dân phường Nam Nha Trang")
ANSWERS = (
    ("98%", "12", "1.204", "260", "96,5%", "45,5", "Có", "Thiếu kinh phí tổ chức đối thoại ở thôn xa."),
    ("100%", "8", "655", "120", "91%", "20", "Không", "Thiếu kinh phí tổ chức đối thoại ở thôn xa."),
    ("95%", "15", "2.310", "415", "88%", "62,75", "Có", "Một số phản ánh vượt thẩm quyền cấp xã."),
)
CLOSING = (
    {
        "dvt:strengths": "Lãnh đạo xã trực tiếp đối thoại với Nhân dân.",
        "dvt:weaknesses": "Hai thôn chưa tổ chức đối thoại.",
        "dvt:causes": "Địa bàn rộng, đi lại khó khăn.",
        "dvt:next": "Đối thoại ở các thôn còn lại.",
        "dvt:proposals": "Bố trí kinh phí cho đối thoại ở thôn.",
    },
    {
        "dvt:strengths": "Lãnh đạo xã trực tiếp đối thoại với Nhân dân",
        "dvt:causes": "Địa bàn rộng, đi lại khó khăn",
        "dvt:proposals": "Bố trí kinh phí cho đối thoại ở thôn",
    },
    {"dvt:next": "Nhân rộng mô hình tiếp nhận phản ánh qua mạng xã hội."},
)


def _page(pdf: Path, page: int, name: str) -> Path:
    target = ROOT / "docs" / name
    cmd = [shutil.which("pdftoppm") or "pdftoppm", "-png", "-r", "70", "-f", str(page), "-l", str(page)]
    subprocess.run([*cmd, "-singlefile", str(pdf), str(target)], check=True)
    return target.with_suffix(".png")


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        units = work / "don-vi.csv"
        units.write_text("Tên đơn vị,Cấp\n" + "\n".join(f"{u},xã" for u in UNITS) + "\n", encoding="utf-8")
        forms = run_batch(PLAN, units, "2026-H1", work / "mau", jobs=1).files
        inbox = work / "gui-ve"
        inbox.mkdir()
        rows = zip(forms, ANSWERS, CLOSING, strict=True)
        for path, (target, dialogue, visits, feedback, rate, money, model, trouble), closing in rows:
            data = fill(
                path.read_bytes(),
                {
                    "dvt:item:1:result": "Tổ chức hội nghị quán triệt cho toàn thể cán bộ, công chức.",
                    "dvt:target:1:result": target,
                    "dvt:ind:doi-thoai": dialogue,
                    "dvt:ind:tiep-cong-dan": visits,
                    "dvt:ind:phan-anh": feedback,
                    "dvt:ind:ty-le-dung-han": rate,
                    "dvt:ind:kinh-phi": money,
                    "dvt:ind:mo-hinh": model,
                    "dvt:difficulties": trouble,
                }
                | closing,
            )
            filled = inbox / path.name
            filled.write_bytes(data)
            when = dt.datetime(2026, 6, 12).timestamp()
            os.utime(filled, (when, when))
        result = run_collect(PLAN, "2026-H1", [inbox], work / "tong-hop", units_file=units)
        form_pdf, summary_pdf = convert_to_pdf([inbox / forms[0].name, result.files[0]])
        print(_page(form_pdf, 2, "mau-da-dien"))
        print(_page(summary_pdf, 2, "bao-cao-tong-hop"))


if __name__ == "__main__":
    main()
