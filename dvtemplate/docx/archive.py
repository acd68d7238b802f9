"""Untrusted .zip archives of returned files (what a clerk downloads from the mail), read in memory.

Only the archive is handled here: its members come out as bytes with their
names and dates, never written to disk, within :data:`~dvtemplate.limits.MAX_ARCHIVE_BYTES`
(the archive and its members together) and :data:`~dvtemplate.limits.MAX_ARCHIVE_MEMBERS`.
A member is then opened like any file with :func:`~dvtemplate.docx.open_package`.
Nested archives are listed, not followed. Every refusal is an InputError in Vietnamese.
"""

from __future__ import annotations

import datetime as _dt
import io
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .. import limits
from ..errors import InputError, os_reason

__all__ = ["ArchiveMember", "archive_members"]


@dataclass
class ArchiveMember:
    """One member: its path inside the archive, its bytes (None with *problem* when not read), its date."""

    name: str
    data: bytes | None
    date: _dt.datetime | None
    problem: str = ""


def _date(info: zipfile.ZipInfo) -> _dt.datetime | None:
    try:
        return _dt.datetime(*info.date_time)
    except ValueError:
        return None


def archive_members(path: str | Path) -> Iterator[ArchiveMember]:
    """The files of the .zip at *path* (folders and macOS/Windows clutter skipped), each read at most once."""
    path = Path(path)
    shown = path.name
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise InputError(f"Không đọc được tệp nén '{shown}': {os_reason(exc, reading=True)}.") from None
    if size > limits.MAX_ARCHIVE_BYTES:
        raise InputError(
            f"Tệp nén '{shown}' quá lớn ({size // 1024 // 1024} MB, tối đa "
            f"{limits.MAX_ARCHIVE_BYTES // 1024 // 1024} MB); hãy chia thành nhiều tệp nén."
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(path.read_bytes()))
        infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise InputError(f"Tệp nén '{shown}' bị hỏng hoặc không phải tệp .zip.") from None
    files = [i for i in infos if not i.is_dir() and not _clutter(i.filename)]
    if len(files) > limits.MAX_ARCHIVE_MEMBERS:
        raise InputError(
            f"Tệp nén '{shown}' có {len(files)} tệp (tối đa {limits.MAX_ARCHIVE_MEMBERS}); có thể là tệp độc hại."
        )
    budget = limits.MAX_ARCHIVE_BYTES
    for info in files:
        name = f"{shown}/{info.filename}"
        if info.flag_bits & 0x1:
            yield ArchiveMember(name, None, _date(info), "tệp trong tệp nén bị đặt mật khẩu")
            continue
        if info.filename.lower().endswith(".zip"):
            yield ArchiveMember(name, None, _date(info), "tệp nén lồng trong tệp nén (không mở); hãy giải nén riêng")
            continue
        cap = min(limits.MAX_DOCX_BYTES, budget)
        if info.file_size > cap:
            yield ArchiveMember(name, None, _date(info), f"tệp quá lớn ({info.file_size // 1024 // 1024} MB)")
            continue
        try:
            with archive.open(info) as fh:
                data = fh.read(cap + 1)
        except (zipfile.BadZipFile, zlib.error, OSError, RuntimeError, NotImplementedError, EOFError):
            yield ArchiveMember(name, None, _date(info), "tệp trong tệp nén bị hỏng, không giải nén được")
            continue
        if len(data) > cap:
            yield ArchiveMember(name, None, _date(info), "tệp quá lớn so với khai báo; có thể là tệp độc hại")
            continue
        budget -= len(data)
        yield ArchiveMember(name, data, _date(info))


def _clutter(name: str) -> bool:
    base = name.rsplit("/", 1)[-1]
    return name.startswith("__MACOSX/") or base.startswith(("~$", ".")) or base in ("Thumbs.db", "desktop.ini")
