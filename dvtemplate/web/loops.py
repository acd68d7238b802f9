"""The return loop on the page: returned report forms, reply letters, answers, Tờ trình, calendar.

Each button is one public operation: :func:`dvtemplate.collect.run_collect`,
:func:`dvtemplate.documents.render_comments`, :func:`dvtemplate.deadlines.write_calendar`.
The plan is the file as saved (the page says so). Uploaded files are kept in the plan's
result folder (``ket-qua/<kế hoạch>/…/nhan-ve``), so forms that arrive later are added to
those already received and the summary is made again from all of them, as ``collect`` does
when run again on the same folder. A file keeps the modification time it had on the clerk's
computer (sent by the browser): that is its sending date, as for files given to ``collect``.
"""

from __future__ import annotations

import json
import os
import re
import time
from pathlib import Path
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from ..errors import InputError
from ..limits import MAX_ANSWER_CHARS, MAX_ANSWERS
from ..model.consultation import GENERAL_LABEL
from ..vn import grouped
from .actions import Job, State, _save_upload, start_job
from .actions import _files as _plain_files

__all__ = [
    "start_collect",
    "comments_run",
    "save_answers",
    "make_to_trinh",
    "make_calendar",
    "loop_folders",
    "ANSWER_CHOICES",
]

ANSWER_CHOICES = ("Tiếp thu", "Tiếp thu một phần", "Giải trình, giữ nguyên dự thảo")
"""What the page offers (the choice list of the responses workbook; other words may be typed in Excel)."""


_WHAT = (  # file name start → what the clerk downloads
    ("BC-tong-hop", "Báo cáo tổng hợp (Word)"),
    ("tong-hop-", "Bảng tổng hợp số liệu (Excel)"),
    ("CV-don-doc", "Công văn đôn đốc (Word)"),
    ("Ban-tong-hop-gop-y", "Bản tổng hợp ý kiến góp ý (Word)"),
    ("Tiep-thu-giai-trinh", "Bảng tiếp thu, giải trình (Excel)"),
    ("lich-thoi-han", "Lịch thời hạn (.ics, mở bằng Outlook, Lịch Google)"),
    ("theo-doi-thoi-han", "Bảng theo dõi thời hạn (Excel)"),
)


def _files(state: State, paths) -> list[dict]:
    out = _plain_files(state, paths)
    for item in out:
        name = item["name"]
        item["what"] = next((what for start, what in _WHAT if name.startswith(start)), "")
        if not item["what"] and "To-trinh" in name:
            item["what"] = "Tờ trình đề nghị ban hành (Word)"
    return out


def _plan(state: State, rel: str):
    from ..loading import load_plan

    return load_plan(state.workspace.path(rel))


def _period_code(text: Any) -> str:
    period = str(text or "").strip()
    if not period:
        raise InputError("Chưa nhập kỳ báo cáo (ví dụ 2026-H1, 2026-Q2, 2026-05, 2026).", field="period")
    return period


def loop_folders(state: State, rel: str, period: str = "") -> dict[str, Path]:
    """Where the loop of plan *rel* keeps what it received and what it wrote."""
    base = state.workspace.output_dir(rel)
    safe = re.sub(r"[^\w-]+", "-", period) or "ky"
    return {
        "collect": base / f"tong-hop-{safe}",
        "collect_inbox": base / f"tong-hop-{safe}" / "nhan-ve",
        "comments": base / "gop-y",
        "comments_inbox": base / "gop-y" / "nhan-ve",
        "calendar": base,
    }


async def _receive(state: State, form, inbox: Path, suffixes: tuple[str, ...]) -> list[str]:
    """The uploaded files into *inbox* (a file of the same name is replaced by the newer one)."""
    uploads = [f for f in form.getlist("files") if isinstance(f, UploadFile) and f.filename]
    try:
        dates = json.loads(str(form.get("dates") or "[]"))
    except ValueError:
        dates = []
    inbox.mkdir(parents=True, exist_ok=True)
    names = []
    for position, upload in enumerate(uploads):
        saved = await _save_upload(state, upload, suffixes)
        target = inbox / saved.name
        os.replace(saved, target)
        stamp = dates[position] if position < len(dates) and isinstance(dates[position], (int, float)) else None
        if stamp and 0 < stamp < 4102444800000:  # the file's own date on the clerk's computer (ms)
            os.utime(target, (stamp / 1000, stamp / 1000))
        names.append(target.name)
    return names


