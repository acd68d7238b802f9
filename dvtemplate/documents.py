"""The public operations: a plan (file or model) in, finished .docx files out (plan, letter, report).

The batch of report forms for every unit lives in :mod:`dvtemplate.batch`.

Each is context + engine + atomic write; the CLI and Python users call these.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .comments import CommentsResult, run_comments
from .contexts.form import form_context
from .contexts.letter import draft_plan, letter_context
from .contexts.plan import plan_context
from .contexts.report import refuse_party_body, report_context
from .engine import load_template
from .errors import InputError
from .loading import LoadedPlan, as_loaded, template_folders
from .model import Period, Plan
from .model.periods import resolve_period
from .model.symbols import letter_symbol, plan_symbol
from .model.units import BODY_WORD, Unit, committee_parts
from .output import ensure_outdir, target_in, write_new
from .units import read_units
from .validation_messages import vietnamese_message
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
    "unit_from_name",
    "UNIT_FIELDS",
    "template_folders",
    "as_loaded",
]


@dataclass
class Result:
    """What an operation wrote, and the warnings the user should read."""

    files: list[Path] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    """Among ``files``, those that already held exactly this content (not rewritten)."""


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
    _written, unchanged = write_new([(target, template.render_bytes(context))], force)
    return Result([target], list(loaded.warnings), unchanged)


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
    context = letter_context(plan, attach_draft=not separate, form=form)  # raises when there is no letter:
    template = load_template("letter", folders)
    out = ensure_outdir(outdir)
    targets = [target_in(out, letter_filename(plan))]
    outputs = [(targets[0], template.render_bytes(context))]
    if separate:
        draft = draft_plan(plan)
        targets.append(target_in(out, plan_filename(draft)))
        outputs.append((targets[1], load_template("plan", folders).render_bytes(plan_context(draft))))
    if form:
        form_target = target_in(out, form_filename(plan))
        outputs.append((form_target, load_template("form", folders).render_bytes(form_context(plan))))
        targets.append(form_target)
    _written, unchanged = write_new(outputs, force)
    return Result(targets, list(loaded.warnings), unchanged)


def find_unit(name: str, units_file: str | Path | None = None, **fields: str | None) -> Unit:
    """The unit *name*: from the units list when given (*fields* given override its columns),
    else from the name and *fields* (see :func:`unit_from_name`)."""
    if units_file is None:
        return unit_from_name(name, **fields)
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
    given = {k: v for k, v in fields.items() if k in UNIT_FIELDS and v not in (None, "")}
    if given:
        try:
            return Unit(**{**unit.model_dump(), **given})
        except ValueError as exc:
            raise InputError(f"Đơn vị '{name}': {_first_error(exc)}") from None
    return unit


UNIT_FIELDS = ("level", "abbreviation", "place", "parent", "signer_title", "email")
"""What a caller may give about a unit that is not in a units list."""


def unit_from_name(name: str, **fields: str | None) -> Unit:
    """A unit known only by its *name* (and whatever *fields* the caller gives).

    What is safe is inferred: 'Ủy ban nhân dân xã An Bình' (or phường, đặc khu, tỉnh) is that
    commune's People's Committee (BC-UBND, 'TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH', place 'An Bình').
    Anything else ('Sở Nội vụ', 'Phòng Văn hóa - Xã hội') needs its abbreviation and signer's
    title: an InputError names the missing fields. Nothing is guessed silently.
    """
    given = {k: v for k, v in fields.items() if k in UNIT_FIELDS and v not in (None, "")}
    parts = committee_parts(name)
    if parts is not None and not BODY_WORD.match(name):
        level, place = parts
        given.setdefault("level", level)
        given.setdefault("place", place)
    else:
        missing = [f for f in ("abbreviation", "signer_title") if f not in given]
        if missing and "level" not in given and re.match(r"^\s*(ủy ban nhân dân|uỷ ban nhân dân|ubnd)\s", name, re.I):
            raise InputError(
                f"Đơn vị '{name}': không suy ra được cấp (level) và địa danh (place) từ tên. Từ 01/7/2025 chính "
                "quyền địa phương có hai cấp: tỉnh, thành phố; xã, phường, đặc khu (không còn huyện, quận, "
                "thị xã, thị trấn).",
                hint="Ghi đúng tên mới, ví dụ 'Ủy ban nhân dân xã An Bình', hoặc khai báo đơn vị trong danh sách "
                "đơn vị (cột 'Cấp', 'Địa danh').",
            )
        if missing:
            wanted = {
                "abbreviation": "chữ viết tắt trong ký hiệu (abbreviation, ví dụ SNV cho Sở Nội vụ)",
                "signer_title": "chức vụ người ký (signer_title, ví dụ Giám đốc)",
            }
            raise InputError(
                f"Đơn vị '{name}' không phải Ủy ban nhân dân xã, phường, đặc khu hoặc tỉnh, nên không suy ra được "
                f"ký hiệu và người ký; cần: " + "; ".join(wanted[f] for f in missing) + ".",
                hint="Khai báo đơn vị trong danh sách đơn vị (cột 'Viết tắt', 'Chức vụ người ký'), hoặc ghi các "
                "trường đó kèm lệnh báo cáo.",
                field="unit_fields",
            )
        given.setdefault("level", "sở" if re.match(r"^\s*sở\b", name, re.IGNORECASE) else "khác")
    try:
        return Unit(name=name, **given)
    except ValueError as exc:
        raise InputError(f"Đơn vị '{name}': {_first_error(exc)}", field="unit") from None


def _first_error(exc: ValueError) -> str:
    errors = getattr(exc, "errors", None)
    if callable(errors):
        first = errors(include_url=False)[0]
        field_name = ".".join(str(k) for k in first.get("loc", ())) or "name"
        message = vietnamese_message(first)
        return f"trường {field_name}: {message}"
    return str(exc)


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
    unit_fields: dict[str, str | None] | None = None,
) -> Result:
    """The Báo cáo form of one *unit* for *period* (``2026-05``, ``2026-Q2``, ``2026-H1``, ``2026``).

    *unit* is a :class:`Unit`, or a name looked up in *units_file*, or (no list) a name from
    which only a People's Committee is inferred; *unit_fields* (``abbreviation``,
    ``signer_title``, ``place``, ``level``, ``parent``, ``email``) give or override the rest.
    """
    loaded = as_loaded(source)
    plan = loaded.plan
    resolved = resolve_period(plan, period)
    the_unit = unit if isinstance(unit, Unit) else find_unit(unit, units_file, **(unit_fields or {}))
    refuse_party_body(the_unit)
    warnings = list(loaded.warnings)
    if the_unit.place_name is None:
        warnings.append(
            f"Đơn vị '{the_unit.name}': dòng địa danh lấy theo kế hoạch ('{plan.issuer.place}'); "
            "nếu khác, ghi trường place (địa danh) của đơn vị."
        )
    context = report_context(plan, resolved, the_unit)
    template = load_template("report", template_folders(loaded, templates))
    out = ensure_outdir(outdir)
    target = target_in(out, filename or report_filename(the_unit, resolved))
    _written, unchanged = write_new([(target, template.render_bytes(context))], force)
    return Result([target], warnings, unchanged)


render_comments = run_comments
"""Read the replies, write the bản tổng hợp, the answers workbook and (*to_trinh*) the Tờ trình: the
comments loop of :mod:`dvtemplate.comments.run`, as ``collect``'s is :func:`dvtemplate.collect.run_collect`."""
