"""CLI commands for the documents that come with a plan: ``letter``, ``report``, ``batch``.

Kept out of ``cli.py`` (which registers them with ``cli.add_command``) so the
main command module stays small. Like every command they call one public
operation and let :func:`dvtemplate.cli.main` turn errors into messages.
"""
from __future__ import annotations

import sys

import click

__all__ = ["letter_cmd", "report_cmd", "batch_cmd"]

_outdir = click.option("-o", "--outdir", type=str, required=True,
                       help="Thư mục ghi kết quả (tạo mới nếu chưa có).")
_force = click.option("--force", is_flag=True, help="Ghi đè tệp đã có.")
_templates = click.option("--templates", "templates", type=click.Path(file_okay=False), default=None,
                          help="Thư mục mẫu .docx riêng của cơ quan (thiếu mẫu nào thì dùng mẫu gốc).")
_pdf = click.option("--pdf", is_flag=True, help="Xuất thêm tệp PDF bên cạnh mỗi tệp .docx (cần LibreOffice).")
_period = click.option("--period", required=True,
                       help="Kỳ báo cáo: 2026-05 (tháng), 2026-Q2 (quý), 2026-H1 (6 tháng), 2026 (năm).")


def _warn(warnings) -> None:
    for warning in warnings:
        click.echo(f"Cảnh báo: {warning}", err=True)


def _done(files) -> None:
    for path in files:
        click.echo(f"Đã ghi: {path}")


def _to_pdf(files, jobs: int = 1) -> None:
    from .pdf import convert_to_pdf

    _done(convert_to_pdf([f for f in files if str(f).endswith(".docx")], jobs=jobs))


@click.command("letter")
@click.argument("plan", type=click.Path(dir_okay=False))
@_outdir
@click.option("--separate", is_flag=True, help="Ghi dự thảo kế hoạch thành tệp riêng (mặc định: nối sau công văn).")
@_force
@_templates
@_pdf
def letter_cmd(plan: str, outdir: str, separate: bool, force: bool, templates: str | None, pdf: bool) -> None:
    """Soạn công văn lấy ý kiến góp ý dự thảo (kèm dự thảo kế hoạch) từ mục letter: của tệp YAML."""
    from .documents import render_letter

    result = render_letter(plan, outdir, separate=separate, force=force, templates=templates)
    _warn(result.warnings)
    _done(result.files)
    if pdf:
        _to_pdf(result.files)


@click.command("report")
@click.argument("plan", type=click.Path(dir_okay=False))
@_period
@click.option("--unit", required=True, help="Tên đơn vị báo cáo, ví dụ: \"Ủy ban nhân dân xã An Bình\".")
@click.option("--units", "units_file", type=click.Path(dir_okay=False), default=None,
              help="Danh sách đơn vị (.xlsx/.csv) để lấy cấp, viết tắt, địa danh… của đơn vị.")
@_outdir
@_force
@_templates
@_pdf
def report_cmd(plan: str, period: str, unit: str, units_file: str | None, outdir: str, force: bool,
               templates: str | None, pdf: bool) -> None:
    """Soạn mẫu báo cáo định kỳ của một đơn vị cho một kỳ báo cáo."""
    from .documents import render_report

    result = render_report(plan, outdir, period=period, unit=unit, units_file=units_file, force=force,
                           templates=templates)
    _warn(result.warnings)
    _done(result.files)
    if pdf:
        _to_pdf(result.files)


@click.command("batch")
@click.argument("plan", type=click.Path(dir_okay=False))
@click.option("--units", "units_file", required=True, type=click.Path(dir_okay=False),
              help="Danh sách đơn vị (.xlsx hoặc .csv; cột đầu: Tên đơn vị).")
@_period
@_outdir
@click.option("--zip", "make_zip", is_flag=True, help="Nén tất cả mẫu báo cáo và manifest.csv thành một tệp .zip.")
@click.option("--jobs", type=click.IntRange(1, 256), default=None, help="Số tiến trình song song (mặc định: số lõi CPU).")
@_force
@_templates
@_pdf
def batch_cmd(plan: str, units_file: str, period: str, outdir: str, make_zip: bool, jobs: int | None,
              force: bool, templates: str | None, pdf: bool) -> int:
    """Soạn mẫu báo cáo cho mọi đơn vị trong danh sách (mỗi đơn vị một tệp) và manifest.csv."""
    from .batch import run_batch

    bar = None
    if sys.stderr.isatty():
        from .units import read_units

        total = len(read_units(units_file).units)
        bar = click.progressbar(length=total, label="Đang soạn", file=sys.stderr)
        bar.__enter__()
    try:
        result = run_batch(plan, units_file, period, outdir, jobs=jobs, force=force, make_zip=make_zip,
                           templates=templates, progress=bar.update if bar else None)
    finally:
        if bar is not None:
            bar.__exit__(None, None, None)
    _warn(result.warnings)
    for problem in result.problems:
        click.echo(f"Bỏ qua {problem}", err=True)
    click.echo(f"Đã soạn {len(result.files)} mẫu báo cáo (hạn gửi {result.deadline}) vào {outdir}; "
               f"danh sách: {result.manifest}.")
    if result.zip:
        click.echo(f"Tệp nén: {result.zip}")
    if pdf:
        _to_pdf(result.files, jobs=jobs or 1)
    if result.problems:
        click.echo(f"Có {len(result.problems)} dòng lỗi trong danh sách đơn vị (đã bỏ qua).", err=True)
        return 1
    return 0
