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
    force: bool,
    templates: str | None,
    pdf: bool,
) -> int:
    """Tổng hợp văn bản góp ý (REPLIES: tệp .docx, thư mục hoặc .zip) thành bản tổng hợp, giải trình, tiếp thu."""
    from ..documents import render_comments

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
    done(result.files)
    if pdf:
        to_pdf([f for f in result.files if f.suffix == ".docx"])
    if result.problems:
        click.echo(f"Có {len(result.problems)} tệp không tổng hợp được (xem danh sách ở trên).", err=True)
        return 1
    return 0
