"""One returned report form → who it is from and every answer with its status.

Read through the one safe reader (:mod:`dvtemplate.docx`); no XML here. An answer is
found, in this order:

1. by its content control's ``w:tag`` (the public contract, :mod:`dvtemplate.model.forms`);
2. by the control's ``w:alias`` (LibreOffice drops every tag but keeps the alias);
3. by place: a control that lost both sits in a table row/column or under a heading;
4. without a control (deleted by the user, text typed beside it, a table pasted in):
   the text under the item's heading, or the "Kết quả" cell of the row whose number or
   label is the target's/indicator's — only when that place is unambiguous.

Status: ``ok`` (1–2), ``recovered`` (3–4), ``missing`` (nothing typed; never 0),
``invalid`` (typed, but not a value of the field's type; the message says what was typed).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from ..docx import ControlScan, Document, open_package, read_document, scan_controls
from ..errors import InputError
from ..model.forms import (
    CLOSING_AREAS,
    DIFFICULTIES_TAG,
    HINTS,
    IDENTITY_PREFIX,
    NEXT_TAG,
    PROPOSALS_TAG,
    PROPS,
    item_tag,
    parse_identity_line,
    parse_tag,
    target_tag,
)
from .numbers import ValueProblem, parse_value

__all__ = ["Spec", "Answer", "FormRead", "read_report_form", "STATUSES"]

STATUSES = {"ok": "đã điền", "recovered": "khôi phục", "missing": "thiếu", "invalid": "sai kiểu"}
"""Status of one value → its Vietnamese label (workbook, summary)."""
_DOTS = re.compile(r"[.…·_]{3,}|…+")


@dataclass(frozen=True)
class Spec:
    """What the plan's form asks (a picklable copy of :class:`~dvtemplate.model.forms.FormField`)."""

    tag: str
    alias: str
    kind: str  # item, target, ind, difficulties, proposals
    ref: str
    label: str
    vtype: str = "text"
    unit: str = ""


@dataclass
class Answer:
    raw: str = ""
    value: object = None
    status: str = "missing"
    how: str = ""
    problem: str = ""


@dataclass
class FormRead:
    """The result of reading one file; ``error`` set when it could not be read at all."""

    name: str
    identity: dict[str, str] = field(default_factory=dict)
    identity_from: str = ""
    answers: dict[str, Answer] = field(default_factory=dict)
    tracked: bool = False
    error: str = ""
    reader: str = "blocks"
    """``controls``: read from the controls alone (the form untouched around them); ``blocks``: every paragraph."""
    notes: list[str] = field(default_factory=list)
    """What the clerk should look at (the file was still used): the properties and the visible line disagree."""


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFC", text or "").casefold()
    return " ".join(re.sub(r"[^\w%]+", " ", text).split())


def _answer_text(text: str) -> str:
    """Typed text without the placeholder hints and the dotted writing lines."""
    for hint in HINTS:
        text = text.replace(hint, " ")
    lines = [" ".join(_DOTS.sub(" ", line).split()) for line in text.split("\n")]
    return "\n".join(line for line in lines if line)


_SECTION_AREAS = {"đề xuất kiến nghị": PROPOSALS_TAG, "kiến nghị": PROPOSALS_TAG, "phương hướng": NEXT_TAG}
"""A section heading (normalised start) → the answer area under it."""


def _closing_item(title: str) -> str | None:
    """The area of a numbered heading under "Đánh giá chung" (ưu điểm, hạn chế, nguyên nhân, khó khăn)."""
    text = _norm(title)
    return next((tag for tag, _, label in CLOSING_AREAS[:4] if text.startswith(_norm(label)[:9])), None)


_SECTION = re.compile(r"^([IVXLC]+)\.\s+(.+)$")
_ITEM = re.compile(r"^(\d{1,3})\.\s+(.+)$")


