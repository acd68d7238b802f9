"""Plan + period + unit → the dict the Báo cáo form template reads.

A batch renders the same form for thousands of units, so the context is built
in two steps: :func:`report_base` does everything that depends only on the
plan and the period (title, headings, targets table, deadline) once, and
:func:`unit_context` adds the few unit fields (header, lead-in, signer) per
unit with a shallow copy. Both results are plain dicts of strings and lists,
cheap to send to worker processes.
"""

from __future__ import annotations

import re
from typing import Any

from ..errors import InputError
from ..model import FOOTNOTE_MARK, Period, Plan
from ..model.forms import (
    CLOSING_AREAS,
    FORM_VERSION,
    HINT_NUMBER,
    HINT_TEXT,
    HINT_YES_NO,
    NEXT_TAG,
    PROPOSALS_LABEL,
    PROPOSALS_TAG,
    assigned_targets,
    form_fields,
    identity_line,
    plan_reference,
)
from ..model.periods import PERIOD_EXAMPLES, report_deadline, resolve_period
from ..model.symbols import plan_symbol
from ..model.units import Unit
from ..vn import (
    cite_document,
    date_line,
    ky_hieu,
    lower_first,
    recipient_lines,
    roman,
    short_date,
    signer_lines,
    so_line,
    upper_vn,
)
from ..vn.nd30 import COLLECTIVE, kind_abbreviation, kind_title
from .common import issuer_header

__all__ = [
    "report_base",
    "cited_plan",
    "unit_context",
    "report_context",
    "refuse_party_body",
    "period_phrase",
    "example_context",
    "DOTS_PER_ITEM",
    "NAME_PLACEHOLDER",
]

DOTS_PER_ITEM = 3
"""Dotted lines left under each heading for the unit to write its results."""

NAME_PLACEHOLDER = "…………………………"
"""The signer's name, written by hand (the form goes to many units)."""


def period_phrase(period: Period) -> str:
    """'quý II năm 2026', '6 tháng đầu năm 2026', 'tháng 5 năm 2026', 'năm 2026'."""
    if period.kind == "yearly":
        return f"năm {period.year}"
    label = period.label
    return f"{label} {period.year}" if label.endswith("năm") else f"{label} năm {period.year}"


def _next_phrase(period: Period) -> str:
    return {
        "monthly": "tháng tới",
        "quarterly": "quý tới",
        "half_year": "6 tháng cuối năm" if period.index == 1 else f"năm {period.year + 1}",
        "yearly": f"năm {period.year + 1}",
    }[period.kind]


def _plain(text: str | None) -> str:
    """Text without footnote markers (a form has no footnotes)."""
    return " ".join(FOOTNOTE_MARK.sub("", text or "").split())


def _short(text: str, limit: int = 110) -> str:
    """A heading from an item without a title: its first sentence, cut at a word."""
    first = re.split(r"(?<=[.;:])\s", text, maxsplit=1)[0].rstrip(" .;:")
    if len(first) <= limit:
        return first
    return first[:limit].rsplit(" ", 1)[0].rstrip(" ,;") + "…"


def _plan_subject(plan: Plan) -> str:
    """The plan's subject without a leading 'thực hiện' and its own period ('năm 2026')."""
    title = lower_first(_plain(plan.title))
    title = re.sub(r"^thực hiện\s+", "", title)
    title = re.sub(r",?\s*(năm \d{4}|giai đoạn \d{4}\s*-\s*\d{4})\s*$", "", title)
    return title


def _target_plan_value(target) -> str:
    if not target.value:
        return ""
    unit = target.unit or ""
    return f"{target.value}{'' if unit in ('%', '') else ' '}{unit}"


def cited_plan(plan: Plan) -> str:
    """'Kế hoạch số 09/KH-UBND ngày 08/01/2026 của Ủy ban nhân dân tỉnh … về …' (as the form and summary cite it)."""
    plan_issued = plan.issued.complete if plan.issued else None
    return cite_document(
        "Kế hoạch",
        plan.number,
        plan_symbol(plan) if plan.number else None,
        plan_issued,
        plan.issuer.name,
        lower_first(_plain(plan.title)),
    )


def _room(field=None) -> list[dict[str, str]]:
    """Room to answer: with *field*, its content control alone (typed text leaves no dotted line behind);
    without, dotted writing lines."""
    if field is None:
        return [{"kind": "dots", "lead": "", "text": ""} for _ in range(DOTS_PER_ITEM)]
    return [{"kind": "field", "lead": "", "text": "", "tag": field.tag, "alias": field.alias, "hint": HINT_TEXT}]


