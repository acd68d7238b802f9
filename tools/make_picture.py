"""Render page 1 of the provincial example to docs/ke-hoach-trang-1.png (for the README).

Needs LibreOffice (soffice) and poppler-utils (pdftoppm): python tools/make_picture.py
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dvtemplate.documents import render_plan  # noqa: E402
from dvtemplate.pdf import convert_to_pdf  # noqa: E402


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        docx = render_plan(ROOT / "examples" / "ke-hoach-tinh-2026.yaml", tmp).files[0]
        pdf = convert_to_pdf([docx])[0]
        subprocess.run(
            [
                shutil.which("pdftoppm") or "pdftoppm",
                "-png",
                "-r",
                "70",
                "-f",
                "1",
                "-l",
                "1",
                "-singlefile",
                str(pdf),
                str(ROOT / "docs" / "ke-hoach-trang-1"),
            ],
            check=True,
        )
    print(ROOT / "docs" / "ke-hoach-trang-1.png")


if __name__ == "__main__":
    main()
