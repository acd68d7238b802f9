"""Is a Times New Roman-compatible face with Vietnamese letters installed? (asked before ``--pdf``)

LibreOffice lays out the PDF with Times New Roman or, through fontconfig, a face
with the same metrics (Liberation Serif, Tinos, Thorndale). A face without the
Vietnamese letters (Debian 12's ``fonts-liberation`` 1.07 has no ế, ộ…) makes
LibreOffice take each such letter from another font: the PDF mixes two faces.
Coverage is what matters, not the family name, so fontconfig is asked for the
families that hold ế (U+1EBF) and ộ (U+1ED9). Where there is no ``fc-list``
(Windows, where Times New Roman ships with the system; macOS) nothing is checked.
"""

from __future__ import annotations

import shutil
import subprocess

from .vn.nd30 import FONT

__all__ = ["COMPATIBLE_FAMILIES", "PROBE", "vietnamese_families", "font_warning"]

COMPATIBLE_FAMILIES = (FONT, "Liberation Serif", "Tinos", "Thorndale", "Thorndale AMT")
"""The decree's font and the faces fontconfig substitutes for it with the same metrics."""

PROBE = "1ebf 1ed9"
"""Code points (hex) a face must hold: ế and ộ."""

_TIMEOUT = 20.0


def vietnamese_families() -> set[str] | None:
    """Font families with the Vietnamese letters of :data:`PROBE`, or None when fontconfig
    cannot be asked (no ``fc-list`` on PATH, or it failed)."""
    program = shutil.which("fc-list")
    if program is None:
        return None
    try:
        done = subprocess.run(
            [program, f":charset={PROBE}", "family"],
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            timeout=_TIMEOUT,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if done.returncode != 0:
        return None
    # one line per face, its family names separated by commas ("DejaVu Serif,DejaVu Serif Condensed")
    return {name.strip() for line in done.stdout.splitlines() for name in line.split(",") if name.strip()}


def font_warning() -> str | None:
    """A Vietnamese warning when no Times New Roman-compatible face has Vietnamese letters,
    else None (also None where fontconfig cannot be asked: nothing to say)."""
    families = vietnamese_families()
    if families is None:
        return None
    wanted = {name.casefold() for name in COMPATIBLE_FAMILIES}
    if any(name.casefold() in wanted for name in families):
        return None
    return (
        f"Máy này chưa có phông {FONT} (hoặc phông cùng kích thước chữ như Liberation Serif, Tinos) "
        "đủ chữ có dấu tiếng Việt: tệp PDF sẽ lấy các chữ như 'ế', 'ộ' từ phông khác, lẫn hai kiểu chữ và "
        "có thể ngắt trang khác Word. Cài phông rồi xuất lại PDF: trên Debian/Ubuntu chạy "
        "'sudo apt install fonts-liberation2' (gói fonts-liberation cũ không có chữ tiếng Việt); "
        f"trên Windows phông {FONT} có sẵn, không cần cài thêm."
    )
