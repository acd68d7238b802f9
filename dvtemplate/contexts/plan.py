"""Plan → the dict the Kế hoạch template reads.

The body is a flat list of blocks ``{kind, lead, text}``: ``section`` (I., II.… upper
case bold), ``item`` (1., 2.… bold lead, with its ``text`` in the same paragraph when run in),
``point`` (a), b)…), ``bullet`` ("- ", "+ ") and
``body`` (a plain paragraph) and ``table`` (``rows`` of cells ``{text, bold}``; every block
has ``rows``, empty but for tables, so a template may read it whatever the kind). Numbering is computed here, so it
can never skip or repeat, and the Vietnamese legal alphabet is used for points.
"""

from __future__ import annotations

from typing import Any

from ..model import Assignment, Bullet, CitedDocument, Item, LegalBasis, Plan, Point, Table
from ..model.reports import Report, joins_plan_report, plan_reports
from ..model.symbols import plan_symbol
from ..model.wording import deadline_phrase, schedule_sentence, target_sentence
from ..vn import cite_document, point_letter, roman, sentence_case, upper_vn
from ..vn.nd30 import kind_title
from .common import Footnotes, header_context, noi_nhan_lines, signer_context

__all__ = ["plan_context", "plan_blocks", "basis_sentence", "REPORTING_TITLE"]

REPORTING_TITLE = "Chế độ báo cáo"


def basis_sentence(basis: LegalBasis) -> str:
    """'Căn cứ Nghị quyết số 25-NQ/TW ngày 03/06/2013 của …; Quyết định …;'"""
    cited = [_cite(d) for d in basis.documents]
    if basis.text:
        cited.append(basis.text.rstrip(" ;"))
    return f"{basis.lead} " + "; ".join(cited) + ";"


def _cite(doc: CitedDocument) -> str:
    return cite_document(doc.kind, doc.number, None, doc.issued, doc.issuer, doc.subject)


class _Blocks:
    def __init__(self, fn: Footnotes, plan: Plan | None = None) -> None:
        self.fn = fn
        self.out: list[dict[str, Any]] = []
        self.plan = plan
        # the plan's report, as every duty that names it and the Chế độ báo cáo state it
        self.main: Report | None = plan_reports(plan)[0] if plan and plan.reporting and plan.reporting.entries else None

    def add(self, kind: str, text: str | None = "", lead: str = "") -> None:
        self.out.append({"kind": kind, "lead": self.fn(lead), "text": self.fn(text or ""), "rows": []})

    def paragraph(self, paragraph: str | Table) -> None:
        """A body paragraph, or a table: rows of cells ``{text, bold}``, every row as wide as the widest."""
        if not isinstance(paragraph, Table):
            self.add("body", paragraph)
            return
        width = paragraph.columns
        rows = [
            [{"text": self.fn(cell), "bold": paragraph.header and r == 0} for cell in row + [""] * (width - len(row))]
            for r, row in enumerate(paragraph.table)
        ]
        # text: what a template made before tables existed prints instead of losing the table
        text = "\n".join(" | ".join(cell["text"] for cell in row) for row in rows)
        self.out.append({"kind": "table", "lead": "", "text": text, "rows": rows})

    def bullets(self, bullets: list[Bullet]) -> None:
        for b in bullets:
            self.add("bullet", b.text, "- ")
            for sub in b.sub:
                self.add("bullet", sub, "+ ")

    def points(self, points: list[Point]) -> None:
        for i, p in enumerate(points):
            text = " ".join(t for t in (p.title, p.text) if t)
            self.add("point", text, f"{point_letter(i)}) ")
            self.bullets(p.bullets)

    def item(self, number: int, item: Item) -> None:
        if item.title and item.run_in and item.text:
            self.add("item", item.text, f"{number}. {item.title} ")  # bold lead, text in the same paragraph
        elif item.title:
            self.add("item", "", f"{number}. {item.title}")
            if item.text:
                self.add("body", item.text)
        else:
            self.add("body", f"{number}. {item.text}")
        for paragraph in item.paragraphs:
            self.paragraph(paragraph)
        self.points(item.points)
        self.bullets(item.bullets)

    def duties(self, a: Assignment) -> None:
        for i, duty in enumerate(a.duties):
            text = duty.text
            if duty.deadline:
                # inline, as clerks write it ("… trước ngày 15/12/2025."); the importer reads it back
                text = text.rstrip(" .;") + f" {deadline_phrase(duty.deadline)}."
            if duty.schedule:
                schedule = duty.schedule
                if self.main is not None and self.plan is not None and joins_plan_report(self.plan, duty):
                    schedule = self.main.schedule.model_copy(update={"to": duty.report_to or schedule.to})
                elif duty.report_to and not schedule.to:
                    schedule = schedule.model_copy(update={"to": duty.report_to})
                text = text.rstrip() + " " + schedule_sentence(schedule)
            elif duty.report_to:
                text = text.rstrip(" .;") + f", báo cáo kết quả về {duty.report_to}."
            if a.marker == "a)":
                self.add("point", text, f"{point_letter(i)}) ")
            else:
                self.add("bullet", text, "- ")
            for bullet in duty.bullets:
                self.add("bullet", bullet, "- " if a.marker == "a)" else "+ ")


