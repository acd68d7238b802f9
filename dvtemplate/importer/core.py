"""import_docx: a .docx Kế hoạch → a validated Plan, its YAML and the warnings.

Steps: open safely and read (:mod:`dvtemplate.docx`), find the frame (header, title, body,
closing) with the one frame finder, turn its lines into fields (:mod:`.fields`) and the body into
sections (:mod:`.body`), validate the plan, and list every paragraph that was moved, guessed or
left out.
"""

from __future__ import annotations

import datetime as _dt
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from ..docx import (
    Components,
    Para,
    detect_kind,
    document_starts,
    find_components,
    is_draft_mark,
    is_title,
    lower_unaccented,
    open_package,
    parse_header,
    read_document,
    title_line,
)
from ..errors import InputError
from ..loading import parse_plan_text
from ..model import Plan, plan_problems
from ..model.wording import unknown
from ..output import check_free, ensure_outdir, write_atomic
from ..validation_messages import vietnamese_message
from ..vn import collapse_spaces, ky_hieu, sentence_case
from ..vn.nd30 import DATE_LINE, SO_LINE, kind_abbreviation
from .body import Line, parse_body, tag_lines
from .fields import issuer_fields, parse_closing, recipients_fields, signer_fields
from .kinds import document_type, is_consultation, is_letter, parse_letter
from .legacy import convert_doc, is_legacy_doc
from .yamlout import dump_yaml, plan_tree

__all__ = ["ImportResult", "import_docx", "import_to_yaml"]


@dataclass
class ImportResult:
    """The imported plan, its YAML text, warnings (Vietnamese) and the section titles found."""

    plan: Plan
    yaml_text: str
    warnings: list[str] = field(default_factory=list)
    sections: list[str] = field(default_factory=list)


def _short(text: str, n: int = 70) -> str:
    text = collapse_spaces(text)
    return text if len(text) <= n else text[:n] + "…"


def _years(title: str, fallback: int | None) -> tuple[int | None, int | None]:
    m = re.search(r"(?:giai đoạn\s*)?(\d{4})\s*[-–]\s*(\d{4})", title)
    if m and int(m.group(1)) < int(m.group(2)):
        return int(m.group(1)), int(m.group(2))
    years = re.findall(r"năm\s+(\d{4})", title)
    if years:
        return int(years[-1]), None
    return fallback, None


def _closing(lines: list[Line]) -> tuple[list[Line], str | None]:
    """The closing paragraph(s): from 'Trên đây…' to the end, or a last paragraph ending '/.'."""
    start = None
    for i in range(len(lines) - 1, -1, -1):
        if lines[i].kind != "body":
            break
        if lines[i].text.startswith("Trên đây"):
            start = i
    if start is None and lines and lines[-1].kind == "body" and lines[-1].text.rstrip().endswith("/."):
        start = len(lines) - 1
    if start is None:
        return lines, None
    return lines[:start], "\n".join(ln.text for ln in lines[start:])


def _refuse_other_kinds(path: Path, blocks, title: int | None, other_title: str | None, frame: Components) -> None:
    """Only a Kế hoạch is imported: another tên loại, or a công văn with no plan after it, is refused."""
    if title is not None:
        return
    kind = document_type(blocks) or other_title
    if kind is not None and kind != "Kế hoạch":
        raise InputError(
            f"Không nhập được '{path.name}': đây là {kind.lower()}, không phải Kế hoạch; "
            "'dvtemplate import' chỉ đọc Kế hoạch (có thể kèm công văn góp ý phía trước)."
        )
    if frame.kinh_gui:  # a công văn (with or without its V/v line)
        what = "công văn lấy ý kiến góp ý" if is_consultation(blocks) else "công văn"
        raise InputError(
            f"Không nhập được '{path.name}': đây là {what}, không có dự thảo Kế hoạch đi kèm.",
            hint="Nhập tệp dự thảo Kế hoạch; nếu có cả công văn góp ý, để dự thảo nối sau công văn trong "
            "cùng một tệp (như lệnh 'dvtemplate letter' soạn) thì phần công văn được đọc vào mục letter:.",
        )


