"""Render the consultation letter (with --form), the Kế hoạch's page with "Chế độ báo cáo" and the
công văn đôn đốc góp ý of the provincial example to docs/ (for the README).

Needs LibreOffice (soffice) and poppler-utils (pdftoppm): python tools/make_letter_pictures.py
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from commentdocs import reply_docx, write  # noqa: E402

from dvtemplate.comments import collect_replies  # noqa: E402
from dvtemplate.comments.remind import plan_reminder  # noqa: E402
from dvtemplate.documents import render_letter, render_plan  # noqa: E402
from dvtemplate.engine import load_template  # noqa: E402
from dvtemplate.loading import load_plan  # noqa: E402
from dvtemplate.pdf import convert_to_pdf  # noqa: E402
from dvtemplate.units import read_units  # noqa: E402

PLAN = ROOT / "examples" / "ke-hoach-tinh-2026.yaml"
DOCS = ROOT / "docs"


def _page(pdf: Path, page: int, name: str) -> None:
    pdftoppm = shutil.which("pdftoppm") or "pdftoppm"
    page_args = ["-f", str(page), "-l", str(page), "-singlefile"]
    subprocess.run([pdftoppm, "-png", "-r", "70", *page_args, str(pdf), str(DOCS / name)], check=True)
    print(DOCS / f"{name}.png")


def _reminder(tmp: Path) -> Path:
    replies = tmp / "replies"
    write(replies, "stp.docx", reply_docx(body=["Sở Tư pháp thống nhất với nội dung dự thảo, không có ý kiến khác."]))
    units = tmp / "units.csv"
    names = ["Sở Tư pháp", "Sở Tài chính", "Công an tỉnh", "Ủy ban nhân dân phường Nha Trang"]
    units.write_text("Tên đơn vị,Cấp,Viết tắt\n" + "\n".join(f"{n},khác,X" for n in names) + "\n", encoding="utf-8")
    plan = load_plan(PLAN).plan
    collection = collect_replies(plan, read_units(units), [replies])
    reminder = plan_reminder(plan, collection.asked, collection.silent, dt.date(2025, 12, 8))
    target = tmp / "don-doc.docx"
    with target.open("wb") as handle:
        load_template("reminder").write(reminder.context, handle)
    return target


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        letter = render_letter(PLAN, folder / "letter", form=True).files[0]
        plan = render_plan(PLAN, folder / "plan").files[0]
        letter_pdf, plan_pdf, reminder_pdf = convert_to_pdf([letter, plan, _reminder(folder)])
        _page(letter_pdf, 1, "cong-van-gop-y")
        _page(plan_pdf, 3, "ke-hoach-che-do-bao-cao")
        _page(reminder_pdf, 1, "don-doc-gop-y")


if __name__ == "__main__":
    main()
