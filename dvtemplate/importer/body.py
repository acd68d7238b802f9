"""The body of a Kế hoạch: căn cứ, intro, Roman sections and what lies under them.

Every paragraph is first tagged by its hand-typed numbering ("I."/"I-",
"1.", "a)", "-", "+") or heading style, then placed by a small state machine
per section type (Mục đích/Yêu cầu, content, Chỉ tiêu, Tổ chức thực hiện,
Chế độ báo cáo). A paragraph the structure has no slot for is kept as a
continuation of the paragraph before it (same position, same text) or as a
plain paragraph, and reported.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass

from ..docx import Para as Block
from ..vn import from_roman, upper_vn
from .parsers import parse_basis, parse_duty, parse_schedule, parse_target, restore_case

__all__ = ["Line", "tag_lines", "parse_body"]

_ROMAN = re.compile(r"^(?P<n>[IVXLC]{1,6})\s*[.\-–/)]\s*(?P<rest>.+)$", re.S)
_ITEM = re.compile(r"^(?P<n>\d{1,2})\s*[.)]\s*(?!\d)(?P<rest>.*)$", re.S)
_POINT = re.compile(r"^(?P<n>[a-zđ])\)\s*(?P<rest>.+)$", re.S)
_DASH = re.compile(r"^[-–—•]\s*(?P<rest>.+)$", re.S)
_PLUS = re.compile(r"^\+\s*(?P<rest>.+)$", re.S)


@dataclass
class Line:
    """A tagged body paragraph: kind section|item|point|bullet|sub|body|table, title (bold lead) and text.

    A ``table`` line holds the table's ``rows`` of cell texts (its ``text`` joins them, for messages).
    """

    kind: str
    text: str
    title: str | None = None
    source: str = ""
    run_in: bool = False
    rows: list[list[str]] | None = None


def _roman_ok(n: str) -> bool:
    try:
        from_roman(n)
        return True
    except ValueError:
        return False


def _run_in(title: str, body: str, flat: str) -> list[Line]:
    """A bold lead and plain text in one paragraph. When the text opens with its own point or
    dash ("…mới: a) Tiếp tục…", two paragraphs merged), the lead is a heading and the text
    the first point; otherwise the lead runs into its sentence (kept run-in)."""
    for kind, rx in (("point", _POINT), ("bullet", _DASH)):
        m = rx.match(body)
        if m and not (kind == "point" and m.group("n") != "a"):
            return [Line("item", "", title=title, source=flat), Line(kind, m.group("rest").strip(), source=body)]
    return [Line("item", body, title=title, source=flat, run_in=True)]


def _tag(b: Block) -> list[Line]:
    """The paragraph's line(s): two when a heading and its first point were typed as one."""
    line = _tag_one(b)
    return line if isinstance(line, list) else [line]


def _tag_one(b: Block) -> Line | list[Line]:
    flat, text = b.flat, b.plain.strip()
    m = _ROMAN.match(flat)
    if m and _roman_ok(m.group("n")) and (b.bold or b.heading == 1 or m.group("rest") == upper_vn(m.group("rest"))):
        return Line("section", m.group("rest").strip(), source=flat)
    m = _ITEM.match(text)
    if m and m.group("rest").strip():
        rest = m.group("rest").strip()
        if b.bold or (b.heading and b.heading >= 2):
            return Line("item", "", title=re.sub(r"\s+", " ", rest), source=flat)
        lead = b.bold_prefix
        lead_rest = _ITEM.match(lead)
        if lead_rest and lead_rest.group("rest").strip():
            title = lead_rest.group("rest").strip()
            body = re.sub(r"^\s*\d{1,2}\s*[.)]\s*", "", text, count=1)[len(title) :].strip()
            if body:
                return _run_in(title, body, flat)
        return [Line("item", rest, source=flat)]
    if b.heading == 1 and flat == upper_vn(flat):
        return Line("section", flat, source=flat)
    for kind, rx in (("point", _POINT), ("bullet", _DASH), ("sub", _PLUS)):
        m = rx.match(text)
        if m:
            return Line(kind, m.group("rest").strip(), source=flat)
    return Line("body", text, source=flat)


