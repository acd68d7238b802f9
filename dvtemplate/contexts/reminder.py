"""The công văn đôn đốc (document kind ``reminder``): to the units that have not sent their report,
sent one that cannot be read, or sent it late — from the plan's issuer, ND30 công văn layout.

Built from plain data so ``collect --remind`` and the API share it: the period, the deadline,
the unit names by status and the day the reminder is written (the new deadline is five
working days later, holidays included: :func:`dvtemplate.vn.add_working_days`).
"""

from __future__ import annotations

import datetime as _dt
from typing import Any

from ..model import Plan, Recipients
from ..vn import add_working_days, kinh_gui_lines, ky_hieu, short_date
from .common import header_context, noi_nhan_lines, signer_context
from .report import _plan_subject, cited_plan, period_phrase
from .summary import issuer_running_name

__all__ = [
    "reminder_context",
    "reminder_document",
    "reminder_recipients",
    "example_context",
    "GRACE_WORKING_DAYS",
    "KINH_GUI_MAX",
]

GRACE_WORKING_DAYS = 5
"""Working days given to send the report after the reminder."""
KINH_GUI_MAX = 5
"""More recipients than this: one line naming the list under the salutation, and the list in the body."""


def reminder_context(
    plan: Plan,
    period,
    deadline: _dt.date,
    lists: dict[str, list[str]],
    today: _dt.date | None = None,
) -> dict[str, Any]:
    """*lists*: status (``not_sent``, ``unreadable``, ``late``) → unit names."""
    today = today or _dt.date.today()
    phrase = period_phrase(period)
    issuer = plan.issuer
    name = issuer_running_name(plan)
    symbol = ky_hieu(issuer.abbreviation, issuer.drafting_unit or "")
    header = header_context(issuer, number=None, symbol=symbol, issued=None, draft=False, default_year=today.year)
    addressees = [n for key in ("not_sent", "unreadable", "late") for n in lists.get(key, [])]
    recipients = reminder_recipients(addressees)
    collector = (plan.reporting.to if plan.reporting else None) or name
    new_deadline = add_working_days(today, GRACE_WORKING_DAYS)
    cited = cited_plan(plan)
    missing = len(lists.get("not_sent", [])) + len(lists.get("unreadable", []))
    blocks: list[dict[str, str]] = [
        {
            "kind": "body",
            "lead": "",
            "text": f"Thực hiện {cited}, các cơ quan, đơn vị, địa phương báo cáo kết quả thực hiện {phrase} "
            f"gửi về {collector} trước ngày {short_date(deadline)}. Đến ngày {short_date(today)}, "
            f"còn {missing} đơn vị chưa gửi báo cáo hoặc gửi tệp không đọc được"
            + (f"; {len(lists['late'])} đơn vị gửi trễ hạn" if lists.get("late") else "")
            + ", cụ thể:",
        }
    ]
    labels = (
        ("not_sent", "Chưa gửi báo cáo"),
        ("unreadable", "Đã gửi nhưng tệp không đọc được (gửi lại tệp Word .docx theo mẫu)"),
        ("late", "Gửi báo cáo trễ hạn"),
    )
    for n, (key, label) in enumerate([x for x in labels if lists.get(x[0])], 1):
        blocks.append({"kind": "item", "lead": f"{n}. {label} ({len(lists[key])} đơn vị): ", "text": ""})
        blocks.append({"kind": "body", "lead": "", "text": "; ".join(lists[key]) + "."})
    blocks.append(
        {
            "kind": "body",
            "lead": "",
            "text": f"Để kịp thời tổng hợp, báo cáo theo quy định, {name} đề nghị các đơn vị chưa gửi báo cáo "
            f"khẩn trương hoàn thành, gửi về {collector} trước ngày {short_date(new_deadline)}, sử dụng đúng mẫu "
            "báo cáo đã gửi kèm Kế hoạch (giữ nguyên các ô nhập liệu); các đơn vị gửi trễ hạn rút kinh nghiệm, "
            "bảo đảm thời hạn báo cáo các kỳ tiếp theo.",
        }
    )
    vv = f"V/v đôn đốc gửi báo cáo kết quả thực hiện Kế hoạch {_plan_subject(plan)} {phrase}"
    return reminder_document(header, vv, recipients, blocks, archive="VT", signer=plan.signer)


def reminder_recipients(addressees: list[str]) -> list[str]:
    """The Kính gửi lines: each unit, or (past :data:`KINH_GUI_MAX`) one line pointing to the list in the body."""
    many = len(addressees) > KINH_GUI_MAX
    recipients = ["Các cơ quan, đơn vị, địa phương có tên tại danh sách dưới đây"] if many else addressees
    return kinh_gui_lines(recipients) if recipients else ["Các cơ quan, đơn vị, địa phương"]


def reminder_document(
    header: dict, vv: str, recipients: list[str], blocks: list[dict], *, archive: str, signer
) -> dict:
    """The ``reminder`` template's context, shared by the đôn đốc of reports and of comments."""
    return {
        "kind": "reminder",
        "header": header,
        "vv": vv,
        "kinh_gui_one": recipients[0] if len(recipients) == 1 else "",
        "kinh_gui_list": recipients if len(recipients) > 1 else [],
        "blocks": blocks,
        "noi_nhan": noi_nhan_lines(Recipients(items=[], archive=archive), as_above=True),
        "signer": signer_context(signer),
        "footnotes": {},
    }


def example_context(plan: Plan) -> dict[str, Any]:
    """A reminder for ``templates lint`` (two units not sent, one late)."""
    from ..model import Period

    lists = {"not_sent": ["Ủy ban nhân dân xã Mẫu", "Ủy ban nhân dân phường Mẫu"], "late": ["Sở Mẫu"]}
    return reminder_context(
        plan, Period("yearly", plan.year), _dt.date(plan.year, 12, 15), lists, _dt.date(plan.year, 12, 20)
    )
