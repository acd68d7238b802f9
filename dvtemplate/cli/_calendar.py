"""CLI command ``calendar``: a plan's deadlines as an .ics calendar and an Excel tracking sheet."""

from __future__ import annotations

import click

from ._options import done, force_option

__all__ = ["calendar_cmd"]


@click.command("calendar")
@click.argument("plan", type=click.Path(dir_okay=False))
@click.option(
    "-o", "--output", type=str, required=True, help="Tệp lịch .ics sẽ ghi (nhập vào Outlook, Google Calendar)."
)
@click.option("--xlsx", type=str, default=None, help="Ghi thêm bảng theo dõi thời hạn (.xlsx) có cột tình trạng.")
@force_option
def calendar_cmd(plan: str, output: str, xlsx: str | None, force: bool) -> None:
    """Xuất mọi thời hạn của kế hoạch (nhiệm vụ, báo cáo định kỳ) thành lịch .ics và bảng theo dõi."""
    from ..deadlines import plan_deadlines, write_calendar
    from ..loading import load_plan

    loaded = load_plan(plan)
    files = write_calendar(loaded, output, xlsx=xlsx, force=force)
    click.echo(f"{len(plan_deadlines(loaded.plan))} thời hạn.")
    done(files)
