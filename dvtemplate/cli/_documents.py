"""CLI commands for the documents that come with a plan: ``letter``, ``report``, ``batch``.

Kept out of ``cli.py`` (which registers them with ``cli.add_command``) so the
main command module stays small. Like every command they call one public
operation and let :func:`dvtemplate.cli.main` turn errors into messages.
"""

from __future__ import annotations

import sys

import click

from ._options import finish, force_option, outdir_option, pdf_option, templates_option, to_pdf, warn
from ._vi import Command

__all__ = ["letter_cmd", "report_cmd", "batch_cmd"]

_period = click.option(
    "--period",
    metavar="KY",
    required=True,
    help="Kỳ báo cáo: 2026-05 (tháng), 2026-Q2 (quý), 2026-H1 (6 tháng), 2026 (năm).",
)


@click.command("letter", cls=Command)
@click.argument("plan", metavar="KE-HOACH.yaml", type=click.Path(dir_okay=False))
@outdir_option
@click.option("--separate", is_flag=True, help="Ghi dự thảo kế hoạch thành tệp riêng (mặc định: nối sau công văn).")
@click.option(
    "--form", is_flag=True, help="Soạn thêm phiếu góp ý có ô điền theo từng phần của dự thảo (lệnh comments đọc lại)."
)
@force_option
@templates_option
@pdf_option
def letter_cmd(
    plan: str, outdir: str, separate: bool, form: bool, force: bool, templates: str | None, pdf: bool
) -> None:
    """Soạn công văn lấy ý kiến góp ý dự thảo (kèm dự thảo kế hoạch) từ mục letter: của tệp YAML."""
    from ..documents import render_letter

    result = render_letter(plan, outdir, separate=separate, force=force, templates=templates, form=form)
    finish(result, pdf=pdf)


@click.command("report", cls=Command)
@click.argument("plan", metavar="KE-HOACH.yaml", type=click.Path(dir_okay=False))
@_period
@click.option("--unit", metavar="TEN", required=True, help='Tên đơn vị báo cáo, ví dụ: "Ủy ban nhân dân xã An Bình".')
@click.option(
    "--units",
    "units_file",
    metavar="DANH-SACH",
    type=click.Path(dir_okay=False),
    default=None,
    help="Danh sách đơn vị (.xlsx/.csv) để lấy cấp, viết tắt, địa danh… của đơn vị.",
)
@click.option(
    "--abbreviation",
    metavar="VIET-TAT",
    default=None,
    help="Chữ viết tắt của đơn vị trong ký hiệu BC-…, ví dụ SNV (bắt buộc với đơn vị không phải UBND).",
)
@click.option(
    "--signer-title",
    "signer_title",
    metavar="CHUC-VU",
    default=None,
    help="Chức vụ người ký, ví dụ: Giám đốc (bắt buộc với đơn vị không phải UBND).",
)
@click.option("--place", metavar="DIA-DANH", default=None, help="Địa danh ở dòng ngày tháng, ví dụ: Khánh Hòa.")
@click.option(
    "--parent",
    metavar="CO-QUAN",
    default=None,
    help="Cơ quan chủ quản (dòng trên tên đơn vị), ví dụ: UBND tỉnh Khánh Hòa.",
)
@outdir_option
@force_option
@templates_option
@pdf_option
def report_cmd(
    plan: str,
    period: str,
    unit: str,
    units_file: str | None,
    abbreviation: str | None,
    signer_title: str | None,
    place: str | None,
    parent: str | None,
    outdir: str,
    force: bool,
    templates: str | None,
    pdf: bool,
) -> None:
    """Soạn mẫu báo cáo định kỳ của một đơn vị cho một kỳ báo cáo.

    Không có danh sách đơn vị (--units): tên "Ủy ban nhân dân xã/phường/đặc khu/tỉnh …" đủ để
    soạn; đơn vị khác (Sở, Phòng, Ban…) cần --abbreviation và --signer-title.
    """
    from ..documents import render_report

    fields = {"abbreviation": abbreviation, "signer_title": signer_title, "place": place, "parent": parent}
    result = render_report(
        plan,
        outdir,
        period=period,
        unit=unit,
        units_file=units_file,
        force=force,
        templates=templates,
        unit_fields=fields,
    )
    finish(result, pdf=pdf)


@click.command("batch", cls=Command)
@click.argument("plan", metavar="KE-HOACH.yaml", type=click.Path(dir_okay=False))
@click.option(
    "--units",
    "units_file",
    metavar="DANH-SACH",
    required=True,
    type=click.Path(dir_okay=False),
    help="Danh sách đơn vị (.xlsx hoặc .csv; cột đầu: Tên đơn vị).",
)
@_period
@outdir_option
@click.option("--zip", "make_zip", is_flag=True, help="Nén tất cả mẫu báo cáo và manifest.csv thành một tệp .zip.")
@click.option(
    "--jobs",
    metavar="N",
    type=click.IntRange(1, 256),
    default=None,
    help="Số tiến trình song song (mặc định: số lõi CPU).",
)
@force_option
@templates_option
@pdf_option
def batch_cmd(
    plan: str,
    units_file: str,
    period: str,
    outdir: str,
    make_zip: bool,
    jobs: int | None,
    force: bool,
    templates: str | None,
    pdf: bool,
) -> int:
    """Soạn mẫu báo cáo cho mọi đơn vị trong danh sách (mỗi đơn vị một tệp) và manifest.csv."""
    from ..batch import run_batch
    from ..output import display_path
    from ..units import read_units

    units = read_units(units_file)  # read once: the progress bar needs its length
    bar = None
    if sys.stderr.isatty():
        bar = click.progressbar(length=len(units.units), label="Đang soạn", file=sys.stderr)
        bar.__enter__()
    try:
        result = run_batch(
            plan,
            units,
            period,
            outdir,
            jobs=jobs,
            force=force,
            make_zip=make_zip,
            templates=templates,
            progress=bar.update if bar else None,
        )
    finally:
        if bar is not None:
            bar.__exit__(None, None, None)
    warn(result.warnings)
    for problem in result.problems:
        click.echo(f"Bỏ qua {problem}", err=True)
    click.echo(
        f"Đã soạn {len(result.files)} mẫu báo cáo (hạn gửi {result.deadline}) vào {display_path(outdir)}; "
        f"danh sách: {display_path(result.manifest)}."
    )
    if result.unchanged:
        click.echo(f"Trong đó {len(result.unchanged)} tệp đã có với nội dung giống hệt, được giữ nguyên.")
    if result.zip:
        click.echo(f"Tệp nén: {display_path(result.zip)}")
    if pdf:
        to_pdf(result.files, jobs or 1)
    if result.problems:
        click.echo(f"Có {len(result.problems)} dòng lỗi trong danh sách đơn vị (đã bỏ qua).", err=True)
        return 1
    return 0