async def _units(state: State, form) -> Path | None:
    """The units list: an upload, or one of the folder's lists, or none."""
    upload = form.get("units_upload")
    if isinstance(upload, UploadFile) and upload.filename:
        return await _save_upload(state, upload, (".xlsx", ".csv"))
    chosen = str(form.get("units") or "").strip()
    return state.workspace.path(chosen) if chosen else None


# --- báo cáo: collect -----------------------------------------------------------------------------


async def start_collect(state: State, rel: str, form) -> dict:
    """Receive forms, then run ``collect`` on every form received for the period, in a thread."""
    from ..collect import run_collect

    loaded = await run_in_threadpool(_plan, state, rel)
    period = _period_code(form.get("period"))
    folders = loop_folders(state, rel, period)
    units = await _units(state, form)
    received = await _receive(state, form, folders["collect_inbox"], (".docx", ".zip"))
    if not any(folders["collect_inbox"].iterdir()):
        raise InputError("Chưa có mẫu báo cáo nào: chọn các tệp .docx (hoặc một tệp .zip) đơn vị gửi về.")

    def work(job: Job) -> dict:
        def on_sources(total: int) -> None:
            job.total = total

        result = run_collect(
            loaded,
            period,
            [folders["collect_inbox"]],
            folders["collect"],
            units_file=units,
            force=True,
            remind=True,
            jobs=1,
            on_sources=on_sources,
            progress=job.advance,
        )
        return {"summary": collect_summary(result, received), "files": _files(state, result.files)}

    key, _ = start_job(state, "th", work)
    return {"job": key, "received": received}


def _period_words(period) -> str:
    label = period.label
    return f"{label} {period.year}" if label.endswith("năm") else f"{label} năm {period.year}"


def _inbox_name(name: str) -> str:
    """A received file as the clerk named it (without the inbox folder)."""
    return re.sub(r"^(.*/)?nhan-ve/", "", str(name))


def collect_summary(result, received: list[str]) -> dict:
    """The collection in words: who sent, who is late, who is missing, invalid values, files not used."""
    from ..vn import short_date

    def names(status: str) -> list[str]:
        out = []
        for row in result.rows:
            if row.status == status:
                when = f", gửi ngày {short_date(row.date.date())}" if row.date and status == "late" else ""
                out.append(f"{row.unit.name} ({_inbox_name(row.file)}{when})" if row.file else row.unit.name)
        return out

    on_time, late, missing = names("on_time"), names("late"), names("not_sent")
    unreadable = names("unreadable")
    lines = [
        f"Kỳ {_period_words(result.period)}, hạn gửi "
        f"{short_date(result.deadline)}: {len(result.rows)} đơn vị; {len(on_time)} gửi đúng hạn, {len(late)} "
        f"gửi trễ, {len(missing)} chưa gửi, {len(unreadable)} không đọc được.",
    ]
    if received:
        lines.insert(0, f"Vừa nhận {len(received)} tệp; tổng hợp từ mọi tệp đã nhận cho kỳ này.")
    if result.skipped:
        unused_kinds = f"{result.skipped} tệp không phải văn bản Word (.docx) nên không đọc (ảnh, PDF, tệp khác)."
        lines.append(unused_kinds)
    notes = [f"{r.unit.name} ({_inbox_name(r.file)}): {r.note}" for r in result.rows if r.tracked]
    unused = [f"{_inbox_name(name)}: {reason}" for name, reason in result.problems]
    return {
        "lines": lines,
        "groups": [
            {"title": "Đã gửi đúng hạn", "items": on_time},
            {"title": "Gửi trễ hạn", "items": late},
            {"title": "Chưa gửi (có trong công văn đôn đốc)", "items": missing},
            {"title": "Không đọc được", "items": unreadable},
            {"title": "Giá trị sai kiểu (không cộng vào tổng)", "items": list(result.invalid_values())},
            {"title": "Tệp không dùng và lý do", "items": unused},
            {"title": "Cần xem lại", "items": notes},
        ],
        "warnings": list(result.warnings),
    }


# --- góp ý: comments ------------------------------------------------------------------------------


