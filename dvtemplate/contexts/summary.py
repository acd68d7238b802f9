"""A collect result → the dict the báo cáo tổng hợp template reads (document kind ``summary``).

A draft (ND30: number and day blank, DỰ THẢO mark) from the plan's issuer to the level above
it (the ``report_to`` of the duty that collects the reports): I. tình hình triển khai (counts;
late, missing and unreadable units named up to a limit); II. kết quả (units reporting each task;
one table of every chỉ tiêu and indicator against the plan's target, đạt/chưa đạt, the units that
left a figure blank named under it); III. đánh giá (ưu điểm, hạn chế, nguyên nhân: facts from the
figures and the points most units raised); IV. phương hướng; V. kiến nghị to the recipient.
The body never grows with the number of units beyond those capped lists: every unit's own text
is in the Phụ lục (a landscape section, one row per unit, one paragraph per area). The context takes plain
data (see :func:`dvtemplate.collect.outputs.summary_data`), so it can be built from any reader.
"""

from __future__ import annotations

import re
from typing import Any

from ..model import Plan, Recipients
from ..vn import ky_hieu, roman, upper_vn
from ..vn.nd30 import kind_abbreviation, kind_title
from .common import header_context, noi_nhan_lines, signer_context
from .report import _next_phrase, _plan_subject, cited_plan, period_phrase

__all__ = ["summary_context", "summary_recipient", "group_points", "top_points", "issuer_running_name"]

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


def _units_phrase(units: list[str]) -> str:
    """'(Xã A; Xã B)' for up to three units, '(12 đơn vị)' for more: the body synthesises, the Phụ lục names."""
    return f"({'; '.join(units)})" if len(units) <= _NAMED_POINT else f"({len(units)} đơn vị)"


_NAMED_POINT = 3
_TOP_POINTS = 6
"""Points of one area shown in the body (those raised by most units first); every one is in the Phụ lục."""


def top_points(answers: list[tuple[str, str]]) -> tuple[list[tuple[str, list[str]]], int]:
    """The points most units raised, at most :data:`_TOP_POINTS` (ties in order of first appearance), and
    how many points are left to the Phụ lục. With more than :data:`_FEW_UNITS` units answering, a point
    only one unit raised is not a finding of the synthesis: it stays in the Phụ lục."""
    points = group_points(answers)
    shared = len({unit for unit, _ in answers}) <= _FEW_UNITS
    ranked = sorted(range(len(points)), key=lambda i: (-len(points[i][1]), i))
    shown = [points[i] for i in ranked if shared or len(points[i][1]) > 1][:_TOP_POINTS]
    return shown, len(points) - len(shown)


_FEW_UNITS = 10


def _verdict(row: dict[str, Any]) -> str:
    """Đạt / Chưa đạt for a chỉ tiêu with a numeric target and a result; '' otherwise."""
    target, value = row["plan_value"], row["value"]
    if row["kind"] != "target" or target is None:
        return ""
    if value is None:
        return "Chưa có số liệu"
    met = value <= target if row["lower_is_better"] else value >= target
    return "Đạt" if met else "Chưa đạt"


class _Writer:
    """Numbered blocks: sections I., II. …; items 1., 2. … inside a section."""

    def __init__(self) -> None:
        self.blocks: list[dict[str, str]] = []
        self.section = 0
        self.item = 0

    def heading(self, title: str) -> None:
        self.section += 1
        self.item = 0
        self.blocks.append({"kind": "section", "lead": f"{roman(self.section)}. ", "text": upper_vn(title)})

    def sub(self, title: str) -> None:
        self.item += 1
        self.blocks.append({"kind": "item", "lead": f"{self.item}. {title}", "text": ""})

    def body(self, text: str, lead: str = "") -> None:
        self.blocks.append({"kind": "body", "lead": lead, "text": text})

    def points(self, answers: list[tuple[str, str]], empty: str | None) -> None:
        shown, rest = top_points(answers)
        for point, units in shown:
            self.body(f"{point} {_units_phrase(units)}.", lead="- ")
        if rest:
            self.body(f"Ý kiến khác của từng đơn vị ({rest} ý kiến): tại Phụ lục kèm theo.", lead="- ")
        elif not shown and empty:
            self.body(empty, lead="- ")


