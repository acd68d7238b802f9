"""Build docs/vi-du-sai-the-thuc.docx, a hand-made plan with typical layout mistakes, for the README.

python tools/make_check_demo.py && dvtemplate check docs/vi-du-sai-the-thuc.docx
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from ndfixtures import Spec, build  # noqa: E402


def main() -> None:
    spec = Spec(
        tieu_ngu="Độc lập – Tự do – Hạnh phúc",  # en dashes instead of " - "
        date="Ninh Thuận, ngày 5 tháng 1 năm 2024",  # no leading zeros
        so="Số: 5/KH-SNV",  # no leading zero
        body_size=12,  # body below 13 pt
        font="Arial",  # not Times New Roman
    )
    path = build(ROOT / "docs" / "vi-du-sai-the-thuc.docx", spec)
    print(path)


if __name__ == "__main__":
    main()
