"""CLI command ``comments``: replies to the consultation letter → bản tổng hợp, answers, Tờ trình."""

from __future__ import annotations

import click

from ._options import done, force_option, outdir_option, pdf_option, templates_option, to_pdf, warn

__all__ = ["comments_cmd"]


@click.command("comments")
@click.argument("plan", type=click.Path(dir_okay=False))
@click.argument("replies", nargs=-1, required=True, type=click.Path())
@click.option(
    "--units",
    "units_file",
    type=click.Path(dir_okay=False),
    default=None,
    help="Danh sách đơn vị được lấy ý kiến (.xlsx/.csv); đơn vị không trả lời được tính là thống nhất.",
)
@outdir_option
@click.option(
    "--responses",
    type=click.Path(dir_okay=False),
    default=None,
    help="Tệp trả lời (.xlsx) đã điền ý kiến tiếp thu, giải trình: đưa vào cột cuối của bản tổng hợp.",
)
@click.option("--to-trinh", "to_trinh", is_flag=True, help="Soạn thêm Tờ trình đề nghị ban hành kế hoạch.")
@click.option(
    "--remind", is_flag=True, help="Soạn thêm công văn đôn đốc các đơn vị chưa gửi góp ý khi đã quá hạn (cần --units)."
)
@force_option
@templates_option
@pdf_option
def comments_cmd(
    plan: str,
    replies: tuple[str, ...],
    units_file: str | None,
    outdir: str,
    responses: str | None,
    to_trinh: bool,
    remind: bool,
    force: bool,
    templates: str | None,
    pdf: bool,
) -> int:
    """Tổng hợp văn bản góp ý (REPLIES: tệp .docx, thư mục hoặc .zip) thành bản tổng hợp, giải trình, tiếp thu."""
    from ..comments import remind_silent, reminder_target
    from ..documents import render_comments

    remind_to = reminder_target(plan, outdir, force) if remind else None  # refused before anything is written
    result = render_comments(
        plan,
        list(replies),
        outdir,
        units_file=units_file,
        responses=responses,
        to_trinh=to_trinh,
        force=force,
        templates=templates,
    )
    c = result.collection
    warn(result.warnings)
    for name, reason in result.problems:
        click.echo(f"Không dùng được {name}: {reason}", err=True)
    click.echo(
        f"Đã đọc {len(c.replies)} văn bản góp ý: {len(c.comments)} ý kiến, {len(c.agreed)} đơn vị thống nhất, "
        f"{len(c.silent)} đơn vị không trả lời."
    )
    if remind_to is not None:
        written, reason = remind_silent(plan, c, remind_to, templates=templates)
        if written is None:
            click.echo(f"Không soạn công văn đôn đốc: {reason}.", err=True)
        else:
            result.files.append(written)
    done(result.files)
    if pdf:
        to_pdf([f for f in result.files if f.suffix == ".docx"])
    if result.problems:
        click.echo(f"Có {len(result.problems)} tệp không tổng hợp được (xem danh sách ở trên).", err=True)
        return 1
    return 0