def _plan_frame(paras: list[Para]) -> Components:
    """The frame of the file's Kế hoạch: the first document titled so (a công văn may come before it).

    A plan with no Quốc hiệu after a letter is found by its title, its Số and date lines above it.
    """
    starts = document_starts(paras)
    first = None
    for start, end in zip(starts, [*starts[1:], len(paras)], strict=True):
        part = find_components(paras, start, end)
        first = first or part
        if detect_kind(part) == "plan":
            return part
    title = next(
        (i for i, p in enumerate(paras) if is_title(p) and lower_unaccented(p.stripped).startswith("ke hoach")), None
    )
    if title is None:
        return first
    start = title
    while start > max(title - 8, 0) and paras[start - 1].table is None:
        flat = paras[start - 1].flat
        if flat and not SO_LINE.match(flat) and not DATE_LINE.match(flat):
            break
        start -= 1
    return find_components(paras, start)


def _build(path: Path) -> tuple[dict, list[str], list[str]]:
    """The plan's fields as a dict, the warnings and the section titles, step by step:
    frame → what precedes the plan (DỰ THẢO, a công văn) → header and title → closing → body."""
    doc = read_document(open_package(path))
    blocks = doc.paras
    warnings = list(doc.notes)
    frame = _plan_frame(blocks)  # positions below are paragraph indexes: the list is the whole document
    plan_title = frame.title.index if frame.title is not None and detect_kind(frame) == "plan" else None
    other_title = title_line(frame.title) if frame.title is not None and plan_title is None else None
    _refuse_other_kinds(path, blocks, plan_title, other_title, frame)
    header_start = frame.header[0].index if frame.header else plan_title if plan_title is not None else frame.start
    plan: dict = {}
    draft = _before_plan(blocks[:header_start], plan, warnings)
    head_end = plan_title if plan_title is not None else frame.header[-1].index + 1 if frame.header else header_start
    header = parse_header(blocks[header_start:head_end])
    warnings.extend(f"dòng ở phần đầu văn bản không xếp được: '{_short(line)}'" for line in header.unknown)
    title = _title(blocks, plan_title, frame, warnings)
    recipients, (signer, signer_warnings) = _closing_fields(blocks[frame.body_end : frame.closing_end], warnings)
    issuer, issuer_warnings = issuer_fields(header, recipients.get("archive"))
    warnings.extend(issuer_warnings + signer_warnings)
    year, end_year = _plan_year(title, header, warnings)
    plan["issuer"] = issuer
    _header_fields(plan, header, issuer, year, draft or header.draft)
    plan["title"] = title
    plan["year"] = year
    if end_year:
        plan["end_year"] = end_year
    _body_fields(blocks[frame.body_start : frame.body_end], plan, _dt.date(end_year or year, 12, 31), warnings)
    if doc.footnotes:
        plan["footnotes"] = dict(doc.footnotes)
    plan["recipients"] = recipients
    plan["signer"] = signer or {"title": unknown("chức vụ"), "name": unknown("người ký")}
    after = [b.flat for b in blocks[frame.closing_end :] if b.flat]
    if after:
        warnings.append(f"bỏ qua {len(after)} đoạn sau khối chữ ký (phụ lục?), bắt đầu: '{_short(after[0])}'")
    return plan, warnings, [s.get("title", "") for s in plan.get("sections", [])]


def _before_plan(before: list[Para], plan: dict, warnings: list[str]) -> bool:
    """What precedes the plan's header: a DỰ THẢO mark (returned), a công văn lấy ý kiến (its fields
    into ``plan["letter"]``) or paragraphs skipped with a warning."""
    draft = False
    skipped = []
    for b in before:
        if is_draft_mark(b):
            draft = True
        elif b.flat:
            skipped.append(b.flat)
    letter_frame = find_components(before) if skipped else None
    if letter_frame is not None and is_letter(letter_frame) and is_consultation(before):
        letter_warnings: list[str] = []
        letter = parse_letter(before, letter_frame, {}, letter_warnings)
        warnings.extend(letter_warnings)
        if letter is not None:
            plan["letter"] = letter
            skipped = []
    if skipped:
        warnings.append(
            f"bỏ qua {len(skipped)} đoạn trước phần đầu của kế hoạch (có thể là công văn đi kèm), "
            f"bắt đầu: '{_short(skipped[0])}'"
        )
    return draft


def _title(blocks: list[Para], plan_title: int | None, frame: Components, warnings: list[str]) -> str:
    """The trích yếu: the lines under KẾ HOẠCH in its paragraph, then the frame's trích yếu lines."""
    title_parts = []
    if plan_title is not None:
        title_parts = [part for part in blocks[plan_title].plain.split("\n")[1:] if part.strip()]
        title_parts += [p.plain for p in frame.trich_yeu]
    else:
        warnings.append("không tìm thấy tên loại 'KẾ HOẠCH'; hãy kiểm tra phần đầu và trích yếu")
    if not title_parts:
        warnings.append("không tìm thấy trích yếu dưới chữ KẾ HOẠCH; hãy điền title")
        return unknown("trích yếu")
    return sentence_case(collapse_spaces(" ".join(title_parts)))