def _situation(w: _Writer, data: dict[str, Any], phrase: str) -> None:
    counts, lists = data["counts"], data["lists"]
    sent = counts["on_time"] + counts["late"]
    w.heading("Tình hình triển khai")
    w.body(
        f"Các cơ quan, đơn vị, địa phương đã triển khai Kế hoạch và báo cáo kết quả {phrase}. Tổng số đơn vị "
        f"phải báo cáo: {data['total_units']}; đã gửi và đọc được: {sent} (đúng hạn: {counts['on_time']}, trễ hạn: "
        f"{counts['late']}); chưa gửi: {counts['not_sent']}; gửi nhưng không đọc được: {counts['unreadable']}. "
        f"Hạn gửi báo cáo: {data['deadline']:%d/%m/%Y}."
    )
    for status, label in (("late", "Gửi trễ hạn"), ("not_sent", "Chưa gửi báo cáo"), ("unreadable", "Không đọc được")):
        if lists[status]:
            w.body(f"{label} ({len(lists[status])} đơn vị): {_names(lists[status])}.", lead="- ")
    if data.get("unreadable_files"):
        files = data["unreadable_files"]
        w.body(
            f"Có {len(files)} tệp gửi về không đọc được (tệp Word cũ .doc, PDF, tệp hỏng…), cần đơn vị gửi lại "
            f"bản .docx theo mẫu: {_names(files)}.",
            lead="- ",
        )
    if data.get("other_files"):
        w.body(
            f"Ngoài ra có {data['other_files']} tệp không sử dụng (kỳ hoặc kế hoạch khác, bản gửi trùng, "
            "đơn vị ngoài danh sách); chi tiết tại bảng tính kèm theo.",
            lead="- ",
        )


def _tasks(w: _Writer, data: dict[str, Any]) -> None:
    sent = data["counts"]["on_time"] + data["counts"]["late"]
    w.heading("Kết quả thực hiện")
    w.sub("Kết quả thực hiện các nhiệm vụ")
    for n, (label, count) in enumerate(data["items"], 1):
        w.body(f"Nhiệm vụ {n} ({label}): {count}/{sent} đơn vị báo cáo kết quả thực hiện.", lead="- ")
    if sent:
        w.body("Kết quả cụ thể của từng cơ quan, đơn vị, địa phương tại Phụ lục kèm theo Báo cáo này.")


def _table_rows(data: dict[str, Any]) -> tuple[list[dict[str, str]], list[str], list[str]]:
    """The indicator table, the chỉ tiêu not met, and one line per indicator naming the units that left it blank."""
    rows, unmet, blanks = [], [], []
    for i, row in enumerate(data["indicators"], 1):
        verdict = _verdict(row)
        if verdict in ("Chưa đạt", "Chưa có số liệu"):
            unmet.append(row["label"])
        how = _AGG_LABELS[row["how"]].lower()
        rows.append(
            {
                "stt": str(i),
                "label": row["label"] + (f" ({how})" if how and row["kind"] == "ind" else ""),
                "unit": row["unit"],
                "plan": row["plan"] or "-",
                "result": row["result"] or "-",
                "reported": f"{row['reported']}/{row['asked']}" if row["asked"] else "-",
                "verdict": verdict or "-",
            }
        )
        if row["blank_count"]:
            names = "; ".join(row["blank"])
            more = row["blank_count"] - len(row["blank"])
            names += f" và {more} đơn vị khác (xem bảng tính)" if more > 0 else ""
            blanks.append(f"{row['label']} ({row['blank_count']} đơn vị): {names}.")
    return rows, unmet, blanks


