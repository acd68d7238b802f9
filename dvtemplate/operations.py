"""Public operations for the consultation letter and the periodic report form.

Like :func:`dvtemplate.documents.render_plan`: context + engine + atomic write,
refusing to overwrite without ``force`` *before* anything is written. The batch
of report forms for every unit lives in :mod:`dvtemplate.batch`.
"""
from __future__ import annotations

from pathlib import Path
from typing import Sequence

from .contexts.letter import draft_plan, letter_context, letter_symbol
from .contexts.plan import plan_context
from .contexts.report import report_context, resolve_period
from .documents import Result, as_loaded, plan_filename, template_folders
from .engine import load_template
from .errors import InputError
from .loading import LoadedPlan
from .model import Period, Plan
from .model.units import Unit
from .output import check_free, ensure_outdir, target_in, write_atomic
from .units import read_units
from .vn import safe_filename

__all__ = ["render_letter", "render_report", "letter_filename", "report_filename", "find_unit"]

Source = str | Path | Plan | LoadedPlan
Folders = str | Path | Sequence[str | Path] | None


def letter_filename(plan: Plan) -> str:
    """'SNV-XDCQ-Cong-van-lay-y-kien-...docx', safe on Windows."""
    assert plan.letter is not None
    return safe_filename(f"{letter_symbol(plan)}-Cong-van-{plan.letter.subject}", max_len=90) + ".docx"


def report_filename(unit: Unit, period: Period) -> str:
    """'BC-2026-Q2-Uy-ban-nhan-dan-xa-An-Binh.docx' (one unit, one period)."""
    return safe_filename(f"BC-{period.code}-{unit.name}", max_len=100) + ".docx"


def render_letter(source: Source, outdir: str | Path, *, separate: bool = False, force: bool = False,
                  templates: Folders = None) -> Result:
    """The công văn lấy ý kiến with the draft plan appended (or, *separate*, as a second file)."""
    loaded = as_loaded(source)
    plan = loaded.plan
    folders = template_folders(loaded, templates)
    context = letter_context(plan, attach_draft=not separate)  # raises when there is no letter:
    template = load_template("letter", folders)
    out = ensure_outdir(outdir)
    targets = [target_in(out, letter_filename(plan))]
    draft = None
    if separate:
        draft = draft_plan(plan)
        targets.append(target_in(out, plan_filename(draft)))
    check_free(targets, force)
    write_atomic(targets[0], lambda handle: template.write(context, handle))
    if draft is not None:
        plan_template = load_template("plan", folders)
        draft_context = plan_context(draft)
        write_atomic(targets[1], lambda handle: plan_template.write(draft_context, handle))
    return Result(targets, list(loaded.warnings))


def find_unit(name: str, units_file: str | Path | None = None) -> Unit:
    """The unit *name*: from the units list when given, else a People's Committee of that name."""
    if units_file is not None:
        units = read_units(units_file)
        unit = units.find(name)
        if unit is None:
            known = ", ".join(u.name for u in units.units[:8]) + (" …" if len(units.units) > 8 else "")
            raise InputError(f"Không có đơn vị '{name}' trong {Path(units_file).name}; các đơn vị: {known}.")
        return unit
    try:
        return Unit(name=name, level="xã")
    except ValueError:
        raise InputError(f"--unit: tên đơn vị '{name}' không hợp lệ.") from None


def render_report(source: Source, outdir: str | Path, *, period: str, unit: str | Unit,
                  units_file: str | Path | None = None, force: bool = False, templates: Folders = None,
                  filename: str | None = None) -> Result:
    """The Báo cáo form of one *unit* for *period* (``2026-05``, ``2026-Q2``, ``2026-H1``, ``2026``)."""
    loaded = as_loaded(source)
    plan = loaded.plan
    resolved = resolve_period(plan, period)
    the_unit = unit if isinstance(unit, Unit) else find_unit(unit, units_file)
    context = report_context(plan, resolved, the_unit)
    template = load_template("report", template_folders(loaded, templates))
    out = ensure_outdir(outdir)
    target = target_in(out, filename or report_filename(the_unit, resolved))
    check_free([target], force)
    write_atomic(target, lambda handle: template.write(context, handle))
    return Result([target], list(loaded.warnings))
