"""``collect``: returned report forms → values with status → báo cáo tổng hợp, workbook, công văn đôn đốc.

- :mod:`.sources`: INPUTs (files, folders, .zip) as candidate files;
- :mod:`.numbers`: Vietnamese figures ("1.234,5", "95%", "12 cuộc");
- :mod:`.form`: one form → identity and answers (tag → alias → place), through :mod:`dvtemplate.docx`;
- :mod:`.core`: statuses per unit (on time, late, not sent, unreadable), duplicates, totals;
- :mod:`.workbook`, :mod:`.outputs`: what is written.

The public operation is :func:`run_collect`.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Sequence
from pathlib import Path

from .core import CollectResult, collect_forms

__all__ = ["run_collect", "CollectResult"]


def run_collect(
    source,
    period: str,
    inputs: Sequence[str | Path],
    outdir: str | Path,
    *,
    units_file=None,
    force: bool = False,
    remind: bool = False,
    jobs: int = 1,
    templates=None,
    recipient: str | None = None,
    today: _dt.date | None = None,
    progress: Callable[[int], None] | None = None,
    on_sources: Callable[[int], None] | None = None,
) -> CollectResult:
    """Read the forms in *inputs* for *period* of the plan *source* and write the outputs into *outdir*.

    Outputs exist already → OutputError unless *force* (nothing is read before that check).
    ``result.unreadable`` > 0 means some file could not be read (the CLI exits 1).
    """
    # the renderer's libraries are imported only after reading, so the reading processes are forked small
    from ..loading import as_loaded
    from ..returns import check_outputs
    from .core import output_names

    loaded = as_loaded(source)
    check_outputs(outdir, output_names(_code(loaded.plan, period), remind), force)  # before anything is read
    result = collect_forms(
        loaded.plan, period, list(inputs), units=units_file, jobs=jobs, progress=progress, on_sources=on_sources
    )
    result.warnings[:0] = list(loaded.warnings)
    from ..loading import template_folders
    from .outputs import write_outputs

    folders = template_folders(loaded, templates)

    result.files = write_outputs(
        result, outdir, force=force, remind=remind, folders=folders, recipient=recipient, today=today
    )
    return result


def _code(plan, period: str) -> str:
    from ..model.periods import resolve_period

    return resolve_period(plan, period).code
