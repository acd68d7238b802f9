"""CLI: ``dvtemplate collect`` — read the returned report forms, write the báo cáo tổng hợp."""

from __future__ import annotations

import sys

import click

from ._options import done, force_option, outdir_option, templates_option, warn

__all__ = ["collect_cmd"]


@click.command("collect")
@click.argument("plan", type=click.Path(dir_okay=False))
@click.argument("inputs", nargs=-1, required=True, type=click.Path())
@click.option("--period", required=True, help="Kỳ báo cáo: 2026-05, 2026-Q2, 2026-H1, 2026.")
@click.option(
    "--units",
    "units_file",
    type=click.Path(dir_okay=False),
    default=None,
    help="Danh sách đơn vị phải báo cáo (.xlsx/.csv); thiếu: chỉ các đơn vị có mẫu gửi về.",
)
@outdir_option
@click.option("--remind", is_flag=True, help="Soạn thêm công văn đôn đốc các đơn vị chưa gửi hoặc gửi trễ.")
@click.option("--to", "recipient", default=None, help="Nơi nhận báo cáo tổng hợp (mặc định: theo kế hoạch).")
@click.option("--jobs", type=click.IntRange(1, 256), default=None, help="Số tiến trình đọc song song.")
@force_option
@templates_option
def collect_cmd(
    plan: str,
    inputs: tuple[str, ...],
    period: str,
    units_file: str | None,
    outdir: str,
    remind: bool,
    recipient: str | None,
    jobs: int | None,
    force: bool,
    templates: str | None,
) -> int:
    """Đọc các mẫu báo cáo đơn vị gửi về (tệp .docx, thư mục, tệp .zip), soạn báo cáo tổng hợp và bảng tính."""
    from ..collect import run_collect
    from ..returns import default_jobs

    bar = None

    def start(total: int) -> None:
        nonlocal bar
        if sys.stderr.isatty() and total:
            bar = click.progressbar(length=total, label="Đang đọc", file=sys.stderr)
            bar.__enter__()

    try:
        result = run_collect(
            plan,
            period,
            inputs,
            outdir,
            units_file=units_file,
            force=force,
            remind=remind,
            jobs=jobs or default_jobs(),
            templates=templates,
            recipient=recipient,
            on_sources=start,
            progress=lambda n: bar.update(n) if bar else None,
        )
    finally:
        if bar is not None:
            bar.__exit__(None, None, None)
    warn(result.warnings)
    for name, reason in result.problems:
        click.echo(f"Không dùng '{name}': {reason}", err=True)
    for problem in result.invalid_values():
        click.echo(f"Giá trị sai: {problem}", err=True)
    for row in result.rows:
        if row.tracked:
            click.echo(f"Lưu ý: {row.unit.name} ({row.file}): {row.note}.", err=True)
    done(result.files)
    counts = {k: result.count(k) for k in ("on_time", "late", "not_sent", "unreadable")}
    recovered = sum(1 for r in result.rows for a in r.answers.values() if a.status == "recovered")
    click.echo(
        f"Tổng hợp {len(result.rows)} đơn vị: {counts['on_time']} đúng hạn, {counts['late']} trễ hạn, "
        f"{counts['not_sent']} chưa gửi, {counts['unreadable']} không đọc được; "
        f"{len(result.problems)} tệp không dùng; {recovered} giá trị khôi phục, "
        f"{len(result.invalid_values())} giá trị sai kiểu."
    )
    return 1 if result.unreadable else 0
