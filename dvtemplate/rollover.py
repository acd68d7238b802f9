"""Next year's plan from this year's: advance what belongs to the plan year, flag what needs a human.

The ruamel tree of the source YAML is edited in place, so the user's comments,
quoting and key order survive; each change and each doubt is written next to
its key as a comment and returned as a review list with its YAML path.
Rules: the plan year and years/dates that mean "this plan year" or "next
year" move by the same number of years; cited documents, their dates, ranges
("giai đoạn 2021-2025") and history stay; number and issue date are cleared.
"""

from __future__ import annotations

import datetime as _dt
import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import ScalarString

from .errors import InputError
from .loading import LoadedPlan, parse_plan_text, read_plan_text
from .output import check_free, ensure_outdir, write_atomic
from .vn import add_years, holiday_name, is_working_day, parse_vn_date, short_date

__all__ = ["Change", "RolloverResult", "rollover", "rollover_file", "review_lines"]

_YEAR = re.compile(r"(?<![\d/.\-–])(năm\s+)(\d{4})(?![\d/])(?!\s*[-–]\s*\d{4})")
_DATE = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})/(\d{4})(?![\d/])")
_RANGE = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*[-–]\s*((?:19|20)\d{2})(?!\d)")
_TEXT_ROOTS = {"title", "intro", "purposes", "sections", "targets", "assignments", "closing", "letter"}
_FIXED = {"legal_bases", "footnotes", "issuer", "signer", "recipients", "templates", "contact", "noi_nhan"}


@dataclass
class Change:
    """One line of the review list: 'đã đổi' (changed) or 'xem lại' (needs a human look)."""

    path: str
    message: str
    review: bool = False

    def line(self) -> str:
        return f"[{'xem lại' if self.review else 'đã đổi'}] {self.path}: {self.message}"


@dataclass
class RolloverResult:
    """The new YAML text, the source's text (for the diff) and the review list."""

    old_year: int
    new_year: int
    text: str
    old_text: str
    changes: list[Change] = field(default_factory=list)

    def diff(self, name: str = "kế hoạch") -> str:
        return "".join(
            difflib.unified_diff(
                self.old_text.splitlines(True),
                self.text.splitlines(True),
                f"{name} (năm {self.old_year})",
                f"{name} (năm {self.new_year})",
            )
        )


def _path(loc: tuple) -> str:
    out = ""
    for key in loc:
        out += f"[{key + 1}]" if isinstance(key, int) else (f".{key}" if out else str(key))
    return out


def _comment(node: Any, key: Any, text: str) -> None:
    """Add '# rollover: …' after *key*, keeping a comment the user already wrote there."""
    text = f"rollover: {text}"
    if isinstance(node, CommentedSeq) and node.fa.flow_style():
        return  # a table row on one line ([a, b]): a comment inside would split it; the change is printed
    slot = 2 if isinstance(node, CommentedMap) else 0
    entry = node.ca.items.get(key)
    token = entry[slot] if entry and len(entry) > slot else None
    if token is not None and getattr(token, "value", "").lstrip().startswith("#"):
        first, nl, rest = token.value.partition("\n")
        token.value = f"{first} | {text}{nl}{rest}"
        return
    value = node[key]
    if isinstance(value, ScalarString) and type(value).__name__ in ("FoldedScalarString", "LiteralScalarString"):
        if isinstance(node, CommentedMap):
            node.yaml_set_comment_before_after_key(key, before=text, indent=_indent(node))
            return
    blank = token.value if token is not None and not token.value.strip() else ""
    node.yaml_add_eol_comment(text, key)
    if blank.count("\n") > 1:
        new = node.ca.items[key][slot]
        new.value = new.value.rstrip("\n") + blank


def _indent(node: CommentedMap) -> int:
    try:
        return node.lc.col or 0
    except AttributeError:
        return 0


def _like(old: Any, new: str) -> Any:
    """*new* with the scalar style of *old* (folded, literal, quoted) kept."""
    if isinstance(old, ScalarString):
        out = type(old)(new)
        if hasattr(old, "fold_pos") and len(new) == len(old):
            out.fold_pos = list(old.fold_pos)
        return out
    return new


