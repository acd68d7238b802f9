"""``collect``: read every returned form, decide each unit's status, add the figures up.

Stateless and re-runnable: every run reads all INPUTs again, so when more forms
arrive the clerk runs the same command (with ``--force`` to replace the previous
outputs) and gets the complete picture. Reading is spread over a process pool like
:mod:`dvtemplate.returns.pool` (as ``batch``); workers return only small results, never documents.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from ..model import Period, Plan
from ..model.forms import assigned_targets, form_fields, indicator_tag, plan_reference, target_owners
from ..model.periods import report_deadline, resolve_period
from ..model.symbols import plan_symbol
from ..model.units import Unit, name_key
from ..returns import READ_SERIAL_BELOW, run_chunks, split
from ..units import UnitList, read_units
from ..vn import safe_filename
from .form import Answer, FormRead, Spec, read_report_form
from .sources import Source, gather_sources, load_bytes

__all__ = [
    "output_names",
    "USED_REASONS",
    "CollectResult",
    "UnitRow",
    "Total",
    "collect_forms",
    "specs_for",
    "UNIT_STATUSES",
]

UNIT_STATUSES = {
    "on_time": "Đúng hạn",
    "late": "Trễ hạn",
    "not_sent": "Chưa gửi",
    "unreadable": "Không đọc được",
}


@dataclass
class UnitRow:
    """One unit: its status, the file kept, its answers."""

    unit: Unit
    status: str = "not_sent"
    file: str = ""
    sha256: str = ""
    date: _dt.datetime | None = None
    answers: dict[str, Answer] = field(default_factory=dict)
    tracked: bool = False
    note: str = ""
    asked: frozenset[str] | None = None
    """The chỉ tiêu (numbers as text) this unit's form asks; None: every one."""

    def asks(self, spec: Spec) -> bool:
        return spec.kind != "target" or self.asked is None or spec.ref in self.asked


@dataclass
class Total:
    """The aggregate of one field over the units that reported it."""

    value: object = None
    reported: int = 0
    missing: int = 0
    invalid: int = 0
    how: str = "none"


@dataclass
class CollectResult:
    plan: Plan
    period: Period
    deadline: _dt.date
    specs: list[Spec]
    rows: list[UnitRow] = field(default_factory=list)
    problems: list[tuple[str, str]] = field(default_factory=list)
    """(file, reason) of every file not used: unreadable, other period/plan, duplicate, unknown unit."""
    totals: dict[str, Total] = field(default_factory=dict)
    skipped: int = 0
    files: list[Path] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def unreadable(self) -> int:
        """Files that could not be read at all (the exit status is 1 when there is one)."""
        return sum(1 for _, reason in self.problems if not reason.startswith(USED_REASONS))

    def count(self, status: str) -> int:
        return sum(1 for r in self.rows if r.status == status)

    def invalid_values(self) -> list[str]:
        return [a.problem for r in self.rows for a in r.answers.values() if a.status == "invalid"]


USED_REASONS = ("bản cũ hơn", "mẫu của kỳ", "mẫu của kế hoạch", "đơn vị không có trong danh sách")


def output_names(code: str, remind: bool) -> list[str]:
    """The files collect writes for period *code* (fixed names: a re-run finds its previous outputs)."""
    names = [f"BC-tong-hop-{code}.docx", f"tong-hop-{code}.xlsx"]
    return names + ([f"CV-don-doc-{code}.docx"] if remind else [])


def specs_for(plan: Plan) -> list[Spec]:
    """The answer areas of the plan's form, with the type each value must have."""
    specs = []
    targets = plan.targets.items if plan.targets else []
    for f in form_fields(plan):
        vtype, unit = "text", ""
        if f.kind == "target":
            target = targets[int(f.ref) - 1]
            unit = target.unit or ""
            vtype = "percent" if unit.strip() == "%" else "decimal"
        elif f.kind == "ind":
            vtype, unit = f.indicator.type, f.indicator.unit_label
        specs.append(Spec(f.tag, f.alias, f.kind, f.ref, f.label, vtype, unit))
    return specs


# ----------------------------------------------------------------------------- workers
_SPECS: list[Spec] = []


def _init(specs: list[Spec]) -> None:
    _SPECS[:] = specs


def _read_chunk(chunk: list[tuple[int, Source]]) -> list[tuple[int, FormRead, str]]:
    out = []
    for index, source in chunk:
        data, digest, problem = load_bytes(source)
        if data is None:
            out.append((index, FormRead(source.name, error=problem), digest))
            continue
        out.append((index, read_report_form(data, source.name, _SPECS), digest))
    return out


def _read_all(sources: list[Source], specs, jobs: int, progress) -> list[tuple[FormRead, str]]:
    """Every source read (in the shared pool when there is enough work), in the order of *sources*."""
    work = list(enumerate(sources))
    done: list = [None] * len(work)
    jobs = 1 if len(work) < READ_SERIAL_BELOW else jobs
    for rows in run_chunks(_read_chunk, split(work, jobs), jobs=jobs, initializer=_init, initargs=(specs,)):
        for index, read, digest in rows:
            done[index] = (read, digest)
        if progress:
            progress(len(rows))
    return done


# ----------------------------------------------------------------------------- deciding
_key = name_key  # the unit-name key of model/units.py


