"""CLI commands over one plan or one file: validate, render, import, rollover, schema, check."""

from __future__ import annotations

from pathlib import Path

import click

from ._options import done, finish, force_option, outdir_option, pdf_option, templates_option, warn
from ._vi import Command

__all__ = ["validate_cmd", "render_cmd", "import_cmd", "rollover_cmd", "schema_cmd", "check_cmd"]


@click.command("validate", cls=Command)
@click.argument("plan", metavar="KE-HOACH.yaml", type=click.Path(dir_okay=False))
def validate_cmd(plan: str) -> None:
    """Kiểm tra tệp kế hoạch YAML (không ghi tệp nào)."""
    from ..loading import load_plan

    loaded = load_plan(plan)
    warn(loaded.warnings)
    click.echo(f"Hợp lệ: {plan} — {loaded.plan.title} ({loaded.plan.period_label}).")


@click.command("render", cls=Command)
@click.argument("plan", metavar="KE-HOACH.yaml", type=click.Path(dir_okay=False))
@outdir_option
@force_option
@templates_option
@pdf_option
def render_cmd(plan: str, outdir: str, force: bool, templates: str | None, pdf: bool) -> None:
    """Soạn Kế hoạch (.docx) từ tệp YAML."""
    from ..documents import render_plan

    result = render_plan(plan, outdir, force=force, templates=templates)
    finish(result, pdf=pdf)


@click.command("import", cls=Command)
@click.argument("docx", metavar="TEP.docx", type=click.Path(dir_okay=False))
@click.option("-o", "--output", metavar="TEP.yaml", type=str, required=True, help="Tệp kế hoạch YAML sẽ ghi.")
@click.option(
    "--compare",
    "compare_with",
    metavar="NAM-TRUOC.yaml",
    type=click.Path(dir_okay=False),
    default=None,
    help="So với kế hoạch này (năm trước): ghi bảng thay đổi (.xlsx) và tệp Word đánh dấu thay đổi cạnh tệp YAML.",
)
@force_option
def import_cmd(docx: str, output: str, force: bool, compare_with: str | None) -> None:
    """Nhập Kế hoạch từ tệp Word (.docx) có sẵn thành tệp YAML."""
    from ..importer import import_to_yaml

    result = import_to_yaml(docx, output, force=force)
    warn(result.warnings)
    click.echo(f"Các phần tìm thấy: {', '.join(result.sections) or '(không có)'}.")
    done([output])
    if compare_with:
        from ..compare import compare_plans
        from ._compare import print_changes

        files, changes = compare_plans(compare_with, result.plan, Path(output).parent, force=force)
        print_changes(changes)
        done(files)


@click.command("rollover", cls=Command)
@click.argument("source", metavar="KE-HOACH.yaml|.docx", type=click.Path(dir_okay=False))
@click.option(
    "--year",
    metavar="NAM",
    type=click.IntRange(1946, 2100),
    default=None,
    help="Năm của kế hoạch mới (mặc định: năm sau năm của kế hoạch nguồn).",
)
@click.option("-o", "--output", metavar="TEP.yaml", type=str, default=None, help="Tệp kế hoạch YAML mới.")
@click.option("--dry-run", is_flag=True, help="Chỉ in danh sách thay đổi và phần khác biệt, không ghi tệp.")
@click.option(
    "--compare",
    "compare_dir",
    metavar="THU-MUC",
    default=None,
    help="Ghi thêm bảng thay đổi (.xlsx) và tệp Word đánh dấu thay đổi giữa hai kế hoạch vào THU-MUC.",
)
@force_option
def rollover_cmd(
    source: str, year: int | None, output: str | None, dry_run: bool, force: bool, compare_dir: str | None
) -> None:
    """Tạo kế hoạch năm mới từ kế hoạch năm trước (tệp YAML hoặc .docx)."""
    from ..rollover import review_lines, rollover_file

    result = rollover_file(source, output, year=year, force=force, dry_run=dry_run)
    click.echo(f"Chuyển kế hoạch năm {result.old_year} sang năm {result.new_year}:")
    for line in review_lines(result):
        click.echo(f"  {line}")
    if dry_run:
        click.echo(result.diff())
        click.echo("(--dry-run: chưa ghi tệp nào)")
    else:
        done([output])
    if compare_dir:
        from ..compare import compare_plans
        from ..loading import parse_plan_text
        from ._compare import print_changes

        rolled = parse_plan_text(result.text, output or "kế hoạch mới", unfinished=True)
        files, changes = compare_plans(source, rolled, compare_dir, force=force)
        print_changes(changes)
        done(files)


@click.command("schema", cls=Command)
@click.option(
    "-o",
    "--output",
    metavar="TEP.json",
    type=click.Path(dir_okay=False),
    default=None,
    help="Nơi ghi (mặc định: schemas/plan.schema.json).",
)
@force_option
def schema_cmd(output: str | None, force: bool) -> None:
    """Ghi JSON Schema của tệp kế hoạch (gợi ý trường trong trình soạn thảo)."""
    from ..schema import DEFAULT_SCHEMA_PATH, write_schema

    done([write_schema(output or DEFAULT_SCHEMA_PATH, force=force)])


@click.command("check", cls=Command)
@click.argument("files", metavar="TEP.docx|THU-MUC...", nargs=-1, required=True, type=click.Path())
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True, help="Định dạng kết quả."
)
@click.option(
    "--kind",
    type=click.Choice(["auto", "plan", "letter", "report", "to_trinh"]),
    default="auto",
    show_default=True,
    help="Loại văn bản (auto: tự nhận biết).",
)
def check_cmd(files: tuple[str, ...], fmt: str, kind: str) -> int:
    """Kiểm tra thể thức các tệp .docx theo Nghị định 30/2020/NĐ-CP."""
    from ..check import check_files, exit_status, format_json, format_text

    reports, failed = check_files(files, kind)
    for _path, exc in failed:
        click.echo(f"Lỗi: {exc}", err=True)
    if reports or fmt == "json":
        click.echo(format_json(reports) if fmt == "json" else format_text(reports))
    return exit_status(reports, failed)
