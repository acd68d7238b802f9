"""YAML → Plan, with every mistake turned into Vietnamese text naming file, line and field.

ruamel.yaml keeps line numbers (and the user's comments, which rollover
preserves); pydantic's error locations are mapped back to those lines; unknown
keys get a "có phải … ?" suggestion from the fields that are allowed there.
"""

from __future__ import annotations

import difflib
import re
import types
import typing
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.composer import Composer
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError
from ruamel.yaml.events import AliasEvent
from ruamel.yaml.reader import ReaderError

from .errors import InputError
from .limits import MAX_YAML_BYTES, MAX_YAML_DEPTH, MAX_YAML_EXPANDED_CHARS, MAX_YAML_NODES
from .model import Plan, plan_problems
from .reading import read_input
from .validation_messages import vietnamese_message, yaml_problem
from .vn import grouped

__all__ = [
    "LoadedPlan",
    "Issue",
    "load_plan",
    "as_loaded",
    "template_folders",
    "read_plan_text",
    "parse_plan_text",
    "plan_issues",
    "field_path",
    "read_yaml",
    "locate",
    "MAX_YAML_BYTES",
]

_WORD_SUFFIXES = (".docx", ".doc", ".docm", ".dotx", ".dot", ".odt", ".rtf")


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


class _TooManyNodes(Exception):
    def __init__(self, line: int, chars: bool = False) -> None:
        self.line = line
        self.chars = chars


class _Composer(Composer):
    """Counts the values of the tree, and their characters, as if every alias were copied out, and
    stops past MAX_YAML_NODES values or MAX_YAML_EXPANDED_CHARS characters.

    An alias is only a reference, so ``*a`` costs nothing to parse; but everything after
    the parser (validation, the context, the template) walks the expanded tree, and ten
    levels of ten aliases each make ten billion values from a few hundred bytes — or one
    1.5 MB text aliased 3,000 times makes 4.5 GB of text.
    """

    def compose_document(self):  # type: ignore[override]
        self._dv_count = self._dv_chars = 0
        self._dv_weight: dict[int, tuple[int, int]] = {}
        return super().compose_document()

    def compose_node(self, parent, index):  # type: ignore[override]
        if self.parser.check_event(AliasEvent):
            node = super().compose_node(parent, index)
            nodes, chars = self._dv_weight.get(id(node), (1, 0))
            self._dv_count += nodes
            self._dv_chars += chars
        else:
            before = self._dv_count = self._dv_count + 1
            if before > MAX_YAML_NODES:
                raise _TooManyNodes(self.parser.peek_event().start_mark.line + 1)
            chars_before = self._dv_chars
            node = super().compose_node(parent, index)
            if isinstance(node.value, str):
                self._dv_chars += len(node.value)
            if node.anchor is not None:
                self._dv_weight[id(node)] = (self._dv_count - before + 1, self._dv_chars - chars_before)
        if self._dv_count > MAX_YAML_NODES:
            raise _TooManyNodes(node.start_mark.line + 1)
        if self._dv_chars > MAX_YAML_EXPANDED_CHARS:
            raise _TooManyNodes(node.start_mark.line + 1, chars=True)
        return node


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.Constructor = _Constructor
    yaml.Composer = _Composer
    yaml.preserve_quotes = True
    return yaml


def _flow_depth(text: str) -> int:
    """Deepest nesting of ``[``/``{`` (brackets inside quotes counted too: only a bound, never a parse)."""
    depth = deepest = 0
    for char in re.sub(r"[^\[\]{}]+", "", text):
        depth = depth + 1 if char in "[{" else max(depth - 1, 0)
        deepest = max(deepest, depth)
    return deepest


def _too_much(source: str, exc: _TooManyNodes) -> InputError:
    if exc.chars:
        what = f"quá nhiều chữ (tối đa {grouped(MAX_YAML_EXPANDED_CHARS)} ký tự"
        real = "một kế hoạch thật chỉ có vài chục nghìn"
    else:
        what = f"quá nhiều giá trị (tối đa {grouped(MAX_YAML_NODES)}"
        real = "một kế hoạch thật chỉ có vài nghìn"
    return InputError(
        f"{source}, dòng {exc.line}: tệp YAML có {what}, tính cả các giá trị lặp lại qua bí danh '*'); {real}.",
        hint="Bỏ bớt các tham chiếu &tên / *tên lồng nhau.",
    )


