"""One error hierarchy for everything a user can get wrong.

The CLI turns a :class:`DvtemplateError` into its Vietnamese message and the
exit code below, in one place; anything else escaping is a bug in dvtemplate.
An error about one argument names it by ``field`` (``InputError(..., field="period")``),
never by a command-line flag: the CLI knows which flag sets which field.
"""

from __future__ import annotations

__all__ = [
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
