"""Plan + the consultation's outcome → the Tờ trình submitting the revised draft for issue.

The drafting office (the letter's issuer) submits to the plan's issuer: I. why the plan is
needed (its legal bases and its purpose); II. how the draft was made (the consultation
letter's number and date, how many units were asked, replied, agreed or commented, how many
comments were taken in or explained); III. the draft's content in brief (its layout, purpose,
chỉ tiêu with their numbers, the tasks of each section in a sentence, who leads and who
takes part, reporting); IV. the request, and the hồ sơ: the draft, the bản tổng hợp, the
consultation letter and the units' reply letters.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from ..model import PartialDate, Plan, Recipients
from ..model.symbols import letter_issuer
from ..model.wording import deadline_phrase
from ..vn import quantity, upper_vn
from .comments_table import letter_reference, office_header, reply_clauses, tally_phrase, to_trinh_symbol
from .common import noi_nhan_lines, signer_context
from .plan_summary import (
    bases,
    layout_sentence,
    lower_first,
    purpose_sentence,
    reporting_sentence,
    roles_sentence,
    target_phrases,
    task_sentences,
)

__all__ = ["to_trinh_context", "to_trinh_symbol", "example_context"]


REPLIES_LISTED = 12
"""Up to this many reply letters are named in the hồ sơ; beyond, the bản tổng hợp lists them."""


def _process(plan: Plan, facts: dict[str, int], tally: dict[str, int] | None, table_name: str) -> list[str]:
    """Section II: the consultation letter, the replies, and what was done with the comments."""
    name = letter_issuer(plan).name
    where = f"; đồng thời đăng tải dự thảo trên {plan.letter.draft_location}" if plan.letter.draft_location else ""
    out = [
        f"{name} đã ban hành {letter_reference(plan).replace(' của ' + name, '')} gửi lấy ý kiến góp ý dự thảo "
        f"Kế hoạch của {quantity(facts['asked'])} cơ quan, đơn vị (đề nghị gửi ý kiến {deadline_phrase(plan.letter.deadline)}){where}."
    ]
    clauses = reply_clauses(facts)
    replied = f"Đến nay, {name} đã nhận được {quantity(facts['answered'])} văn bản góp ý" + (
        ", trong đó: " + "; ".join(clauses) if clauses else ""
    )
    if facts["silent"]:
        replied += f"; {quantity(facts['silent'])} cơ quan, đơn vị không có văn bản trả lời, được hiểu là thống nhất với nội dung dự thảo"
    out.append(replied + ".")
    where = f"chi tiết tại {table_name[:1] + table_name[1:].lower()} kèm theo"
    if not facts["comments"]:
        out.append(f"Các cơ quan, đơn vị đều thống nhất với nội dung dự thảo; {name} đã hoàn thiện dự thảo.")
    elif tally is not None:
        left = f"; còn {quantity(tally['chua'])} ý kiến đang nghiên cứu" if tally["chua"] else ""
        done = tally_phrase(tally)
        done = f"{name} đã nghiên cứu, {done}{left}" if done else f"{name} đã nghiên cứu các ý kiến góp ý{left}"
        out.append(f"{done} và hoàn thiện dự thảo ({where}).")
    else:
        out.append(
            f"{name} đã nghiên cứu {quantity(facts['comments'])} ý kiến góp ý để tiếp thu, giải trình và hoàn thiện dự thảo ({where})."
        )
    return out


def _summary(plan: Plan, drafting: str) -> list[dict[str, str]]:
    """Section III: layout, then one dash per part of the plan (purpose, chỉ tiêu, tasks, roles, reports)."""
    count, layout = layout_sentence(plan)
    blocks = [_item("1. Bố cục"), _body(f"Dự thảo Kế hoạch gồm {quantity(count)} phần: {layout}.")]
    blocks.append(_item("2. Nội dung chủ yếu"))
    lines = []
    if purpose := purpose_sentence(plan):
        lines.append(f"Mục đích: {purpose}.")
    if targets := target_phrases(plan):
        lines.append(f"Chỉ tiêu đến hết năm {plan.year}: {targets}.")
    lines += task_sentences(plan)
    if roles := roles_sentence(plan, drafting):
        lines.append(f"Tổ chức thực hiện: {roles}")
    if reports := reporting_sentence(plan):
        lines.append(f"Chế độ báo cáo: {lower_first(reports)}")
    blocks += [_bullet(line) for line in lines]
    return blocks


def _item(text: str) -> dict[str, str]:
    return {"kind": "item", "lead": text, "text": ""}


def _body(text: str) -> dict[str, str]:
    return {"kind": "body", "lead": "", "text": text}


def _bullet(text: str) -> dict[str, str]:
    return {"kind": "bullet", "lead": "- ", "text": text}


def _dossier(plan: Plan, title: str, replies: list[str]) -> list[dict[str, str]]:
    """The hồ sơ: the draft, the bản tổng hợp, the consultation letter, the units' replies."""
    out = [
        f"Dự thảo Kế hoạch {title};",
        "Bản tổng hợp, giải trình, tiếp thu ý kiến góp ý;",
        f"{letter_reference(plan)} về việc {plan.letter.subject};",
    ]
    if replies and len(replies) <= REPLIES_LISTED:
        out.append(f"Văn bản góp ý của {quantity(len(replies))} cơ quan, đơn vị: " + "; ".join(replies) + ".")
    elif replies:
        out.append(f"Văn bản góp ý của {quantity(len(replies))} cơ quan, đơn vị (danh sách tại Bản tổng hợp).")
    else:
        out[-1] = out[-1][:-1] + "."
    return [_bullet(x) for x in out]