class _Roll:
    def __init__(self, old: int, new: int) -> None:
        self.old, self.new, self.delta = old, new, new - old
        self.changes: list[Change] = []

    def note(self, node, key, loc, message: str, review: bool = False) -> None:
        self.changes.append(Change(_path(loc), message, review))
        _comment(node, key, message)

    def moves(self, year: int) -> bool:
        return year in (self.old, self.old + 1)

    # -------------------------------------------------------------- text
    def text(self, value: str) -> tuple[str, list[str], list[str]]:
        done, doubts = [], []

        def year(m: re.Match) -> str:
            y = int(m.group(2))
            if not self.moves(y):
                return m.group(0)
            done.append(f"'{m.group(0)}' → 'năm {y + self.delta}'")
            return f"{m.group(1)}{y + self.delta}"

        def date(m: re.Match) -> str:
            d, mo, y = (int(x) for x in m.groups())
            before = value[max(0, m.start() - 40) : m.start()]
            if not self.moves(y) or re.search(r"số\s+\S+\s+ngày\s*$", before):
                return m.group(0)
            try:
                moved = add_years(_dt.date(y, mo, d), self.delta)
            except ValueError:
                return m.group(0)
            out = (
                (f"{moved.day:02d}" if len(m.group(1)) == 2 else str(moved.day))
                + "/"
                + (f"{moved.month:02d}" if len(m.group(2)) == 2 else str(moved.month))
                + f"/{moved.year}"
            )
            done.append(f"'{m.group(0)}' → '{out}'")
            if not is_working_day(moved):
                doubts.append(f"ngày {out} rơi vào ngày nghỉ ({_why_off(moved)})")
            return out

        new = _DATE.sub(date, _YEAR.sub(year, value))
        for m in _RANGE.finditer(value):
            if int(m.group(2)) < self.new:
                doubts.append(f"giai đoạn {m.group(0)} đã kết thúc trước năm {self.new}; nội dung còn phù hợp?")
        return new, done, doubts

    def walk(self, node: Any, loc: tuple) -> None:
        items = (
            node.items()
            if isinstance(node, CommentedMap)
            else enumerate(node)
            if isinstance(node, CommentedSeq)
            else []
        )
        for key, value in list(items):
            here = loc + (key,)
            if key in _FIXED and not isinstance(key, int):
                continue
            if isinstance(value, str) and key not in ("deadline", "date", "kind", "marker", "unit", "value"):
                new, done, doubts = self.text(value)
                if new != value:
                    node[key] = _like(value, new)
                    self.note(node, key, here, "; ".join(done))
                for doubt in doubts:
                    self.note(node, key, here, doubt, review=True)
            elif key == "deadline" and value is not None:
                self.deadline(node, key, here, value)
            elif key == "due_year" and isinstance(value, int):
                if value == self.old:
                    node[key] = self.new
                    self.note(node, key, here, f"năm phải đạt {value} → {self.new}")
                elif value < self.new:
                    self.note(
                        node, key, here, f"chỉ tiêu có hạn năm {value}, đã qua; giữ, bỏ hay đặt chỉ tiêu mới?", True
                    )
            elif isinstance(value, (CommentedMap, CommentedSeq)):
                self.walk(value, here)

    def deadline(self, node, key, loc, value) -> None:
        day = value if isinstance(value, _dt.date) else None
        if isinstance(value, str):
            day = parse_vn_date(value)
        if day is None:
            return
        moved = add_years(day, self.delta)
        node[key] = short_date(moved) if isinstance(value, str) else moved
        message = f"thời hạn {short_date(day)} → {short_date(moved)}"
        if day.month == 2 and day.day == 29 and moved.day == 28:
            message += " (năm mới không có ngày 29/02)"
        self.note(node, key, loc, message)
        if not is_working_day(moved):
            self.note(node, key, loc, f"thời hạn mới {short_date(moved)} rơi vào ngày nghỉ ({_why_off(moved)})", True)


