"""YAML → Plan, with every mistake turned into Vietnamese text naming file, line and field.

ruamel.yaml keeps line numbers (and the user's comments, which rollover
preserves); pydantic's error locations are mapped back to those lines; unknown
keys get a "có phải … ?" suggestion from the fields that are allowed there.
"""

from __future__ import annotations

import difflib
import types
import typing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError

from .errors import InputError
from .model import Plan, plan_problems

__all__ = [
    "LoadedPlan",
    "Issue",
    "load_plan",
    "read_plan_text",
    "parse_plan_text",
    "plan_issues",
    "field_path",
    "read_yaml",
    "locate",
    "MAX_YAML_BYTES",
]

MAX_YAML_BYTES = 5 * 1024 * 1024


@dataclass
class LoadedPlan:
    """A validated plan, where it came from, its raw YAML tree and the non-fatal warnings."""

    plan: Plan
    path: Path | None
    data: Any
    warnings: list[str]


@dataclass
class Issue:
    """One validation message of a plan: where (pydantic loc), what (Vietnamese), how bad."""

    loc: tuple
    message: str
    severity: str = "error"


class _Constructor(RoundTripConstructor):
    """Keeps an impossible date (2025-02-30) as text so validation can say where it is."""

    def construct_yaml_timestamp(self, node, values=None):  # type: ignore[override]
        try:
            return super().construct_yaml_timestamp(node, values)
        except ValueError:
            return str(node.value)


_Constructor.add_constructor("tag:yaml.org,2002:timestamp", _Constructor.construct_yaml_timestamp)


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.Constructor = _Constructor
    yaml.preserve_quotes = True
    return yaml


def read_yaml(text: str, source: str = "<yaml>") -> Any:
    """Parse YAML text (comments and line numbers kept); syntax errors → InputError with the line."""
    try:
        return _yaml().load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"{source}, dòng {mark.line + 1}, cột {mark.column + 1}" if mark else source
        raise InputError(
            f"{where}: tệp YAML sai cú pháp ({exc.problem or exc.context}).",
            hint="Kiểm tra thụt lề (dùng dấu cách, không dùng Tab), dấu ':' sau tên trường, "
            "và đặt văn bản có dấu ':' hoặc '#' trong ngoặc kép.",
        ) from None
    except Exception as exc:  # ruamel raises plain errors for some malformed input
        raise InputError(f"{source}: không đọc được YAML ({exc}).") from None


def locate(data: Any, loc: tuple) -> int | None:
    """1-based line of the deepest node of *loc* that exists in the ruamel tree."""
    line: int | None = None
    node = data
    for key in loc:
        try:
            if isinstance(node, CommentedMap) and key in node:
                line = node.lc.key(key)[0] + 1
                node = node[key]
            elif isinstance(node, CommentedSeq) and isinstance(key, int) and key < len(node):
                line = node.lc.item(key)[0] + 1
                node = node[key]
            else:
                break
        except (KeyError, IndexError, TypeError, AttributeError):
            break
    return line


def field_path(loc: tuple) -> str:
    """'sections[1].items[2].title': the field as messages name it (1-based list positions)."""
    out = ""
    for key in loc:
        out += f"[{key + 1}]" if isinstance(key, int) else (f".{key}" if out else str(key))
    return out or "(gốc tệp)"


def _model_at(loc: tuple) -> type[BaseModel] | None:
    """The model class that holds the field at *loc* (for 'did you mean' suggestions)."""
    current: Any = Plan
    for key in loc:
        current = _unwrap(current)
        if isinstance(current, type) and issubclass(current, BaseModel):
            field = current.model_fields.get(str(key))
            if field is None:
                return current
            current = field.annotation
        elif isinstance(key, int) or isinstance(current, dict):
            args = typing.get_args(current)
            current = args[-1] if args else None
    current = _unwrap(current)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _unwrap(tp: Any) -> Any:
    while True:
        origin = typing.get_origin(tp)
        if origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(tp) if a is not type(None)]
            tp = args[0] if len(args) == 1 else tp
            if len(args) != 1:
                return tp
        elif origin is typing.Annotated:
            tp = typing.get_args(tp)[0]
        else:
            return tp


_MESSAGES = {
    "missing": "thiếu trường bắt buộc",
    "string_type": "phải là văn bản",
    "int_type": "phải là số nguyên",
    "int_parsing": "phải là số nguyên",
    "int_from_float": "phải là số nguyên",
    "bool_type": "phải là true hoặc false",
    "bool_parsing": "phải là true hoặc false",
    "list_type": "phải là một danh sách (mỗi dòng bắt đầu bằng '- ')",
    "dict_type": "phải là một nhóm trường (tên: giá trị)",
    "model_type": "phải là một nhóm trường (tên: giá trị)",
    "model_attributes_type": "phải là một nhóm trường (tên: giá trị)",
    "date_type": "phải là ngày, ví dụ 15/12/2025",
    "date_parsing": "phải là ngày, ví dụ 15/12/2025",
    "date_from_datetime_parsing": "phải là ngày, ví dụ 15/12/2025",
    "too_short": "không được để trống",
    "string_too_short": "không được để trống",
    "greater_than_equal": "quá nhỏ",
    "less_than_equal": "quá lớn",
    "string_pattern_mismatch": "không đúng dạng cho phép",
}