def collect_forms(
    plan: Plan,
    period: str | Period,
    inputs: list[str | Path],
    *,
    units: UnitList | str | Path | None = None,
    jobs: int = 1,
    progress: Callable[[int], None] | None = None,
    on_sources: Callable[[int], None] | None = None,
) -> CollectResult:
    """Read the forms in *inputs* for *period* of *plan*; statuses by unit, totals by field."""
    resolved = period if isinstance(period, Period) else resolve_period(plan, period)
    deadline = report_deadline(plan, resolved)
    unit_list = read_units(units) if isinstance(units, (str, Path)) else units
    specs = specs_for(plan)
    result = CollectResult(plan, resolved, deadline, specs)
    if unit_list is not None:
        result.warnings.extend(str(p) for p in unit_list.problems)
    sources, result.skipped = gather_sources(inputs)
    if on_sources:
        on_sources(len(sources))
    reads = _read_all(sources, specs, jobs, progress)
    plan_ref = plan_reference(plan.number, plan_symbol(plan), plan.year)
    rows: dict[str, UnitRow] = {}
    if unit_list is not None:
        for unit in unit_list.units:
            rows[_key(unit.name)] = UnitRow(unit)
    by_file = {safe_filename(f"BC-{resolved.code}-{r.unit.name}", max_len=100).casefold(): k for k, r in rows.items()}
    candidates: dict[str, list[tuple[Source, FormRead, str]]] = {}
    for source, (read, digest) in zip(sources, reads, strict=True):
        if read.error or not read.identity:
            reason = read.error or "không nhận ra mẫu báo cáo (không có dòng 'Mẫu dành cho' hay thuộc tính đơn vị)"
            result.problems.append((source.name, reason))
            stem = Path(source.name).stem.casefold()
            if stem in by_file and rows[by_file[stem]].status == "not_sent":
                rows[by_file[stem]].status, rows[by_file[stem]].file = "unreadable", source.name
            continue
        ident = read.identity
        if ident.get("period") != resolved.code:
            result.problems.append((source.name, f"mẫu của kỳ {ident.get('period')}, không phải kỳ {resolved.code}"))
            continue
        if ident.get("plan") != plan_ref or ident.get("plan_year") != str(plan.year):
            shown = f"{ident.get('plan')} năm {ident.get('plan_year')}"
            result.problems.append((source.name, f"mẫu của kế hoạch {shown}, không phải {plan_ref} năm {plan.year}"))
            continue
        result.warnings.extend(f"{source.name}: {note}" for note in read.notes)
        key = _key(ident.get("unit", ""))
        if unit_list is not None and key not in rows:
            result.problems.append((source.name, f"đơn vị không có trong danh sách: {ident.get('unit')}"))
            continue
        candidates.setdefault(key, []).append((source, read, digest))
    for key, found in candidates.items():
        found.sort(key=lambda x: (x[0].date or _dt.datetime.min, x[0].name), reverse=True)
        source, read, digest = found[0]
        for older, _, _ in found[1:]:
            result.problems.append((older.name, f"bản cũ hơn của {read.identity['unit']} (đã dùng {source.name})"))
        row = rows.get(key) or UnitRow(Unit(name=read.identity["unit"]))
        rows[key] = row
        row.file, row.sha256, row.date, row.answers, row.tracked = (
            source.name,
            digest,
            source.date,
            read.answers,
            read.tracked,
        )
        row.status = "late" if source.date and source.date.date() > deadline else "on_time"
        asked = read.identity.get("targets")
        row.asked = frozenset(asked.split(",")) if asked is not None else None
        if read.tracked:
            row.note = "còn thay đổi chưa chấp nhận (Track Changes); đã tính phần thêm, bỏ phần xóa"
        row.note = "; ".join(filter(None, [row.note, *read.notes]))
    result.rows = list(rows.values()) if unit_list is not None else sorted(rows.values(), key=lambda r: r.unit.name)
    owners = target_owners(plan)
    for row in result.rows:
        if row.asked is None:  # a form without the property (version 1, or dropped): as the plan assigns
            row.asked = frozenset(str(n) for n in assigned_targets(owners, row.unit))
    result.totals = {spec.tag: _total(spec, result.rows, plan) for spec in specs}
    return result


def _aggregate_of(spec: Spec, plan: Plan) -> tuple[str, str | None]:
    if spec.kind == "ind":
        ind = next(i for i in plan.reporting.indicators if i.key == spec.ref)
        return ind.aggregate or "none", ind.weight
    if spec.kind == "target":
        return ("mean" if spec.vtype == "percent" else "sum"), None
    return "none", None


def _total(spec: Spec, rows: list[UnitRow], plan: Plan) -> Total:
    how, weight = _aggregate_of(spec, plan)
    total = Total(how=how if spec.vtype != "text" else "none")
    values = []
    for row in rows:
        if row.status not in ("on_time", "late") or not row.asks(spec):
            continue
        answer = row.answers.get(spec.tag)
        status = answer.status if answer else "missing"
        if status in ("ok", "recovered"):
            total.reported += 1
            values.append((row, answer.value))
        elif status == "invalid":
            total.invalid += 1
        else:
            total.missing += 1
    if total.how == "none":
        return total
    numbers = [(row, Decimal(int(v)) if isinstance(v, bool) else Decimal(v)) for row, v in values if v is not None]
    if how == "sum" and spec.vtype != "text":
        total.value = sum((v for _, v in numbers), Decimal(0)) if numbers else None
    elif how == "mean" and numbers:
        total.value = sum(v for _, v in numbers) / len(numbers)
    elif how == "weighted" and numbers:
        pairs = []
        for row, v in numbers:
            w = row.answers.get(indicator_tag(weight))
            if w is not None and w.status in ("ok", "recovered") and w.value is not None:
                pairs.append((v, Decimal(w.value)))
        weights = sum(w for _, w in pairs)
        total.value = sum(v * w for v, w in pairs) / weights if weights else None
    return total
