"""What changed between last year's plan and this year's: a table from the plans' data, and a Word
file with tracked changes.

The table compares the data, which is more reliable than a text diff: sections by title, tasks
(items) by title or opening words, targets by text (value, unit, year), duties' deadlines by agency
and duty. The plan year is not a change: "năm 2025" in last year's text equals "năm 2026" in this
year's.

The Word file is this year's plan as rendered, with last year's paragraphs that are gone marked
deleted (w:del) and new or changed paragraphs marked inserted (w:ins), paragraph by paragraph over
the body (the header and closing tables are the frame, not compared). Word shows it in Review →
Track Changes; accepting all gives this year's plan. python-redlines was tried and left out: its
wheel downloads a .NET engine at run time, and dvtemplate uses no network.
"""

from __future__ import annotations

import copy
import datetime as dt
import difflib
import io
import re
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from .errors import InputError
from .model import Plan
from .vn import short_date

__all__ = ["PlanChange", "plan_changes", "redline", "compare_plans", "CHANGE_COLUMNS", "NO_CHANGES"]

CHANGE_COLUMNS = ("Phần", "Nội dung", "Năm trước", "Năm nay", "Thay đổi")
NO_CHANGES = "Không có thay đổi về mục, nhiệm vụ, chỉ tiêu, thời hạn (ngoài năm kế hoạch)."
"""Said on screen and written in the table when the plans differ only by their year (never an empty sheet)."""
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_AUTHOR = "dvtemplate"
_MAX_PARAS = 20_000


def w(tag: str) -> str:
    return f"{{{_W}}}{tag}"


@dataclass
class PlanChange:
    part: str
    what: str
    old: str = ""
    new: str = ""
    change: str = "sửa"

    def row(self) -> tuple[str, str, str, str, str]:
        return (self.part, self.what, self.old, self.new, self.change)


def _norm(text: str | None, year: int | None = None, to: int | None = None) -> str:
    t = " ".join((text or "").split()).casefold()
    if year and to:
        t = re.sub(rf"(?<!\d){year}(?!\d)", str(to), t)
    return t


def _item_key(item) -> str:
    return item.title or (item.text or "")[:80]


def _short(text: str | None, n: int = 90) -> str:
    t = " ".join((text or "").split())
    return t if len(t) <= n else t[: n - 1] + "…"


def _item_text(item) -> str:
    parts = [item.title or "", item.text or ""]
    parts += [getattr(p, "text", None) or "" for p in item.points]
    parts += [b.text for b in item.bullets]
    return " ".join(p for p in parts if p)


def _sections(old: Plan, new: Plan, out: list[PlanChange]) -> None:
    y0, y1 = old.year, new.year
    before = {_norm(s.title, y0, y1): s for s in old.sections}
    after = {_norm(s.title): s for s in new.sections}
    for key, s in after.items():
        if key not in before:
            out.append(PlanChange("Mục", s.title, "", s.title, "thêm"))
    for key, s in before.items():
        if key not in after:
            out.append(PlanChange("Mục", s.title, s.title, "", "bỏ"))
            continue
        _tasks(s, after[key], y0, y1, out)


def _tasks(old_s, new_s, y0: int, y1: int, out: list[PlanChange]) -> None:
    before = {_norm(_item_key(i), y0, y1): i for i in old_s.items}
    after = {_norm(_item_key(i)): i for i in new_s.items}
    where = new_s.title
    for key, item in after.items():
        if key not in before:
            out.append(
                PlanChange("Nhiệm vụ", f"{where}: {_short(_item_key(item), 60)}", "", _short(_item_text(item)), "thêm")
            )
        elif _norm(_item_text(before[key]), y0, y1) != _norm(_item_text(item)):
            old_text, new_text = _item_text(before[key]), _item_text(item)
            out.append(
                PlanChange("Nhiệm vụ", f"{where}: {_short(_item_key(item), 60)}", _short(old_text), _short(new_text))
            )
    for key, item in before.items():
        if key not in after:
            out.append(
                PlanChange("Nhiệm vụ", f"{where}: {_short(_item_key(item), 60)}", _short(_item_text(item)), "", "bỏ")
            )