def _message(err: dict) -> str:
    kind = err["type"]
    if kind == "extra_forbidden":
        key = str(err["loc"][-1])
        model = _model_at(tuple(err["loc"][:-1]))
        allowed = list(model.model_fields) if model else []
        close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
        hint = f" Có phải '{close[0]}'?" if close else ""
        listed = f" Các trường hợp lệ: {', '.join(allowed)}." if allowed and not close else ""
        return f"trường '{key}' không có trong mẫu.{hint}{listed}"
    if kind == "literal_error":
        expected = err.get("ctx", {}).get("expected", "")
        return f"giá trị '{err.get('input')}' không hợp lệ; chọn một trong: {expected}"
    if kind in ("value_error", "assertion_error"):
        return str(err.get("ctx", {}).get("error", err["msg"]))
    if kind in ("greater_than_equal", "less_than_equal"):
        ctx = err.get("ctx", {})
        bound = ctx.get("ge", ctx.get("le"))
        return f"{_MESSAGES[kind]} (giới hạn: {bound}), đang là {err.get('input')!r}"
    return _MESSAGES.get(kind, err["msg"])


def _merge_typos(errors: list[dict]) -> list[dict]:
    """A misspelt key is one mistake, not two: drop the 'missing' error its suggestion explains."""
    for err in errors:
        # a union/before-validator adds internal names to loc: keep the YAML part
        err["loc"] = tuple(k for k in err["loc"] if isinstance(k, int) or not str(k).startswith(("function-", "lax-")))
    explained = set()
    for err in errors:
        if err["type"] == "extra_forbidden":
            model = _model_at(err["loc"][:-1])
            close = difflib.get_close_matches(
                str(err["loc"][-1]), list(model.model_fields) if model else [], n=1, cutoff=0.6
            )
            if close:
                explained.add(err["loc"][:-1] + (close[0],))
    return [e for e in errors if not (e["type"] == "missing" and e["loc"] in explained)]


def _describe(source: str, data: Any, loc: tuple, message: str) -> str:
    line = locate(data, loc)
    where = f"{source}, dòng {line}" if line else source
    return f"{where}, trường {field_path(loc)}: {message}"


def plan_issues(data: Any) -> tuple[Plan | None, list[Issue]]:
    """Validate a parsed tree (ruamel or plain dict): the plan (None when invalid) and every message.

    The one place plan data is validated: ``validate``, the loaders and the web form all use it.
    """
    try:
        plan = Plan.model_validate(data)
    except ValidationError as exc:
        errors = _merge_typos(exc.errors(include_url=False))
        return None, [Issue(tuple(err["loc"]), _message(err)) for err in errors]
    return plan, [Issue(tuple(p.loc), p.message, p.severity) for p in plan_problems(plan)]


def parse_plan_text(text: str, source: str = "<yaml>") -> LoadedPlan:
    """Validate YAML text into a Plan; all errors at once, in Vietnamese, as one InputError."""
    data = read_yaml(text, source)
    if data is None:
        raise InputError(f"{source}: tệp trống.", hint="Tạo tệp mẫu bằng lệnh: dvtemplate init THƯ_MỤC")
    if not isinstance(data, dict):
        raise InputError(
            f"{source}: tệp kế hoạch phải là một nhóm trường (issuer:, title:, …), không phải một danh sách hay một giá trị đơn."
        )
    plan, issues = plan_issues(data)
    errors = [issue for issue in issues if issue.severity == "error"]
    if plan is None or errors:
        lines = ["- " + _describe(source, data, issue.loc, issue.message) for issue in errors[:15]]
        more = len(errors) - len(lines)
        tail = f"\n… và {more} lỗi khác." if more > 0 else ""
        raise InputError(f"{source}: kế hoạch có {len(errors)} lỗi:\n" + "\n".join(lines) + tail)
    warnings = [_describe(source, data, issue.loc, issue.message) for issue in issues]
    return LoadedPlan(plan, None, data, warnings)


def read_plan_text(path: str | Path) -> str:
    """The text of a plan file (UTF-8, with or without BOM); every failure is an InputError."""
    path = Path(path)
    source = path.name
    try:
        if path.stat().st_size > MAX_YAML_BYTES:
            raise InputError(f"{source}: tệp quá lớn (tối đa {MAX_YAML_BYTES // 1024 // 1024} MB).")
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"Không tìm thấy tệp '{path}'.") from None
    except IsADirectoryError:
        raise InputError(f"'{path}' là thư mục, không phải tệp YAML.") from None
    except OSError as exc:
        raise InputError(f"Không đọc được '{path}': {exc.strerror}.") from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(
            f"{source}: tệp không phải mã UTF-8.", hint="Trong Notepad chọn Save As → Encoding: UTF-8."
        ) from None


def load_plan(path: str | Path) -> LoadedPlan:
    """Read and validate a plan file."""
    path = Path(path)
    loaded = parse_plan_text(read_plan_text(path), path.name)
    loaded.path = path
    return loaded
