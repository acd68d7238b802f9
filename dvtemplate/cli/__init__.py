"""Command line: a thin click layer over the library API.

Every command calls one public operation; :func:`main` (in ``_app``) turns a
:class:`~dvtemplate.errors.DvtemplateError` into its message and exit code.
Commands are registered here, explicitly, one line each.
"""

from __future__ import annotations

from ._app import cli, main
from ._calendar import calendar_cmd
from ._collect import collect_cmd
from ._comments import comments_cmd
from ._compare import compare_cmd
from ._documents import batch_cmd, letter_cmd, report_cmd
from ._plan import check_cmd, import_cmd, render_cmd, rollover_cmd, schema_cmd, validate_cmd
from ._serve import serve_cmd
from ._sign import edxml_cmd, sign_cmd
from ._tools import init_cmd, templates_group

__all__ = ["cli", "main"]

for _command in (
    validate_cmd,
    render_cmd,
    import_cmd,
    rollover_cmd,
    schema_cmd,
    check_cmd,
    templates_group,
    init_cmd,
    letter_cmd,
    report_cmd,
    batch_cmd,
    calendar_cmd,
    serve_cmd,
    collect_cmd,
    comments_cmd,
    sign_cmd,
    edxml_cmd,
    compare_cmd,
):
    cli.add_command(_command)
