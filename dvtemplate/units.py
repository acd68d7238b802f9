"""Read the list of reporting units from .xlsx or .csv, row by row, never failing on one bad row.

Clerks keep these lists in Excel. Excel on Windows writes CSV as UTF-8 *with*
a BOM ("CSV UTF-8") and, with a Vietnamese regional setting, separates columns
with ";", so both are accepted. Headers may be Vietnamese ("Tên đơn vị", "Cấp",
"Viết tắt", …, diacritics and case ignored) or English (``name``, ``level``, …).
A bad row (no name, a duplicate, an unknown level) is reported with its row
number as Excel shows it and skipped, so the other units still get their forms.
"""

from __future__ import annotations

import csv
import io
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from .errors import InputError
from .limits import (
    MAX_CSV_FIELD_CHARS,
    MAX_PARTS,
    MAX_UNIT_COLUMNS,
    MAX_UNITS,
    MAX_UNITS_BYTES,
    MAX_UNITS_UNPACKED_BYTES,
)
from .model import LEVELS
from .model.units import Unit
from .reading import megabytes, read_input
from .validation_messages import vietnamese_message
from .vn import clean_text, grouped, strip_diacritics

__all__ = ["COLUMNS", "RowProblem", "UnitList", "read_units", "parse_rows", "MAX_UNITS_BYTES"]

_SAVE_XLSX = "Mở bằng Excel và lưu lại dạng 'Excel Workbook (.xlsx)'."

COLUMNS: dict[str, tuple[str, ...]] = {
    "name": ("Tên đơn vị", "tên đơn vị", "đơn vị", "tên", "name", "unit", "unit name"),
    "level": ("Cấp", "cấp", "cấp hành chính", "level"),
    "abbreviation": ("Viết tắt", "viết tắt", "chữ viết tắt", "ký hiệu", "abbreviation", "abbr"),
    "place": ("Địa danh", "địa danh", "place"),
    "parent": ("Cơ quan chủ quản", "cơ quan chủ quản", "chủ quản", "parent"),
    "signer_title": (
        "Chức vụ người ký",
        "chức vụ người ký",
        "chức vụ",
        "người ký",
        "signer_title",
        "signer title",
        "signer",
    ),
    "email": ("Email", "email", "e-mail", "thư điện tử", "địa chỉ thư điện tử"),
    "organ_id": ("Mã định danh", "mã định danh", "mã định danh điện tử", "mã cơ quan", "organ id", "organ_id"),
}
"""Field → accepted headers; the first is the one documented (and written in examples)."""


def _fold(text: str) -> str:
    text = strip_diacritics(clean_text(str(text))).casefold().replace("_", " ")
    return " ".join(text.replace(":", " ").split())


_HEADERS = {_fold(alias): name for name, aliases in COLUMNS.items() for alias in aliases}


@dataclass(frozen=True)
class RowProblem:
    """A skipped row: its number as the spreadsheet shows it and why, in Vietnamese."""

    row: int
    message: str

    def __str__(self) -> str:
        return f"dòng {self.row}: {self.message}"


@dataclass
class UnitList:
    """The good units in file order (with their row numbers), the skipped rows, and warnings."""

    source: str
    units: list[Unit] = field(default_factory=list)
    rows: list[int] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def find(self, name: str) -> Unit | None:
        """The unit called *name* (case and spacing ignored)."""
        key = " ".join(clean_text(name).casefold().split())
        return next((u for u in self.units if u.key == key), None)


_LABELS = {name: aliases[0] for name, aliases in COLUMNS.items()}


def _row_message(exc: ValidationError) -> str:
    parts = []
    for err in exc.errors(include_url=False):
        loc = err.get("loc") or ()
        column = _LABELS.get(str(loc[0])) if loc else None
        if err["type"] == "literal_error" and column == "Cấp":
            text = f"cấp '{err.get('input')}' không hợp lệ; dùng một trong: {', '.join(LEVELS)}"
        elif err["type"] in ("missing", "string_too_short"):
            text = "thiếu giá trị"
        else:
            text = vietnamese_message(err)
        parts.append(f"cột '{column}': {text}" if column else text)
    return "; ".join(parts)


def parse_rows(rows: Iterable[tuple[int, list]], source: str) -> UnitList:
    """Turn (row number, cells) pairs, the first being the header, into a :class:`UnitList`."""
    result = UnitList(source)
    iterator = iter(rows)
    header_row = next(((n, cells) for n, cells in iterator if any(_cell(c) for c in cells)), None)
    if header_row is None:
        raise InputError(f"{source}: danh sách đơn vị trống.")
    columns: list[str | None] = []
    for cell in header_row[1]:
        text = _cell(cell)
        name = _HEADERS.get(_fold(text)) if text else None
        if text and name is None:
            result.warnings.append(f"{source}: bỏ qua cột '{text}' (không phải cột dvtemplate đọc).")
        if name is not None and name in columns:
            raise InputError(f"{source}: cột '{text}' xuất hiện hai lần ở dòng tiêu đề.")
        columns.append(name)
    if "name" not in columns:
        wanted = ", ".join(f"'{aliases[0]}'" for aliases in COLUMNS.values())
        raise InputError(
            f"{source}: dòng tiêu đề (dòng {header_row[0]}) không có cột 'Tên đơn vị'.",
            hint=f"Các cột đọc được: {wanted} (hoặc tên tiếng Anh name, level, abbreviation, place, parent, signer_title, email).",
        )
    seen: dict[str, int] = {}
    for number, cells in iterator:
        values = {col: _cell(cells[i]) if i < len(cells) else "" for i, col in enumerate(columns) if col}
        if not any(values.values()):
            continue  # an empty line between units
        if len(result.units) + len(result.problems) >= MAX_UNITS:
            raise InputError(
                f"{source}: danh sách có hơn {grouped(MAX_UNITS)} đơn vị (dòng {number}); "
                "mỗi lần soạn tối đa chừng ấy đơn vị.",
                hint="Chia danh sách thành nhiều tệp.",
            )
        long = next((col for col, value in values.items() if len(value) > MAX_CSV_FIELD_CHARS), None)
        if long is not None:
            label = _LABELS.get(long, long)
            result.problems.append(RowProblem(number, f"ô cột '{label}' quá dài (tối đa {MAX_CSV_FIELD_CHARS} ký tự)"))
            continue
        if not values.get("name"):
            result.problems.append(RowProblem(number, "thiếu tên đơn vị (cột 'Tên đơn vị')"))
            continue
        try:
            unit = Unit.model_validate({k: (v or None) for k, v in values.items()})
        except ValidationError as exc:
            result.problems.append(RowProblem(number, f"'{values['name']}': {_row_message(exc)}"))
            continue
        if unit.key in seen:
            result.problems.append(RowProblem(number, f"'{unit.name}' trùng với đơn vị ở dòng {seen[unit.key]}"))
            continue
        seen[unit.key] = number
        result.units.append(unit)
        result.rows.append(number)
    return result