def tag_lines(blocks: list[Block]) -> tuple[list[Line], list[str]]:
    """Tag body blocks; a table inside the body becomes one ``table`` line holding its rows of cells."""
    lines: list[Line] = []
    tables: dict[int, Line] = {}
    cells: dict[tuple[int, int, int], list[str]] = {}
    for b in blocks:
        if b.cell is not None:
            number, row, col = b.cell
            if number not in tables:
                tables[number] = Line("table", "", rows=[])
                lines.append(tables[number])
            cells.setdefault((number, row - 1, col - 1), []).append(b.plain.strip())
            continue
        if not b.plain.strip() or b.is_rule:
            continue
        lines.extend(_tag(b))
    for (number, row, col), texts in cells.items():
        rows = tables[number].rows
        while len(rows) <= row:
            rows.append([])
        rows[row].extend([""] * (col + 1 - len(rows[row])))
        rows[row][col] = "\n".join(t for t in texts if t)
    for line in tables.values():
        line.rows = [row for row in line.rows if any(row)]
        line.text = " | ".join(cell for row in line.rows for cell in row if cell)
        line.source = line.text
    return [line for line in lines if line.text or line.title], []


def _short(text: str, n: int = 60) -> str:
    text = re.sub(r"\s+", " ", text)
    return text if len(text) <= n else text[:n] + "…"


def _title(text: str) -> str:
    return restore_case(text.rstrip(" :."))


class _Section:
    """A generic section: paragraphs, items (points, bullets), section bullets; continuation kept."""

    def __init__(self, title: str) -> None:
        self.data: dict = {"title": _title(title), "paragraphs": [], "items": [], "bullets": []}
        self.item: dict | None = None
        self.point: dict | None = None
        self.bullet: dict | None = None
        self.last: tuple[dict, str] | None = None
        self.moved: list[str] = []

    def _continue(self, text: str) -> bool:
        if self.last is None:
            return False
        holder, key = self.last
        if isinstance(holder, list):
            holder[key] = holder[key] + "\n" + text
        else:
            holder[key] = (holder.get(key) or "") + "\n" + text
        return True

    def add(self, line: Line) -> None:
        if line.kind == "table":
            table = {"table": line.rows}
            if self.item is None:
                self.data["paragraphs"].append(table)
                if self.data["bullets"]:
                    self.moved.append(line.text)
            else:
                self.item["paragraphs"].append(table)
                if self.item["points"] or self.item["bullets"]:
                    self.moved.append(line.text)
            self.last = None
            return
        if line.kind == "item":
            self.item = {"title": line.title, "text": line.text or None, "paragraphs": [], "points": [], "bullets": []}
            if line.run_in and line.title and line.text:
                self.item["run_in"] = True
            if not line.title:
                self.item["text"] = line.text
            self.data["items"].append(self.item)
            self.point = self.bullet = None
            self.last = (self.item, "text") if self.item["text"] else None
        elif line.kind == "point" and self.item is not None:
            self.point = {"text": line.text, "bullets": []}
            self.item["points"].append(self.point)
            self.bullet = None
            self.last = (self.point, "text")
        elif line.kind in ("bullet", "sub") and (line.kind == "bullet" or self.bullet is None):
            self.bullet = {"text": line.text, "sub": []}
            target = (
                self.point["bullets"] if self.point else self.item["bullets"] if self.item else self.data["bullets"]
            )
            target.append(self.bullet)
            self.last = (self.bullet, "text")
        elif line.kind == "sub":
            self.bullet["sub"].append(line.text)
            self.last = (self.bullet["sub"], len(self.bullet["sub"]) - 1)
        elif self.item is None and not self.data["bullets"]:
            self.data["paragraphs"].append(line.source if line.kind == "point" else line.text)
        elif self.item is not None and self.last is None and not (self.item["points"] or self.item["bullets"]):
            if self.item["text"] is None:
                self.item["text"] = line.text
                self.last = (self.item, "text")
            else:
                self.item["paragraphs"].append(line.text)
        elif self.item is not None and not (self.item["points"] or self.item["bullets"]):
            self.item["paragraphs"].append(line.text)
            self.last = (self.item["paragraphs"], len(self.item["paragraphs"]) - 1)
        elif not self._continue(line.source if line.kind == "point" else line.text):
            self.data["paragraphs"].append(line.text)

    def result(self) -> dict:
        return _prune(self.data)


