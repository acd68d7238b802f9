"""The public operations: a plan (file or model) in, finished .docx files out (plan, letter, report).

The batch of report forms for every unit lives in :mod:`dvtemplate.batch`.

Each is context + engine + atomic write; the CLI and Python users call these.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from .comments.responses import ORPHANS
from .contexts.comments_table import GENERAL_LABEL, TITLE, comments_table_context
from .contexts.form import form_context
from .contexts.letter import draft_plan, letter_context, letter_symbol
from .contexts.plan import plan_context, plan_symbol
from .contexts.report import report_context, resolve_period
from .contexts.to_trinh import to_trinh_context, to_trinh_symbol
from .engine import load_template
from .errors import InputError
from .loading import LoadedPlan, load_plan
from .model import Period, Plan
from .model.units import Unit
from .output import check_free, ensure_outdir, target_in, write_atomic
from .units import read_units
from .vn import safe_filename

__all__ = [
    "Result",
    "render_plan",
    "render_letter",
    "render_report",
    "render_comments",
    "CommentsResult",
    "plan_filename",
    "letter_filename",
    "report_filename",
    "find_unit",
    "template_folders",
    "as_loaded",
]


@dataclass
class Result:
    """What an operation wrote, and the warnings the user should read."""

    files: list[Path] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def as_loaded(source: str | Path | Plan | LoadedPlan) -> LoadedPlan:
    """Accept a path, a Plan or a LoadedPlan."""
    if isinstance(source, LoadedPlan):
        return source
    if isinstance(source, Plan):
        return LoadedPlan(source, None, None, [])
    return load_plan(source)


def template_folders(loaded: LoadedPlan, templates: str | Path | Sequence[str | Path] | None) -> tuple[Path, ...]:
    """User template folders: --templates first, then the YAML's ``templates:`` (relative to the YAML)."""
    folders: list[Path] = []
    if templates:
        folders.extend(Path(t) for t in ([templates] if isinstance(templates, (str, Path)) else templates))
    if loaded.plan.templates:
        base = loaded.path.parent if loaded.path else Path.cwd()
        folders.append(base / loaded.plan.templates)
    return tuple(folders)


def plan_filename(plan: Plan) -> str:
    """'KH-UBND-2025-Ke-hoach-thuc-hien-cong-tac-dan-van.docx'-style, safe on Windows."""
    stem = f"{plan_symbol(plan)}-{plan.year}" + ("-du-thao" if plan.draft else "")
    return safe_filename(f"{stem}-{plan.title}", max_len=90) + ".docx"


def render_plan(
    source: str | Path | Plan | LoadedPlan,
    outdir: str | Path,
    *,
    force: bool = False,
    templates: str | Path | Sequence[str | Path] | None = None,
    filename: str | None = None,
) -> Result:
    """Render the Kế hoạch of *source* into *outdir*; returns the file written."""
    loaded = as_loaded(source)
    template = load_template("plan", template_folders(loaded, templates))
    context = plan_context(loaded.plan)
    out = ensure_outdir(outdir)
    target = target_in(out, filename or plan_filename(loaded.plan))
    check_free([target], force)
    write_atomic(target, lambda handle: template.write(context, handle))
    return Result([target], list(loaded.warnings))


Source = str | Path | Plan | LoadedPlan
Folders = str | Path | Sequence[str | Path] | None


def letter_filename(plan: Plan) -> str:
    """'SNV-XDCQ-Cong-van-lay-y-kien-...docx', safe on Windows."""
    assert plan.letter is not None
    return safe_filename(f"{letter_symbol(plan)}-Cong-van-{plan.letter.subject}", max_len=90) + ".docx"


def report_filename(unit: Unit, period: Period) -> str:
    """'BC-2026-Q2-Uy-ban-nhan-dan-xa-An-Binh.docx' (one unit, one period)."""
    return safe_filename(f"BC-{period.code}-{unit.name}", max_len=100) + ".docx"


def form_filename(plan: Plan) -> str:
    """'Phieu-gop-y-Thuc-hien-...docx', safe on Windows."""
    return safe_filename(f"Phieu-gop-y-{plan.title}", max_len=90) + ".docx"


def render_letter(
    source: Source,
    outdir: str | Path,
    *,
    separate: bool = False,
    force: bool = False,
    templates: Folders = None,
    form: bool = False,
) -> Result:
    """The công văn lấy ý kiến with the draft plan appended (or, *separate*, as a second file);
    with *form*, also the phiếu góp ý whose content controls ``comments`` reads back exactly."""
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
    form_target = target_in(out, form_filename(plan)) if form else None
    check_free(targets + ([form_target] if form_target else []), force)
    write_atomic(targets[0], lambda handle: template.write(context, handle))
    if draft is not None:
        plan_template = load_template("plan", folders)
        draft_context = plan_context(draft)
        write_atomic(targets[1], lambda handle: plan_template.write(draft_context, handle))
    if form_target is not None:
        form_template = load_template("form", folders)
        the_form = form_context(plan)
        write_atomic(form_target, lambda handle: form_template.write(the_form, handle))
        targets.append(form_target)
    return Result(targets, list(loaded.warnings))