def _closing(fields: dict[str, Any], period: Period) -> list[dict[str, str]]:
    """Đánh giá chung (ưu điểm, hạn chế, nguyên nhân, khó khăn), phương hướng, kiến nghị: each an answer area.
    Section headings carry ``lead`` None: numbered per unit (:func:`_numbered`)."""
    blocks: list[dict[str, str]] = [{"kind": "section", "lead": None, "text": upper_vn("Đánh giá chung")}]
    for i, (tag, _kind, label) in enumerate(CLOSING_AREAS[:4], 1):
        blocks.append({"kind": "item", "lead": f"{i}. {label}", "text": ""})
        blocks.extend(_room(fields[tag]))
    blocks.append({"kind": "section", "lead": None, "text": upper_vn(f"Phương hướng, nhiệm vụ {_next_phrase(period)}")})
    blocks.extend(_room(fields[NEXT_TAG]))
    blocks.append({"kind": "section", "lead": None, "text": upper_vn(PROPOSALS_LABEL)})
    blocks.extend(_room(fields[PROPOSALS_TAG]))
    return blocks


def report_base(plan: Plan, period: Period | str) -> dict[str, Any]:
    """Everything of the form that depends only on the plan and the period (computed once per batch)."""
    if isinstance(period, str):
        period = resolve_period(plan, period)
    deadline = report_deadline(plan, period)
    phrase = period_phrase(period)
    collector = (plan.reporting.to if plan.reporting else None) or plan.issuer.name
    fields = {f.tag: f for f in form_fields(plan)}
    by_kind = {kind: [f for f in fields.values() if f.kind == kind] for kind in ("item", "target", "ind")}
    blocks: list[dict[str, str]] = [
        {"kind": "section", "lead": None, "text": upper_vn("Kết quả thực hiện các nhiệm vụ")}
    ]
    for i, (item, field) in enumerate(zip(plan.all_items(), by_kind["item"], strict=True), 1):
        texts = [p for p in item.paragraphs if isinstance(p, str)]
        title = _plain(item.title) or _short(_plain(item.text or (texts[0] if texts else "")))
        blocks.append({"kind": "item", "lead": f"{i}. {title.rstrip(' .:;')}", "text": ""})
        blocks.extend(_room(field))
    if len(blocks) == 1:
        blocks.extend(_room())
    targets = []
    for i, (target, field) in enumerate(
        zip(plan.targets.items if plan.targets else [], by_kind["target"], strict=True), 1
    ):
        note = f"Năm {target.due_year}" if target.due_year and target.due_year != period.year else ""
        targets.append(
            {"stt": str(i), "text": _plain(target.text).rstrip(" .;:"), "plan": _target_plan_value(target)}
            | {"result": "", "rate": "", "note": note, "tag": field.tag, "alias": field.alias, "hint": HINT_NUMBER}
        )
    indicators = []
    for i, field in enumerate(by_kind["ind"], 1):
        ind = field.indicator
        hint = HINT_YES_NO if ind.type == "yes_no" else (HINT_TEXT if ind.type == "text" else HINT_NUMBER)
        indicators.append(
            {"stt": str(i), "text": ind.label, "unit": ind.unit_label, "tag": field.tag, "alias": field.alias}
            | {"hint": hint}
        )
    closing = _closing(fields, period)
    plan_ref = plan_reference(plan.number, plan_symbol(plan), plan.year)
    noi_nhan = recipient_lines([], "VT", as_above=True)  # the collector is named under "Kính gửi"
    return {
        "kind": "report",
        "draft": False,
        "type_name": kind_title("report"),
        "subject": f"Kết quả thực hiện Kế hoạch {_plan_subject(plan)} {phrase}",
        "kinh_gui": collector,
        "cited_plan": cited_plan(plan),
        "period": {"code": period.code, "label": period.label, "phrase": phrase, "year": period.year},
        "deadline": short_date(deadline),
        "deadline_iso": deadline.isoformat(),
        "blocks": blocks,
        "all_targets": targets,
        "target_owners": [list(t.responsible) for t in (plan.targets.items if plan.targets else [])],
        "indicators": indicators,
        "plan_ref": plan_ref,
        "plan_year": plan.year,
        "form_version": FORM_VERSION,
        "closing_blocks": closing,
        # the last heading and its room stay on the page of the signature (a form never ends
        # on a page holding only the closing): the template keeps this many final blocks with it
        "closing_keep": len(closing) - max(i for i, b in enumerate(closing) if b["kind"] == "section"),
        "noi_nhan": noi_nhan,
        "footnotes": {},
        "fallback_place": plan.issuer.place,
        "year": deadline.year,
        "numbered": {},
    }


