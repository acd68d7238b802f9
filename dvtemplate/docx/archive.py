"""The .zip a clerk downloads from the mail (returned forms, reply letters): its files, within limits.

Like :mod:`.package` this is the only place such a zip is opened. Each member is
read at most ``MAX_DOCX_BYTES`` (a bigger one is reported, not read); the whole
archive at most ``MAX_ARCHIVE_BYTES`` on disk and ``MAX_ARCHIVE_MEMBERS`` entries;
a member compressed more than ``MAX_RATIO`` times is a zip bomb and is refused.
Folders, Word's lock files ("~$…") and hidden files are skipped.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path, PurePosixPath

from .. import limits
from ..errors import InputError

__all__ = ["archive_members"]


def archive_members(path: str | Path) -> Iterator[tuple[str, bytes | InputError]]:
    """(member name, its bytes or the reason it was not read), in the archive's order."""
    path = Path(path)
    shown = path.name
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise InputError(f"Không đọc được tệp nén '{shown}': {exc.strerror or exc}.") from None
    if size > limits.MAX_ARCHIVE_BYTES:
        raise InputError(f"Tệp nén '{shown}' quá lớn ({size // 1024 // 1024} MB).")
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise InputError(f"Không đọc được tệp nén '{shown}': tệp bị hỏng hoặc không phải .zip.") from None
    with archive:
        infos = archive.infolist()
        if len(infos) > limits.MAX_ARCHIVE_MEMBERS:
            raise InputError(f"Tệp nén '{shown}' có {len(infos)} mục, quá {limits.MAX_ARCHIVE_MEMBERS}.")
        for info in infos:
            name = info.filename
            base = PurePosixPath(name).name
            if info.is_dir() or not base or base.startswith(("~$", ".")) or "__MACOSX" in name:
                continue
            where = f"{shown}/{name}"
            if info.flag_bits & 0x1:
                yield where, InputError(f"Không đọc được tệp '{where}': tệp trong .zip bị mã hóa.")
            elif info.file_size > limits.MAX_DOCX_BYTES:
                yield where, InputError(f"Không đọc được tệp '{where}': quá lớn ({info.file_size // 1024 // 1024} MB).")
            elif info.file_size > limits.RATIO_MIN_BYTES and info.file_size > limits.MAX_RATIO * max(
                info.compress_size, 1
            ):
                yield where, InputError(f"Không đọc được tệp '{where}': tỷ lệ nén bất thường (bom zip).")
            else:
                try:
                    with archive.open(info) as handle:
                        data = handle.read(limits.MAX_DOCX_BYTES + 1)
                except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
                    yield where, InputError(f"Không đọc được tệp '{where}': hỏng trong tệp nén.")
                    continue
                if len(data) > limits.MAX_DOCX_BYTES:
                    yield where, InputError(f"Không đọc được tệp '{where}': quá lớn.")
                else:
                    yield where, data