def _why_off(day: _dt.date) -> str:
    return holiday_name(day) or ("thứ Bảy" if day.weekday() == 5 else "Chủ nhật")


def _clear(node: CommentedMap, keys: tuple[str, ...], loc: tuple, roll: _Roll) -> None:
    for key in keys:
        if key in node and node[key] is not None:
            roll.changes.append(Change(_path(loc + (key,)), f"đã xóa ({key}: {node[key]}); cấp lại khi ban hành"))
            del node[key]


def _mark_draft(data: CommentedMap, roll: _Roll) -> None:
    """Without number and date the new plan is a draft (DỰ THẢO stamp) until it is issued."""
    if data.get("draft") is True:
        return
    if "draft" in data:
        data["draft"] = True
    else:
        keys = list(data.keys())
        data.insert(keys.index("title") if "title" in keys else len(keys), "draft", True)
    roll.note(
        data,
        "draft",
        ("draft",),
        "đặt true (dự thảo) vì số và ngày đã xóa; khi ban hành ghi number, issued rồi đặt draft: false",
        True,
    )


def _bases(data: CommentedMap, roll: _Roll) -> None:
    for i, basis in enumerate(data.get("legal_bases") or []):
        if not isinstance(basis, CommentedMap):
            continue
        loc = ("legal_bases", i)
        for j, doc in enumerate(basis.get("documents") or []):
            if not isinstance(doc, CommentedMap):
                continue
            issued = str(doc.get("issued") or "")
            subject = str(doc.get("subject") or "")
            if str(doc.get("kind", "")).lower() in ("kế hoạch", "chương trình", "hướng dẫn") and (
                str(roll.old) in issued or f"năm {roll.old}" in subject
            ):
                roll.note(
                    basis["documents"],
                    j,
                    loc + ("documents", j),
                    f"văn bản này của năm {roll.old}; có cần dẫn văn bản năm {roll.new} của cấp trên?",
                    True,
                )
        if basis.get("text") and f"năm {roll.old}" in str(basis["text"]):
            roll.note(basis, "text", loc + ("text",), f"căn cứ nhắc năm {roll.old}; có cần dẫn văn bản mới?", True)


def rollover(loaded: LoadedPlan, source_text: str, year: int | None = None, *, width: int = 4096) -> RolloverResult:
    """Advance *loaded* (its ruamel tree, edited in place) to *year* (default: next year)."""
    data = loaded.data
    old = loaded.plan.year
    new = year if year is not None else old + 1
    if new <= old:
        raise InputError(f"năm {new} phải sau năm của kế hoạch nguồn ({old}).", field="year")
    if new > 2100:
        raise InputError(f"năm {new} không hợp lệ.", field="year")
    roll = _Roll(old, new)
    data["year"] = new
    roll.note(data, "year", ("year",), f"{old} → {new}")
    if data.get("end_year"):
        end = int(data["end_year"])
        data["end_year"] = end + roll.delta
        roll.note(
            data,
            "end_year",
            ("end_year",),
            f"{end} → {end + roll.delta}; kế hoạch giai đoạn: xem lại cả giai đoạn",
            True,
        )
    _clear(data, ("number", "issued"), (), roll)
    _mark_draft(data, roll)
    for key in list(data.keys()):
        if key in _TEXT_ROOTS and key != "letter":
            value = data[key]
            if isinstance(value, str):
                _text_key(roll, data, key)
            elif isinstance(value, (CommentedMap, CommentedSeq)):
                roll.walk(value, (key,))
    letter = data.get("letter")
    if isinstance(letter, CommentedMap):
        _clear(letter, ("number", "issued"), ("letter",), roll)
        roll.walk(letter, ("letter",))
    _bases(data, roll)
    for key, text in (data.get("footnotes") or {}).items():
        if isinstance(text, str) and f"năm {old}" in text:
            roll.note(data["footnotes"], key, ("footnotes", key), f"chú thích nhắc năm {old}; kiểm tra lại", True)
    from .importer import dump_yaml

    header = [
        f"dvtemplate rollover: kế hoạch năm {old} → năm {new}. Đã xóa số và ngày ban hành; đánh dấu dự thảo.",
        "Danh sách cần xem lại (cũng ghi cạnh từng trường, bắt đầu bằng 'rollover:'):",
    ]
    header += [f"- {c.line()}" for c in roll.changes if c.review] or ["- (không có)"]
    text = dump_yaml(data, header, width=width)
    parse_plan_text(text, f"kế hoạch năm {new}", unfinished=True)
    return RolloverResult(old, new, text, source_text, roll.changes)


