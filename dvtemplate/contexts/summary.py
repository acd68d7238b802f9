"""A collect result → the dict the báo cáo tổng hợp template reads (document kind ``summary``).

A draft (ND30: number and day blank, DỰ THẢO mark) from the plan's issuer to the
recipient the plan names for reports: "tình hình gửi báo cáo" with counts and
lists, per content item what each unit reported (unit named), per target and
indicator a table by unit with the total the plan defines, khó khăn and kiến
nghị grouped (the same point raised by several units once, with their names).
The context takes plain data (see :mod:`dvtemplate.collect`), so it can be built
from any reader.
"""

from __future__ import annotations

import re
from typing import Any

from ..model import Plan, Recipients
from ..vn import ky_hieu, roman, upper_vn
from ..vn.nd30 import kind_abbreviation, kind_title
from .common import header_context, noi_nhan_lines, signer_context
from .report import _plan_subject, cited_plan, period_phrase

__all__ = ["summary_context", "summary_recipient", "group_points", "issuer_running_name"]

_AGG_LABELS = {"sum": "Tổng cộng", "mean": "Bình quân", "weighted": "Bình quân gia quyền", "none": ""}
_LIST_LIMIT = 60
"""Names listed in one 'tình hình gửi báo cáo' paragraph; the rest are counted (the workbook lists all)."""


def issuer_running_name(plan: Plan) -> str:
    name = plan.issuer.name
    return name[0].upper() + name[1:] if name else name


def _is_self(part: str, plan: Plan) -> bool:
    text = re.sub(r"^ubnd\b", "ủy ban nhân dân", part.strip().casefold())
    return bool(text) and plan.issuer.name.casefold().startswith(text)


def summary_recipient(plan: Plan, kind: str) -> str:
    """Who the summary goes to: the ``report_to`` of the duty that schedules this kind of report for the
    agency collecting the units' reports (without the issuer itself), else the issuer's parent, else
    ``reporting.to``."""
    collector = (plan.reporting.to if plan.reporting else "") or ""
    for assignment in plan.assignments.items if plan.assignments else []:
        for duty in assignment.duties:
            if not (duty.report_to and duty.schedule and duty.schedule.entry_for(kind)):
                continue
            if assignment.agency.casefold() in collector.casefold():
                parts = [p for p in re.split(r"\s+và\s+|;\s*", duty.report_to) if not _is_self(p, plan)]
                if parts:
                    return " và ".join(parts)
    return plan.issuer.parent or collector or plan.issuer.name


def _names(names: list[str]) -> str:
    if len(names) <= _LIST_LIMIT:
        return "; ".join(names)
    return "; ".join(names[:_LIST_LIMIT]) + f" và {len(names) - _LIST_LIMIT} đơn vị khác (xem bảng tính)"


def group_points(answers: list[tuple[str, str]]) -> list[tuple[str, list[str]]]:
    """(unit, text) → [(point, units)]: each line of each answer, the same point (case, spacing and
    punctuation ignored) said by several units once, in order of first appearance."""
    groups: dict[str, tuple[str, list[str]]] = {}
    for unit, text in answers:
        for line in (text or "").split("\n"):
            point = re.sub(r"^[-–+•*\s]+", "", line).strip().rstrip(" ;.")
            if not point:
                continue
            key = " ".join(re.sub(r"[^\w]+", " ", point.casefold()).split())
            if key not in groups:
                groups[key] = (point, [])
            if unit not in groups[key][1]:
                groups[key][1].append(unit)
    return list(groups.values())


