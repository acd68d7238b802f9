"""One run at a time per output folder: an exclusive lock file that also marks an unfinished run.

``batch`` writes thousands of files and a manifest into one folder; two runs into
the same folder would interleave and each manifest would list half the files. The
lock file is created with ``O_CREAT | O_EXCL`` (atomic on every local file system and
on SMB shares), holds the owner's pid and host, and is removed when the run ends.
A lock whose process is gone (killed with ``kill -9``, power cut) is stale: the next
run takes it over and says that the previous run did not finish.
"""

from __future__ import annotations

import os
import socket
import sys
import time
from pathlib import Path

from .errors import OutputError
from .output import os_reason

__all__ = ["FolderLock", "LOCK_NAME", "pid_alive"]

LOCK_NAME = ".dv-batch.lock"
_UNREADABLE_GRACE_S = 30.0
"""A lock file without a pid (its writer died between create and write) counts as stale after this long."""


def pid_alive(pid: int) -> bool:
    """True when a process *pid* exists on this machine (never sends a signal that does anything)."""
    if pid <= 0:
        return False
    if sys.platform == "win32":  # os.kill(pid, 0) would send CTRL_C_EVENT on Windows
        import ctypes

        kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return False
        code = ctypes.c_ulong()
        ok = kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
        kernel32.CloseHandle(handle)
        return bool(ok) and code.value == 259  # STILL_ACTIVE
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class FolderLock:
    """``with FolderLock(folder) as lock:`` — refuses (OutputError) while another live run holds *folder*.

    ``lock.stale`` is True when a previous run's lock was found abandoned (that run did not finish).
    """

    def __init__(self, folder: str | Path, command: str = "batch") -> None:
        self.path = Path(folder) / LOCK_NAME
        self.command = command
        self.stale = False
        self._held = False

    def acquire(self) -> FolderLock:
        for _attempt in range(3):
            try:
                fd = os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
            except FileExistsError:
                if self._owner_gone():
                    self.stale = True
                    try:
                        self.path.unlink()
                    except FileNotFoundError:
                        pass
                    except OSError as exc:
                        raise OutputError(f"Không xóa được tệp khóa cũ '{self.path}': {os_reason(exc)}.") from None
                    continue
                raise self._busy() from None
            except OSError as exc:
                raise OutputError(
                    f"Không tạo được tệp khóa trong thư mục '{self.path.parent}': {os_reason(exc)}."
                ) from None
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(f"{os.getpid()} {socket.gethostname()} {int(time.time())}\n")
            self._held = True
            return self
        raise self._busy()

    def release(self) -> None:
        if self._held:
            self._held = False
            try:
                self.path.unlink()
            except OSError:
                pass

    def __enter__(self) -> FolderLock:
        return self.acquire()

    def __exit__(self, *exc_info) -> None:
        self.release()

    def _owner(self) -> tuple[int, str] | None:
        try:
            fields = self.path.read_text(encoding="utf-8", errors="replace").split()
            return int(fields[0]), fields[1]
        except (OSError, ValueError, IndexError):
            return None

    def _owner_gone(self) -> bool:
        owner = self._owner()
        if owner is None:
            try:
                return time.time() - self.path.stat().st_mtime > _UNREADABLE_GRACE_S
            except FileNotFoundError:
                return True
            except OSError:
                return False
        pid, host = owner
        if host != socket.gethostname():
            return False  # another machine on a shared folder: we cannot tell, so we do not guess
        return pid != os.getpid() and not pid_alive(pid)

    def _busy(self) -> OutputError:
        owner = self._owner()
        who = f" (tiến trình {owner[0]} trên máy {owner[1]})" if owner else ""
        return OutputError(
            f"Một lệnh {self.command} khác{who} đang ghi vào thư mục '{self.path.parent}'. "
            "Hai lệnh ghi cùng một thư mục sẽ trộn lẫn kết quả và danh sách manifest.csv.",
            hint=f"Chờ lệnh kia chạy xong, hoặc chọn thư mục khác với -o. Nếu chắc chắn không còn lệnh nào "
            f"đang chạy, xóa tệp '{self.path}'.",
        )