def _text_key(roll: _Roll, node: CommentedMap, key: str) -> None:
    value = node[key]
    new, done, doubts = roll.text(value)
    if new != value:
        node[key] = _like(value, new)
        roll.note(node, key, (key,), "; ".join(done))
    for doubt in doubts:
        roll.note(node, key, (key,), doubt, review=True)


def _load(source: Path) -> tuple[LoadedPlan, str]:
    if source.suffix.lower() in (".docx", ".docm", ".doc"):
        from .importer import import_docx

        result = import_docx(source)
        return parse_plan_text(result.yaml_text, source.name, unfinished=True), result.yaml_text
    text = read_plan_text(source)
    loaded = parse_plan_text(text, source.name, unfinished=True)
    loaded.path = source
    return loaded, text


def rollover_file(
    source: str | Path,
    output: str | Path | None,
    *,
    year: int | None = None,
    force: bool = False,
    dry_run: bool = False,
) -> RolloverResult:
    """Roll *source* (.yaml or .docx) over; write *output* atomically unless *dry_run*."""
    source = Path(source)
    if not dry_run:
        if output is None:
            raise InputError(
                "thiếu tệp kết quả: ghi tên một tệp .yaml mới (hoặc chỉ xem trước, không ghi tệp).", field="output"
            )
        out = Path(output)
        if out.exists() and out.is_dir():
            raise InputError(f"'{out}' là thư mục; hãy ghi tên tệp .yaml.")
        if out.resolve() == source.resolve():
            raise InputError("tệp kết quả trùng tệp nguồn; hãy ghi ra tệp mới.")
        check_free([out], force)
    loaded, text = _load(source)
    result = rollover(loaded, text, year, width=100 if source.suffix.lower() == ".docx" else 4096)
    if not dry_run:
        result.text = _new_header(result.text, source, out)
        ensure_outdir(out.parent)
        write_atomic(out, lambda handle: handle.write(result.text.encode("utf-8")))
    return result


_SCHEMA_LINE = re.compile(r"^#\s*yaml-language-server:\s*\$schema=(\S+)\s*$")


def _new_header(text: str, source: Path, out: Path) -> str:
    """The new file's top: the editor's ``yaml-language-server`` line first (its schema path made
    right for the new folder), then the rollover block, then the source's own comments, with a
    ``dvtemplate … <source name>`` hint naming the new file."""
    import os

    lines = text.splitlines(keepends=True)
    head = 0
    while head < len(lines) and (lines[head].startswith("#") or not lines[head].strip()):
        head += 1
    schema_at = next((i for i in range(head) if _SCHEMA_LINE.match(lines[i].rstrip("\n"))), None)
    if schema_at is not None:
        target = _SCHEMA_LINE.match(lines.pop(schema_at).rstrip("\n")).group(1)
        head -= 1
        if "://" not in target and not Path(target).is_absolute():
            schema = (source.parent / target).resolve()
            target = Path(os.path.relpath(schema, out.resolve().parent)).as_posix()
        lines.insert(0, f"# yaml-language-server: $schema={target}\n")
        head += 1
    for i in range(head):
        if lines[i].startswith("#") and f" {source.name}" in lines[i]:
            lines[i] = lines[i].replace(f" {source.name}", f" {out.name}")
    return "".join(lines)


def review_lines(result: RolloverResult) -> list[str]:
    """The review list as printed: changes first, then what needs a human look."""
    changed = [c.line() for c in result.changes if not c.review]
    review = [c.line() for c in result.changes if c.review]
    return changed + review