def summary_context(plan: Plan, data: dict[str, Any], *, recipient: str | None = None) -> dict[str, Any]:
    """*data*: ``period`` (Period), ``deadline`` (date), ``counts`` (status → n), ``lists`` (status → names),
    ``other_files`` (n), ``items``/``closing`` ([(label, [(unit, text)])]), ``tables`` (see below), ``total_units``.

    A table is ``{"label", "unit", "how", "total", "reported", "rows": [(unit, value text, note)]}``.
    """
    period = data["period"]
    phrase = period_phrase(period)
    to = recipient or summary_recipient(plan, period.kind)
    name = issuer_running_name(plan)
    header = header_context(
        plan.issuer,
        number=None,
        symbol=ky_hieu(kind_abbreviation("report"), plan.issuer.abbreviation),
        issued=None,
        draft=True,
        default_year=data["deadline"].year,
    )
    section = 0
    blocks: list[dict[str, str]] = []

    def heading(title: str) -> dict[str, str]:
        nonlocal section
        section += 1
        return {"kind": "section", "lead": f"{roman(section)}. ", "text": upper_vn(title)}

    def body(text: str, lead: str = "") -> dict[str, str]:
        return {"kind": "body", "lead": lead, "text": text}

    counts, lists = data["counts"], data["lists"]
    sent = counts["on_time"] + counts["late"]
    blocks.append(heading("Tình hình gửi báo cáo"))
    blocks.append(
        body(
            f"Tổng số đơn vị phải báo cáo: {data['total_units']}; đã gửi và đọc được: {sent} "
            f"(đúng hạn: {counts['on_time']}, trễ hạn: {counts['late']}); chưa gửi: {counts['not_sent']}; "
            f"gửi nhưng không đọc được: {counts['unreadable']}. Hạn gửi báo cáo: {data['deadline']:%d/%m/%Y}."
        )
    )
    labels = (("on_time", "Đúng hạn"), ("late", "Trễ hạn"), ("not_sent", "Chưa gửi"), ("unreadable", "Không đọc được"))
    for n, (status, label) in enumerate([x for x in labels if lists[x[0]]], 1):
        blocks.append({"kind": "item", "lead": f"{n}. {label} ({len(lists[status])} đơn vị): ", "text": ""})
        blocks.append(body(_names(lists[status]) + "."))
    if data.get("unreadable_files"):
        files = data["unreadable_files"]
        blocks.append(
            body(
                f"Có {len(files)} tệp gửi về không đọc được (tệp Word cũ .doc, PDF, tệp hỏng…), cần đơn vị gửi lại "
                f"bản .docx theo mẫu: {_names(files)}."
            )
        )
    if data.get("other_files"):
        blocks.append(
            body(
                f"Ngoài ra có {data['other_files']} tệp không sử dụng (kỳ hoặc kế hoạch khác, bản gửi trùng, "
                "đơn vị ngoài danh sách); chi tiết tại bảng tính kèm theo."
            )
        )
    blocks.append(heading("Kết quả thực hiện các nhiệm vụ"))
    for n, (label, answers) in enumerate(data["items"], 1):
        blocks.append({"kind": "item", "lead": f"{n}. {label}", "text": ""})
        if not answers:
            blocks.append(body("Chưa có đơn vị báo cáo nội dung này."))
        for unit, text in answers:
            blocks.append(body(f"{unit}: {' '.join(text.split())}", lead="- "))
    closing: list[dict[str, str]] = []
    tables_heading = heading("Kết quả thực hiện các chỉ tiêu, chỉ số") if data["tables"] else {"lead": "", "text": ""}
    tables = []
    for n, table in enumerate(data["tables"], 1):
        unit = f" ({table['unit']})" if table["unit"] else ""
        how = _AGG_LABELS[table["how"]]
        tables.append(
            {
                "title": f"{n}. {table['label']}{unit}",
                "rows": [
                    {"stt": str(i), "unit": u, "value": v, "note": note}
                    for i, (u, v, note) in enumerate(table["rows"], 1)
                ],
                "total_label": how or "Số đơn vị báo cáo",
                "total": table["total"] if how else str(table["reported"]),
            }
        )
    overview = [
        {"stt": str(i), "label": t["label"], "unit": t["unit"], "reported": str(t["reported"]), "total": t["total"]}
        for i, t in enumerate(data["tables"], 1)
    ]
    for title, answers in data["closing"]:
        closing.append(heading(title))
        points = group_points(answers)
        if not points:
            closing.append(body("Các đơn vị không nêu."))
        for point, units in points:
            closing.append(body(f"{point} ({_names(units)}).", lead="- "))
    subject = f"Tổng hợp kết quả thực hiện Kế hoạch {_plan_subject(plan)} {phrase}"
    lead = (
        f"Thực hiện {cited_plan(plan)}, {name} tổng hợp báo cáo {phrase} của các cơ quan, đơn vị, địa phương như sau:"
    )
    signer = signer_context(plan.signer)
    return {
        "kind": "summary",
        "draft": True,
        "header": header,
        "type_name": kind_title("report"),
        "subject": subject,
        "kinh_gui": to,
        "lead": lead,
        "blocks": blocks,
        "has_tables": bool(tables),
        "tables_heading": tables_heading,
        "overview": overview,
        "tables": tables,
        "closing_blocks": closing,
        "ending": f"Trên đây là báo cáo tổng hợp kết quả thực hiện Kế hoạch {phrase} của {name}./.",
        "noi_nhan": noi_nhan_lines(Recipients(items=[to], archive="VT")),
        "signer": signer,
        "footnotes": {},
    }


def example_context(plan: Plan) -> dict[str, Any]:
    """A summary for ``templates lint``: two units, one item, one indicator table."""
    import datetime as _dt

    from ..model import Period

    data = {
        "period": Period("yearly", plan.year),
        "deadline": _dt.date(plan.year, 12, 15),
        "counts": {"on_time": 1, "late": 1, "not_sent": 0, "unreadable": 0},
        "lists": {"on_time": ["Xã Mẫu"], "late": ["Phường Mẫu"], "not_sent": [], "unreadable": []},
        "other_files": 0,
        "unreadable_files": [],
        "total_units": 2,
        "items": [("Nhiệm vụ mẫu", [("Xã Mẫu", "Đã thực hiện.")])],
        "closing": [("Khó khăn, vướng mắc", [("Xã Mẫu", "Thiếu kinh phí.")]), ("Đề xuất, kiến nghị", [])],
        "tables": [
            {
                "label": "Số cuộc đối thoại",
                "unit": "cuộc",
                "how": "sum",
                "total": "5",
                "reported": 2,
                "rows": [("Xã Mẫu", "2", ""), ("Phường Mẫu", "3", "")],
            }
        ],
    }
    return summary_context(plan, data)
