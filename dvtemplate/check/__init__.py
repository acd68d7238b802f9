"""Nghị định 30/2020 linter for any .docx: ``check_docx(path) -> CheckReport``.

The reader (:mod:`dvtemplate.docx`) resolves effective formatting, :mod:`.components` finds the
header, title, body and closing, and each rule (a small registered function
with an id, a severity and its clause of Phụ lục I) turns them into findings.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..docx import Document, open_package, read_document
from ..errors import InputError
from . import _rules_body, _rules_closing, _rules_header, _rules_page, _rules_tiers  # noqa: F401  (registers rules)
from ._components import KINDS, Components, detect_kind, find_components
from ._report import format_json, format_text
from .findings import RULES, CheckReport, Finding, collect, loc_text

__all__ = [
    "loc_text",
    "check_docx",
    "check_files",
    "expand_paths",
    "exit_status",
    "CheckReport",
    "Finding",
    "format_text",
    "format_json",
    "RULES",
    "KINDS",
]


@dataclass
class _Ctx:
    data: Document
    c: Components
    kind: str


def check_docx(path: str | Path, kind: str = "auto") -> CheckReport:
    """Check one .docx against ND30; raise InputError when the file cannot be read.

    ``kind`` is auto, plan, letter or report; auto looks at the title (KẾ HOẠCH,
    BÁO CÁO) and the V/v trích yếu.
    """
    _valid_kind(kind)
    data = read_document(open_package(path))
    comps = find_components(data.paras)
    real_kind = detect_kind(comps) if kind == "auto" else kind
    findings = collect(RULES, _Ctx(data, comps, real_kind))
    order = {r.id: i for i, r in enumerate(RULES)}
    findings.sort(key=lambda f: (_pos(f.location), order.get(f.rule, 0)))
    return CheckReport(file=str(path), kind=real_kind, findings=findings)


def _valid_kind(kind: str) -> None:
    if kind not in KINDS:
        raise InputError(f"Loại văn bản '{kind}' không hợp lệ; chọn một trong: {', '.join(KINDS)}.", field="kind")


def _pos(loc: dict) -> tuple:
    """Sort key: document-wide findings first, then by position."""
    if not loc or "section" in loc or "style" in loc or "part" in loc:
        return (0, 0, 0, 0, 0)
    return (
        1,
        loc.get("table", 0) and 1,
        loc.get("table", 0),
        loc.get("row", 0) * 100 + loc.get("cell", 0),
        loc.get("paragraph", 0),
    )


def check_files(paths, kind: str = "auto") -> tuple[list[CheckReport], list[tuple[str, InputError]]]:
    """Check several files; unreadable ones are returned with their error, not raised (a bad *kind* is)."""
    _valid_kind(kind)
    reports: list[CheckReport] = []
    failed: list[tuple[str, InputError]] = []
    for path in expand_paths(paths):
        if isinstance(path, InputError):
            failed.append((path.path, path))
            continue
        try:
            reports.append(check_docx(path, kind))
        except InputError as exc:
            failed.append((str(path), exc))
    return reports, failed


def expand_paths(paths) -> list:
    """Each path as given; a folder becomes the .docx files in it (sorted; Word's '~$' lock files
    and our own '.~dv-' temporary files skipped), or an InputError when it holds none."""
    out: list = []
    for path in paths:
        folder = Path(path)
        if not folder.is_dir():
            out.append(path)
            continue
        found = sorted(
            (p for p in folder.iterdir() if p.suffix.lower() == ".docx" and not p.name.startswith(("~$", ".~dv-"))),
            key=lambda p: p.name,
        )
        if not found:
            error = InputError(f"Thư mục '{path}' không có tệp .docx nào.")
            error.path = str(path)
            out.append(error)
        out.extend(found)
    return out


def exit_status(reports: list[CheckReport], failed) -> int:
    """2 if a file could not be read, 1 if any error was found, else 0 (warnings allowed)."""
    if failed:
        return 2
    return 1 if any(r.errors for r in reports) else 0