def _numbered(base: dict[str, Any], asked: tuple[int, ...]) -> dict[str, Any]:
    """The parts of the form that depend on which chỉ tiêu a unit reports: the targets table and the
    section numbers (a unit asked no chỉ tiêu has no section for them). Built once per set of targets."""
    cached = base["numbered"].get(asked)
    if cached is not None:
        return cached
    count = 0

    def numbered(block: dict[str, str]) -> dict[str, str]:
        nonlocal count
        count += 1
        return {**block, "lead": f"{roman(count)}. "}

    blocks = [numbered(b) if b["kind"] == "section" else b for b in base["blocks"]]
    targets = [t for t in base["all_targets"] if int(t["stt"]) in asked]
    targets = [{**t, "stt": str(i)} for i, t in enumerate(targets, 1)]
    empty = {"lead": "", "text": ""}
    targets_heading = numbered({"text": upper_vn("Kết quả thực hiện các chỉ tiêu")}) if targets else empty
    indicators_heading = numbered({"text": upper_vn("Số liệu các chỉ số")}) if base["indicators"] else empty
    closing = [numbered(b) if b["kind"] == "section" else b for b in base["closing_blocks"]]
    parts = {
        "blocks": blocks,
        "has_targets": bool(targets),
        "targets_heading": targets_heading,
        "targets": targets,
        "has_indicators": bool(base["indicators"]),
        "indicators_heading": indicators_heading,
        "closing_blocks": closing,
        "asked": ",".join(str(n) for n in asked),
    }
    base["numbered"][asked] = parts
    return parts


def _signer_lines(unit: Unit) -> list[str]:
    if unit.is_committee and unit.symbol_abbreviation == "UBND":
        return signer_lines(COLLECTIVE, "Ủy ban nhân dân", None, unit.signer_title or "Chủ tịch")
    return [upper_vn(unit.signer_title or "Thủ trưởng đơn vị")]


def _own_channel(collector: str, unit: Unit) -> str:
    """'UBND tỉnh (qua Sở Nội vụ)' for Sở Nội vụ itself → 'UBND tỉnh': a unit does not send its report through itself."""
    m = _THROUGH.search(collector)
    if m and " ".join(m.group(1).casefold().split()) == unit.key:
        return collector[: m.start()].rstrip()
    return collector


_THROUGH = re.compile(r"\s*\(qua\s+([^()]+)\)\s*$")


def refuse_party_body(unit: Unit) -> None:
    """InputError for a body of the Party: its reports follow the Party's own layout, not this form's."""
    if unit.is_party:
        raise InputError(
            f"Đơn vị '{unit.name}' là cơ quan, tổ chức của Đảng; mẫu báo cáo này theo thể thức văn bản hành chính "
            "của cơ quan nhà nước, không dùng cho văn bản của Đảng.",
            hint="Bỏ đơn vị khỏi danh sách đơn vị, hoặc gửi đơn vị mẫu báo cáo theo thể thức văn bản của Đảng.",
            field="unit",
        )


def unit_context(base: dict[str, Any], unit: Unit) -> dict[str, Any]:
    """*base* completed for one unit: header, lead-in, closing sentence, signer (a shallow copy)."""
    context = dict(base)
    del context["numbered"]
    context.update(_numbered(base, tuple(assigned_targets(base["target_owners"], unit))))
    symbol = ky_hieu(kind_abbreviation("report"), unit.symbol_abbreviation)
    parent = None if unit.is_committee else unit.parent  # a People's Committee has no cơ quan chủ quản line
    context["header"] = {
        **issuer_header(parent, unit.name),
        "so": so_line(None, symbol),
        "date_line": date_line(unit.place_name or base["fallback_place"], None, None, base["year"]),
        "symbol": symbol,
    }
    context["unit"] = {"name": unit.name, "email": unit.email or ""}
    context["kinh_gui"] = _own_channel(base["kinh_gui"], unit)
    context["lead"] = (
        f"Thực hiện {base['cited_plan']}, {unit.name} báo cáo kết quả thực hiện {base['period']['phrase']} như sau:"
    )
    context["ending"] = f"Trên đây là báo cáo kết quả thực hiện {base['period']['phrase']} của {unit.name}./."
    context["signer"] = {"lines": _signer_lines(unit), "name": NAME_PLACEHOLDER}
    period = base["period"]["code"]
    identity = identity_line(unit.name, period, base["plan_ref"], base["plan_year"], base["form_version"])
    context["identity"] = identity
    context["instruction"] = f"Hạn gửi báo cáo: trước ngày {base['deadline']}. {identity}"
    values = {"unit": unit.name, "period": period, "plan": base["plan_ref"], "plan_year": str(base["plan_year"])}
    values["version"] = base["form_version"]
    values["targets"] = context["asked"]
    context["properties"] = values  # keys of PROPS; the template names each property
    return context


def report_context(plan: Plan, period: Period | str, unit: Unit) -> dict[str, Any]:
    """The complete context of one unit's form."""
    return unit_context(report_base(plan, period), unit)


def example_context(plan: Plan) -> dict[str, Any]:
    """A real report context for ``templates lint`` (first scheduled period, a sample commune)."""
    entries = plan.reporting.entries if plan.reporting else []
    kind = entries[0].kind if entries else "yearly"
    if not entries:
        from ..model import ReportingSchedule, ScheduleEntry

        plan = plan.model_copy(
            update={"reporting": ReportingSchedule(entries=[ScheduleEntry(kind="yearly", date="15/12")])}
        )
    code = PERIOD_EXAMPLES[kind].format(y=plan.year)
    return report_context(plan, code, Unit(name="Ủy ban nhân dân xã Mẫu", level="xã", parent="UBND tỉnh Mẫu"))