def _prune(value):
    if isinstance(value, dict):
        return {k: _prune(v) for k, v in value.items() if v not in (None, [], "")}
    if isinstance(value, list):
        return [_prune(v) for v in value]
    return value


def _purposes(title: str, lines: list[Line]) -> dict | None:
    """Mục đích/Yêu cầu as one numbered list, or as two sub-lists under '1. Mục đích', '2. Yêu cầu'."""
    out: dict = {"title": _title(title), "items": [], "purposes": [], "requirements": []}
    current = None
    markers = set()
    for line in lines:
        head = (line.title or "").rstrip(" :.").lower()
        if line.kind == "item" and head in ("mục đích", "yêu cầu"):
            current = "purposes" if head == "mục đích" else "requirements"
            if line.text:
                out[current].append(line.text)
        elif current and line.kind in ("bullet", "point", "body"):
            if line.kind in ("bullet", "point"):
                markers.add("a)" if line.kind == "point" else "-")
            out[current].append(line.text)
        elif current is None and line.kind in ("item", "bullet", "body", "point"):
            out["items"].append(" ".join(t for t in (line.title, line.text) if t))
        else:
            return None
    if len(markers) > 1 or (out["items"] and (out["purposes"] or out["requirements"])):
        return None
    if markers == {"a)"}:
        out["marker"] = "a)"
    return _prune(out) if (out["items"] or out["purposes"] or out["requirements"]) else None


def _targets(title: str, lines: list[Line]) -> dict | None:
    out: dict = {"title": _title(title), "paragraphs": [], "items": []}
    if any(line.kind == "table" for line in lines):
        return None  # a table of targets stays a table, in a content section
    for line in lines:
        text = " ".join(t for t in (line.title, line.text) if t)
        if line.kind == "body" and not out["items"]:
            out["paragraphs"].append(text)
        else:
            target = parse_target(text)
            out["items"].append(target.model_dump(exclude_defaults=True))
    return _prune(out) if out["items"] else None


def _assignments(title: str, lines: list[Line], last_day: _dt.date, plan: dict) -> dict | None:
    out: dict = {"title": _title(title), "paragraphs": [], "items": []}
    if any(line.kind == "table" for line in lines):
        return None
    current = None
    last = None
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.kind == "item":
            agency = (line.title or line.text).rstrip()
            if agency.rstrip(" :.").lower() == "chế độ báo cáo" and i + 1 < len(lines) and lines[i + 1].kind == "body":
                schedule = parse_schedule(lines[i + 1].text)
                if schedule is not None and "reporting" not in plan:
                    plan["reporting"] = schedule.model_dump(exclude_defaults=True)
                    current = None
                    i += 2
                    continue
            current = {"agency": agency, "duties": [], "paragraphs": []}
            if line.title and line.text:
                current["text"] = line.text
                current["run_in"] = line.run_in
            out["items"].append(current)
            last = None
        elif current is None:
            out["paragraphs"].append(line.text)
        elif last is not None and (
            (line.kind == "bullet" and current.get("marker") == "a)")
            or (line.kind == "sub" and current["marker"] == "-")
        ):
            last.setdefault("bullets", []).append(line.text)  # "- …" under a), "+ …" under "- …"
        elif line.kind in ("bullet", "point"):
            if not current["duties"]:
                current["marker"] = "a)" if line.kind == "point" else "-"
            current["duties"].append(parse_duty(line.text, last_day).model_dump(exclude_defaults=True))
            last = current["duties"][-1]
        elif last is not None:
            last["text"] += "\n" + (line.source if line.kind == "sub" else line.text)
        elif "text" not in current:
            current["text"] = line.text
        else:
            current["paragraphs"].append(line.text)  # a paragraph stays a paragraph
        i += 1
    for item in out["items"]:
        if not item["duties"] and "text" not in item and not item["paragraphs"]:
            return None
    return _prune(out) if out["items"] else None


