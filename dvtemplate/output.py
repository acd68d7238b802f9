"""Writing results: atomically, never over an existing file unless told to (``force``), never outside OUTDIR.

A document is written to a temporary file in the target folder and moved into
place with ``os.replace``, so a crash or a bad row never leaves a half-written
.docx where a good one was.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from .errors import OutputError, os_reason

__all__ = [
    "ensure_outdir",
    "target_in",
    "write_atomic",
    "check_free",
    "check_distinct",
    "display_path",
    "remove_temp_files",
    "TEMP_PREFIX",
    "csv_safe",
    "same_content",
    "write_new",
    "os_reason",
]

TEMP_PREFIX = ".~dv-"
"""Every temporary file we create starts with this (``--force`` cleans leftovers of a killed run)."""

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


def check_distinct(targets: list[Path]) -> None:
    """Refuse one path given for two outputs (``calendar -o X.ics --xlsx X.ics``): the second would
    replace the first, with or without --force. Paths are compared as the system resolves them."""
    seen: dict[str, Path] = {}
    for target in targets:
        key = os.path.normcase(os.path.realpath(target))
        if key in seen:
            raise OutputError(
                f"Cùng một tệp '{target}' được chọn cho hai kết quả khác nhau; tệp ghi sau sẽ đè tệp ghi trước.",
                hint="Đặt tên khác nhau cho mỗi tệp kết quả.",
            )
        seen[key] = target


def check_free(targets: list[Path], force: bool) -> None:
    """Refuse to start when two outputs share a path, or when an output exists and --force was not
    given (nothing is written)."""
    check_distinct(targets)
    existing = [t for t in targets if t.exists()]
    if existing and not force:
        names = ", ".join(t.name for t in existing[:5]) + (" …" if len(existing) > 5 else "")
        raise OutputError(
            f"Tệp đã tồn tại (nội dung khác với bản sắp soạn): {names}. Không ghi đè.",
            hint="Cho phép ghi đè (force), hoặc chọn thư mục khác.",
            field="force",
        )


def same_content(target: Path, data: bytes) -> bool:
    """True when *target* exists and holds exactly *data* (rewriting it would change nothing)."""
    try:
        if target.stat().st_size != len(data):
            return False
        return target.read_bytes() == data
    except OSError:
        return False


def write_new(outputs: list[tuple[Path, bytes]], force: bool) -> tuple[list[Path], list[Path]]:
    """Write each ``(target, data)``; returns ``(written, unchanged)``.

    A target that already holds exactly *data* is left as it is ("unchanged"): running the
    same command twice is not an overwrite. A target that exists with other content is
    refused without *force* — before anything is written.
    """
    check_distinct([t for t, _data in outputs])
    unchanged = [t for t, data in outputs if same_content(t, data)]
    check_free([t for t, _data in outputs if t not in unchanged], force)
    written = []
    for target, data in outputs:
        if target not in unchanged:
            written.append(write_atomic(target, lambda handle, data=data: handle.write(data)))
    return written, unchanged


def write_atomic(target: Path, produce: Callable[[BinaryIO], None]) -> Path:
    """Call *produce* with a temporary file beside *target*, then move it into place."""
    try:
        fd, tmp = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=target.suffix, dir=target.parent)
    except OSError as exc:  # a read-only folder, a folder that vanished, a file where the folder should be
        raise OutputError(
            f"Không ghi được vào thư mục '{target.parent}': {os_reason(exc)}.",
            hint="Chọn thư mục khác (thư mục mình có quyền ghi).",
            field="output",
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


def _discard(tmp: str) -> None:
    try:
        os.unlink(tmp)
    except OSError:
        pass


def remove_temp_files(folder: Path) -> int:
    """Delete the ``.~dv-*`` temporary files a killed run left in *folder*; returns how many."""
    removed = 0
    for path in folder.glob(TEMP_PREFIX + "*"):
        try:
            if path.is_file() and not path.is_symlink():
                path.unlink()
                removed += 1
        except OSError:
            pass
    return removed


def display_path(path: str | Path) -> str:
    """How a written path is shown to the user: relative to the current folder when inside it, else absolute."""
    absolute = Path(os.path.abspath(path))
    try:
        return str(absolute.relative_to(Path.cwd()))
    except ValueError:
        return str(absolute)


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value: object) -> str:
    """A cell for a CSV/xlsx opened in Excel: text starting like a formula gets a leading apostrophe.

    ``=HYPERLINK(…)`` as a unit name must stay text, never become a live formula (CSV injection).
    """
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text