def _addressee(plan: Plan, drafting: str) -> str:
    """Who the Tờ trình goes to: the plan's issuer; its head when the drafting office is the issuer itself
    ('Chủ tịch Ủy ban nhân dân xã An Bình', never a body submitting to itself)."""
    if drafting.casefold() != plan.issuer.name.casefold():
        return plan.issuer.name
    head = plan.signer.head_title or plan.signer.title
    return f"{head} {plan.issuer.name}"


def to_trinh_context(
    plan: Plan,
    *,
    facts: dict[str, int],
    tally: dict[str, int] | None,
    table_name: str,
    replies: list[str] | None = None,
    made: date | None = None,
) -> dict[str, Any]:
    """The complete context of the Tờ trình (number and day left open: the office numbers it when signed).

    *replies* name the units' reply letters ('Sở Tư pháp (Công văn số 312/STP-VP ngày 02/12/2025)').
    """
    issuer = letter_issuer(plan)
    made = made or date.today()
    header = office_header(plan, to_trinh_symbol(plan), PartialDate(year=made.year))
    name, boss = issuer.name, _addressee(plan, issuer.name)
    title = lower_first(plan.title)
    blocks: list[dict[str, str]] = [_body(f"{name} kính trình {boss} dự thảo Kế hoạch {title}, như sau:")]

    def section(n: str, text: str) -> None:
        blocks.append({"kind": "section", "lead": f"{n}. ", "text": upper_vn(text)})

    section("I", "Sự cần thiết ban hành Kế hoạch")
    if plan.legal_bases:
        blocks.append(_item("1. Căn cứ ban hành"))
        blocks.extend(_body(b) for b in bases(plan))
        blocks.append(_item("2. Sự cần thiết"))
    purpose = purpose_sentence(plan)
    blocks.append(
        _body(
            f"Việc ban hành Kế hoạch {title} là cần thiết để cụ thể hóa các nhiệm vụ, phân công rõ trách nhiệm, "
            "thời hạn cho từng cơ quan, đơn vị" + (f", nhằm {purpose}." if purpose else ".")
        )
    )
    section("II", "Quá trình xây dựng dự thảo")
    blocks.extend(_body(x) for x in _process(plan, facts, tally, table_name))
    section("III", "Nội dung chính của dự thảo Kế hoạch")
    blocks.extend(_summary(plan, name))
    section("IV", "Đề xuất, kiến nghị")
    blocks.append(_body(f"{name} kính đề nghị {boss} xem xét, ký ban hành Kế hoạch {title}."))
    blocks.append(_body("Hồ sơ kèm theo gồm:"))
    blocks.extend(_dossier(plan, title, replies or []))
    archive = ", ".join(x for x in ("VT", issuer.drafting_unit) if x)
    return {
        "kind": "to_trinh",
        "draft": False,
        "header": header,
        "subject": f"Về việc ban hành Kế hoạch {title}",
        "kinh_gui": boss,
        "blocks": [{**block, "rows": block.get("rows", [])} for block in blocks],  # every block has rows
        "ending": f"Kính trình {boss} xem xét, quyết định./.",
        "noi_nhan": noi_nhan_lines(Recipients(archive=archive), as_above=True),
        "signer": signer_context(plan.letter.signer or plan.signer),
        "footnotes": {},
        "year": made.year,
    }


def example_context(plan: Plan) -> dict[str, Any]:
    """A real context for ``templates lint``."""
    from .comments_table import TITLE, with_letter

    facts = {"asked": 3, "answered": 2, "agreed": 1, "commenting": 1, "comments": 2, "silent": 1}
    return to_trinh_context(with_letter(plan), facts=facts, tally=None, table_name=TITLE)