def _sheet(state: State, rel: str, plan) -> Path:
    from ..comments import comments_filename

    return loop_folders(state, rel)["comments"] / comments_filename(plan, "responses")


def _replies_inbox(state: State, rel: str) -> Path:
    inbox = loop_folders(state, rel)["comments_inbox"]
    if not inbox.is_dir() or not any(inbox.iterdir()):
        raise InputError("Chưa có văn bản góp ý nào: chọn các tệp .docx (hoặc một tệp .zip) các đơn vị gửi về.")
    return inbox


def _run_comments(state: State, rel: str, units: Path | None, to_trinh: bool, progress=None) -> dict:
    from ..comments import read_responses
    from ..documents import render_comments

    loaded = _plan(state, rel)
    folders = loop_folders(state, rel)
    inbox = _replies_inbox(state, rel)
    sheet = _sheet(state, rel, loaded.plan)
    units = units or _remembered_units(folders["comments"])
    result = render_comments(
        loaded,
        [inbox],
        folders["comments"],
        units_file=units,
        responses=sheet if sheet.is_file() else None,
        to_trinh=to_trinh,
        force=True,
        progress=progress,
    )
    answers = read_responses(sheet) if sheet.is_file() else {}
    return {
        "summary": comments_summary(result),
        "comments": [
            {
                "id": c.id,
                "unit": c.unit,
                "part": c.part.display if c.part else GENERAL_LABEL,
                "text": c.text,
                "choice": answers[c.id].choice if c.id in answers else "",
                "reason": answers[c.id].reason if c.id in answers else "",
            }
            for c in result.collection.comments
        ],
        "choices": list(ANSWER_CHOICES),
        "files": _files(state, result.files),
        "sheet": state.workspace.rel(sheet),
    }


def _remembered_units(folder: Path) -> Path | None:
    kept = folder / "don-vi-lay-y-kien"
    for suffix in (".xlsx", ".csv"):
        if (kept.with_suffix(suffix)).is_file():
            return kept.with_suffix(suffix)
    return None


def comments_summary(result) -> dict:
    c = result.collection
    agreed = sorted({r.unit for r in c.agreed})
    commenting = list(dict.fromkeys(r.unit for r in c.replies if r.comments))
    lines = [
        f"Đã đọc {len(c.replies)} văn bản góp ý: {len(c.comments)} ý kiến của {len(commenting)} đơn vị; "
        f"{len(agreed)} đơn vị thống nhất; {len(c.silent)} đơn vị không trả lời."
    ]
    return {
        "lines": lines,
        "groups": [
            {"title": "Đơn vị có ý kiến", "items": commenting},
            {"title": "Đơn vị thống nhất với dự thảo", "items": agreed},
            {"title": "Đơn vị không trả lời (coi như thống nhất)", "items": list(c.silent)},
            {"title": "Văn bản trả lời công văn khác", "items": [f"{r.source}: {r.unit}" for r in c.other]},
            {"title": "Tệp không dùng và lý do", "items": [f"{name}: {reason}" for name, reason in result.problems]},
        ],
        "warnings": list(result.warnings),
    }


async def comments_run(state: State, rel: str, form) -> dict:
    """Receive reply letters (and a units list), then make the bản tổng hợp and the answers workbook in a
    background job (the page polls ``/api/job/…`` for the letters read so far, then the result)."""
    folders = loop_folders(state, rel)
    units = await _units(state, form)
    if units is not None:  # kept beside the results: answering and the Tờ trình use the same list
        folders["comments"].mkdir(parents=True, exist_ok=True)
        kept = (folders["comments"] / "don-vi-lay-y-kien").with_suffix(units.suffix)
        kept.write_bytes(units.read_bytes())
        units = kept
    received = await _receive(state, form, folders["comments_inbox"], (".docx", ".zip"))
    _replies_inbox(state, rel)

    def work(job: Job) -> dict:
        def progress(done: int, total: int) -> None:
            job.total, job.done = total, done

        out = _run_comments(state, rel, units, False, progress)
        if received:
            out["summary"]["lines"].insert(0, f"Vừa nhận {len(received)} tệp; tổng hợp từ mọi văn bản đã nhận.")
        return out

    key, _ = start_job(state, "gy", work)
    return {"job": key, "received": received}


