"""The INPUTs of a return loop (files, folders, .zip archives) as a flat list of things to read.

One policy for ``collect`` and ``comments``:

- a path the user names is read as named (a link the user names is followed); a folder is
  walked recursively, in name order, without following any link out of it;
- inside a folder, a symbolic link pointing outside the folder (``/etc/passwd``,
  ``/dev/zero``), a named pipe (FIFO), a socket or a device is not opened: it is listed
  with the reason, like any file that cannot be read;
- temporary and hidden files (``~$…``, ``.…``) and files the loop does not want (by
  name) are skipped and counted;
- archives are read in memory by :func:`dvtemplate.docx.archive_members` (nested
  archives listed, not followed);
- a file is read later, by a worker, at most ``MAX_DOCX_BYTES + 1`` bytes, and only if
  it is still a regular file when it is opened.

The date of a file is its modification time, of a zip member the date stored in the
archive: the submission date ``collect`` compares with the deadline.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import os
import stat
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from .. import limits
from ..docx import archive_members
from ..errors import InputError, os_reason
from ..vn import grouped

__all__ = ["Source", "gather", "load_bytes", "visible", "OUTSIDE", "SPECIAL"]

OUTSIDE = "liên kết trỏ ra ngoài thư mục ({target}); không đọc tệp ngoài thư mục được đưa vào"
SPECIAL = "không phải tệp thông thường (đường ống, thiết bị, socket…); không đọc"


@dataclass
class Source:
    """One candidate file: shown name, a path (read later) or bytes already read, its date, a problem."""

    name: str
    path: Path | None = None
    data: bytes | None = None
    date: _dt.datetime | None = None
    problem: str = ""


def visible(name: str) -> bool:
    """Not a Word lock file (``~$…``) nor a hidden file (``.…``)."""
    base = name.rsplit("/", 1)[-1]
    return not base.startswith(("~$", "."))


def _every(name: str) -> bool:
    return True


def _date(info: os.stat_result) -> _dt.datetime | None:
    try:
        return _dt.datetime.fromtimestamp(info.st_mtime)
    except (OverflowError, OSError, ValueError):
        return None


class _Gathering:
    """The sources found so far, the count of skipped files and the count bound."""

    def __init__(self, wanted: Callable[[str], bool]) -> None:
        self.wanted = wanted
        self.sources: list[Source] = []
        self.skipped = 0
        self.seen = 0

    def count(self, where: Path) -> None:
        self.seen += 1
        if self.seen > limits.MAX_INPUT_FILES:
            raise InputError(
                f"'{where}': quá nhiều tệp (tối đa {grouped(limits.MAX_INPUT_FILES)}); hãy chia thành nhiều lần."
            )

    def archive(self, path: Path, shown: str) -> None:
        try:
            for member in archive_members(path):
                if member.problem or (visible(member.name) and self.wanted(member.name)):
                    self.sources.append(Source(member.name, data=member.data, date=member.date, problem=member.problem))
                else:
                    self.skipped += 1
        except InputError as exc:
            self.sources.append(Source(shown, problem=exc.message))

    def regular(self, path: Path, shown: str, info: os.stat_result, named: bool) -> None:
        if path.suffix.lower() == ".zip":
            self.archive(path, shown)
        elif named or (visible(shown) and self.wanted(shown)):
            self.sources.append(Source(shown, path=path, date=_date(info)))
        else:
            self.skipped += 1

    def entry(self, entry: os.DirEntry, shown: str, root: str) -> bool:
        """Take one folder entry; True when it is a folder to walk into."""
        path = Path(entry.path)
        try:
            if entry.is_symlink():
                target = os.path.realpath(entry.path)
                if os.path.commonpath([root, target]) != root:
                    self.sources.append(Source(shown, problem=OUTSIDE.format(target=target)))
                    return False
                info = os.stat(entry.path)
                if stat.S_ISDIR(info.st_mode):
                    return False  # a link to a folder inside: that folder is walked anyway
            else:
                info = entry.stat(follow_symlinks=False)
        except (OSError, ValueError) as exc:
            reason = os_reason(exc, reading=True) if isinstance(exc, OSError) else str(exc)
            self.sources.append(Source(shown, problem=f"lỗi khi đọc ({reason})"))
            return False
        if stat.S_ISDIR(info.st_mode):
            return True
        if stat.S_ISREG(info.st_mode):
            self.regular(path, shown, info, named=False)
        else:
            self.sources.append(Source(shown, problem=SPECIAL))
        return False

    def folder(self, top: Path) -> None:
        root = os.path.realpath(top)
        stack = [top]
        while stack:
            folder = stack.pop()
            try:
                with os.scandir(folder) as listing:
                    entries = sorted(listing, key=lambda e: e.name)
            except OSError as exc:
                shown = folder.relative_to(top.parent).as_posix()
                self.sources.append(Source(shown, problem=f"lỗi khi đọc thư mục ({os_reason(exc, reading=True)})"))
                continue
            inner = []
            for entry in entries:
                self.count(top)
                shown = Path(entry.path).relative_to(top.parent).as_posix()
                if self.entry(entry, shown, root):
                    inner.append(Path(entry.path))
            stack.extend(reversed(inner))

    def named(self, path: Path) -> None:
        try:
            info = path.stat()
        except FileNotFoundError:
            raise InputError(f"Không tìm thấy '{path}'.") from None
        except OSError as exc:
            raise InputError(f"Không đọc được '{path}': {os_reason(exc, reading=True)}.") from None
        self.count(path)
        if stat.S_ISDIR(info.st_mode):
            self.folder(path)
        elif stat.S_ISREG(info.st_mode):
            self.regular(path, path.name, info, named=True)
        else:
            self.sources.append(Source(path.name, problem=SPECIAL))


def gather(inputs: Iterable[str | Path], wanted: Callable[[str], bool] = _every) -> tuple[list[Source], int]:
    """Every candidate file of *inputs* (in the order given, folders sorted by name) and how many were skipped.

    *wanted* decides by name which files of a folder or an archive are candidates; a file
    named directly is always one. A missing input is an InputError (exit 2).
    """
    found = _Gathering(wanted)
    for item in inputs:
        found.named(Path(item))
    return found.sources, found.skipped


def load_bytes(source: Source) -> tuple[bytes | None, str, str]:
    """(bytes, sha256, problem) of *source*; at most one byte more than a .docx may have is read."""
    data = source.data
    if data is None and source.path is not None and not source.problem:
        try:
            data = _read_regular(source.path)
        except OSError as exc:
            return None, "", f"lỗi khi đọc tệp ({os_reason(exc, reading=True)})"
        if data is None:
            return None, "", SPECIAL
    if data is None:
        return None, "", source.problem or "không đọc được"
    return data, hashlib.sha256(data).hexdigest(), ""


def _read_regular(path: Path) -> bytes | None:
    # O_NONBLOCK: should the file have become a FIFO since it was listed, open does not wait for a writer
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            return None
        return handle.read(limits.MAX_DOCX_BYTES + 1)