def read_yaml(text: str, source: str = "<yaml>") -> Any:
    """Parse YAML text (comments and line numbers kept); syntax errors → InputError with the line."""
    if _flow_depth(text) > MAX_YAML_DEPTH:
        raise InputError(f"{source}: tệp YAML lồng nhau quá sâu (quá {MAX_YAML_DEPTH} tầng ngoặc [ ] hoặc {{ }}).")
    try:
        return _yaml().load(text)
    except _TooManyNodes as exc:
        raise _too_much(source, exc) from None
    except RecursionError:
        raise InputError(f"{source}: tệp YAML lồng nhau quá sâu.") from None
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"{source}, dòng {mark.line + 1}, cột {mark.column + 1}" if mark else source
        raise InputError(
            f"{where}: tệp YAML sai cú pháp ({yaml_problem(exc)}).",
            hint="Kiểm tra thụt lề (dùng dấu cách, không dùng Tab), dấu ':' sau tên trường, "
            "và đặt văn bản có dấu ':' hoặc '#' trong ngoặc kép.",
        ) from None
    except ReaderError as exc:  # a NUL or another control character (a binary file, a bad copy-paste)
        line = text.count("\n", 0, max(exc.position, 0)) + 1
        raise InputError(
            f"{source}, dòng {line}: tệp có ký tự điều khiển #x{exc.character:04x} không được phép trong YAML "
            "(tệp nhị phân, hoặc dán từ nơi khác).",
            hint="Xóa ký tự đó, hoặc lưu lại tệp dạng văn bản UTF-8.",
        ) from None
    except Exception as exc:  # ruamel raises plain errors for some malformed input
        raise InputError(f"{source}: không đọc được YAML ({yaml_problem(exc)}).") from None


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
    if loc and loc[-1] == "[key]":  # a bad key of a mapping: name the mapping (the key is in the message)
        loc = loc[:-2]
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
    if err["loc"] and err["loc"][-1] == "[key]":
        return f"tên khóa {err['loc'][-2]!r} không hợp lệ: {vietnamese_message(err)}"
    return vietnamese_message(err)


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


def parse_plan_text(text: str, source: str = "<yaml>", *, unfinished: bool = False) -> LoadedPlan:
    """Validate YAML text into a Plan; all errors at once, in Vietnamese, as one InputError.

    *unfinished*: import placeholders "(Chưa rõ …)" are warnings, not errors (for the
    importer and rollover, which write a YAML the clerk completes; never for rendering).

    The text is NFC-normalised first (keys and values alike): macOS and some Vietnamese
    keyboards type decomposed letters (NFD), which look the same but would not match
    ``level: tỉnh`` or a footnote key. NFC never changes line breaks, so line numbers hold.
    """
    data = read_yaml(unicodedata.normalize("NFC", text), source)
    if data is None:
        raise InputError(f"{source}: tệp trống.", hint="Tạo tệp mẫu bằng lệnh: dvtemplate init THƯ_MỤC")
    if not isinstance(data, dict):
        raise InputError(
            f"{source}: tệp kế hoạch phải là một nhóm trường (issuer:, title:, …), không phải một danh sách hay một giá trị đơn."
        )
    plan, issues = plan_issues(data)
    errors = [i for i in issues if i.severity == "error" or (i.severity == "unknown" and not unfinished)]
    if plan is None or errors:
        lines = ["- " + _describe(source, data, issue.loc, issue.message) for issue in errors[:15]]
        more = len(errors) - len(lines)
        tail = f"\n… và {more} lỗi khác." if more > 0 else ""
        raise InputError(f"{source}: kế hoạch có {len(errors)} lỗi:\n" + "\n".join(lines) + tail)
    warnings = [_describe(source, data, issue.loc, issue.message) for issue in issues if issue not in errors]
    warnings += [_describe(source, data, loc, message) for loc, message in fragment_lists(data)]
    return LoadedPlan(plan, None, data, warnings)


_NAME_LISTS = frozenset({"responsible", "recipients", "coordinating"})
"""Lists of bodies: a '- ' item starting in lower case is a name cut apart even in block style."""