def find_unit(name: str, units_file: str | Path | None = None) -> Unit:
    """The unit *name*: from the units list when given, else a People's Committee of that name."""
    if units_file is not None:
        units = read_units(units_file)
        unit = units.find(name)
        if unit is None:
            names = [u.name for u in units.units]
            close = difflib.get_close_matches(name, names, n=3, cutoff=0.5)
            if close:
                hint = "có phải: " + "; ".join(close) + "?"
            else:
                hint = "các đơn vị: " + ", ".join(names[:8]) + (" …" if len(names) > 8 else "")
            raise InputError(f"Không có đơn vị '{name}' trong {Path(units_file).name}; {hint}")
        return unit
    try:
        return Unit(name=name, level="xã")
    except ValueError:
        raise InputError(f"--unit: tên đơn vị '{name}' không hợp lệ.") from None


def render_report(
    source: Source,
    outdir: str | Path,
    *,
    period: str,
    unit: str | Unit,
    units_file: str | Path | None = None,
    force: bool = False,
    templates: Folders = None,
    filename: str | None = None,
) -> Result:
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


@dataclass
class CommentsResult(Result):
    """What ``comments`` wrote, the replies it read, files it could not use, answers left without a comment."""

    collection: Any = None
    problems: list[tuple[str, str]] = field(default_factory=list)
    orphans: list[Any] = field(default_factory=list)


def comments_filename(plan: Plan, kind: str) -> str:
    """'Ban-tong-hop-gop-y-…docx', 'TTr-…docx' or 'Tiep-thu-giai-trinh-…xlsx'."""
    stem = {"table": "Ban-tong-hop-gop-y", "to_trinh": f"{to_trinh_symbol(plan)}-To-trinh", "responses": ""}[kind]
    if kind == "responses":
        return safe_filename(f"Tiep-thu-giai-trinh-{plan.year}", max_len=60) + ".xlsx"
    return safe_filename(f"{stem}-{plan.title}", max_len=90) + ".docx"


def render_comments(
    source: Source,
    replies: Sequence[str | Path],
    outdir: str | Path,
    *,
    units_file: str | Path | None = None,
    responses: str | Path | None = None,
    to_trinh: bool = False,
    force: bool = False,
    templates: Folders = None,
    made: date | None = None,
    jobs: int | None = None,
) -> CommentsResult:
    """Read the replies, write the bản tổng hợp, the answers workbook and (*to_trinh*) the Tờ trình."""
    from .comments import collect_replies, read_responses
    from .comments.responses import answer_text, tally, write_responses

    loaded = as_loaded(source)
    plan = loaded.plan
    if plan.letter is None:
        letter_context(plan)  # raises the usual message about the missing letter:
    units = read_units(units_file) if units_file else None
    collection = collect_replies(plan, units, replies, jobs=jobs)
    comments = collection.comments
    answers = read_responses(responses) if responses else {}
    ids = {c.id for c in comments}
    orphans = [a for key, a in answers.items() if key not in ids and not a.empty]
    groups: list[tuple[str, list[dict[str, str]]]] = []
    for c in comments:
        label = c.part.display if c.part else GENERAL_LABEL
        if not groups or groups[-1][0] != label:
            groups.append((label, []))
        groups[-1][1].append({"unit": c.unit, "text": c.text, "answer": answer_text(answers.get(c.id))})
    commenting = [r.unit for r in collection.replies if r.comments]
    facts = {
        "asked": len(collection.asked) or len(collection.answered),
        "answered": len(collection.replies),
        "agreed": len({r.unit for r in collection.agreed}),
        "commenting": len(dict.fromkeys(commenting)),
        "comments": len(comments),
        "silent": len(collection.silent),
    }
    agreed = [r.unit + (f" (Công văn {r.reference})" if r.reference else "") for r in collection.agreed]
    the_tally = tally([answers.get(c.id) for c in comments]) if responses else None
    context = comments_table_context(
        plan,
        facts=facts,
        agreed=agreed,
        silent=collection.silent,
        commenting=list(dict.fromkeys(commenting)),
        groups=groups,
        tally=the_tally,
        made=made,
    )
    folders = template_folders(loaded, templates)
    out = ensure_outdir(outdir)
    table_target = target_in(out, comments_filename(plan, "table"))
    sheet_target = target_in(out, comments_filename(plan, "responses"))
    targets = [table_target, sheet_target]
    tt_context = None
    if to_trinh:
        tt_context = to_trinh_context(plan, facts=facts, tally=the_tally, table_name=TITLE, made=made)
        targets.append(target_in(out, comments_filename(plan, "to_trinh")))
    same = responses is not None and Path(responses).resolve() == sheet_target.resolve()
    check_free([t for t in targets if not (same and t == sheet_target)], force)
    template = load_template("comments_table", folders)
    write_atomic(table_target, lambda handle: template.write(context, handle))
    write_atomic(sheet_target, lambda handle: write_responses(handle, comments, answers, orphans))
    if tt_context is not None:
        tt_template = load_template("to_trinh", folders)
        write_atomic(targets[2], lambda handle: tt_template.write(tt_context, handle))
    warnings = list(loaded.warnings) + collection.warnings
    for reply in collection.unknown:
        warnings.append(f"{reply.source}: {reply.unit} không có trong danh sách đơn vị được lấy ý kiến (vẫn tổng hợp)")
    for orphan in orphans:
        warnings.append(
            f"ý kiến {orphan.id} ({orphan.unit}) đã có trả lời nhưng không còn trong các văn bản góp ý; "
            f"giữ ở trang '{ORPHANS}' của tệp trả lời"
        )
    return CommentsResult(targets, warnings, collection, list(collection.problems), orphans)