def _closing_fields(closing: list[Para], warnings: list[str]) -> tuple[dict, tuple[dict | None, list[str]]]:
    """(recipients, (signer, its warnings)) from the Nơi nhận and signature block."""
    recipient_lines, signer_lines_, unplaced = parse_closing(closing)
    warnings.extend(f"bỏ qua dòng '{_short(line)}' ở khối chữ ký" for line in unplaced)
    return recipients_fields(recipient_lines), signer_fields(signer_lines_)


def _plan_year(title: str, header, warnings: list[str]) -> tuple[int, int | None]:
    year, end_year = _years(title, header.year)
    if year is None:
        year = _dt.date.today().year
        warnings.append(f"không xác định được năm của kế hoạch; tạm ghi {year}")
    return year, end_year


def _header_fields(plan: dict, header, issuer: dict, year: int, draft: bool) -> None:
    """Number, a symbol other than the usual one, the issue date, the draft flag."""
    if header.number is not None:
        plan["number"] = header.number
    if header.symbol and header.symbol != ky_hieu(kind_abbreviation("plan"), issuer["abbreviation"]):
        plan["symbol"] = header.symbol
    if header.year and not (header.day is None and header.month is None and header.year == year):
        plan["issued"] = {"day": header.day, "month": header.month, "year": header.year}
    if draft:
        plan["draft"] = True


def _body_fields(body: list[Para], plan: dict, last_day: _dt.date, warnings: list[str]) -> None:
    """The body between the title and the closing: sections, fields, and a closing paragraph."""
    lines, tag_warnings = tag_lines(body)
    warnings.extend(tag_warnings)
    lines, closing = _closing(lines)
    parse_body(lines, plan, last_day, warnings)
    if closing:
        plan["closing"] = closing


def import_docx(path: str | Path) -> ImportResult:
    """Read *path* (.docx) into a validated Plan; InputError when the file cannot be read."""
    path = Path(path)
    converted = None
    if is_legacy_doc(path):
        with tempfile.TemporaryDirectory(prefix="dvtemplate-doc-") as tmp:
            converted = convert_doc(path, Path(tmp))
            if converted is not None:
                data, warnings, _ = _build(converted)
                warnings.insert(
                    0,
                    f"'{path.name}' là tệp Word 97–2003 (.doc): đã chuyển sang .docx bằng LibreOffice (trong thư mục "
                    "tạm) rồi mới đọc; hãy so lại với bản gốc",
                )
    if converted is None:
        data, warnings, _ = _build(path)
    try:
        plan = Plan.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(x) for x in e['loc'])}: {vietnamese_message(e)}" for e in exc.errors(include_url=False)[:5]
        )
        raise InputError(f"Đã đọc '{path.name}' nhưng không dựng được kế hoạch hợp lệ ({problems}).") from None
    unfilled = [".".join(str(k) for k in p.loc) for p in plan_problems(plan) if p.severity == "unknown"]
    if unfilled:
        warnings.append(
            f"còn {len(unfilled)} chỗ '(Chưa rõ …)' phải điền trước khi soạn văn bản "
            f"(validate và render báo lỗi cho đến khi điền): {', '.join(unfilled)}"
        )
    header = [f"Nhập từ '{path.name}' bằng 'dvtemplate import'. Đọc lại toàn bộ trước khi dùng."]
    if warnings:
        header.append("Cần xem lại:")
        header.extend(f"- {w}" for w in warnings)
    text = dump_yaml(plan_tree(plan), header)
    loaded = parse_plan_text(text, path.name, unfinished=True)
    found = [s.title for s in plan.sections]
    for _name, part in (("purposes", plan.purposes), ("targets", plan.targets), ("assignments", plan.assignments)):
        if part is not None:
            found.append(part.title)
    return ImportResult(loaded.plan, text, warnings, found)


def import_to_yaml(source: str | Path, output: str | Path, *, force: bool = False) -> ImportResult:
    """Import *source* and write the YAML to *output* atomically (no overwrite without force)."""
    out = Path(output)
    if out.exists() and out.is_dir():
        raise InputError(f"'{out}' là thư mục; hãy ghi tên tệp .yaml, ví dụ ke-hoach.yaml.", field="output")
    check_free([out], force)
    result = import_docx(source)
    ensure_outdir(out.parent)
    write_atomic(out, lambda handle: handle.write(result.yaml_text.encode("utf-8")))
    return result
