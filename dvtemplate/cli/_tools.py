"""CLI commands for customisation and starting out: ``templates export|lint`` and ``init``.

Kept out of ``cli.py`` so the main command module stays small; ``cli.py``
registers these with ``cli.add_command``. Like every command they call one
public operation and let :func:`dvtemplate.cli.main` turn errors into messages.
"""

from __future__ import annotations

import click

from ._options import done
from ._vi import Command, Group

__all__ = ["templates_group", "init_cmd"]


@click.group("templates", cls=Group)
def templates_group() -> None:
    """Mẫu .docx riêng của cơ quan: xuất mẫu gốc để sửa trong Word, kiểm tra mẫu đã sửa."""


@templates_group.command("export")
@click.argument("folder", metavar="THU-MUC", type=click.Path(dir_okay=True, file_okay=False))
@click.option("--force", is_flag=True, help="Ghi đè mẫu đã có trong thư mục.")
def export_cmd(folder: str, force: bool) -> None:
    """Chép các mẫu gốc (plan.docx, letter.docx, report.docx) vào THU-MUC để sửa trong Word."""
    from ..templates_tools import export_templates

    done(export_templates(folder, force=force))
    click.echo(f"Sửa mẫu bằng Word, rồi kiểm tra: dvtemplate templates lint {folder}")


@templates_group.command("lint")
@click.argument("folder", metavar="THU-MUC", type=click.Path(dir_okay=True, file_okay=False))
def lint_cmd(folder: str) -> int:
    """Kiểm tra các mẫu trong THU-MUC: cú pháp thẻ, tên biến, thẻ bị Word tách rời (mã thoát 1 nếu có lỗi)."""
    from ..templates_tools import format_lint, lint_folder

    problems = lint_folder(folder)
    click.echo(format_lint(problems, folder))
    return 1 if problems else 0


@click.command("init", cls=Command)
@click.argument("folder", metavar="THU-MUC", type=click.Path(dir_okay=True, file_okay=False))
@click.option("--force", is_flag=True, help="Ghi vào thư mục đã có tệp (ghi đè các tệp mẫu).")
def init_cmd(folder: str, force: bool) -> None:
    """Tạo thư mục làm việc mới: tệp kế hoạch mẫu có ghi chú, danh sách đơn vị, hướng dẫn."""
    from ..scaffold import init_folder

    done(init_folder(folder, force=force))
    click.echo(f"Đọc hướng dẫn {folder}/HUONG-DAN.md: một vòng công việc gồm soạn → lấy ý kiến → tổng hợp góp ý")
    click.echo("→ Tờ trình → ban hành → mẫu báo cáo → tổng hợp báo cáo → đôn đốc → lịch. Bắt đầu:")
    click.echo(f'  cd "{folder}"')
    click.echo("  dvtemplate serve                                (làm trên trang web), hoặc")
    click.echo("  dvtemplate render ke-hoach.yaml -o ket-qua      (dòng lệnh, sau khi sửa ke-hoach.yaml)")
