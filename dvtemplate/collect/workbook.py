"""The collect workbook (.xlsx): one row per unit — status, file, sha256, every value with its status — and totals.

Safe to open in Excel: a text cell that starts with ``=``, ``+``, ``-``, ``@`` (or a
tab / carriage return) is prefixed with ``'`` so a value typed by a unit can never
become a formula (CSV/formula injection). Figures are stored as numbers so the clerk
can filter, sort and chart them.
"""

from __future__ import annotations

import io
from decimal import Decimal

from .core import UNIT_STATUSES, CollectResult
from .form import STATUSES
from .numbers import format_number

__all__ = ["workbook_bytes", "safe_cell"]

_AGG = {"sum": "Tổng", "mean": "Bình quân", "weighted": "Bình quân gia quyền", "none": ""}


def safe_cell(value):
    """*value* as a cell: Decimal → float, bool → Có/Không, formula-looking text → quoted."""
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, str):
        value = value[:32000]  # Excel's cell limit is 32,767 characters
        if value[:1] in ("=", "+", "-", "@", "\t", "\r"):
            return "'" + value
    return value


def _styled(sheet, values, **style) -> list:
    from openpyxl.cell import WriteOnlyCell

    cells = []
    for value in values:
        cell = WriteOnlyCell(sheet, value=safe_cell(value))
        for name, setting in style.items():
            setattr(cell, name, setting)
        cells.append(cell)
    return cells


def workbook_bytes(result: CollectResult) -> bytes:
    """The workbook of *result* as bytes (written atomically by the caller); write-only mode, so
    3,300 units × every value stay fast and small in memory.

    openpyxl is imported here, not with the module: it weighs some 27 MB (it loads numpy when
    present), and ``collect`` renders the large báo cáo tổng hợp before it needs a spreadsheet.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Tổng hợp")
    fixed = ["STT", "Đơn vị", "Tình trạng", "Ngày gửi", "Tệp", "sha256", "Ghi chú"]
    header = list(fixed)
    for spec in result.specs:
        label = spec.alias + (f" ({spec.unit})" if spec.unit else "")
        header += [label, "Trạng thái (trống: đã điền)"]
    count = len(result.rows)
    sheet.freeze_panes = "C2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(header))}{count + 1}"
    widths = [5, 38, 14, 17, 40, 20, 30] + [18, 14] * len(result.specs)
    for i, width in enumerate(widths, 1):
        sheet.column_dimensions[get_column_letter(i)].width = width
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDEBF7")
    sheet.append(_styled(sheet, header, font=bold, fill=fill, alignment=Alignment(wrap_text=True, vertical="top")))
    for n, row in enumerate(result.rows, 1):
        line = [
            n,
            row.unit.name,
            UNIT_STATUSES[row.status],
            row.date.strftime("%d/%m/%Y %H:%M") if row.date else "",
            row.file,
            row.sha256,
            row.note,
        ]
        for spec in result.specs:
            answer = row.answers.get(spec.tag)
            if answer is None:
                line += ["", ""]
                continue
            value = answer.value if answer.value is not None else answer.raw
            # an empty status cell means "đã điền": the clerk filters the non-empty ones (and Excel opens faster)
            status = None if answer.status == "ok" else STATUSES[answer.status]
            line += [
                value if value != "" else None,
                status and status + (f": {answer.problem}" if answer.problem else ""),
            ]
        sheet.append([safe_cell(v) for v in line])
    totals = ["", "Tổng hợp", "", "", "", "", ""]
    for spec in result.specs:
        total = result.totals[spec.tag]
        how = _AGG[total.how]
        totals += [total.value, f"{how} của {total.reported} đơn vị" if how else f"{total.reported} đơn vị đã điền"]
    sheet.append(_styled(sheet, totals, font=bold))
    problems = book.create_sheet("Tệp không dùng")
    problems.column_dimensions["A"].width = 60
    problems.column_dimensions["B"].width = 90
    problems.append(_styled(problems, ["Tệp", "Lý do"], font=bold))
    for name, reason in result.problems:
        problems.append([safe_cell(name), safe_cell(reason)])
    info = book.create_sheet("Thông tin")
    info.column_dimensions["A"].width = 20
    info.column_dimensions["B"].width = 100
    plan = result.plan
    for key, value in (
        ("Kế hoạch", plan.title),
        ("Kỳ báo cáo", result.period.code),
        ("Hạn gửi", result.deadline.strftime("%d/%m/%Y")),
        ("Đơn vị", count),
        *((label, result.count(status)) for status, label in UNIT_STATUSES.items()),
        (
            "Giá trị tổng hợp",
            "; ".join(f"{s.alias}: {format_number(result.totals[s.tag].value)}" for s in result.specs),
        ),
    ):
        info.append([key, safe_cell(value)])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
