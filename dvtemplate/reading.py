"""Reading one input file a user names (a plan, a units list, a template), never more than a limit.

Only a regular file is opened: ``/dev/zero``, ``/dev/stdin``, a named pipe (FIFO)
or a socket would hang or never end, so they are refused from ``stat`` alone,
before ``open`` (opening a FIFO blocks until someone writes). The read itself
stops one byte past the limit, so a file that grows while it is read, or a
size that ``stat`` misreports, is still bounded.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from .errors import InputError, os_reason

__all__ = ["read_input", "check_regular", "megabytes"]


def megabytes(size: int) -> str:
    """A size for a message: '2 MB', '1,5 MB', '64 kB'."""
    if size >= 1024 * 1024:
        text = f"{size / 1024 / 1024:.1f}".removesuffix(".0")
        return text.replace(".", ",") + " MB"
    return f"{max(size // 1024, 1)} kB"


def check_regular(path: str | Path, what: str = "tệp") -> os.stat_result:
    """``stat`` *path* and refuse anything but an existing regular file (InputError naming it)."""
    path = Path(path)
    try:
        info = path.stat()
    except FileNotFoundError:
        raise InputError(f"Không tìm thấy {what} '{path}'.") from None
    except NotADirectoryError:
        raise InputError(f"Không tìm thấy {what} '{path}' (một phần của đường dẫn không phải thư mục).") from None
    except OSError as exc:
        raise InputError(f"Không đọc được {what} '{path}': {os_reason(exc, reading=True)}.") from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError(f"'{path}' là thư mục, không phải {what}.")
    if not stat.S_ISREG(info.st_mode):
        raise InputError(
            f"'{path}' không phải tệp thông thường (thiết bị, đường ống…); dvtemplate chỉ đọc {what} lưu trên đĩa."
        )
    return info


def read_input(path: str | Path, limit: int, what: str = "tệp") -> bytes:
    """The bytes of the regular file *path*, refused when larger than *limit* bytes."""
    path = Path(path)
    info = check_regular(path, what)
    too_big = InputError(f"{path.name}: {what} quá lớn (tối đa {megabytes(limit)}).")
    if info.st_size > limit:
        raise too_big
    try:
        # O_NONBLOCK: should the path have become a FIFO since stat, open does not wait for a writer
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        with os.fdopen(fd, "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                raise InputError(f"'{path}' không phải tệp thông thường; dvtemplate chỉ đọc {what} lưu trên đĩa.")
            data = handle.read(limit + 1)
    except OSError as exc:
        raise InputError(f"Không đọc được {what} '{path}': {os_reason(exc, reading=True)}.") from None
    if len(data) > limit:
        raise too_big
    return data