def _assessment(w: _Writer, data: dict[str, Any], met: tuple[int, int], unmet: list[str]) -> None:
    areas, counts = data["areas"], data["counts"]
    w.heading("Đánh giá chung")
    w.sub("Ưu điểm")
    total = data["total_units"]
    if counts["on_time"]:
        w.body(f"{counts['on_time']}/{total} cơ quan, đơn vị, địa phương gửi báo cáo đúng hạn.", lead="- ")
    if met[0]:
        w.body(f"{met[0]}/{met[1]} chỉ tiêu của Kế hoạch đạt kế hoạch đề ra.", lead="- ")
    w.points(areas.get("strengths", []), None)
    w.sub("Hạn chế, khó khăn, vướng mắc")
    late = counts["not_sent"] + counts["late"] + counts["unreadable"]
    if late:
        w.body(f"{late}/{total} đơn vị chưa gửi báo cáo, gửi trễ hạn hoặc gửi tệp không đọc được.", lead="- ")
    if unmet:
        w.body(f"Chỉ tiêu chưa đạt hoặc chưa có số liệu: {'; '.join(unmet)}.", lead="- ")
    w.points(areas.get("weaknesses", []) + areas.get("difficulties", []), None)
    w.sub("Nguyên nhân")
    w.points(areas.get("causes", []), "Các cơ quan, đơn vị chưa nêu nguyên nhân cụ thể.")


def _direction(w: _Writer, data: dict[str, Any], period, unmet: list[str], to: str, name: str) -> None:
    areas = data["areas"]
    w.heading(f"Phương hướng, nhiệm vụ {_next_phrase(period)}")
    w.body("Tiếp tục chỉ đạo các cơ quan, đơn vị, địa phương thực hiện đầy đủ các nhiệm vụ của Kế hoạch.", lead="- ")
    if unmet:
        w.body(f"Tập trung thực hiện các chỉ tiêu chưa đạt: {'; '.join(unmet)}.", lead="- ")
    if data["counts"]["not_sent"] or data["counts"]["late"]:
        w.body("Đôn đốc các đơn vị chưa gửi, gửi trễ hạn báo cáo thực hiện đúng chế độ báo cáo.", lead="- ")
    w.points(areas.get("next", []), None)
    w.heading("Kiến nghị, đề xuất")
    proposals = areas.get("proposals", [])
    if proposals:
        w.body(f"Từ kiến nghị của các cơ quan, đơn vị, địa phương, {name} kiến nghị {to} quan tâm:")
    w.points(proposals, f"{name} không có kiến nghị với {to} trong kỳ báo cáo này.")


def _appendix(data: dict[str, Any]) -> list[dict[str, Any]]:
    """Phụ lục rows: one per unit that sent its report, each area it filled a paragraph in the last cell
    ("Ưu điểm: …"); one row per unit keeps the document small at thousands of units."""
    rows = []
    for n, (unit, filled) in enumerate(data["appendix"], 1):
        areas = [
            {"label": f"{label}: ", "text": "\n".join(line.strip() for line in text.split("\n") if line.strip())}
            for label, text in filled
        ]
        rows.append({"stt": str(n), "unit": unit, "areas": areas or [{"label": "", "text": "Không ghi nội dung."}]})
    return rows or [{"stt": "", "unit": "Chưa có đơn vị gửi báo cáo.", "areas": []}]


