"""What changed since last year, on the page: in rollover's result and behind the «So sánh» button.

One call of :func:`dvtemplate.compare_plans` (the table of changes taken from the two plans' data,
and this year's plan as a Word file with last year's differences as tracked changes); this module
only puts the table in a clerk's words and offers the two files for download.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from starlette.concurrency import run_in_threadpool

from ..errors import DvtemplateError, InputError
from .actions import State, _files

__all__ = ["changes_words", "compare_files", "after_rollover", "compare_with", "other_plans"]

_PARTS = (  # PlanChange.part → the heading the clerk reads, and what one change of it is called
    ("Mục", "Mục (phần) của kế hoạch", "mục"),
    ("Nhiệm vụ", "Nhiệm vụ", "nhiệm vụ"),
    ("Chỉ tiêu", "Chỉ tiêu", "chỉ tiêu"),
    ("Thời hạn", "Thời hạn thực hiện", "thời hạn"),
)
_WHAT = {
    ".xlsx": "Bảng thay đổi so với năm trước (Excel)",
    ".docx": "Kế hoạch năm nay, đánh dấu thay đổi so với năm trước (Word, Track Changes)",
}


def _task(change, old_year: int) -> str | None:
    """A task added or dropped: its title in quotes, its section, then the rest of its text."""
    section, _, title = change.what.partition(": ")
    if not title or change.change not in ("thêm", "bỏ"):
        return None
    text = change.new if change.change == "thêm" else change.old
    head = title.rstrip("…")
    rest = text[len(head) :].strip(" .:") if text.startswith(head) else text
    verb = "Thêm nhiệm vụ" if change.change == "thêm" else "Bỏ nhiệm vụ"
    when = "" if change.change == "thêm" else f" (có trong kế hoạch năm {old_year})"
    return f"{verb} «{title}» ở phần «{section}»{when}" + (f": {rest}" if rest else "")


def _sentence(change, old_year: int, new_year: int) -> str:
    """One change as a clerk says it: added, dropped, or what it was last year and what it is now."""
    if change.part == "Nhiệm vụ" and (task := _task(change, old_year)):
        return task
    if change.change == "thêm":
        extra = f": {change.new}" if change.new and change.new != change.what else ""
        return f"Thêm {change.what}{extra}"
    if change.change == "bỏ":
        extra = f" (năm {old_year}: {change.old})" if change.old and change.old != change.what else ""
        return f"Bỏ {change.what}{extra}"
    old, new = change.old or "(trống)", change.new or "(trống)"
    return f"Sửa {change.what}: năm {old_year} là «{old}», năm {new_year} là «{new}»"


def changes_words(changes, old_year: int, new_year: int) -> dict:
    """The table of changes in words: one line of counts, then the changes grouped by part."""
    groups = []
    counts = []
    for part, title, noun in _PARTS:
        items = [_sentence(c, old_year, new_year) for c in changes if c.part == part]
        groups.append({"title": title, "items": items})
        if items:
            counts.append(f"{len(items)} {noun}")
    if counts:
        line = (
            f"So với kế hoạch năm {old_year}, kế hoạch năm {new_year} có {len(changes)} thay đổi "
            f"(không kể việc đổi năm): {', '.join(counts)}."
        )
    else:
        line = (
            f"So với kế hoạch năm {old_year}, kế hoạch năm {new_year} chưa thay đổi mục, nhiệm vụ, chỉ tiêu, "
            "thời hạn nào (không kể việc đổi năm). Sửa kế hoạch mới rồi bấm «So sánh» để xem lại."
        )
    return {"lines": [line], "groups": groups, "warnings": []}


def compare_files(state: State, old_path: Path, new_path: Path) -> dict:
    """Compare two plans of the folder; the files go into the newer plan's result folder."""
    from ..compare import compare_plans
    from ..loading import load_plan

    old, new = load_plan(old_path), load_plan(new_path)
    outdir = state.workspace.output_dir(state.workspace.rel(new_path))
    files, changes = compare_plans(old, new, outdir, force=True)
    out = {"summary": changes_words(changes, old.plan.year, new.plan.year), "files": _files(state, files)}
    for item in out["files"]:
        item["what"] = _WHAT.get(Path(item["name"]).suffix.lower(), "")
    return out


def _compare_or_warning(state: State, old_path: Path, new_path: Path) -> dict:
    try:
        return compare_files(state, old_path, new_path)
    except DvtemplateError as exc:
        return {"error": f"Chưa so sánh được với năm trước: {exc}"}


async def after_rollover(state: State, old_rel: str, new_rel: str) -> dict:
    """Rollover's result: what changed from *old_rel* to the new plan *new_rel*, or — the new plan
    being written already — why the comparison is missing."""
    old_path, new_path = state.workspace.path(old_rel), state.workspace.path(new_rel)
    return await run_in_threadpool(_compare_or_warning, state, old_path, new_path)


async def compare_with(state: State, rel: str, payload: dict) -> dict:
    """The «So sánh» button: the saved plan *rel* against an older plan of the folder."""
    old_rel = str(payload.get("old") or "").strip()
    if not old_rel:
        raise InputError("Chưa chọn kế hoạch năm trước để so sánh.", field="old")
    if old_rel == rel:
        raise InputError("Chọn một kế hoạch khác với kế hoạch đang mở để so sánh.", field="old")
    old_path, new_path = state.workspace.path(old_rel), state.workspace.path(rel)
    return await run_in_threadpool(compare_files, state, old_path, new_path)


def _year(path: Path) -> str:
    from ..loading import read_plan_text, read_yaml

    try:
        data = read_yaml(read_plan_text(path), path.name)
    except InputError:
        return ""
    return str(data.get("year") or "") if isinstance(data, dict) else ""


def other_plans(state: State, rel: str) -> list[dict[str, Any]]:
    """The folder's other plans, last year's first (the «So sánh» choice; read, not validated)."""
    years = {state.workspace.rel(path): _year(path) for path in state.workspace.plan_files()}
    current = years.get(rel, "")
    wanted = str(int(current) - 1) if current.isdigit() else ""
    others = sorted((r for r, y in years.items() if r != rel and y), key=lambda r: (years[r] != wanted, r))
    return [{"rel": r, "label": f"{r} (năm {years[r]})"} for r in others]