def parse_body(lines: list[Line], plan: dict, last_day: _dt.date, warnings: list[str]) -> None:
    """Fill *plan* (a dict) with legal_bases, intro, purposes, sections, targets, assignments.

    Steps: upper-case items promoted to sections when the file has no section; what comes
    before section I (legal bases, then the intro); each section placed where its title says
    (purposes, targets, assignments, reporting) or kept as a content section.
    """
    lines = _promote_upper_items(lines)
    first = next((i for i, ln in enumerate(lines) if ln.kind == "section"), len(lines))
    _preamble(lines[:first], plan, warnings)
    sections = []
    for title, body in _chunks(lines[first:]):
        if _place_special(title, body, plan, last_day, sections):
            continue
        sections.append(_content_section(title, body, warnings))
    if sections:
        plan["sections"] = sections


def _is_upper_item(line: Line) -> bool:
    return line.kind == "item" and bool(line.title) and line.title == upper_vn(line.title)


def _promote_upper_items(lines: list[Line]) -> list[Line]:
    """No section at all but upper-case numbered items ("1. MỤC ĐÍCH, YÊU CẦU"): those items are the sections."""
    if any(ln.kind == "section" for ln in lines) or not any(_is_upper_item(ln) for ln in lines):
        return lines
    return [Line("section", ln.title, source=ln.source) if _is_upper_item(ln) and not ln.text else ln for ln in lines]


def _preamble(lines: list[Line], plan: dict, warnings: list[str]) -> None:
    """Before section I: the legal bases ("Căn cứ …" lines first), then the intro."""
    intro = []
    for line in lines:
        if line.kind == "table":
            warnings.append(f"bảng trước phần I được chuyển thành đoạn văn: '{_short(line.text)}'")
        basis = parse_basis(line.source) if line.kind == "body" else None
        if basis is not None and not intro and not line.source.rstrip().endswith(":"):
            plan.setdefault("legal_bases", []).append(basis.model_dump(exclude_defaults=True))
        else:
            intro.append(line.source if line.kind != "body" else line.text)
    if intro:
        plan["intro"] = "\n".join(intro)


def _chunks(lines: list[Line]) -> list[tuple[str, list[Line]]]:
    """(section title, its lines) for every section, from the first section on."""
    chunks: list[tuple[str, list[Line]]] = []
    for line in lines:
        if line.kind == "section":
            chunks.append((line.text, []))
        else:
            chunks[-1][1].append(line)
    return chunks


def _place_special(title: str, body: list[Line], plan: dict, last_day: _dt.date, sections: list) -> bool:
    """A section the plan has a field for (purposes, targets, assignments, reporting); True when placed there."""
    key = upper_vn(title)
    if "MỤC ĐÍCH" in key and "purposes" not in plan and not sections:
        field, placed = "purposes", _purposes(title, body)
    elif "CHỈ TIÊU" in key and "targets" not in plan:
        field, placed = "targets", _targets(title, body)
    elif "TỔ CHỨC THỰC HIỆN" in key and "assignments" not in plan:
        field, placed = "assignments", _assignments(title, body, last_day, plan)
    elif "BÁO CÁO" in key and "reporting" not in plan and len(body) == 1:
        schedule = parse_schedule(body[0].text)
        field, placed = "reporting", schedule.model_dump(exclude_defaults=True) if schedule is not None else None
    else:
        return False
    if placed:
        plan[field] = placed
    return bool(placed)


def _content_section(title: str, body: list[Line], warnings: list[str]) -> dict:
    """A section kept as content (with a warning when its title promised a field it could not fill)."""
    if any(word in upper_vn(title) for word in ("CHỈ TIÊU", "TỔ CHỨC", "MỤC ĐÍCH")):
        warnings.append(f"phần '{title}' không tách được theo mẫu; giữ nguyên thành phần nội dung")
    section = _Section(title)
    for line in body:
        section.add(line)
    for text in section.moved:
        warnings.append(
            f"bảng '{_short(text)}' nằm sau các điểm/gạch đầu dòng; khi soạn lại, bảng đứng ngay sau đoạn văn"
        )
    return section.result()