def _answers(payload: dict) -> dict[str, tuple[str, str]]:
    raw = payload.get("answers")
    if not isinstance(raw, dict) or len(raw) > MAX_ANSWERS:
        raise InputError("Dữ liệu trả lời không hợp lệ.")
    out = {}
    for key, value in raw.items():
        if not isinstance(value, dict) or not re.fullmatch(r"GY-[\w-]{1,80}", str(key)):
            raise InputError("Dữ liệu trả lời không hợp lệ.")
        choice, reason = str(value.get("choice") or "").strip(), str(value.get("reason") or "").strip()
        if len(choice) > MAX_ANSWER_CHARS or len(reason) > MAX_ANSWER_CHARS:
            raise InputError(f"Trả lời ý kiến {key} quá dài (tối đa {grouped(MAX_ANSWER_CHARS)} ký tự).")
        if choice and choice not in ANSWER_CHOICES:
            raise InputError(f"Ý kiến {key}: chọn một trong: {'; '.join(ANSWER_CHOICES)}.")
        if choice in ANSWER_CHOICES[1:] and not reason:
            raise InputError(f"Ý kiến {key}: «{choice}» cần ghi lý do hoặc nội dung giải trình.")
        out[str(key)] = (choice, reason)
    return out


def _write_answers(state: State, rel: str, answers: dict[str, tuple[str, str]]) -> int:
    """Write the answers into the responses workbook's own cells (by its column headings), nothing else."""
    from openpyxl import load_workbook

    from ..comments import HEADERS
    from ..output import write_atomic

    sheet_path = _sheet(state, rel, _plan(state, rel).plan)
    if not sheet_path.is_file():
        raise InputError("Chưa có bảng tiếp thu, giải trình: tổng hợp các văn bản góp ý trước.")
    book = load_workbook(sheet_path)
    sheet = book.worksheets[0]
    heads = [str(c.value or "").strip() for c in sheet[1]]
    try:
        id_col, choice_col, reason_col = (heads.index(h) + 1 for h in (HEADERS[0], HEADERS[4], HEADERS[5]))
    except ValueError:
        raise InputError(f"Tệp {sheet_path.name} không còn các cột của bảng tiếp thu, giải trình.") from None
    written = 0
    for row in range(2, sheet.max_row + 1):
        key = str(sheet.cell(row=row, column=id_col).value or "").strip()
        if key in answers:
            for col, value in ((choice_col, answers[key][0]), (reason_col, answers[key][1])):
                cell = sheet.cell(row=row, column=col)
                cell.value = value or None
                cell.data_type = "s"
            written += 1
    write_atomic(sheet_path, book.save)
    return written


async def save_answers(state: State, rel: str, payload: dict) -> dict:
    answers = _answers(payload)
    written = await run_in_threadpool(_write_answers, state, rel, answers)
    open_count = sum(1 for choice, reason in answers.values() if not (choice or reason))
    message = f"Đã lưu {written} trả lời vào bảng tiếp thu, giải trình."
    if open_count:
        message += f" Còn {open_count} ý kiến chưa trả lời."
    return {"message": message}


async def make_to_trinh(state: State, rel: str, payload: dict) -> dict:
    """The bản tổng hợp again with the answers, and the Tờ trình."""
    if payload.get("answers"):
        await save_answers(state, rel, payload)
    started = time.perf_counter()
    out = await run_in_threadpool(_run_comments, state, rel, None, True)
    out["seconds"] = round(time.perf_counter() - started, 3)
    return out


# --- lịch ----------------------------------------------------------------------------------------


def _calendar(state: State, rel: str) -> dict:
    from ..deadlines import plan_deadlines, write_calendar

    loaded = _plan(state, rel)
    folder = loop_folders(state, rel)["calendar"]
    year = loaded.plan.year
    files = write_calendar(
        loaded, folder / f"lich-thoi-han-{year}.ics", xlsx=folder / f"theo-doi-thoi-han-{year}.xlsx", force=True
    )
    count = len(plan_deadlines(loaded.plan))
    return {
        "files": _files(state, files),
        "message": f"{count} thời hạn: tệp lịch .ics (mở bằng Outlook hoặc Lịch Google) và bảng theo dõi .xlsx.",
    }


async def make_calendar(state: State, rel: str, payload: dict) -> dict:
    return await run_in_threadpool(_calendar, state, rel)
