"""``dvtemplate init DIR``: a working folder a clerk can start from without reading code.

The files are package data (``dvtemplate/data``): a commented plan that
validates and renders as it is (its first line points VS Code at the JSON Schema
written beside it), a units list (CSV with a BOM so Excel on
Windows shows the diacritics, and the same as .xlsx) and a Vietnamese how-to.
"""

from __future__ import annotations

import csv
import io
from importlib import resources
from pathlib import Path

from .errors import OutputError
from .output import ensure_outdir, target_in, write_atomic

__all__ = ["init_folder", "SCAFFOLD_FILES"]

SCAFFOLD_FILES = ("ke-hoach.yaml", "plan.schema.json", "don-vi.csv", "don-vi.xlsx", "HUONG-DAN.md")
SCHEMA_NAME = "plan.schema.json"
"""Written next to the plan; the plan's first line points VS Code's YAML extension at it."""


def _data(name: str) -> bytes:
    return resources.files("dvtemplate").joinpath(f"data/{name}").read_bytes()


def _units_xlsx(csv_text: str) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Don vi"
    for row in csv.reader(io.StringIO(csv_text)):
        sheet.append(row)
    for column in sheet.columns:
        width = max(len(str(c.value or "")) for c in column)
        sheet.column_dimensions[column[0].column_letter].width = min(max(width + 2, 10), 60)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def init_folder(folder: str | Path, *, force: bool = False) -> list[Path]:
    """Create *folder* (or fill an empty one) with the starter files; returns the files written.

    A folder that already holds anything is refused without *force* (nothing is
    written), so ``init`` can never clobber someone's work by a typo.
    """
    path = Path(folder)
    if path.is_dir() and any(path.iterdir()) and not force:
        raise OutputError(
            f"Thư mục '{folder}' đã có tệp. Không ghi đè.",
            hint="Chọn một thư mục mới, hoặc cho phép ghi đè các tệp mẫu (force).",
            field="force",
        )
    out = ensure_outdir(path)
    units_csv = _data("don-vi.csv").decode("utf-8-sig")
    from .schema import schema_text

    contents = {
        "ke-hoach.yaml": _data("ke-hoach.yaml"),
        SCHEMA_NAME: schema_text().encode("utf-8"),
        "don-vi.csv": units_csv.encode("utf-8-sig"),
        "don-vi.xlsx": _units_xlsx(units_csv),
        "HUONG-DAN.md": _data("HUONG-DAN.md").replace(b"\n", b"\r\n"),
    }
    written = []
    for name in SCAFFOLD_FILES:
        target = target_in(out, name)
        data = contents[name]
        written.append(write_atomic(target, lambda handle, data=data: handle.write(data)))
    return written
