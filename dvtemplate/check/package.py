"""Opening the .docx package: every way a file can fail becomes a Vietnamese InputError.

An OLE2 compound file is either an old binary .doc or a password-protected
.docx (Word encrypts into OLE2), so both are named in the message.
"""

from __future__ import annotations

import zipfile
import zlib
from pathlib import Path

from lxml import etree

from ..errors import InputError
from ..reading import check_regular

__all__ = ["open_zip", "read_part", "parse", "OLE2_MAGIC"]

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def open_zip(path: Path) -> zipfile.ZipFile:
    """Open the package or raise an InputError saying, in Vietnamese, why not."""
    check_regular(path, "tệp .docx")
    with path.open("rb") as fh:
        head = fh.read(8)
    if head == OLE2_MAGIC:
        raise InputError(
            f"Tệp '{path.name}' là tệp Word cũ (.doc) hoặc .docx đã đặt mật khẩu; không đọc được.",
            hint="Mở bằng Word, bỏ mật khẩu và lưu lại dạng .docx.",
        )
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError):
        raise InputError(
            f"Tệp '{path.name}' không phải tệp .docx (không đúng định dạng zip).",
            hint="Lưu lại văn bản bằng Word dưới dạng .docx.",
        ) from None
    if "word/document.xml" not in zf.namelist():
        zf.close()
        raise InputError(f"Tệp '{path.name}' không phải văn bản Word: thiếu word/document.xml.")
    return zf


def read_part(zf: zipfile.ZipFile, name: str) -> bytes | None:
    try:
        return zf.read(name)
    except KeyError:
        return None
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError, RuntimeError) as exc:
        # a member with bad deflate data, a zip-encrypted member (RuntimeError), an unknown method
        raise InputError(f"Tệp '{Path(zf.filename or '').name}' bị hỏng: không giải nén được {name} ({exc}).") from None


def parse(data: bytes, name: str, path: Path) -> etree._Element:
    try:
        return etree.fromstring(data, parser=etree.XMLParser(resolve_entities=False, huge_tree=True))
    except etree.XMLSyntaxError as exc:
        raise InputError(f"Tệp '{path.name}' bị hỏng: không đọc được {name} ({exc}).") from None
