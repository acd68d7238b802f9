"""What the buttons do: every one is a call of the public library API, nothing re-implemented.

Documents are made from the form's current values (validated like ``validate``)
into ``FOLDER/ket-qua/<tên kế hoạch>/``; uploads go to a private scratch folder
first (size-limited by the Guard) and never leave it except as the result files.
"""

from __future__ import annotations

import re
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from ..errors import DvtemplateError, InputError
from .forms import plain
from .security import inside
from .workspace import Workspace, issues_json, validate_values

__all__ = ["State", "make", "preview", "start_batch", "import_upload", "rollover", "check_upload"]

DOWNLOADABLE = {".docx", ".pdf", ".zip", ".csv", ".yaml", ".yml", ".xlsx", ".ics"}


@dataclass
class Job:
    total: int = 0
    done: int = 0
    finished: bool = False
    error: str = ""
    result: dict = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    def advance(self, count: int = 1) -> None:
        """*count* more items done (called from the worker's progress callback)."""
        with self.lock:
            self.done += count


def start_job(state: State, prefix: str, work: Callable[[Job], dict], *, total: int = 0) -> tuple[str, Job]:
    """Run *work(job)* in a background thread; its dict becomes the job's result.

    Our own errors become the job's Vietnamese message; anything else is a bug, said as such, and
    the server keeps running. The job is finished in every case.
    """
    key = f"{prefix}{uuid.uuid4().hex}"
    job = state.jobs[key] = Job(total=total)

    def body() -> None:
        try:
            job.result = work(job)
        except DvtemplateError as exc:
            job.error = str(exc)
        except Exception as exc:  # a bug: say so, the server keeps running
            job.error = f"Lỗi không mong đợi trong dvtemplate ({type(exc).__name__})."
        finally:
            job.finished = True

    threading.Thread(target=body, name=f"dvtemplate-job-{key}", daemon=True).start()
    return key, job


class State:
    """The served workspace, a scratch folder for uploads and previews, and running batch jobs."""

    def __init__(self, workspace: Workspace, scratch: Path) -> None:
        self.workspace = workspace
        self.scratch = scratch
        self.jobs: dict[str, Job] = {}

    def new_dir(self, prefix: str) -> tuple[str, Path]:
        key = f"{prefix}{uuid.uuid4().hex}"
        path = self.scratch / key
        path.mkdir()
        return key, path

    def preview_file(self, job: str, name: str) -> Path:
        if not re.fullmatch(r"xem[0-9a-f]{32}", job) or not re.fullmatch(r"trang-\d{1,3}\.png", name):
            raise InputError("Không có trang xem trước này.")
        path = self.scratch / job / name
        if not path.is_file():
            raise InputError("Không có trang xem trước này.")
        return path

    def job_status(self, key: str) -> dict:
        job = self.jobs.get(key)
        if job is None:
            raise InputError("Không có việc này.")
        return {"total": job.total, "done": job.done, "finished": job.finished, "error": job.error, **job.result}


def warm_up() -> None:
    """Import the renderer and compile the built-in templates (run in a thread once the server is up)."""
    from ..engine import load_template

    for kind in ("plan", "letter", "report"):
        try:
            load_template(kind)
        except DvtemplateError:
            pass


def plain_values(data: Any) -> Any:
    return plain(data) if isinstance(data, dict) else {}


def has_soffice() -> bool:
    from ..pdf import find_soffice

    return find_soffice() is not None


def units_files(workspace: Workspace) -> list[str]:
    return [workspace.rel(p) for p in workspace.files((".xlsx", ".csv"), limit=50)]


def _loaded(state: State, rel: str, values: Any):
    from ..loading import LoadedPlan

    path = state.workspace.path(rel)
    plan, issues = validate_values(values)
    if plan is None or any(i.severity == "error" for i in issues):
        count = sum(1 for i in issues if i.severity == "error")
        raise _Invalid(count, issues_json(issues, values))
    if plan.templates:  # the agency's own templates: only from inside the served folder
        try:
            inside(state.workspace.root, (path.parent / plan.templates).relative_to(state.workspace.root).as_posix())
        except (InputError, ValueError):
            raise InputError(
                f"Thư mục mẫu '{plan.templates}' (trường templates) phải nằm trong thư mục làm việc."
            ) from None
    return LoadedPlan(plan, path, values, [i.message for i in issues])


class _Invalid(InputError):
    def __init__(self, count: int, issues: list[dict]) -> None:
        super().__init__(f"Kế hoạch còn {count} lỗi; sửa các trường được đánh dấu đỏ rồi soạn lại.")
        self.issues = issues


