"""Command line: a thin click layer over the library API.

Every command calls one public operation; a :class:`DvtemplateError` is turned
into its Vietnamese message and exit code in :func:`main`, nowhere else.
"""
from __future__ import annotations

import os
import sys

import click

from .cli_options import done, finish, force_option, outdir_option, pdf_option, templates_option, warn
from .errors import DvtemplateError

__all__ = ["cli", "main"]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="dvtemplate")
def cli() -> None:
    """dvtemplate: soạn văn bản theo Nghị định 30/2020/NĐ-CP từ một tệp YAML."""


@cli.command("validate")
@click.argument("plan", type=click.Path(dir_okay=False))
def validate_cmd(plan: str) -> None:
    """Kiểm tra tệp kế hoạch YAML (không ghi tệp nào)."""
    from .loading import load_plan

    loaded = load_plan(plan)
    warn(loaded.warnings)
    click.echo(f"Hợp lệ: {plan} — {loaded.plan.title} ({loaded.plan.period_label}).")


@cli.command("render")
@click.argument("plan", type=click.Path(dir_okay=False))
@outdir_option
@force_option
@templates_option
@pdf_option
def render_cmd(plan: str, outdir: str, force: bool, templates: str | None, pdf: bool) -> None:
    """Soạn Kế hoạch (.docx) từ tệp YAML."""
    from .documents import render_plan

    result = render_plan(plan, outdir, force=force, templates=templates)
    finish(result, pdf=pdf)


@cli.command("import")
@click.argument("docx", type=click.Path(dir_okay=False))
@click.option("-o", "--output", type=str, required=True, help="Tệp kế hoạch YAML sẽ ghi.")
@force_option
def import_cmd(docx: str, output: str, force: bool) -> None:
    """Nhập Kế hoạch từ tệp Word (.docx) có sẵn thành tệp YAML."""
    from .importer import import_to_yaml

    result = import_to_yaml(docx, output, force=force)
    warn(result.warnings)
    click.echo(f"Các phần tìm thấy: {', '.join(result.sections) or '(không có)'}.")
    done([output])


@cli.command("rollover")
@click.argument("source", type=click.Path(dir_okay=False))
@click.option("--year", type=click.IntRange(1946, 2100), default=None,
              help="Năm của kế hoạch mới (mặc định: năm sau năm của kế hoạch nguồn).")
@click.option("-o", "--output", type=str, default=None, help="Tệp kế hoạch YAML mới.")
@click.option("--dry-run", is_flag=True, help="Chỉ in danh sách thay đổi và phần khác biệt, không ghi tệp.")
@force_option
def rollover_cmd(source: str, year: int | None, output: str | None, dry_run: bool, force: bool) -> None:
    """Tạo kế hoạch năm mới từ kế hoạch năm trước (tệp YAML hoặc .docx)."""
    from .rollover import review_lines, rollover_file

    result = rollover_file(source, output, year=year, force=force, dry_run=dry_run)
    click.echo(f"Chuyển kế hoạch năm {result.old_year} sang năm {result.new_year}:")
    for line in review_lines(result):
        click.echo(f"  {line}")
    if dry_run:
        click.echo(result.diff())
        click.echo("(--dry-run: chưa ghi tệp nào)")
    else:
        done([output])


@cli.command("schema")
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None,
              help="Nơi ghi (mặc định: schemas/plan.schema.json).")
def schema_cmd(output: str | None) -> None:
    """Ghi JSON Schema của tệp kế hoạch (gợi ý trường trong trình soạn thảo)."""
    from .schema import DEFAULT_SCHEMA_PATH, write_schema

    done([write_schema(output or DEFAULT_SCHEMA_PATH)])


@cli.command("check")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Định dạng kết quả.")
@click.option("--kind", type=click.Choice(["auto", "plan", "letter", "report"]), default="auto",
              show_default=True, help="Loại văn bản (auto: tự nhận biết).")
def check_cmd(files: tuple[str, ...], fmt: str, kind: str) -> int:
    """Kiểm tra thể thức các tệp .docx theo Nghị định 30/2020/NĐ-CP."""
    from .check import check_files, exit_status, format_json, format_text

    reports, failed = check_files(files, kind)
    for path, exc in failed:
        click.echo(f"Lỗi: {exc}", err=True)
    if reports or fmt == "json":
        click.echo(format_json(reports) if fmt == "json" else format_text(reports))
    return exit_status(reports, failed)


from .cli_tools import init_cmd, templates_group  # noqa: E402  (templates export|lint, init)

cli.add_command(templates_group)
cli.add_command(init_cmd)

from .cli_documents import batch_cmd, letter_cmd, report_cmd  # noqa: E402  (letter, report, batch)

cli.add_command(letter_cmd)
cli.add_command(report_cmd)
cli.add_command(batch_cmd)


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
        import re

        m = re.match(r"No such command '([^']*)'\.(?: Did you mean '([^']*)'\?)?", message)
        name, close = (m.group(1), m.group(2)) if m else (message, None)
        return f"không có lệnh '{name}'." + (f" Có phải '{close}'?" if close else "")
    return message


def main(argv: list[str] | None = None) -> int:
    """Entry point: run the CLI; user errors become a message and an exit code."""
    try:
        rv = cli.main(args=argv, prog_name="dvtemplate", standalone_mode=False)
    except DvtemplateError as exc:
        click.echo(f"Lỗi: {exc}", err=True)
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
            "DVTEMPLATE_DEBUG=1 để xem chi tiết và gửi kèm khi báo lỗi.", err=True)
        return 70
    # A command that wants a non-zero status (e.g. check found errors) returns it.
    return rv if isinstance(rv, int) else 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
