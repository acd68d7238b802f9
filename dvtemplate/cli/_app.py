"""The command group and :func:`main`: where every error becomes a message and an exit code.

A :class:`DvtemplateError` is turned into its Vietnamese message and exit code
here, nowhere else; the commands themselves live in the sibling modules.
"""

from __future__ import annotations

import os

import click

from ..errors import DvtemplateError
from ._vi import Group, vietnamese

__all__ = ["cli", "main"]

FLAGS = {
    "period": "--period",
    "unit": "--unit",
    "units": "--units",
    "year": "--year",
    "kind": "--kind",
    "output": "-o",
    "templates": "--templates",
    "allow_remote": "--allow-remote",
}
"""Library field → the flag that sets it: a library error names the field, the CLI names the flag."""
SWITCH_HINTS = {
    "force": "Thêm --force để ghi đè, hoặc chọn thư mục khác với -o.",
    "unit_fields": "Khai báo đơn vị trong danh sách đơn vị (--units, cột 'Viết tắt', 'Chức vụ người ký'), "
    "hoặc ghi --abbreviation và --signer-title.",
    "timestamp": "Kiểm tra địa chỉ máy chủ và kết nối mạng, hoặc ký không có --timestamp (PAdES B-B).",
}
"""Refusals a switch lifts: the CLI's hint replaces the library's (which names no flag)."""


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(
    package_name="dvtemplate", message="%(prog)s, phiên bản %(version)s", help="Hiện phiên bản rồi thoát."
)
def cli() -> None:
    """dvtemplate: soạn văn bản theo Nghị định 30/2020/NĐ-CP từ một tệp YAML."""


def _usage_message(exc: click.UsageError) -> str:
    """A usage error's text (click's own words are Vietnamese while :func:`vietnamese` is active)."""
    if isinstance(exc, click.MissingParameter) and exc.param is not None:
        name = "/".join(getattr(exc.param, "opts", []) or [exc.param.name or ""])
        if exc.param.param_type_name == "argument":
            name = exc.param.human_readable_name
        return f"thiếu {'tùy chọn' if exc.param.param_type_name == 'option' else 'tham số'} {name}."
    if isinstance(exc, click.NoSuchOption):
        hint = f" Có phải {exc.possibilities[0]}?" if exc.possibilities else ""
        return f"không có tùy chọn {exc.option_name}.{hint}"
    return exc.format_message()


def user_message(exc: DvtemplateError) -> str:
    """The error as the CLI prints it: the flag of its field first, the CLI's hint for a switch."""
    message = f"{FLAGS[exc.field]}: {exc.message}" if exc.field in FLAGS else exc.message
    hint = SWITCH_HINTS.get(exc.field or "", exc.hint)
    return f"{message}\nGợi ý: {hint}" if hint else message


def main(argv: list[str] | None = None) -> int:
    """Entry point: run the CLI; user errors become a message and an exit code (click's own words in Vietnamese)."""
    with vietnamese():
        return _run(argv)


def _run(argv: list[str] | None) -> int:
    try:
        rv = cli.main(args=argv, prog_name="dvtemplate", standalone_mode=False)
    except click.exceptions.NoArgsIsHelpError as exc:  # "dvtemplate" or "dvtemplate templates" alone: the help
        click.echo(exc.format_message())
        return 0
    except DvtemplateError as exc:
        click.echo(f"Lỗi: {user_message(exc)}", err=True)
        return exc.exit_code
    except (click.exceptions.Abort, KeyboardInterrupt):
        click.echo("Đã hủy.", err=True)
        return 130
    except click.UsageError as exc:
        click.echo(f"Lỗi: {_usage_message(exc)}", err=True)
        if exc.ctx is not None:
            click.echo(f"Xem hướng dẫn: {exc.ctx.command_path} --help", err=True)
        return 2
    except click.ClickException as exc:
        click.echo(f"Lỗi: {exc.format_message()}", err=True)
        return exc.exit_code
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except Exception as exc:  # a bug in dvtemplate, not the user's data: no traceback unless asked
        if os.environ.get("DVTEMPLATE_DEBUG"):
            raise
        click.echo(
            f"Lỗi không mong đợi trong dvtemplate ({type(exc).__name__}: {exc}).\n"
            "Đây là lỗi của phần mềm, không phải của dữ liệu. Chạy lại với biến môi trường "
            "DVTEMPLATE_DEBUG=1 để xem chi tiết và gửi kèm khi báo lỗi.",
            err=True,
        )
        return 70
    # A command that wants a non-zero status (e.g. check found errors) returns it.
    return rv if isinstance(rv, int) else 0