def plan_blocks(plan: Plan, fn: Footnotes) -> list[dict[str, Any]]:
    """Every body paragraph of the plan, in order, numbered."""
    b = _Blocks(fn, plan)
    for basis in plan.legal_bases:
        b.add("body", basis_sentence(basis))
    if plan.intro:
        b.add("body", plan.intro)
    section = 0

    def heading(title: str) -> None:
        nonlocal section
        section += 1
        b.add("section", upper_vn(title), f"{roman(section)}. ")

    if plan.purposes:
        p = plan.purposes
        heading(p.title)
        for i, text in enumerate(p.items, 1):
            b.add("body", f"{i}. {text}")
        for number, (title, texts) in enumerate(
            [(t, x) for t, x in (("Mục đích", p.purposes), ("Yêu cầu", p.requirements)) if x], 1
        ):
            b.add("item", "", f"{number}. {title}")
            for i, text in enumerate(texts):
                b.add(
                    "point" if p.marker == "a)" else "bullet",
                    text,
                    f"{point_letter(i)}) " if p.marker == "a)" else "- ",
                )
    for sec in plan.sections:
        if not (sec.paragraphs or sec.items or sec.bullets):
            continue  # an empty part would leave an orphan heading
        heading(sec.title)
        for paragraph in sec.paragraphs:
            b.paragraph(paragraph)
        for i, item in enumerate(sec.items, 1):
            b.item(i, item)
        b.bullets(sec.bullets)
    if plan.targets:
        heading(plan.targets.title)
        for paragraph in plan.targets.paragraphs:
            b.add("body", paragraph)
        for i, target in enumerate(plan.targets.items, 1):
            b.add("body", f"{i}. {target_sentence(target)}")
    if plan.assignments or (plan.reporting and plan.reporting.entries):
        heading(plan.assignments.title if plan.assignments else "Tổ chức thực hiện")
        items = plan.assignments.items if plan.assignments else []
        for paragraph in plan.assignments.paragraphs if plan.assignments else []:
            b.add("body", paragraph)
        for i, a in enumerate(items, 1):
            if a.run_in and a.text:
                b.add("item", a.text, f"{i}. {a.agency} ")
            else:
                b.add("item", "", f"{i}. {a.agency}")
                if a.text:
                    b.add("body", a.text)
            for paragraph in a.paragraphs:
                b.add("body", paragraph)
            b.duties(a)
        if plan.reporting and plan.reporting.entries:
            b.add("item", "", f"{len(items) + 1}. {REPORTING_TITLE}")
            main = b.main or plan_reports(plan)[0]
            b.add("body", schedule_sentence(main.schedule, main.by))
    if plan.closing:
        b.add("body", plan.closing)
    return b.out


def plan_context(plan: Plan) -> dict[str, Any]:
    """The complete context of the Kế hoạch template."""
    fn = Footnotes(dict(plan.footnotes))
    header = header_context(
        plan.issuer,
        number=plan.number,
        symbol=plan_symbol(plan),
        issued=plan.issued,
        draft=plan.draft,
        default_year=plan.year,
    )
    blocks = plan_blocks(plan, fn)
    return {
        "kind": "plan",
        "draft": plan.draft,
        "header": header,
        "type_name": kind_title("plan"),
        "subject": fn(sentence_case(plan.title)),
        "blocks": blocks,
        "noi_nhan": noi_nhan_lines(plan.recipients),
        "signer": signer_context(plan.signer),
        "footnotes": fn.notes,
        "year": plan.year,
    }
