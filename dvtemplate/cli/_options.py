"""Options and output helpers shared by every CLI command module (one definition each)."""

from __future__ import annotations

from collections.abc import Iterable

import click

__all__ = [
    "outdir_option",
    "force_option",
    "templates_option",
    "pdf_option",
    "warn",
    "done",
    "unchanged",
    "to_pdf",
    "finish",
]

outdir_option = click.option(
    "-o", "--outdir", metavar="THU-MUC", type=str, required=True, help="Thư mục ghi kết quả (tạo mới nếu chưa có)."
)
force_option = click.option("--force", is_flag=True, help="Ghi đè tệp đã có.")
templates_option = click.option(
    "--templates",
    "templates",
    metavar="THU-MUC",
    type=click.Path(file_okay=False),
    default=None,
    help="Thư mục mẫu .docx riêng của cơ quan (thiếu mẫu nào thì dùng mẫu gốc).",
)
pdf_option = click.option(
    "--pdf", is_flag=True, help="Xuất thêm tệp PDF/A-2b (để ký số, lưu trữ) bên cạnh mỗi tệp .docx (cần LibreOffice)."
)


def warn(warnings: Iterable[str]) -> None:
    """Warnings go to stderr, one per line, in Vietnamese."""
    for warning in warnings:
        click.echo(f"Cảnh báo: {warning}", err=True)


def done(files: Iterable) -> None:
    """Each file written, on stdout."""
    from ..output import display_path

    for path in files:
        click.echo(f"Đã ghi: {display_path(path)}")


def to_pdf(files: Iterable, jobs: int = 1) -> None:
    """Convert the .docx among *files* to PDF/A-2b beside them (many files per LibreOffice process);
    first warn when no Times New Roman-compatible font with Vietnamese letters is installed."""
    from ..fonts import font_warning
    from ..pdf import find_soffice
    from ..sign import export_pdfa

    if find_soffice() is not None:  # without LibreOffice the conversion error says what to install
        warn(filter(None, [font_warning()]))
    done(export_pdfa([f for f in files if str(f).endswith(".docx")], jobs=jobs))


def unchanged(files: Iterable) -> None:
    """Each file that already held exactly the content we would write (left as it was), on stdout."""
    from ..output import display_path

    for path in files:
        click.echo(f"Không đổi (đã có, nội dung giống hệt): {display_path(path)}")


def finish(result, *, pdf: bool = False, jobs: int = 1) -> None:
    """Report an operation's warnings and files, then convert its .docx files to PDF if asked
    (the .docx files are already written, so a missing LibreOffice loses nothing)."""
    warn(result.warnings)
    same = list(getattr(result, "unchanged", []))
    done([f for f in result.files if f not in same])
    unchanged(same)
    if pdf:
        to_pdf(result.files, jobs)