def _files(state: State, paths) -> list[dict]:
    from urllib.parse import quote

    out = []
    for path in paths:
        rel = state.workspace.rel(Path(path))
        out.append({"name": Path(path).name, "rel": rel, "url": "/tai-ve/" + quote(rel, safe="/")})
    return out


def _render(state: State, kind: str, rel: str, payload: dict) -> dict:
    from .. import documents

    started = time.perf_counter()
    try:
        loaded = _loaded(state, rel, payload.get("values"))
    except _Invalid as exc:
        return {"error": exc.message, "issues": exc.issues}
    outdir = state.workspace.output_dir(rel)
    if kind == "plan":
        result = documents.render_plan(loaded, outdir, force=True)
    elif kind == "letter":
        result = documents.render_letter(loaded, outdir, separate=bool(payload.get("separate")), force=True)
    elif kind == "report":
        units = payload.get("units") or None
        units_path = state.workspace.path(units) if units else None
        unit = str(payload.get("unit") or "").strip()
        if not unit:
            raise InputError("Chưa nhập tên đơn vị báo cáo.")
        period = str(payload.get("period") or "").strip()
        fields = {k: str(payload.get(k) or "").strip() or None for k in ("abbreviation", "signer_title", "place")}
        try:
            result = documents.render_report(
                loaded, outdir, period=period, unit=unit, units_file=units_path, force=True, unit_fields=fields
            )
        except InputError as exc:
            if exc.field != "unit_fields":
                raise
            raise InputError(
                f"Đơn vị '{unit}' không phải Ủy ban nhân dân xã, phường, đặc khu hoặc tỉnh, nên không tự suy ra "
                "được ký hiệu văn bản và người ký: điền «Chữ viết tắt trong ký hiệu» (ví dụ TP cho Phòng Tư "
                "pháp) và «Chức vụ người ký» (ví dụ Trưởng phòng) ngay bên dưới, hoặc chọn danh sách đơn vị có "
                "các cột đó."
            ) from None
    else:
        raise InputError(f"Không có loại văn bản '{kind}'.")
    files = list(result.files)
    warnings = list(result.warnings)
    if payload.get("pdf"):
        files += _pdf(files, warnings)
    seconds = time.perf_counter() - started
    return {"files": _files(state, files), "warnings": warnings, "seconds": round(seconds, 3)}


def _pdf(files, warnings: list[str]) -> list[Path]:
    from ..sign import export_pdfa  # the same PDF/A-2b, with the document's metadata, as --pdf

    try:
        return export_pdfa([Path(f) for f in files if str(f).endswith(".docx")])
    except DvtemplateError as exc:  # LibreOffice missing: the .docx are written, say so
        warnings.append(f"Không xuất được PDF: {exc}")
        return []


async def make(state: State, kind: str, rel: str, payload: dict) -> dict:
    return await run_in_threadpool(_render, state, kind, rel, payload)


async def preview(state: State, rel: str, payload: dict) -> dict:
    from .preview import preview_pages

    return await run_in_threadpool(preview_pages, state, rel, payload, _loaded_or_issues)


def _loaded_or_issues(state: State, rel: str, values: Any):
    try:
        return _loaded(state, rel, values)
    except _Invalid as exc:
        return {"error": exc.message, "issues": exc.issues}


async def _save_upload(state: State, upload: Any, suffixes: tuple[str, ...]) -> Path:
    if not isinstance(upload, UploadFile) or not upload.filename:
        raise InputError("Chưa chọn tệp để tải lên.")
    name = Path(upload.filename.replace("\\", "/")).name
    suffix = Path(name).suffix.lower()
    if suffix not in suffixes:
        raise InputError(f"Tệp '{name}' không đúng loại; cần tệp {', '.join(suffixes)}.")
    _, folder = state.new_dir("tai-len")
    safe = re.sub(r"[^\w.-]+", "-", Path(name).stem)[:60] or "tep"
    target = folder / f"{safe}{suffix}"
    with target.open("wb") as handle:
        while chunk := await upload.read(1 << 20):
            handle.write(chunk)
    return target


