"""The command group and :func:`main`: where every error becomes a message and an exit code.

A :class:`DvtemplateError` is turned into its Vietnamese message and exit code
here, nowhere else; the commands themselves live in the sibling modules.
"""

from __future__ import annotations

import os

import click

from ..errors import DvtemplateError

__all__ = ["cli", "main"]

FLAGS = {
    "period": "--period",
    "unit": "--unit",
    "units": "--units",
    "year": "--year",
    "kind": "--kind",
    "output": "-o",
    "templates": "--templates",
}
"""Library field → the flag that sets it: a library error names the field, the CLI names the flag."""
SWITCH_HINTS = {"force": "Thêm --force để ghi đè, hoặc chọn thư mục khác với -o."}
"""Refusals a switch lifts: the CLI's hint replaces the library's (which names no flag)."""


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="dvtemplate")
def cli() -> None:
    """dvtemplate: soạn văn bản theo Nghị định 30/2020/NĐ-CP từ một tệp YAML."""


def _usage_message(exc: click.UsageError) -> str:
    """click's English usage errors, said in Vietnamese."""
    if isinstance(exc, click.MissingParameter) and exc.param is not None:
        name = "/".join(getattr(exc.param, "opts", []) or [exc.param.name or ""])
        return f"thiếu {'tùy chọn' if exc.param.param_type_name == 'option' else 'tham số'} {name}."
    if isinstance(exc, click.NoSuchOption):
        hint = f" Có phải {exc.possibilities[0]}?" if exc.possibilities else ""
        return f"không có tùy chọn {exc.option_name}.{hint}"
    if isinstance(exc, click.BadParameter):
        return f"giá trị không hợp lệ: {exc.format_message()}"
    message = exc.format_message()
    if message.startswith("No such command"):
        import difflib
        import re

        m = re.match(r"No such command '([^']*)'", message)
        name = m.group(1) if m else message
        names = sorted(exc.ctx.command.list_commands(exc.ctx)) if exc.ctx is not None else []
        close = difflib.get_close_matches(name, names, n=1)
        return f"không có lệnh '{name}'." + (f" Có phải '{close[0]}'?" if close else "")
    return message


def user_message(exc: DvtemplateError) -> str:
    """The error as the CLI prints it: the flag of its field first, the CLI's hint for a switch."""
    message = f"{FLAGS[exc.field]}: {exc.message}" if exc.field in FLAGS else exc.message
    hint = SWITCH_HINTS.get(exc.field or "", exc.hint)
    return f"{message}\nGợi ý: {hint}" if hint else message


def main(argv: list[str] | None = None) -> int:
    """Entry point: run the CLI; user errors become a message and an exit code."""
    try:
        rv = cli.main(args=argv, prog_name="dvtemplate", standalone_mode=False)
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
