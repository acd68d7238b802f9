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

import re
from typing import Any

from ..model import Issuer, Letter, PartialDate, Plan, Recipients
from ..model.symbols import issued_together, letter_issuer, letter_of, letter_symbol, running_name
from ..model.wording import POSTING, SILENCE_SENTENCE
from ..vn import kinh_gui_lines, lower_first, short_date
from .common import Footnotes, header_context, noi_nhan_lines, signer_context
from .plan import plan_context

__all__ = [
    "letter_context",
    "draft_plan",
    "example_context",
    "site_line",
    "SILENCE_SENTENCE",
    "form_request",
]


def form_request(name: str) -> str:
    """The sentence a letter sent with ``--form`` adds: what to do with the enclosed phiếu góp ý."""
    return (
        "Cơ quan, đơn vị ghi ý kiến vào Phiếu góp ý gửi kèm theo Công văn này: với từng phần của dự thảo, chọn "
        "“Đồng ý” hoặc “Có ý kiến khác” và ghi nội dung góp ý vào ô bên cạnh; gửi lại Phiếu dưới dạng tệp Word "
        f"(.docx), giữ nguyên các ô điền để {name} tổng hợp."
    )


"""What the site named in Nơi nhận is sent the draft for."""


def draft_plan(plan: Plan) -> Plan:
    """The plan as a draft: DỰ THẢO mark, number, day and month blank (ND30: a draft's date is open)."""
    year = plan.issued.year if plan.issued else plan.year
    return plan.model_copy(update={"draft": True, "number": None, "issued": PartialDate(year=year)})


def site_line(letter: Letter) -> str | None:
    """The Nơi nhận line of the site the draft is posted on ('Trang thông tin điện tử Sở Nội vụ (đăng tải)'):
    the site posts it only when the letter asks; None when the letter names no site or Nơi nhận has it."""
    if not letter.draft_location:
        return None
    site = re.split(r"[,(;:]", letter.draft_location, maxsplit=1)[0].strip(" .")
    named = [" ".join(item.casefold().split()) for item in (letter.noi_nhan.items if letter.noi_nhan else [])]
    if not site or any(" ".join(site.casefold().split()) in item for item in named):
        return None
    return f"{site} ({POSTING})"


def _noi_nhan(letter: Letter, issuer: Issuer) -> list[str]:
    recipients = letter.noi_nhan or Recipients(archive=", ".join(x for x in ("VT", issuer.drafting_unit) if x))
    site = site_line(letter)
    if site:
        recipients = recipients.model_copy(update={"items": [*recipients.items, site]})
    return noi_nhan_lines(recipients, as_above=True)


def letter_context(plan: Plan, *, attach_draft: bool = True, form: bool = False) -> dict[str, Any]:
    """The complete context of the letter; with *attach_draft*, the draft plan after it; with *form*,
    the letter asks for the enclosed phiếu góp ý."""
    letter = letter_of(plan)
    issuer = letter_issuer(plan)
    attached = plan_context(draft_plan(plan)) if attach_draft else None
    fn = Footnotes(dict(plan.footnotes))
    if attached is not None:
        fn.notes.update(attached["footnotes"])  # the letter's notes are numbered after the draft's
    name = running_name(issuer)
    symbol = letter_symbol(plan)
    default_year = letter.issued.year if letter.issued else letter.deadline.year
    # a number without its date, or a date without its number, is not an issued letter: both stay blank
    together = issued_together(letter)
    header = header_context(
        issuer, number=letter.number, symbol=symbol, issued=letter.issued, draft=not together, default_year=default_year
    )
    recipients = kinh_gui_lines(list(letter.recipients))
    where = f"; đồng thời được đăng tải trên {letter.draft_location}" if letter.draft_location else ""
    request = (
        f"Để hoàn thiện dự thảo trước khi ban hành, {name} đề nghị các cơ quan, đơn vị nghiên cứu, "
        f"tham gia góp ý đối với dự thảo Kế hoạch {lower_first(plan.title)} "
        f"(dự thảo gửi kèm theo Công văn này{where})."
    )
    paragraphs = [fn(p) for p in letter.paragraphs] + [fn(request)]
    if form:
        paragraphs.append(form_request(name))
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
    return {
        "kind": "letter",
        "draft": False,
        "header": header,
        "vv": f"V/v {letter.subject}",
        "kinh_gui_one": recipients[0] if len(recipients) == 1 else "",
        "kinh_gui_list": recipients if len(recipients) > 1 else [],
        "paragraphs": paragraphs,
        "deadline_lead": f"Văn bản góp ý{' kèm Phiếu góp ý' if form else ''} gửi về {name} ",
        "deadline_text": f"trước ngày {short_date(letter.deadline)}",
        "deadline_tail": tail + ".",
        "after": after,
        "noi_nhan": _noi_nhan(letter, issuer),
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
                    subject=f"lấy ý kiến góp ý dự thảo Kế hoạch {lower_first(plan.title)}",
                    recipients=["Các cơ quan, đơn vị"],
                    deadline=f"15/12/{plan.year - 1}",
                )
            }
        )
    return letter_context(plan, attach_draft=True)
