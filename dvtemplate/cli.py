"""Command line: a thin click layer over the library API.

Every command calls one public operation; a :class:`DvtemplateError` is turned
into its Vietnamese message and exit code in :func:`main`, nowhere else.
"""
from __future__ import annotations

import sys

import click

from .errors import DvtemplateError

__all__ = ["cli", "main"]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="dvtemplate")
def cli() -> None:
    """dvtemplate: soạn văn bản theo Nghị định 30/2020/NĐ-CP từ một tệp YAML."""


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


def main(argv: list[str] | None = None) -> int:
    """Entry point: run the CLI; user errors become a message and an exit code."""
    try:
        rv = cli.main(args=argv, prog_name="dvtemplate", standalone_mode=False)
    except DvtemplateError as exc:
        click.echo(f"Lỗi: {exc}", err=True)
        return exc.exit_code
    except click.exceptions.Abort:
        click.echo("Đã hủy.", err=True)
        return 130
    except click.ClickException as exc:
        exc.show()
        return exc.exit_code
    except click.exceptions.Exit as exc:
        return exc.exit_code
    # A command that wants a non-zero status (e.g. check found errors) returns it.
    return rv if isinstance(rv, int) else 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