async def start_batch(state: State, rel: str, form) -> dict:
    import json

    from ..batch import run_batch
    from ..units import read_units

    try:
        values = json.loads(str(form.get("values") or "{}"))
    except ValueError:
        raise InputError("Dữ liệu biểu mẫu không hợp lệ.") from None
    try:
        loaded = _loaded(state, rel, values)
    except _Invalid as exc:
        return {"error": exc.message, "issues": exc.issues}
    period = str(form.get("period") or "").strip()
    units_path = await _save_upload(state, form.get("units"), (".xlsx", ".csv"))
    units = await run_in_threadpool(read_units, units_path)
    safe_period = re.sub(r"[^\w-]+", "-", period) or "ky"
    outdir = state.workspace.output_dir(rel) / f"bao-cao-{safe_period}"
    want_pdf = bool(form.get("pdf"))

    def work(job: Job) -> dict:
        result = run_batch(loaded, units, period, outdir, force=True, make_zip=True, progress=job.advance)
        warnings = list(result.warnings) + [f"Bỏ qua {p}" for p in result.problems]
        files = list(result.files)
        if want_pdf:
            _pdf(files, warnings)
        return {
            "zip": _files(state, [result.zip])[0] if result.zip else None,
            "manifest": _files(state, [result.manifest])[0] if result.manifest else None,
            "count": len(result.files),
            "deadline": result.deadline,
            "warnings": warnings,
        }

    key, job = start_job(state, "lo", work, total=len(units.units))
    return {"job": key, "total": job.total}


async def import_upload(state: State, form) -> dict:
    from ..importer import import_docx

    source = await _save_upload(state, form.get("file"), (".docx",))
    result = await run_in_threadpool(import_docx, source)
    title = re.sub(r"\s+", " ", result.plan.title)
    target = state.workspace.write_new(f"ke-hoach-{result.plan.year}-{title}", result.yaml_text)
    rel = state.workspace.rel(target)
    return {"rel": rel, "warnings": result.warnings, "message": f"Đã nhập thành kế hoạch {rel}."}


async def rollover(state: State, rel: str, payload: dict) -> dict:
    from ..rollover import rollover_file

    source = state.workspace.path(rel)
    year = payload.get("year")
    try:
        year = int(year) if year not in (None, "") else None
    except (TypeError, ValueError):
        raise InputError(f"Năm '{year}' không hợp lệ.") from None
    stem = source.stem
    new_year = year or _next_year(source)
    stem = re.sub(r"(19|20)\d\d", str(new_year), stem) if re.search(r"(19|20)\d\d", stem) else f"{stem}-{new_year}"
    target = state.workspace.free_name(source.parent, stem)
    result = await run_in_threadpool(lambda: rollover_file(source, target, year=year))
    new_rel = state.workspace.rel(target)
    return {
        "rel": new_rel,
        "review": review_words(result.changes, payload.get("values")),
        "message": f"Đã lập kế hoạch năm {result.new_year}: {new_rel}.",
    }


def _loc(path: str) -> tuple:
    """'sections[1].items[4].bullets[1]' (as rollover names a field) → ('sections', 0, 'items', 3, 'bullets', 0)."""
    loc: list = []
    for name, index in re.findall(r"([^.\[\]]+)|\[(\d+)\]", path):
        loc.append(int(index) - 1 if index else name)
    return tuple(loc)


def review_words(changes, values: Any = None) -> list[str]:
    """Rollover's review list in a clerk's words: the field's place, no YAML key (changes first)."""
    from .forms import place

    out = []
    for change in sorted(changes, key=lambda c: c.review):
        where = place(_loc(change.path), values)
        message = change.message
        if change.path == "draft":
            message = (
                "đánh dấu là dự thảo vì số và ngày ban hành đã xóa; khi ban hành, ghi số và ngày rồi trả lời "
                "«Không» ở câu hỏi dự thảo"
            )
        else:
            message = re.sub(
                r"\((\w+): ([^)]*)\)", lambda m: f"({place((m.group(1),), values)}: {m.group(2)})", message
            )
        out.append(f"[{'xem lại' if change.review else 'đã đổi'}] {where}: {message}")
    return out


def _next_year(source: Path) -> int:
    from ..loading import load_plan

    return load_plan(source).plan.year + 1


async def check_upload(state: State, form) -> dict:
    from ..check import check_docx

    source = await _save_upload(state, form.get("file"), (".docx",))
    report = await run_in_threadpool(check_docx, source)
    from ..check import loc_text

    name = Path(str(form.get("file").filename)).name
    findings = [{**f.to_dict(), "where": loc_text(f.location)} for f in report.findings]
    return {
        "file": name,
        "kind": report.kind,
        "errors": len(report.errors),
        "warnings": len(report.warnings),
        "findings": findings,
    }
