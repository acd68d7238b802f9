"""The builder of the built-in .docx templates (a development tool, not installed).

``python tools/build_templates.py`` writes ``templates/*.docx``; the output is
committed and shipped as package data ``dvtemplate.templates``. A test rebuilds
into a temporary folder and compares bytes, so the committed files never drift.
"""

from __future__ import annotations

from pathlib import Path

from .comments_table import build_comments_table
from .form import build_form
from .letter import build_letter
from .plan import build_plan
from .reminder import build_reminder
from .report import build_report
from .summary import build_summary
from .to_trinh import build_to_trinh

__all__ = ["BUILDERS", "build_all"]

BUILDERS = {
    "plan": build_plan,
    "letter": build_letter,
    "report": build_report,
    "summary": build_summary,
    "reminder": build_reminder,
    "comments_table": build_comments_table,
    "to_trinh": build_to_trinh,
    "form": build_form,
}
"""Document kind → builder, one entry per built-in template."""


def build_all(outdir: Path) -> list[Path]:
    """Build every template into *outdir*; returns the files written."""
    written = []
    for kind, builder in BUILDERS.items():
        target = Path(outdir) / f"{kind}.docx"
        builder(target)
        written.append(target)
    return written