def summary_context(plan: Plan, data: dict[str, Any], *, recipient: str | None = None) -> dict[str, Any]:
    """*data* (see :func:`dvtemplate.collect.outputs.summary_data`): ``period``, ``deadline``, ``counts``,
    ``lists``, ``other_files``, ``unreadable_files``, ``total_units``, ``items`` ([(label, units reporting)]),
    ``areas`` (kind → [(unit, text)]), ``indicators`` (rows against the plan's chỉ tiêu), ``appendix``
    ([(unit, [(label, text)])]). The body synthesises; the units' own text is only in the Phụ lục."""
    period = data["period"]
    phrase = period_phrase(period)
    to = recipient or summary_recipient(plan, period.kind)
    name = issuer_running_name(plan)
    symbol = ky_hieu(kind_abbreviation("report"), plan.issuer.abbreviation)
    header = header_context(
        plan.issuer, number=None, symbol=symbol, issued=None, draft=True, default_year=data["deadline"].year
    )
    w = _Writer()
    _situation(w, data, phrase)
    _tasks(w, data)
    rows, unmet, blanks = _table_rows(data)
    targets = [r for r in data["indicators"] if r["kind"] == "target" and r["plan_value"] is not None]
    met = (sum(1 for r in targets if _verdict(r) == "Đạt"), len(targets))
    blocks = w.blocks
    w.blocks = []
    if rows:
        w.body(
            "Đơn vị gửi báo cáo nhưng chưa điền số liệu:" if blanks else "Các đơn vị gửi báo cáo đã điền đủ số liệu."
        )
        for line in blanks:
            w.body(line, lead="- ")
    after_table = w.blocks
    w.blocks = []
    _assessment(w, data, met, unmet)
    _direction(w, data, period, unmet, to, name)
    archive = ", ".join(x for x in ("VT", plan.issuer.drafting_unit) if x)
    year = data["deadline"].year
    return {
        "kind": "summary",
        "draft": True,
        "header": header,
        "type_name": kind_title("report"),
        "subject": f"Kết quả thực hiện Kế hoạch {_plan_subject(plan)} {phrase}",
        "kinh_gui": to,
        "lead": f"Thực hiện {cited_plan(plan)}, {name} báo cáo kết quả thực hiện {phrase} như sau:",
        "blocks": blocks,
        "has_tables": bool(rows),
        "tables_heading": {"lead": "2. ", "text": "Kết quả thực hiện các chỉ tiêu, chỉ số"},
        "overview": rows,
        "after_table": after_table,
        "closing_blocks": w.blocks,
        "ending": f"Trên đây là báo cáo kết quả thực hiện Kế hoạch {phrase} của {name}./.",
        "noi_nhan": noi_nhan_lines(Recipients(items=[], archive=archive), as_above=True),
        "signer": signer_context(plan.signer),
        "appendix_note": f"(Kèm theo Báo cáo số      /{symbol} ngày      tháng      năm {year} của {name})",
        "appendix": _appendix(data),
        "footnotes": {},
    }


def example_context(plan: Plan) -> dict[str, Any]:
    """A summary for ``templates lint``: two units, one item, one indicator."""
    import datetime as _dt
    from decimal import Decimal

    from ..model import Period

    data = {
        "period": Period("yearly", plan.year),
        "deadline": _dt.date(plan.year, 12, 15),
        "counts": {"on_time": 1, "late": 1, "not_sent": 0, "unreadable": 0},
        "lists": {"on_time": ["Xã Mẫu"], "late": ["Phường Mẫu"], "not_sent": [], "unreadable": []},
        "other_files": 0,
        "unreadable_files": [],
        "total_units": 2,
        "items": [("Nhiệm vụ mẫu", 1)],
        "areas": {"difficulties": [("Xã Mẫu", "Thiếu kinh phí.")], "proposals": []},
        "indicators": [
            {
                "kind": "target",
                "label": "Số cuộc đối thoại",
                "unit": "cuộc",
                "plan": "4",
                "plan_value": Decimal(4),
                "lower_is_better": False,
                "value": Decimal(5),
                "result": "5",
                "how": "sum",
                "reported": 2,
                "asked": 2,
                "blank": [],
                "blank_count": 0,
            }
        ],
        "appendix": [("Xã Mẫu", [("Nhiệm vụ mẫu", "Đã thực hiện.")]), ("Phường Mẫu", [])],
    }
    return summary_context(plan, data)
