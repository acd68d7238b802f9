"""Opening a .docx to import it, refusing anything that is not a plain, safe Word document.

An import reads files that came from anywhere (e-mail, last year's shared
folder), so every part is checked before it is parsed: the file size, the
total uncompressed size and compression ratio (a zip bomb would exhaust
memory), macros (a .docm renamed to .docx), and DTDs (entity expansion and
external entities). Each refusal is an :class:`InputError` in Vietnamese.
"""

from __future__ import annotations

import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from ..errors import InputError
from ..reading import check_regular

__all__ = [
    "OLE2_MAGIC",
    "MAX_FILE_BYTES",
    "MAX_UNPACKED_BYTES",
    "MAX_RATIO",
    "DocxParts",
    "open_docx",
    "parse_xml",
]

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
MAX_FILE_BYTES = 20 * 1024 * 1024
"""A Kế hoạch is a few hundred kB even with pictures; 20 MB is generous."""
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_RATIO = 200
"""Word's XML compresses about 5–20×; 200× on a large member means a crafted archive."""

_PARTS = ("word/document.xml", "word/footnotes.xml", "word/styles.xml")
_MACRO_TYPE = "application/vnd.ms-word.document.macroEnabled"


@dataclass
class DocxParts:
    """The parsed parts the importer reads (footnotes and styles may be missing)."""

    name: str
    document: etree._Element
    footnotes: etree._Element | None
    styles: etree._Element | None


def _refuse(path: Path, why: str, hint: str | None = None) -> InputError:
    return InputError(f"Không nhập được '{path.name}': {why}", hint=hint)


def parse_xml(data: bytes, part: str, path: Path) -> etree._Element:
    """Parse one part without DTDs, entities or network access."""
    if b"<!DOCTYPE" in data[:4096] or b"<!ENTITY" in data[:4096]:
        raise _refuse(path, f"phần {part} chứa khai báo DTD/ENTITY (không được phép trong tệp Word).")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        root = etree.fromstring(data, parser=parser)
    except etree.XMLSyntaxError as exc:
        raise _refuse(path, f"tệp bị hỏng, không đọc được {part} ({exc.msg}).") from None
    if root.getroottree().docinfo.doctype:
        raise _refuse(path, f"phần {part} chứa khai báo DTD (không được phép trong tệp Word).")
    return root


def _check_members(zf: zipfile.ZipFile, path: Path) -> None:
    total = 0
    for info in zf.infolist():
        total += info.file_size
        if info.file_size > 1024 * 1024 and info.compress_size and info.file_size / info.compress_size > MAX_RATIO:
            raise _refuse(
                path,
                f"tệp nén bất thường ({info.filename} nén {info.file_size // info.compress_size} lần); "
                "có thể là tệp độc hại (zip bomb).",
            )
    if total > MAX_UNPACKED_BYTES:
        raise _refuse(
            path,
            f"nội dung giải nén quá lớn ({total // 1024 // 1024} MB, tối đa "
            f"{MAX_UNPACKED_BYTES // 1024 // 1024} MB); có thể là tệp độc hại (zip bomb).",
        )
    names = {n.lower() for n in zf.namelist()}
    content_types = _read(zf, "[Content_Types].xml", path) or b""
    if any(n.endswith("vbaproject.bin") for n in names) or _MACRO_TYPE.encode() in content_types:
        raise _refuse(
            path,
            "tệp có chứa macro (.docm); dvtemplate không mở tệp có macro.",
            hint="Mở bằng Word, lưu lại dạng 'Word Document (*.docx)' rồi nhập lại.",
        )


def _read(zf: zipfile.ZipFile, name: str, path: Path) -> bytes | None:
    try:
        info = zf.getinfo(name)
    except KeyError:
        return None
    if info.file_size > MAX_UNPACKED_BYTES:
        raise _refuse(path, f"phần {name} quá lớn.")
    try:
        return zf.read(name)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, RuntimeError, NotImplementedError) as exc:
        raise _refuse(path, f"tệp bị hỏng, không giải nén được {name} ({exc}).") from None


def open_docx(path: str | Path) -> DocxParts:
    """Check *path* and parse the parts the importer needs; InputError (exit 2) otherwise."""
    path = Path(path)
    if not path.exists():
        raise InputError(f"Không tìm thấy tệp '{path}'.")
    size = check_regular(path, "tệp .docx").st_size
    if size > MAX_FILE_BYTES:
        raise _refuse(path, f"tệp quá lớn ({size // 1024 // 1024} MB, tối đa {MAX_FILE_BYTES // 1024 // 1024} MB).")
    with path.open("rb") as fh:
        head = fh.read(8)
    if head == OLE2_MAGIC:
        raise _refuse(
            path,
            "đây là tệp Word cũ (.doc) hoặc tệp .docx đã đặt mật khẩu.",
            hint="Mở bằng Word, bỏ mật khẩu (nếu có) và lưu lại dạng .docx.",
        )
    if not head.startswith(b"PK"):
        raise _refuse(
            path, "không phải tệp .docx (không đúng định dạng).", hint="Lưu lại văn bản bằng Word dưới dạng .docx."
        )
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError):
        raise _refuse(
            path,
            "không phải tệp .docx hoặc tệp bị hỏng (không giải nén được).",
            hint="Lưu lại văn bản bằng Word dưới dạng .docx.",
        ) from None
    with zf:
        _check_members(zf, path)
        data = {name: _read(zf, name, path) for name in _PARTS}
    if data["word/document.xml"] is None:
        raise _refuse(path, "không phải văn bản Word (thiếu word/document.xml).")
    parsed = {name: parse_xml(raw, name, path) if raw is not None else None for name, raw in data.items()}
    return DocxParts(path.name, parsed["word/document.xml"], parsed["word/footnotes.xml"], parsed["word/styles.xml"])
