"""Word 97–2003 ``.doc`` files: converted to .docx with LibreOffice, in a temporary folder, then read.

Many offices keep last year's plan as a .doc. When LibreOffice is installed the file is
converted (its own throw-away profile, a time limit, the process group killed on timeout)
and the .docx it writes goes through the same safe opener and limits as any other import.
Without LibreOffice the opener's "Save As .docx" message stands. An encrypted .docx is also
an OLE2 file; it holds no ``WordDocument`` stream and is never sent to LibreOffice.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from .. import limits
from ..docx import OLE2_MAGIC
from ..errors import InputError
from ..pdf import find_soffice, kill_tree, start_soffice

__all__ = ["is_legacy_doc", "convert_doc", "CONVERT_TIMEOUT"]

CONVERT_TIMEOUT = 60.0
"""Seconds LibreOffice may take to convert one .doc (start-up included)."""

_WORD_STREAM = "WordDocument".encode("utf-16-le")
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")


def is_legacy_doc(path: Path) -> bool:
    """True for a Word 97–2003 binary document (OLE2 with a WordDocument stream, not encrypted)."""
    try:
        if not path.is_file() or path.stat().st_size > limits.MAX_DOCX_BYTES:
            return False
        data = path.read_bytes()
    except OSError:
        return False
    return data.startswith(OLE2_MAGIC) and _WORD_STREAM in data and _ENCRYPTED not in data


def convert_doc(path: Path, workdir: Path, timeout: float = CONVERT_TIMEOUT) -> Path | None:
    """*path* converted to a .docx inside *workdir*; None when LibreOffice is not installed."""
    soffice = find_soffice()
    if soffice is None:
        return None
    stem = re.sub(r"[^\w.-]+", "_", path.stem).lstrip(".-") or "ke-hoach"
    source = workdir / "in" / f"{stem}.doc"
    source.parent.mkdir()
    source.write_bytes(path.read_bytes())
    outdir = workdir / "out"
    try:
        proc = start_soffice(soffice, workdir / "profile", "docx:MS Word 2007 XML", outdir, [source])
    except OSError:
        return None
    try:
        proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        kill_tree(proc)
        raise InputError(
            f"Không nhập được '{path.name}': LibreOffice chuyển tệp .doc quá {timeout:.0f} giây nên đã bị dừng.",
            hint="Mở bằng Word, lưu lại dạng 'Word Document (*.docx)' rồi nhập lại.",
        ) from None
    target = outdir / f"{stem}.docx"
    if not target.is_file() or target.stat().st_size == 0:
        raise InputError(
            f"Không nhập được '{path.name}': LibreOffice không chuyển được tệp .doc này sang .docx.",
            hint="Mở bằng Word, lưu lại dạng 'Word Document (*.docx)' rồi nhập lại.",
        )
    return target