class _Placer:
    """Where each answer area is in the blocks, found from headings and tables (not from controls)."""

    def __init__(self, doc: Document, specs: list[Spec]) -> None:
        self.doc = doc
        self.specs = specs
        self.by_tag = {s.tag: s for s in specs}
        self.items = {s.ref for s in specs if s.kind == "item"}
        self.owner: dict[int, str] = {}
        self.seen: dict[str, int] = {}
        self.heading_at: dict[int, str | None] = {}
        self._walk()

    def _heading(self, b) -> bool:
        return len(b.flat) < 250 and (b.bold or bool(b.bold_prefix) or b.style in ("DV Mục", "DV Phần"))

    def _walk(self) -> None:
        section, current = "", None
        for b in self.doc.paras:
            if b.cell is not None:
                continue
            flat = b.flat
            m = _SECTION.match(flat)
            if m and self._heading(b):
                section = _norm(m.group(2))
                current = _SECTION_AREAS.get(next((k for k in _SECTION_AREAS if section.startswith(k)), ""))
                self._claim(current)
                self.heading_at[b.index] = current
                continue
            m = _ITEM.match(flat)
            if m and self._heading(b):
                if section.startswith("kết quả thực hiện các nhiệm vụ") and m.group(1) in self.items:
                    current = item_tag(int(m.group(1)))
                elif section.startswith("đánh giá") and _closing_item(m.group(2)):
                    current = _closing_item(m.group(2))
                elif "khó khăn" in _norm(m.group(2)):
                    current = DIFFICULTIES_TAG
                else:
                    current = None
                self._claim(current)
                self.heading_at[b.index] = current
                continue
            if flat.startswith(("Trên đây là báo cáo", "Mẫu dành cho")):
                current = None
            if current is not None:
                self.owner[b.index] = current

    def _claim(self, tag: str | None) -> None:
        if tag is not None:
            self.seen[tag] = self.seen.get(tag, 0) + 1

    def heading_tag(self, block: int) -> str | None:
        """The answer area a paragraph at *block* belongs to (by the heading above it)."""
        if block in self.owner:
            return self.owner[block]
        return None

    def text_of(self, tag: str) -> str | None:
        """Typed text under *tag*'s heading, None when the heading is absent or appears twice."""
        if self.seen.get(tag) != 1:
            return None
        texts = [self.doc.paras[i].plain for i, t in sorted(self.owner.items()) if t == tag]
        return _answer_text("\n".join(texts))

    # -- tables -----------------------------------------------------------------------------
    def table_cells(self) -> dict[str, tuple[tuple[int, int, int], str]]:
        """tag → ((table, row, col) of its "Kết quả" cell, text), from every table of the form."""
        cells: dict[tuple[int, int, int], str] = {}
        for b in self.doc.paras:
            if b.cell is not None:
                cells[b.cell] = (cells.get(b.cell, "") + "\n" + b.plain).strip("\n")
        tables = sorted({c[0] for c in cells})
        targets = {_norm(s.label): s.tag for s in self.specs if s.kind == "target"}
        indicators = {_norm(s.label): s.tag for s in self.specs if s.kind == "ind"}
        ind_order = [s.tag for s in self.specs if s.kind == "ind"]
        found: dict[str, list[tuple[tuple[int, int, int], str]]] = {}
        for t in tables:
            header = {c: _norm(cells.get((t, 1, c), "")) for c in range(1, 21) if (t, 1, c) in cells}
            result_col = next((c for c, h in header.items() if h.startswith("kết quả")), None)
            if result_col is None:
                continue
            kind = "target" if any("chỉ tiêu" in h for h in header.values()) else None
            kind = kind or ("ind" if any(h.startswith("chỉ số") for h in header.values()) else None)
            rows = sorted({c[1] for c in cells if c[0] == t and c[1] > 1})
            for r in rows:
                label = _norm(cells.get((t, r, 2), ""))
                stt = cells.get((t, r, 1), "").strip().rstrip(".")
                tag = targets.get(label) or indicators.get(label)
                if tag is None and stt.isdecimal():  # "²" is a digit int() refuses
                    if kind == "target" and target_tag(int(stt)) in self.by_tag:
                        tag = target_tag(int(stt))
                    elif kind == "ind" and 1 <= int(stt) <= len(ind_order):
                        tag = ind_order[int(stt) - 1]
                if tag is not None:
                    cell = (t, r, result_col)
                    found.setdefault(tag, []).append((cell, _answer_text(cells.get(cell, ""))))
        return {tag: places[0] for tag, places in found.items() if len(places) == 1}


def _from_properties(props) -> dict[str, str]:
    """The identity fields from the custom properties; ``targets`` only when the form has it (version 2)."""
    return {k: props.get(n, "") for k, n in PROPS.items() if k != "targets" or props.get(n) is not None}


def _visible(doc: Document) -> dict[str, str] | None:
    """The "Mẫu dành cho" line: in the footer of page 1 since form version 2, at the end of the body before."""
    footers = [b for part in doc.parts.values() if part.kind == "footer" for b in part.paras]
    return next((found for b in [*reversed(doc.paras), *footers] if (found := parse_identity_line(b.plain))), None)


def _identity(pkg, doc: Document) -> tuple[dict[str, str], str, str]:
    """(identity, where it was read, a note when the properties and the visible line disagree)."""
    props = pkg.custom_properties()
    visible = _visible(doc)
    if props.get(PROPS["unit"]) and props.get(PROPS["period"]):
        return _from_properties(props), "properties", _disagree(props, visible)
    return (visible, "visible", "") if visible else ({}, "", "")


def _disagree(props: dict[str, str], visible: dict[str, str] | None) -> str:
    """A note naming both units when the file's properties name another unit than its "Mẫu dành cho" line."""
    unit = props.get(PROPS["unit"], "")
    if not visible or _norm(visible.get("unit", "")) == _norm(unit):
        return ""
    return (
        f"thuộc tính của tệp ghi đơn vị «{unit}» nhưng dòng '{IDENTITY_PREFIX.rstrip(':')}' trong văn bản ghi «{visible['unit']}»; "
        f"đã tính cho {unit} — hãy kiểm tra đơn vị nào thực sự gửi tệp này"
    )


