"""Plan.letter → the dict the công văn lấy ý kiến template reads (and the draft it carries).

The letter's body is worded here from the structured ``letter:`` data (request,
where to read the draft, deadline, how to send comments, silence = agreement),
so every office's letter says the same things in the same order, and the
deadline is a separate string the template sets in bold.

The draft plan rides in the same context as ``attached`` (the complete plan
context of the draft: DỰ THẢO mark, number and day blank). Footnote numbers
are shared: the draft's notes are numbered first and the letter's continue
after them, so the ids in ``word/footnotes.xml`` never collide (Word numbers
footnotes by position, not by id).
"""

from __future__ import annotations

from typing import Any

from ..errors import InputError
from ..model import Issuer, PartialDate, Plan, Recipients
from ..model.wording import SILENCE_SENTENCE
from ..vn import kinh_gui_lines, ky_hieu, short_date
from .common import Footnotes, header_context, noi_nhan_lines, signer_context
from .plan import plan_context

__all__ = ["letter_context", "letter_issuer", "letter_symbol", "draft_plan", "example_context", "SILENCE_SENTENCE"]


def _letter(plan: Plan):
    if plan.letter is None:
        raise InputError(
            "Tệp kế hoạch chưa có mục 'letter:' (công văn lấy ý kiến góp ý dự thảo).",
            hint="Thêm mục letter: với subject, recipients, deadline… (xem examples/ke-hoach-tinh-2026.yaml).",
        )
    return plan.letter


def letter_issuer(plan: Plan) -> Issuer:
    """The office sending the letter: ``letter.issuer``, else the plan's issuer."""
    return _letter(plan).issuer or plan.issuer


def letter_symbol(plan: Plan) -> str:
    """Ký hiệu of a công văn: <issuer abbreviation>-<drafting unit> (no type abbreviation)."""
    issuer = letter_issuer(plan)
    return ky_hieu(issuer.abbreviation, issuer.drafting_unit or "")


def draft_plan(plan: Plan) -> Plan:
    """The plan as a draft: DỰ THẢO mark, number, day and month blank (ND30: a draft's date is open)."""
    year = plan.issued.year if plan.issued else plan.year
    return plan.model_copy(update={"draft": True, "number": None, "issued": PartialDate(year=year)})


def _running_name(issuer: Issuer) -> str:
    """The issuer's name as it reads in a sentence ('Sở Nội vụ'), even if typed in capitals."""
    name = issuer.name
    if name.isupper():
        words = name.lower().split()
        name = " ".join([words[0].capitalize()] + words[1:]) if words else name
    return name


def _lower_first(text: str) -> str:
    if len(text) > 1 and text[0].isupper() and not text[1].isupper():
        return text[0].lower() + text[1:]
    return text


def letter_context(plan: Plan, *, attach_draft: bool = True) -> dict[str, Any]:
    """The complete context of the letter; with *attach_draft*, the draft plan after it."""
    letter = _letter(plan)
    issuer = letter_issuer(plan)
    attached = plan_context(draft_plan(plan)) if attach_draft else None
    fn = Footnotes(dict(plan.footnotes))
    if attached is not None:
        fn.notes.update(attached["footnotes"])  # the letter's notes are numbered after the draft's
    name = _running_name(issuer)
    symbol = letter_symbol(plan)
    default_year = letter.issued.year if letter.issued else letter.deadline.year
    header = header_context(
        issuer, number=letter.number, symbol=symbol, issued=letter.issued, draft=False, default_year=default_year
    )
    recipients = kinh_gui_lines(list(letter.recipients))
    where = f"; đồng thời được đăng tải trên {letter.draft_location}" if letter.draft_location else ""
    request = (
        f"Để hoàn thiện dự thảo trước khi ban hành, {name} đề nghị các cơ quan, đơn vị nghiên cứu, "
        f"tham gia góp ý đối với dự thảo Kế hoạch {_lower_first(plan.title)} "
        f"(dự thảo gửi kèm theo Công văn này{where})."
    )
    contact = letter.contact
    tail = ""
    if contact.address:
        tail += f" bằng văn bản theo địa chỉ: {contact.address}"
    if contact.email:
        tail += (";" if tail else "") + f" đồng thời gửi tệp điện tử qua thư điện tử: {contact.email}"
    after: list[str] = []
    if contact.person or contact.phone:
        who = contact.person or name
        after.append(
            f"Thông tin chi tiết xin liên hệ: {who}" + (f", điện thoại: {contact.phone}" if contact.phone else "") + "."
        )
    after.append(SILENCE_SENTENCE)
    after.extend(fn(p) for p in letter.extra)
    after.append(f"{name} đề nghị các cơ quan, đơn vị quan tâm, phối hợp thực hiện.")
    noi_nhan = noi_nhan_lines(
        letter.noi_nhan or Recipients(archive=", ".join(x for x in ("VT", issuer.drafting_unit) if x)), as_above=True
    )
    return {
        "kind": "letter",
        "draft": False,
        "header": header,
        "vv": f"V/v {letter.subject}",
        "kinh_gui_one": recipients[0] if len(recipients) == 1 else "",
        "kinh_gui_list": recipients if len(recipients) > 1 else [],
        "paragraphs": [fn(p) for p in letter.paragraphs] + [fn(request)],
        "deadline_lead": f"Văn bản góp ý gửi về {name} ",
        "deadline_text": f"trước ngày {short_date(letter.deadline)}",
        "deadline_tail": tail + ".",
        "after": after,
        "noi_nhan": noi_nhan,
        "signer": signer_context(letter.signer or plan.signer),
        "attach_draft": attached is not None,
        "attached": attached or {},
        "footnotes": fn.notes,
        "year": default_year,
    }


def example_context(plan: Plan) -> dict[str, Any]:
    """A real letter context for ``templates lint`` (a minimal letter when the plan has none)."""
    if plan.letter is None:
        from ..model import Letter

        plan = plan.model_copy(
            update={
                "letter": Letter(
                    subject=f"lấy ý kiến góp ý dự thảo Kế hoạch {_lower_first(plan.title)}",
                    recipients=["Các cơ quan, đơn vị"],
                    deadline=f"15/12/{plan.year - 1}",
                )
            }
        )
    return letter_context(plan, attach_draft=True)