def fragment_lists(node: Any, loc: tuple = ()) -> list[tuple[tuple, str]]:
    """Lists whose items look like one phrase cut at its commas: ``[Các sở, ban, ngành tỉnh]``.

    In a YAML ``[a, b]`` list every comma starts a new item, so "Các sở, ban, ngành tỉnh"
    becomes three bodies. Flagged: a flow-style list (any field but ``name_lines``, which
    splits a name on purpose) or a list of bodies, where an item after the first starts
    in lower case. Returns ``(location, message)`` pairs.
    """
    found: list[tuple[tuple, str]] = []
    if isinstance(node, dict):
        for key, value in node.items():
            found += fragment_lists(value, loc + (key,))
    elif isinstance(node, list):
        key = str(loc[-1]) if loc and not isinstance(loc[-1], int) else ""
        parent = str(loc[-2]) if len(loc) > 1 and not isinstance(loc[-2], int) else ""
        flow = isinstance(node, CommentedSeq) and node.fa.flow_style()
        names = key in _NAME_LISTS or (key == "items" and parent in ("recipients", "noi_nhan"))
        texts = [v for v in node if isinstance(v, str)]
        if (flow and key != "name_lines") or names:
            if len(texts) == len(node) >= 2 and any(t[:1].isalpha() and t[:1].islower() for t in texts[1:]):
                shown = " | ".join(texts)
                found.append(
                    (
                        loc,
                        f"các ý «{shown}» trông như một cụm từ bị dấu phẩy cắt rời. Trong danh sách [a, b] "
                        "mỗi dấu phẩy tách thành một ý riêng: viết mỗi ý một dòng bắt đầu bằng '- ' "
                        "(ví dụ '- Các sở, ban, ngành tỉnh'), hoặc đặt cả cụm trong ngoặc kép.",
                    )
                )
        for i, value in enumerate(node):
            if isinstance(value, (dict, list)):
                found += fragment_lists(value, loc + (i,))
    return found


def read_plan_text(path: str | Path) -> str:
    """The text of a plan file (UTF-8, with or without BOM); every failure is an InputError."""
    path = Path(path)
    source = path.name
    raw = read_input(path, MAX_YAML_BYTES, "tệp kế hoạch YAML")
    if raw.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")) or path.suffix.lower() in _WORD_SUFFIXES:
        raise InputError(
            f"{source} là tệp Word (hoặc tệp nén), không phải tệp kế hoạch YAML.",
            hint="Để đọc một Kế hoạch Word thành tệp YAML, dùng lệnh 'dvtemplate import'.",
        )
    try:
        return unicodedata.normalize("NFC", raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise InputError(
            f"{path.name}: tệp không phải mã UTF-8.", hint="Trong Notepad chọn Save As → Encoding: UTF-8."
        ) from None


def load_plan(path: str | Path) -> LoadedPlan:
    """Read and validate a plan file."""
    path = Path(path)
    loaded = parse_plan_text(read_plan_text(path), path.name)
    loaded.path = path
    return loaded


def as_loaded(source: str | Path | Plan | LoadedPlan) -> LoadedPlan:
    """Accept a path, a Plan or a LoadedPlan (every operation's first step; re-exported by ``documents``).

    A Plan still holding the "(Chưa rõ …)" placeholders ``import`` leaves is refused.
    """
    if isinstance(source, LoadedPlan):
        return source
    if isinstance(source, Plan):
        unfilled = [p for p in plan_problems(source) if p.severity == "unknown"]
        if unfilled:
            where = "; ".join(".".join(str(k) for k in p.loc) for p in unfilled[:8])
            raise InputError(
                f"Kế hoạch còn {len(unfilled)} chỗ '(Chưa rõ …)' do lệnh import để lại ({where}); "
                "hãy điền thông tin thật trước khi soạn văn bản."
            )
        return LoadedPlan(source, None, None, [])
    return load_plan(source)


def template_folders(loaded: LoadedPlan, templates: str | Path | Sequence[str | Path] | None) -> tuple[Path, ...]:
    """User template folders: the ``templates`` argument first, then the YAML's ``templates:`` (relative to the YAML)."""
    folders: list[Path] = []
    if templates:
        folders.extend(Path(t) for t in ([templates] if isinstance(templates, (str, Path)) else templates))
    if loaded.plan.templates:
        base = loaded.path.parent if loaded.path else Path.cwd()
        folders.append(base / loaded.plan.templates)
    return tuple(folders)
