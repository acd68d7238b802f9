"""Writing results: atomically, never over an existing file without --force, never outside OUTDIR.

A document is written to a temporary file in the target folder and moved into
place with ``os.replace``, so a crash or a bad row never leaves a half-written
.docx where a good one was.
"""

from __future__ import annotations

import errno
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from .errors import OutputError

__all__ = ["ensure_outdir", "target_in", "write_atomic", "check_free", "os_reason"]

_UMASK = os.umask(0)
os.umask(_UMASK)  # read once: mkstemp creates 0600 files, results should get the usual mode


def ensure_outdir(outdir: str | Path) -> Path:
    """Create *outdir* if needed; a file in its place is an error."""
    path = Path(outdir)
    if path.exists() and not path.is_dir():
        raise OutputError(f"'{path}' đã có và không phải là thư mục.")
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"Không tạo được thư mục '{path}': {os_reason(exc)}.") from None
    return path


def target_in(outdir: Path, filename: str) -> Path:
    """``outdir / filename``, refusing any name that would land outside *outdir*."""
    if not filename or Path(filename).name != filename or filename in (".", ".."):
        raise OutputError(f"Tên tệp '{filename}' không hợp lệ (không được chứa thư mục).")
    target = (outdir / filename).resolve()
    if target.parent != outdir.resolve():
        raise OutputError(f"Tên tệp '{filename}' trỏ ra ngoài thư mục kết quả.")
    return outdir / filename


def check_free(targets: list[Path], force: bool) -> None:
    """Refuse to start when an output exists and --force was not given (nothing is written)."""
    existing = [t for t in targets if t.exists()]
    if existing and not force:
        names = ", ".join(t.name for t in existing[:5]) + (" …" if len(existing) > 5 else "")
        raise OutputError(
            f"Tệp đã tồn tại: {names}. Không ghi đè.",
            hint="Thêm --force để ghi đè, hoặc chọn thư mục khác với -o.",
        )


def write_atomic(target: Path, produce: Callable[[BinaryIO], None]) -> Path:
    """Call *produce* with a temporary file beside *target*, then move it into place."""
    try:
        fd, tmp = tempfile.mkstemp(prefix=".~dv-", suffix=target.suffix, dir=target.parent)
    except OSError as exc:  # a read-only folder, a folder that vanished, a file where the folder should be
        raise OutputError(
            f"Không ghi được vào thư mục '{target.parent}': {os_reason(exc)}.",
            hint="Chọn thư mục khác với -o (thư mục mình có quyền ghi).",
        ) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            produce(handle)
        os.chmod(tmp, 0o666 & ~_UMASK)
        os.replace(tmp, target)
    except PermissionError:
        _discard(tmp)
        raise OutputError(
            f"Không ghi được '{target.name}': tệp đang mở trong Word hoặc không có quyền ghi.",
            hint="Đóng tệp trong Word rồi chạy lại.",
        ) from None
    except IsADirectoryError:
        _discard(tmp)
        raise OutputError(f"Không ghi được '{target.name}': đã có một thư mục cùng tên.") from None
    except OSError as exc:  # disk full, path too long on Windows, network share gone…
        _discard(tmp)
        raise OutputError(f"Không ghi được '{target.name}': {os_reason(exc)}.") from None
    except BaseException:
        _discard(tmp)
        raise
    return target


_REASONS = {
    getattr(errno, name, -1): text
    for name, text in (
        ("EACCES", "không có quyền ghi"),
        ("EPERM", "không có quyền ghi"),
        ("EROFS", "ổ đĩa chỉ đọc"),
        ("ENOSPC", "ổ đĩa đầy"),
        ("EDQUOT", "vượt hạn mức dung lượng"),
        ("ENOENT", "thư mục không còn"),
        ("ENOTDIR", "một phần của đường dẫn là tệp, không phải thư mục"),
        ("ENAMETOOLONG", "đường dẫn quá dài"),
        ("EISDIR", "đã có một thư mục cùng tên"),
    )
}


def os_reason(exc: OSError) -> str:
    """The reason of an OS error, in Vietnamese when we know it."""
    return _REASONS.get(exc.errno or 0) or exc.strerror or str(exc)


def _discard(tmp: str) -> None:
    try:
        os.unlink(tmp)
    except OSError:
        pass
