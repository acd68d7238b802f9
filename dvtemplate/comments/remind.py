"""The công văn đôn đốc góp ý: to the units asked that have not replied by the deadline.

``comments --remind`` writes it as ``collect --remind`` writes the đôn đốc for reports: from
the letter's issuer, the ``reminder`` template (ND30 công văn layout, V/v under Số, Kính gửi
the units or, past :data:`KINH_GUI_MAX`, a line naming the list in the body), a new
deadline :data:`GRACE_WORKING_DAYS` working days later. It is written only once the
deadline has passed, and only to units on the list of those asked (the units list) that sent
no reply; otherwise the caller gets the reason instead of a file.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..contexts.common import header_context
from ..contexts.reminder import GRACE_WORKING_DAYS, reminder_document, reminder_recipients
from ..model import Plan
from ..model.symbols import issued_together, letter_issuer, letter_symbol, running_name
from ..model.wording import SILENCE_SENTENCE
from ..vn import BLANK, add_working_days, lower_first, safe_filename, short_date
from .reply import with_cited_letter

__all__ = [
    "reminder_filename",
    "comments_reminder_context",
    "Reminder",
    "plan_reminder",
    "reminder_target",
    "remind_silent",
]


def reminder_filename(plan: Plan) -> str:
    """'CV-don-doc-gop-y-Thuc-hien-...docx' (fixed per plan: running again finds it)."""
    return safe_filename(f"CV-don-doc-gop-y-{plan.title}", max_len=90) + ".docx"


def _cited_letter(plan: Plan) -> str:
    """'Công văn số 215/SNV-XDCQ ngày 24/11/2025'; what is not known is a blank the văn thư fills."""
    letter = plan.letter
    assert letter is not None
    symbol = letter_symbol(plan)
    if issued_together(letter) and letter.issued is not None and letter.issued.complete is not None:
        return f"Công văn số {letter.number:02d}/{symbol} ngày {short_date(letter.issued.complete)}"
    year = letter.issued.year if letter.issued else letter.deadline.year
    return f"Công văn số{BLANK}/{symbol} ngày{BLANK}/{BLANK}/{year}"


def comments_reminder_context(plan: Plan, silent: list[str], today: _dt.date) -> dict[str, Any]:
    """The context of the ``reminder`` template for the units in *silent* (names as the list writes them)."""
    letter = plan.letter
    assert letter is not None
    issuer = letter_issuer(plan)
    name = running_name(issuer)
    header = header_context(
        issuer, number=None, symbol=letter_symbol(plan), issued=None, draft=False, default_year=today.year
    )
    recipients = reminder_recipients(silent)
    new_deadline = add_working_days(today, GRACE_WORKING_DAYS)
    email = f" (đồng thời gửi tệp điện tử qua thư điện tử: {letter.contact.email})" if letter.contact.email else ""
    blocks = [
        _body(
            f"{name} đã có {_cited_letter(plan)} về việc {letter.subject.rstrip('.')}, đề nghị các cơ quan, "
            f"đơn vị gửi văn bản góp ý về {name} trước ngày {short_date(letter.deadline)}. Đến ngày "
            f"{short_date(today)}, {name} chưa nhận được văn bản góp ý của {len(silent)} cơ quan, đơn vị, "
            "địa phương, cụ thể:"
        ),
        {"kind": "item", "lead": f"Chưa gửi văn bản góp ý ({len(silent)} đơn vị): ", "text": ""},
        _body("; ".join(silent) + "."),
        _body(
            f"Để kịp thời tổng hợp, hoàn thiện dự thảo Kế hoạch, {name} đề nghị các cơ quan, đơn vị, địa phương "
            f"nêu trên khẩn trương gửi văn bản góp ý về {name} trước ngày {short_date(new_deadline)}{email}."
        ),
        _body(SILENCE_SENTENCE),
    ]
    archive = ", ".join(x for x in ("VT", issuer.drafting_unit) if x)
    vv = f"V/v đôn đốc góp ý dự thảo Kế hoạch {lower_first(plan.title)}"
    return reminder_document(header, vv, recipients, blocks, archive=archive, signer=letter.signer or plan.signer)


def _body(text: str) -> dict[str, str]:
    return {"kind": "body", "lead": "", "text": text}


@dataclass
class Reminder:
    """What ``comments --remind`` can write: the context, or the reason there is none."""

    context: dict[str, Any] | None
    units: list[str] = field(default_factory=list)
    reason: str = ""


def plan_reminder(plan: Plan, asked: list[str], silent: list[str], today: _dt.date | None = None) -> Reminder:
    """The đôn đốc for the *silent* units of those *asked*, or why none is written today."""
    letter = plan.letter
    assert letter is not None
    today = today or _dt.date.today()
    if not asked:
        return Reminder(None, reason="chưa có danh sách đơn vị được lấy ý kiến nên không biết đơn vị nào chưa góp ý")
    if today <= letter.deadline:
        return Reminder(None, reason=f"hạn góp ý là ngày {short_date(letter.deadline)}, chưa quá hạn")
    if not silent:
        return Reminder(None, reason="mọi đơn vị được lấy ý kiến đã gửi văn bản góp ý")
    return Reminder(comments_reminder_context(plan, silent, today), list(silent))


def reminder_target(source, outdir: str | Path, force: bool = False) -> Path:
    """Where the đôn đốc goes in *outdir*; refused now (before anything is written) when it exists and not *force*."""
    from ..loading import as_loaded
    from ..output import check_free, ensure_outdir, target_in

    plan = as_loaded(source).plan
    if plan.letter is None:
        return Path(outdir) / "CV-don-doc-gop-y.docx"  # the comments run refuses the plan with its own message
    target = target_in(ensure_outdir(outdir), reminder_filename(plan))
    check_free([target], force)
    return target


def remind_silent(
    source, collection, target: Path, *, templates=None, today: _dt.date | None = None
) -> tuple[Path | None, str]:
    """Write the đôn đốc to the units of *collection* (a :class:`~dvtemplate.comments.Collection`) that did not
    reply; (the file, "") or (None, the reason none was written)."""
    from ..engine import load_template
    from ..loading import as_loaded, template_folders
    from ..output import write_atomic

    loaded = as_loaded(source)
    plan = with_cited_letter(loaded.plan, collection.replies)[0]  # the number the bản tổng hợp cites too
    reminder = plan_reminder(plan, collection.asked, collection.silent, today)
    if reminder.context is None:
        return None, reminder.reason
    template = load_template("reminder", template_folders(loaded, templates))
    context = reminder.context
    return write_atomic(target, lambda handle: template.write(context, handle)), ""