def _target_value(t) -> str:
    value = " ".join(x for x in (t.value or "", t.unit or "") if x)
    return f"{value} (năm {t.due_year})" if t.due_year else value


def _targets(old: Plan, new: Plan, out: list[PlanChange]) -> None:
    y0, y1 = old.year, new.year
    before = {_norm(t.text, y0, y1): t for t in (old.targets.items if old.targets else [])}
    after = {_norm(t.text): t for t in (new.targets.items if new.targets else [])}
    for key, t in after.items():
        if key not in before:
            out.append(PlanChange("Chỉ tiêu", t.text, "", _target_value(t), "thêm"))
            continue
        o = before[key]
        shifted = o.due_year + (y1 - y0) if o.due_year else None
        if (o.value, o.unit, shifted) != (t.value, t.unit, t.due_year):
            out.append(PlanChange("Chỉ tiêu", t.text, _target_value(o), _target_value(t)))
    for key, t in before.items():
        if key not in after:
            out.append(PlanChange("Chỉ tiêu", t.text, _target_value(t), "", "bỏ"))


def _duties(plan: Plan, year: int | None = None, to: int | None = None) -> dict[tuple[str, str], object]:
    out = {}
    for a in plan.assignments.items if plan.assignments else []:
        for d in a.duties:
            out[(_norm(a.agency), _norm(d.text, year, to))] = (a.agency, d)
    return out


def _day(value) -> str:
    return short_date(value) if isinstance(value, dt.date) else (str(value) if value else "")


def _deadlines(old: Plan, new: Plan, out: list[PlanChange]) -> None:
    before, after = _duties(old, old.year, new.year), _duties(new)
    shift = new.year - old.year
    for key, (agency, d) in after.items():
        o = before.get(key)
        if o is None or not (d.deadline or o[1].deadline):
            continue
        old_day = o[1].deadline
        moved = _shift(old_day, shift)
        if moved != d.deadline:
            out.append(PlanChange("Thời hạn", f"{agency}: {_short(d.text, 60)}", _day(old_day), _day(d.deadline)))


def _shift(day, years: int):
    if not isinstance(day, dt.date):
        return day
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29/2
        return day.replace(year=day.year + years, day=28)


def plan_changes(old: Plan, new: Plan) -> list[PlanChange]:
    """The changes from *old* (last year's plan) to *new*, by part: sections, tasks, targets, deadlines."""
    out: list[PlanChange] = []
    _sections(old, new, out)
    _targets(old, new, out)
    _deadlines(old, new, out)
    return out


# --------------------------------------------------------------------------- the Word file


def _text(p: etree._Element) -> str:
    return "".join(t.text or "" for t in p.iter(w("t")))


def _body_paras(root: etree._Element) -> list[etree._Element]:
    body = root.find(w("body"))
    return [p for p in body if p.tag == w("p")][:_MAX_PARAS] if body is not None else []


class _Marks:
    def __init__(self, when: str) -> None:
        self.next_id, self.when = 9000, when

    def make(self, tag: str) -> etree._Element:
        el = etree.Element(w(tag))
        el.set(w("id"), str(self.next_id))
        el.set(w("author"), _AUTHOR)
        el.set(w("date"), self.when)
        self.next_id += 1
        return el


def _mark_paragraph(p: etree._Element, tag: str, marks: _Marks) -> None:
    """Wrap *p*'s runs in w:ins or w:del and mark its paragraph mark the same way."""
    ppr = p.find(w("pPr"))
    if ppr is None:
        ppr = etree.Element(w("pPr"))
        p.insert(0, ppr)
    rpr = ppr.find(w("rPr"))
    if rpr is None:
        rpr = etree.SubElement(ppr, w("rPr"))
    rpr.insert(0, marks.make(tag))
    for run in [r for r in p if r.tag == w("r")]:
        if tag == "del":
            for t in run.findall(w("t")):
                t.tag = w("delText")
        wrapper = marks.make(tag)
        run.addprevious(wrapper)
        wrapper.append(run)


