"""The clerk's answers: a responses .xlsx, one row per comment, read back on the next run.

Columns: Mã (the comment's stable id) | Phần của dự thảo | Đơn vị | Nội dung góp ý |
Ý kiến tiếp thu, giải trình (a choice list) | Lý do, nội dung giải trình. Answers are
matched by id only, so they survive new replies arriving and rows being sorted;
an answer whose comment no longer exists is reported and written to a second sheet,
never dropped. Every cell is written as text (a comment starting with "=", "+",
"-" or "@" stays text: no formula can be injected into the clerk's Excel).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError, os_reason
from ..model.consultation import GENERAL_LABEL
from ..units import check_xlsx
from .reply import Comment

__all__ = ["CHOICES", "Answer", "read_responses", "write_responses", "answer_text", "tally"]

CHOICES = ("Tiếp thu", "Tiếp thu một phần", "Giải trình, giữ nguyên dự thảo")
"""The answers the choice list offers (ND30 practice for a bản tổng hợp)."""
HEADERS = ("Mã", "Phần của dự thảo", "Đơn vị góp ý", "Nội dung góp ý", "Ý kiến tiếp thu, giải trình", "Lý do, nội dung")
WIDTHS = (14, 28, 30, 70, 30, 60)
ORPHANS = "Không còn ý kiến"
MAX_RESPONSES_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class Answer:
    """One answer row as the clerk left it."""

    id: str
    choice: str
    reason: str
    part: str = ""
    unit: str = ""
    text: str = ""

    @property
    def empty(self) -> bool:
        return not (self.choice or self.reason)


def answer_text(answer: Answer | None) -> str:
    """The table's last cell: 'Tiếp thu.' or 'Giải trình, giữ nguyên dự thảo: <lý do>'."""
    if answer is None or answer.empty:
        return ""
    if answer.choice and answer.reason:
        return f"{answer.choice}: {answer.reason}"
    return answer.choice or answer.reason


def tally(answers: list[Answer | None]) -> dict[str, int]:
    """How many comments were taken in, partly taken in, explained, and still open."""
    out = {"tiep_thu": 0, "mot_phan": 0, "giai_trinh": 0, "chua": 0}
    for a in answers:
        choice = (a.choice if a else "").casefold()
        if not a or a.empty:
            out["chua"] += 1
        elif "một phần" in choice:
            out["mot_phan"] += 1
        elif choice.startswith("tiếp thu"):
            out["tiep_thu"] += 1
        else:
            out["giai_trinh"] += 1
    return out


def _text(cell: object) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        cell = int(cell)
    return str(cell).strip()


def read_responses(path: str | Path) -> dict[str, Answer]:
    """Answers by comment id from a responses file (both sheets); InputError when it cannot be read."""
    from openpyxl import load_workbook

    path = Path(path)
    if not path.is_file():
        raise InputError(f"Không tìm thấy tệp trả lời '{path}'.")
    if path.stat().st_size > MAX_RESPONSES_BYTES:
        raise InputError(f"Tệp trả lời '{path.name}' quá lớn.")
    damaged = InputError(f"Không đọc được tệp trả lời '{path.name}': không phải tệp .xlsx hợp lệ.")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"Không đọc được tệp trả lời '{path.name}' ({os_reason(exc, reading=True)}).") from None
    check_xlsx(data, path.name)  # the same gate as a units list: parts, sizes, encryption, DTDs
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds on a damaged file
        raise damaged from None
    try:
        return _answers(book)
    except InputError:
        raise
    except Exception:  # read-only mode parses a damaged sheet only while iterating
        raise damaged from None
    finally:
        book.close()


def _answers(book) -> dict[str, Answer]:
    answers: dict[str, Answer] = {}
    for sheet in book.worksheets:
        for number, row in enumerate(sheet.iter_rows(values_only=True, max_col=6), 1):
            cells = [_text(c) for c in row] + [""] * 6
            if number == 1 or not cells[0].startswith("GY-"):
                continue
            answer = Answer(cells[0], cells[4], cells[5], cells[1], cells[2], cells[3])
            if answer.id not in answers or answers[answer.id].empty:
                answers[answer.id] = answer
    return answers


def _put(sheet, row: int, values: tuple[str, ...], wrap) -> None:
    for col, value in enumerate(values, 1):
        cell = sheet.cell(row=row, column=col)
        cell.value = value
        cell.data_type = "s"  # text, even when it starts with "=": never a formula
        cell.alignment = wrap


def _sheet(sheet, rows: list[tuple[str, ...]]) -> None:
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    wrap = Alignment(wrap_text=True, vertical="top")
    _put(sheet, 1, HEADERS, wrap)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for i, width in enumerate(WIDTHS, 1):
        sheet.column_dimensions[get_column_letter(i)].width = width
    sheet.freeze_panes = "A2"
    for number, values in enumerate(rows, 2):
        _put(sheet, number, values, wrap)


def write_responses(path: Path, comments: list[Comment], answers: dict[str, Answer], orphans: list[Answer]) -> None:
    """Write the responses workbook to *path* (the caller writes it atomically)."""
    from openpyxl import Workbook
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    sheet = book.active
    sheet.title = "Tiếp thu, giải trình"
    rows = []
    for c in comments:
        a = answers.get(c.id)
        part = c.part.reference if c.part else GENERAL_LABEL
        rows.append((c.id, part, c.unit, c.text, a.choice if a else "", a.reason if a else ""))
    _sheet(sheet, rows)
    # a list literal cannot hold a comma ("Giải trình, giữ nguyên…"): the choices live in a hidden sheet
    lists = book.create_sheet("Danh mục")
    for i, choice in enumerate(CHOICES, 1):
        lists.cell(row=i, column=1).value = choice
    lists.sheet_state = "hidden"
    check = DataValidation(
        type="list",
        formula1=f"'Danh mục'!$A$1:$A${len(CHOICES)}",
        allow_blank=True,
        showErrorMessage=False,
        promptTitle="Ý kiến",
        prompt="Chọn: " + "; ".join(CHOICES) + " (có thể gõ nội dung khác).",
    )
    check.showInputMessage = True
    sheet.add_data_validation(check)
    if rows:
        check.add(f"E2:E{len(rows) + 1}")
    if orphans:
        old = book.create_sheet(ORPHANS)
        _sheet(old, [(a.id, a.part, a.unit, a.text, a.choice, a.reason) for a in orphans])
    book.active = 0
    book.save(path)