def _cell(value) -> str:
    """The cell as text; cleaning (NFC, control characters) is done once, by the Unit model."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _csv_rows(text: str, source: str) -> Iterator[tuple[int, list]]:
    first = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = max((";", ",", "\t"), key=first.count) if first else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for cells in reader:
            yield reader.line_num, cells[:MAX_UNIT_COLUMNS]
    except csv.Error as exc:  # a cell over csv.field_size_limit(), a NUL byte…
        why = "một ô quá dài" if "field larger" in str(exc) else "tệp CSV sai định dạng"
        raise InputError(
            f"{source}, dòng {reader.line_num}: {why}; không đọc tiếp được.",
            hint="Mở bằng Excel kiểm tra dòng này, rồi lưu lại dạng 'CSV UTF-8' hoặc .xlsx.",
        ) from None


def check_xlsx(data: bytes, source: str) -> None:
    """The .xlsx as an archive, before openpyxl sees it: size, parts, encryption, DTDs (no ratio: see limits)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise InputError(f"{source}: không phải tệp Excel (.xlsx) hoặc tệp bị hỏng.", hint=_SAVE_XLSX) from None
    if len(infos) > MAX_PARTS:
        raise InputError(f"{source}: tệp Excel có {len(infos)} phần (tối đa {MAX_PARTS}); có thể là tệp độc hại.")
    total = sum(info.file_size for info in infos)
    if total > MAX_UNITS_UNPACKED_BYTES:
        raise InputError(
            f"{source}: tệp Excel giải nén ra {megabytes(total)} (tối đa {megabytes(MAX_UNITS_UNPACKED_BYTES)}); "
            "có thể là tệp độc hại (zip bomb)."
        )
    for info in infos:
        if info.flag_bits & 0x1:
            raise InputError(f"{source}: tệp Excel bị mã hóa (đặt mật khẩu); không đọc được.", hint=_SAVE_XLSX)
        if not info.filename.endswith((".xml", ".rels")):
            continue
        try:
            with archive.open(info) as member:
                head = member.read(4096)
        except (zipfile.BadZipFile, zlib.error, OSError, RuntimeError, NotImplementedError, EOFError, ValueError):
            raise InputError(f"{source}: tệp Excel bị hỏng ({info.filename}).", hint=_SAVE_XLSX) from None
        if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
            raise InputError(
                f"{source}: phần {info.filename} chứa khai báo DTD/ENTITY (không có trong tệp Excel thật); "
                "không đọc tệp này."
            )


def _xlsx_rows(data: bytes, source: str) -> Iterator[tuple[int, list]]:
    from openpyxl import load_workbook

    check_xlsx(data, source)
    damaged = InputError(f"{source}: không mở được tệp Excel (.xlsx) hoặc tệp bị hỏng.", hint=_SAVE_XLSX)
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many types for a damaged or foreign file
        raise damaged from None
    try:
        if not book.worksheets:
            raise InputError(f"{source}: tệp Excel không có trang tính nào.")
        rows = book.worksheets[0].iter_rows(values_only=True, max_col=MAX_UNIT_COLUMNS)
        number = 0
        while True:
            try:
                cells = next(rows, None)
            except Exception:  # a damaged sheet is only read while iterating (read-only mode)
                raise damaged from None
            if cells is None:
                return
            number += 1
            yield number, list(cells)
    finally:
        book.close()


def read_units(path: str | Path) -> UnitList:
    """Read the units list at *path* (.xlsx or .csv); file-level problems raise InputError."""
    path = Path(path)
    source = path.name
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise InputError(f"{source}: danh sách đơn vị phải là tệp .xlsx hoặc .csv.")
    data = read_input(path, MAX_UNITS_BYTES, "danh sách đơn vị")
    if suffix == ".xlsx":
        return parse_rows(_xlsx_rows(data, source), source)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(
            f"{source}: tệp CSV không phải mã UTF-8 (chữ có dấu sẽ bị hỏng).",
            hint="Trong Excel chọn File → Save As → 'CSV UTF-8 (Comma delimited)', hoặc lưu dạng .xlsx.",
        ) from None
    return parse_rows(_csv_rows(text, source), source)
