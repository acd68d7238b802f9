"""``compare``: what changed between last year's plan and this year's (a thin layer over :mod:`dvtemplate.compare`)."""

from __future__ import annotations

import click

from ._options import done, force_option
from ._vi import Command

__all__ = ["compare_cmd", "print_changes"]


def print_changes(changes) -> None:
    """The table of changes, one line each, on stdout."""
    from ..compare import NO_CHANGES

    if not changes:
        click.echo(NO_CHANGES)
    for c in changes:
        arrow = f"'{c.old}' → '{c.new}'" if c.old and c.new else (c.new or c.old)
        click.echo(f"  [{c.change}] {c.part} — {c.what}: {arrow}")


@click.command("compare", cls=Command)
@click.argument("old", metavar="NAM-TRUOC.yaml", type=click.Path(dir_okay=False))
@click.argument("new", metavar="NAM-NAY.yaml", type=click.Path(dir_okay=False))
@click.option("-o", "--outdir", metavar="THU-MUC", required=True, help="Thư mục ghi bảng thay đổi và tệp Word so sánh.")
@force_option
def compare_cmd(old: str, new: str, outdir: str, force: bool) -> None:
    """So sánh kế hoạch năm nay với năm trước: bảng thay đổi (.xlsx) và tệp Word có đánh dấu thay đổi (Track Changes)."""
    from ..compare import compare_plans

    files, changes = compare_plans(old, new, outdir, force=force)
    print_changes(changes)
    done(files)
