"""One error hierarchy for everything a user can get wrong.

The CLI turns a :class:`DvtemplateError` into its Vietnamese message and the
exit code below, in one place; anything else escaping is a bug in dvtemplate.
An error about one argument names it by ``field`` (``InputError(..., field="period")``),
never by a command-line flag: the CLI knows which flag sets which field.
"""

from __future__ import annotations

import errno

__all__ = [
    "os_reason",
    "DvtemplateError",
    "InputError",
    "TemplateError",
    "OutputError",
    "ToolMissingError",
]


class DvtemplateError(Exception):
    """Base: a problem the user can fix. ``message`` is Vietnamese, one screen.

    ``field`` names the argument at fault (``period``, ``unit``, ``year``, ``output``) or
    the switch that would lift a refusal (``force``); ``None`` when no single one is.
    """

    exit_code = 2

    def __init__(self, message: str, *, hint: str | None = None, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.field = field

    def __str__(self) -> str:
        return self.message if not self.hint else f"{self.message}\nGợi ý: {self.hint}"


class InputError(DvtemplateError):
    """Bad user data: YAML, a unit list, a .docx to import or check."""


class TemplateError(DvtemplateError):
    """A .docx template that cannot be read, compiled or rendered."""


class OutputError(DvtemplateError):
    """The output cannot be written (exists and overwriting was not allowed, path escapes OUTDIR…)."""

    exit_code = 1


class ToolMissingError(DvtemplateError):
    """An outside program (LibreOffice) is not installed or did not work."""

    exit_code = 3


_WRITING = {"EACCES": "không có quyền ghi", "EPERM": "không có quyền ghi", "ENOENT": "thư mục không còn"}
_READING = {"EACCES": "không có quyền đọc", "EPERM": "không có quyền đọc", "ENOENT": "không còn tệp này"}
_COMMON = {
    "EROFS": "ổ đĩa chỉ đọc",
    "ENOSPC": "ổ đĩa đầy",
    "EDQUOT": "vượt hạn mức dung lượng",
    "ENOTDIR": "một phần của đường dẫn là tệp, không phải thư mục",
    "ENAMETOOLONG": "đường dẫn quá dài",
    "EISDIR": "đã có một thư mục cùng tên",
    "EIO": "lỗi đọc ghi ổ đĩa",
    "ELOOP": "đường dẫn có vòng liên kết",
    "EMFILE": "quá nhiều tệp đang mở",
    "ETXTBSY": "tệp đang được chương trình khác dùng",
    "EBUSY": "tệp đang được chương trình khác dùng",
}


def _by_number(names: dict[str, str]) -> dict[int, str]:
    return {getattr(errno, name): text for name, text in names.items() if hasattr(errno, name)}


_REASONS = {True: _by_number({**_COMMON, **_READING}), False: _by_number({**_COMMON, **_WRITING})}


def os_reason(exc: OSError, *, reading: bool = False) -> str:
    """The reason of an OS error in Vietnamese (the system's words only for an error we do not know)."""
    return _REASONS[reading].get(exc.errno or 0) or exc.strerror or str(exc)