def _deleted_copy(p: etree._Element, marks: _Marks) -> etree._Element:
    """Last year's paragraph, safe to put into this year's file: no list numbering, footnotes,
    pictures or links (their ids belong to the other file), then marked deleted."""
    q = copy.deepcopy(p)
    ppr = q.find(w("pPr"))
    if ppr is not None:
        for num in ppr.findall(w("numPr")):
            ppr.remove(num)
    for child in list(q):
        if child.tag != w("pPr") and child.tag != w("r"):
            q.remove(child)
    for run in q.findall(w("r")):
        if (
            any(el.get(f"{{{_R}}}id") or el.get(f"{{{_R}}}embed") for el in run.iter())
            or run.find(w("footnoteReference")) is not None
        ):
            q.remove(run)
    _mark_paragraph(q, "del", marks)
    return q


def redline(old_docx: bytes, new_docx: bytes, when: dt.datetime | None = None) -> bytes:
    """*new_docx* with the body paragraphs that changed since *old_docx* as tracked changes."""
    stamp = (when or dt.datetime.now(dt.timezone.utc)).strftime("%Y-%m-%dT%H:%M:%SZ")
    marks = _Marks(stamp)
    with zipfile.ZipFile(io.BytesIO(old_docx)) as z:
        old_root = etree.fromstring(z.read("word/document.xml"))
    zin = zipfile.ZipFile(io.BytesIO(new_docx))
    new_root = etree.fromstring(zin.read("word/document.xml"))
    old_ps, new_ps = _body_paras(old_root), _body_paras(new_root)
    matcher = difflib.SequenceMatcher(None, [_text(p) for p in old_ps], [_text(p) for p in new_ps], autojunk=False)
    for op, i1, i2, j1, j2 in reversed(matcher.get_opcodes()):
        if op == "equal":
            continue
        for p in new_ps[j1:j2]:
            _mark_paragraph(p, "ins", marks)
        anchor = new_ps[j1] if j1 < len(new_ps) else None
        for p in old_ps[i1:i2]:
            gone = _deleted_copy(p, marks)
            if anchor is not None:
                anchor.addprevious(gone)
            else:
                new_root.find(w("body")).find(w("sectPr")).addprevious(gone)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "word/document.xml":
                data = etree.tostring(new_root, xml_declaration=True, encoding="UTF-8", standalone=True)
            zout.writestr(info, data)
    zin.close()
    return out.getvalue()


def compare_plans(old_source, new_source, outdir: str | Path, *, force: bool = False):
    """Write ``so-sanh-<năm trước>-<năm nay>.docx`` (tracked changes) and ``.xlsx`` (the table) into
    *outdir*; returns (files, changes)."""
    from openpyxl import Workbook

    from .documents import as_loaded, render_plan
    from .output import ensure_outdir, target_in, write_new

    for source in (old_source, new_source):
        if isinstance(source, (str, Path)) and Path(source).suffix.lower() not in (".yaml", ".yml"):
            raise InputError(
                f"So sánh cần hai tệp kế hoạch YAML; '{Path(source).name}' không phải tệp .yaml.",
                hint="Kế hoạch năm trước dạng Word: nhập thành tệp YAML trước (lệnh import), rồi so sánh.",
            )
    old, new = as_loaded(old_source), as_loaded(new_source)
    changes = plan_changes(old.plan, new.plan)
    with tempfile.TemporaryDirectory(prefix="dvtemplate-compare-") as tmp:
        old_docx = render_plan(old, Path(tmp, "cu"), filename="cu.docx").files[0].read_bytes()
        new_docx = render_plan(new, Path(tmp, "moi"), filename="moi.docx").files[0].read_bytes()
    book = Workbook()
    sheet = book.active
    sheet.title = "Thay đổi"
    sheet.append(CHANGE_COLUMNS)
    for change in changes:
        sheet.append(change.row())
    if not changes:
        sheet.append(["", NO_CHANGES, "", "", ""])
    table = io.BytesIO()
    book.save(table)
    out = ensure_outdir(outdir)
    stem = f"so-sanh-{old.plan.year}-{new.plan.year}"
    written, unchanged = write_new(
        [
            (target_in(out, stem + ".docx"), redline(old_docx, new_docx)),
            (target_in(out, stem + ".xlsx"), table.getvalue()),
        ],
        force,
    )
    return written + unchanged, changes
