"""Sign the commune example with a throw-away key and render where the images went, for the README:
docs/ky-so-chu-ky.png (the signer block of the last page) and docs/ky-so-ban-sao.png (a copy's
text block, top right of page 1).

Needs LibreOffice and poppler-utils (pdftoppm): python tools/make_sign_picture.py
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

import signkit  # noqa: E402
from dvtemplate.documents import render_plan  # noqa: E402
from dvtemplate.sign import export_pdfa, load_p12, sign_file  # noqa: E402


def _crop(pdf: Path, page: int, box: tuple[int, int, int, int], name: str) -> None:
    """Render *page* at 100 dpi and keep *box* (x, y, width, height in pixels)."""
    x, y, w, h = box
    args = [
        "-png",
        "-r",
        "100",
        "-f",
        str(page),
        "-l",
        str(page),
        "-x",
        str(x),
        "-y",
        str(y),
        "-W",
        str(w),
        "-H",
        str(h),
    ]
    subprocess.run(
        [shutil.which("pdftoppm") or "pdftoppm", *args, "-singlefile", str(pdf), str(ROOT / "docs" / name)], check=True
    )


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        docx = render_plan(ROOT / "examples" / "ke-hoach-xa-2026.yaml", folder).files[0]
        pdf = export_pdfa([docx])[0]
        p12, _root = signkit.make_p12(folder)
        signer = load_p12(p12, signkit.PASSWORD.encode())
        signed = sign_file(
            pdf,
            folder / "da-ky.pdf",
            signer=signer,
            signature_image=signkit.signature_png(folder),
            seal_image=signkit.seal_png(folder),
        )
        copy = sign_file(signed, folder / "ban-sao.pdf", signer=signer, docx=docx, copy_form="sao-y")
        pages = int(
            subprocess.run(["pdfinfo", str(signed)], capture_output=True, text=True)
            .stdout.split("Pages:")[1]
            .split()[0]
        )
        _crop(signed, pages, (80, 640, 740, 230), "ky-so-chu-ky")
        _crop(copy, 1, (330, 0, 497, 190), "ky-so-ban-sao")


if __name__ == "__main__":
    main()
