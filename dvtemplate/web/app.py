"""The Starlette application: routes, page templates, errors as Vietnamese messages.

Pages are rendered on the server (a plain autoescaping Jinja environment — not
the sandbox used for .docx templates); ``static/app.js`` adds list editing,
validation as you type and the buttons' requests. Handlers that do real work
are plain functions, so Starlette runs them in its thread pool.
"""

from __future__ import annotations

import json
import shutil
import tempfile
import threading
from contextlib import asynccontextmanager
from pathlib import Path
from urllib.parse import quote

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from .. import __version__
from ..errors import DvtemplateError, InputError, OutputError, ToolMissingError
from ..limits import MAX_UPLOAD_BYTES, MAX_UPLOAD_FILES
from . import actions, compare, loops
from .forms import form_tree, templates_for
from .security import BodyTooLarge, Guard
from .workspace import Conflict, Workspace, issues_json, like_source, validate_values

__all__ = ["create_app", "HERE"]

HERE = Path(__file__).resolve().parent


def _env() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(HERE / "templates")),
        autoescape=select_autoescape(["html"], default=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["urlpath"] = lambda value: quote(str(value), safe="/")
    env.globals["version"] = __version__
    return env


def _multipart_message(detail: str, files: int, fields: int) -> str:
    """Starlette's English about a form upload, in Vietnamese."""
    if detail.startswith("Too many files"):
        return f"Tải lên quá nhiều tệp một lần (tối đa {files} tệp); gom các tệp vào một tệp .zip rồi tải lên."
    if detail.startswith("Too many fields"):
        return f"Biểu mẫu gửi lên có quá nhiều trường (tối đa {fields})."
    if "exceeded maximum size" in detail:
        return "Một phần của dữ liệu tải lên quá lớn."
    return "Dữ liệu tải lên không đúng dạng biểu mẫu (multipart); tải lại trang rồi chọn tệp lại."


@asynccontextmanager
async def multipart(request: Request, *, files: int, fields: int, part: int):
    """``request.form`` with its limits, every refusal a Vietnamese InputError."""
    try:
        form = await request.form(max_files=files, max_fields=fields, max_part_size=part)
    except HTTPException as exc:
        raise InputError(_multipart_message(str(exc.detail), files, fields)) from None
    try:
        yield form
    finally:
        await form.close()


def _status(exc: DvtemplateError) -> int:
    if isinstance(exc, ToolMissingError):
        return 503
    if isinstance(exc, OutputError):
        return 409
    return 422


def create_app(
    folder: str | Path, *, token: str, hosts: set[str] | None, max_body: int = MAX_UPLOAD_BYTES, warm: bool = False
):
    """The whole ASGI app for *folder*, behind the :class:`~.security.Guard`.

    *warm*: once serving, compile the templates in the background so the first click is as fast as the next.
    """
    workspace = Workspace(folder)
    env = _env()
    scratch = Path(tempfile.mkdtemp(prefix="dvtemplate-web-"))
    state = actions.State(workspace, scratch)

    def page(name: str, status: int = 200, **context) -> HTMLResponse:
        context.setdefault("folder", str(workspace.root))
        return HTMLResponse(env.get_template(name).render(**context), status_code=status)

    def plans_page(request: Request):
        return page("list.html", plans=workspace.entries())

    def loop_page(request: Request):
        rel = request.path_params["rel"]
        entry = workspace.summary(workspace.path(rel))
        return page(
            "loop.html",
            rel=rel,
            entry=entry,
            units_files=actions.units_files(workspace),
            choices=loops.ANSWER_CHOICES,
        )

    def plan_form(request: Request):
        rel = request.path_params["rel"]
        try:
            data, text, sha = workspace.open(rel)
        except InputError as exc:
            return page("error.html", 422, message=str(exc), rel=rel)
        tree = form_tree(data)
        plain_data = actions.plain_values(data)
        values, issues = validate_values(plain_data)
        return page(
            "form.html",
            rel=rel,
            tree=tree,
            templates=templates_for(tree),
            sha=sha,
            issues=issues_json(issues, plain_data),
            title=str(plain_data.get("title") or ""),
            units_files=actions.units_files(workspace),
            has_soffice=actions.has_soffice(),
            other_plans=compare.other_plans(state, rel),
        )

    async def body(request: Request) -> dict:
        try:
            value = json.loads(await request.body() or b"{}")
        except (ValueError, RecursionError):
            raise InputError("Dữ liệu gửi lên không phải JSON hợp lệ.") from None
        if not isinstance(value, dict):
            raise InputError("Dữ liệu gửi lên không hợp lệ.")
        return value

    async def validate(request: Request):
        workspace.path(request.path_params["rel"])
        payload = await body(request)
        _, issues = validate_values(payload.get("values"))
        return JSONResponse({"issues": issues_json(issues, payload.get("values"))})

    async def save(request: Request):
        rel = request.path_params["rel"]
        payload = await body(request)
        values = payload.get("values")
        if not isinstance(values, dict):
            raise InputError("Dữ liệu biểu mẫu không hợp lệ.")
        try:
            sha = workspace.save(rel, values, str(payload.get("sha256", "")), force=bool(payload.get("force")))
        except Conflict as conflict:
            return JSONResponse(
                {
                    "error": "Tệp đã bị sửa trên đĩa (bởi chương trình khác) sau khi bạn mở biểu mẫu. "
                    "Chưa ghi gì. Chọn: giữ bản trên đĩa, ghi bản của bạn thành tệp mới, hoặc ghi đè.",
                    "disk_text": conflict.disk_text,
                    "mine_text": conflict.mine_text,
                    "disk_sha256": conflict.disk_hash,
                },
                status_code=409,
            )
        _, issues = validate_values(values)
        errors = sum(1 for i in issues if i.severity == "error")
        message = f"Đã lưu {rel}." + (f" Kế hoạch còn {errors} lỗi (đã lưu đúng như đã gõ)." if errors else "")
        return JSONResponse({"sha256": sha, "issues": issues_json(issues, values), "message": message})

    async def save_copy(request: Request):
        rel = request.path_params["rel"]
        path = workspace.path(rel)
        payload = await body(request)
        values = payload.get("values")
        if not isinstance(values, dict):
            raise InputError("Dữ liệu biểu mẫu không hợp lệ.")
        raw, current = workspace.read(path)  # size and encoding checked: a Vietnamese 422, as for save
        text = workspace.merged_text(current, values, path.name)
        target = workspace.write_new(f"{path.stem}-ban-cua-toi", like_source(text, raw), path.parent)
        return JSONResponse(
            {"rel": workspace.rel(target), "message": f"Đã ghi bản của bạn vào {workspace.rel(target)}."}
        )

    async def make(request: Request):
        payload = await body(request)
        return JSONResponse(await actions.make(state, request.path_params["kind"], request.path_params["rel"], payload))

    async def preview(request: Request):
        payload = await body(request)
        return JSONResponse(await actions.preview(state, request.path_params["rel"], payload))

    def preview_file(request: Request):
        path = state.preview_file(request.path_params["job"], request.path_params["name"])
        return FileResponse(path, media_type="image/png")

    async def batch(request: Request):
        async with multipart(request, files=2, fields=20, part=max_body) as form:
            return JSONResponse(await actions.start_batch(state, request.path_params["rel"], form))

    def job(request: Request):
        return JSONResponse(state.job_status(request.path_params["job"]))

    async def import_docx(request: Request):
        async with multipart(request, files=1, fields=5, part=max_body) as form:
            return JSONResponse(await actions.import_upload(state, form))

    async def rollover(request: Request):
        payload = await body(request)
        out = await actions.rollover(state, request.path_params["rel"], payload)
        out["compare"] = await compare.after_rollover(state, request.path_params["rel"], out["rel"])
        return JSONResponse(out)

    async def compare_plans(request: Request):
        payload = await body(request)
        return JSONResponse(await compare.compare_with(state, request.path_params["rel"], payload))

    async def check(request: Request):
        async with multipart(request, files=1, fields=5, part=max_body) as form:
            return JSONResponse(await actions.check_upload(state, form))

    async def collect(request: Request):
        async with multipart(request, files=MAX_UPLOAD_FILES, fields=20, part=max_body) as form:
            return JSONResponse(await loops.start_collect(state, request.path_params["rel"], form))

    async def comments(request: Request):
        async with multipart(request, files=MAX_UPLOAD_FILES, fields=20, part=max_body) as form:
            return JSONResponse(await loops.comments_run(state, request.path_params["rel"], form))

    async def answers(request: Request):
        return JSONResponse(await loops.save_answers(state, request.path_params["rel"], await body(request)))

    async def to_trinh(request: Request):
        return JSONResponse(await loops.make_to_trinh(state, request.path_params["rel"], await body(request)))

    async def calendar(request: Request):
        return JSONResponse(await loops.make_calendar(state, request.path_params["rel"], await body(request)))

    def download(request: Request):
        path = workspace.path(request.path_params["rel"])
        if path.suffix.lower() not in actions.DOWNLOADABLE:
            raise InputError(f"Không tải được loại tệp '{path.suffix}'.")
        return FileResponse(path, filename=path.name, content_disposition_type="attachment")

    def schema(request: Request):
        from ..schema import plan_json_schema

        return JSONResponse(plan_json_schema())

    async def on_error(request: Request, exc: Exception) -> Response:
        if isinstance(exc, BodyTooLarge):
            message, status = f"Tệp tải lên quá lớn (tối đa {max_body // 1024 // 1024} MB).", 413
        elif isinstance(exc, DvtemplateError):
            message, status = str(exc), _status(exc)
        else:
            message, status = (
                f"Lỗi không mong đợi trong dvtemplate ({type(exc).__name__}). Đây là lỗi của phần mềm.",
                500,
            )
        if request.url.path.startswith("/api/"):
            return JSONResponse({"error": message}, status_code=status)
        return page("error.html", status, message=message)

    async def not_found(request: Request, exc: Exception) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"error": "Không có địa chỉ này."}, status_code=404)
        return page("error.html", 404, message="Không có trang này.")

    @asynccontextmanager
    async def lifespan(app):
        if warm:
            timer = threading.Timer(1.0, actions.warm_up)  # after the first page, not competing with it
            timer.daemon = True
            timer.start()
        yield
        shutil.rmtree(scratch, ignore_errors=True)

    routes = [
        Route("/", plans_page),
        Route("/ke-hoach/{rel:path}", plan_form),
        Route("/tai-ve/{rel:path}", download),
        Route("/xem-truoc/{job}/{name}", preview_file),
        Route("/api/schema", schema),
        Route("/api/validate/{rel:path}", validate, methods=["POST"]),
        Route("/api/save/{rel:path}", save, methods=["POST"]),
        Route("/api/save-copy/{rel:path}", save_copy, methods=["POST"]),
        Route("/api/make/{kind}/{rel:path}", make, methods=["POST"]),
        Route("/api/preview/{rel:path}", preview, methods=["POST"]),
        Route("/api/batch/{rel:path}", batch, methods=["POST"]),
        Route("/api/job/{job}", job),
        Route("/api/import", import_docx, methods=["POST"]),
        Route("/api/rollover/{rel:path}", rollover, methods=["POST"]),
        Route("/api/check", check, methods=["POST"]),
        Route("/api/compare/{rel:path}", compare_plans, methods=["POST"]),
        Route("/tong-hop/{rel:path}", loop_page),
        Route("/api/collect/{rel:path}", collect, methods=["POST"]),
        Route("/api/comments/{rel:path}", comments, methods=["POST"]),
        Route("/api/answers/{rel:path}", answers, methods=["POST"]),
        Route("/api/to-trinh/{rel:path}", to_trinh, methods=["POST"]),
        Route("/api/calendar/{rel:path}", calendar, methods=["POST"]),
        Mount("/static", StaticFiles(directory=str(HERE / "static")), name="static"),
    ]
    handlers = {Exception: on_error, DvtemplateError: on_error, BodyTooLarge: on_error, 404: not_found}
    app = Starlette(routes=routes, exception_handlers=handlers, lifespan=lifespan)
    app.state.workspace = workspace
    app.state.actions = state
    return Guard(app, token=token, hosts=hosts, max_body=max_body)