def _typed(spec: Spec, answer: Answer, unit_name: str) -> Answer:
    if not answer.raw:
        answer.status, answer.value = "missing", None
        return answer
    try:
        answer.value = parse_value(answer.raw, spec.vtype, spec.unit)
    except ValueProblem as exc:
        answer.status, answer.value = "invalid", None
        answer.problem = f"{unit_name or 'đơn vị'}, {spec.alias}: {exc} (đã gõ «{answer.raw[:80]}»)"
    return answer


def _quick(pkg, name: str, specs: list[Spec]) -> FormRead | None:
    """The answers from the controls alone, when the form is exactly as made apart from what was typed
    into them: identity in the properties, every control there once with its tag, and every empty one
    untouched around it. None otherwise (then the block reader looks at every paragraph)."""
    props = pkg.custom_properties()
    if not (props.get(PROPS["unit"]) and props.get(PROPS["period"])):
        return None
    try:
        scan: ControlScan = scan_controls(pkg, IDENTITY_PREFIX)
    except InputError:
        return None
    if scan.typed_outside:
        return None
    by_tag = {c.tag: c for c in scan.controls}
    asked = props.get(PROPS["targets"])  # the chỉ tiêu this unit's form asks (absent on version 1: all)
    wanted = {s.tag for s in specs if s.kind != "target" or asked is None or s.ref in asked.split(",")}
    if len(by_tag) != len(scan.controls) or set(by_tag) != wanted:
        return None
    if any(not c.value and not c.untouched for c in scan.controls):
        return None
    result = FormRead(name, identity=_from_properties(props), identity_from="properties")
    result.tracked, result.reader = scan.tracked, "controls"
    note = _disagree(props, parse_identity_line(scan.marked_line))
    result.notes += [note] if note else []
    unit_name = result.identity["unit"]
    for spec in specs:
        value = _answer_text(by_tag[spec.tag].value) if spec.tag in by_tag else ""
        answer = Answer(value, status="ok", how="tag") if value else Answer()
        result.answers[spec.tag] = _typed(spec, answer, unit_name)
    return result


def read_report_form(data: bytes, name: str, specs: list[Spec]) -> FormRead:
    """Read one form (bytes of a .docx) against *specs*; an unreadable file comes back with ``error``.

    Unreadable is any part of it: the package, document.xml, or the properties (docProps/custom.xml)."""
    try:
        pkg = open_package(data, name=name)
        return _quick(pkg, name, specs) or _read_blocks(pkg, read_document(pkg), name, specs)
    except InputError as exc:
        return FormRead(name, error=exc.message.removeprefix(f"Không đọc được tệp '{name}': "))


def _read_blocks(pkg, doc: Document, name: str, specs: list[Spec]) -> FormRead:
    """Every answer found from the paragraphs and tables of the whole document (controls, places)."""
    result = FormRead(name)
    result.identity, result.identity_from, note = _identity(pkg, doc)
    result.notes += [note] if note else []
    result.tracked = bool(doc.tracked.get("ins") or doc.tracked.get("del"))
    by_tag = {s.tag: s for s in specs}
    by_alias = {_norm(s.alias): s for s in specs}
    placer = _Placer(doc, specs)
    cells = placer.table_cells()
    tag_by_cell = {cell: tag for tag, (cell, _) in cells.items()}
    answers: dict[str, Answer] = {}
    for control in doc.controls:
        spec, how = None, ""
        parsed = parse_tag(control.tag)
        if parsed and control.tag in by_tag:
            spec, how = by_tag[control.tag], "tag"
        elif _norm(control.alias) in by_alias:
            spec, how = by_alias[_norm(control.alias)], "alias"
        elif control.cell is not None and control.cell in tag_by_cell:
            spec, how = by_tag[tag_by_cell[control.cell]], "place"
        elif control.cell is None and placer.heading_tag(control.block):
            spec, how = by_tag.get(placer.heading_tag(control.block) or ""), "place"
        if spec is None or spec.tag in answers and answers[spec.tag].raw:
            continue
        value = _answer_text(control.value)
        if value:
            answers[spec.tag] = Answer(value, status="ok" if how in ("tag", "alias") else "recovered", how=how)
    unit_name = result.identity.get("unit", "")
    for tag, answer in answers.items():  # text typed below a filled control, under the same heading, counts too
        if by_tag[tag].kind not in ("target", "ind"):
            area = placer.text_of(tag)
            if area and area != answer.raw and answer.raw in area:
                answer.raw, answer.status, answer.how = area, "recovered", answer.how + "+place"
    for spec in specs:
        answer = answers.get(spec.tag)
        if answer is None:
            text = cells[spec.tag][1] if spec.tag in cells else placer.text_of(spec.tag)
            answer = Answer(text or "", status="recovered", how="place") if text else Answer()
        result.answers[spec.tag] = _typed(spec, answer, unit_name)
    return result
