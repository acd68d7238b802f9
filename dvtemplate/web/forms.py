"""The plan form: JSON Schema + the YAML tree → a tree of form nodes; submitted JSON → the same tree, edited.

Labels and help come from the schema's Vietnamese descriptions (one source with
``dvtemplate schema``). The browser sends the form back as plain JSON of the
same shape as the YAML; :func:`merge_into` applies it to the ruamel tree of the
file in place, so the user's comments, key order, quoting and short forms
(a point written as a plain string) survive a save.
"""

from __future__ import annotations

import datetime as _dt
import re
from functools import lru_cache
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import LiteralScalarString, ScalarString

__all__ = ["Node", "form_tree", "templates_for", "merge_into", "shown", "plain"]

# Nouns for one element of a list, by field name (the list's own label comes from the schema).
_ITEM_NOUN = {
    "legal_bases": "Đoạn căn cứ",
    "documents": "Văn bản",
    "sections": "Phần",
    "items": "Mục",
    "points": "Điểm",
    "bullets": "Gạch đầu dòng",
    "duties": "Nhiệm vụ",
    "entries": "Kỳ báo cáo",
    "recipients": "Nơi nhận",
    "name_lines": "Dòng",
    "responsible": "Đơn vị",
    "paragraphs": "Đoạn",
    "indicators": "Chỉ số",
    "sub": "Ý",
    "purposes": "Ý",
    "requirements": "Ý",
    "extra": "Đoạn",
}
_LIST_NOUN = {  # by the list's path (positions left out), where the same key means another thing
    "assignments.items": "Cơ quan",
    "targets.items": "Chỉ tiêu",
    "recipients.items": "Nơi nhận",
    "letter.noi_nhan.items": "Nơi nhận",
    "purposes.items": "Ý",
}
_LABELS = {  # by field path (list positions left out): where the description's first words do not fit
    "purposes": "Mục đích, yêu cầu",
    "purposes.purposes": "Mục đích",
    "purposes.requirements": "Yêu cầu",
    "purposes.items": "Các ý (đánh số chung 1, 2, 3…)",
    "issuer.name_lines": "Tên cơ quan ngắt dòng",
    "letter.issuer.name_lines": "Tên cơ quan ngắt dòng",
    "legal_bases": "Căn cứ ban hành",
    "symbol": "Ký hiệu (nếu khác mặc định)",
    "recipients.items": "Các nơi nhận",
    "letter.noi_nhan.items": "Các nơi nhận",
}
_KEY_LABELS = {  # by the field's own key: descriptions that begin with a code or a list of codes
    "draft": "Đây là bản dự thảo (để trống số, ngày và đóng dấu DỰ THẢO)?",
    "run_in": "Viết tiêu đề in đậm liền với nội dung trong cùng một đoạn?",
    "header": "Hàng đầu là hàng tiêu đề (in đậm)?",
    "level": "Cấp hành chính",
    "marker": "Ký hiệu đầu dòng",
    "type": "Kiểu số liệu",
    "aggregate": "Cách cộng số liệu các đơn vị",
    "weight": "Chỉ số làm trọng số (khi cộng bình quân gia quyền)",
    "kind": "Loại văn bản",
    "authority": "Thẩm quyền ký",
    "lead": "Từ dẫn",
    "subject": "Trích yếu",
    "day": "Hạn báo cáo: trước ngày (của tháng)",
    "date": "Hạn báo cáo (ngày/tháng)",
    "key": "Khóa cố định của chỉ số",
}
CHOICE_NAMES = {  # what a clerk reads for a coded choice (the file keeps the code)
    "-": "gạch đầu dòng (-)",
    "a)": "chữ cái a), b), c)",
    "monthly": "hằng tháng",
    "quarterly": "hằng quý",
    "half_year": "6 tháng",
    "yearly": "hằng năm",
    "integer": "số nguyên",
    "decimal": "số thập phân",
    "percent": "tỷ lệ %",
    "yes_no": "có/không",
    "text": "chữ",
    "sum": "cộng tổng",
    "mean": "bình quân",
    "weighted": "bình quân gia quyền",
    "none": "không cộng",
}
_LONG = {"text", "title", "subject", "intro", "closing", "paragraphs", "purposes", "requirements", "extra", "sub"}
_CHOICES = re.compile(r"^\^\((.+)\)\$$")


class Node(dict):
    """One form element: kind (object/array/map/string/integer/boolean/choice/unknown), key, label…

    Attribute access returns None for an absent key (handy in templates); list elements are
    under ``elements``, never ``items``, which would be the dict method."""

    __getattr__ = dict.get


@lru_cache(maxsize=1)
def _schema() -> dict:
    from ..schema import plan_json_schema

    return plan_json_schema()


def _resolve(sub: dict) -> tuple[dict, bool, str | None]:
    """(schema, optional, def name) with $ref and ``anyOf [X, null]`` unwrapped."""
    optional = False
    name = None
    if "anyOf" in sub:
        options = [o for o in sub["anyOf"] if o.get("type") != "null"]
        optional = len(options) < len(sub["anyOf"])
        merged = {k: v for k, v in sub.items() if k != "anyOf"}
        sub = {**options[0], **merged} if len(options) == 1 else {**merged, "type": "string"}
    if "$ref" in sub:
        name = sub["$ref"].rsplit("/", 1)[-1]
        sub = {**_schema()["$defs"][name], **{k: v for k, v in sub.items() if k != "$ref"}}
    return sub, optional, name


def list_noun(path: str, key: str | None) -> str:
    """The noun for one element of the list at *path* ('Phần', 'Nhiệm vụ', 'Cơ quan'…)."""
    where = re.sub(r"\[\d+\]", "", path or "")
    return _LIST_NOUN.get(where) or _ITEM_NOUN.get(key or "", "Mục")


def label_and_help(description: str, key: str, path: str = "") -> tuple[str, str]:
    """A short label (before ', ví dụ', ' (' or '. ') and the full description as help."""
    text = (description or key).strip()
    cut = len(text)
    where = re.sub(r"\[\d+\]", "", path)
    if where in _LABELS:
        return _LABELS[where], text
    if key in _KEY_LABELS:
        return _KEY_LABELS[key], text
    for mark in (", ví dụ", " (", ". ", "; ", ", hoặc ", ": 0"):
        pos = text.find(mark)
        if 0 < pos < cut:
            cut = pos
    label = text[:cut].rstrip(":").strip()
    if label.startswith("Hoặc: "):
        label = label[6:]
    label = label[:1].upper() + label[1:]
    return label, (text if text != label else "")


def shown(value: Any) -> Any:
    """A YAML value as the form shows it (dates as text, the same text for the same date)."""
    if isinstance(value, _dt.datetime):
        value = value.date()
    if isinstance(value, _dt.date):
        return f"{value.day:02d}/{value.month:02d}/{value.year}"
    if isinstance(value, dict) and set(value) <= {"day", "month", "year"} and "year" in value:
        parts = [f"{value[k]:02d}" for k in ("day", "month") if isinstance(value.get(k), int)]
        return "/".join([*parts, str(value["year"])])
    return value


def plain(value: Any) -> Any:
    """The ruamel tree as plain JSON-able data (dates as the form shows them)."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    value = shown(value)
    if isinstance(value, ScalarString):
        return str(value)
    return value


def _node(sub: dict, key: str | None, value: Any, path: str, depth: int) -> Node:
    sub, optional, name = _resolve(sub)
    label, help_text = label_and_help(sub.get("description", ""), key or "", path)
    node = Node(key=key, label=label, help=help_text, optional=optional, path=path, present=value is not None)
    kind = sub.get("type")
    if name == "PartialDate":
        kind = "string"
        value = shown(value)
    if kind == "object" and "properties" in sub:
        if isinstance(value, (str, int)) and "text" in sub["properties"]:
            value = {"text": value}  # a point/bullet/duty written as a plain string
        value = value if isinstance(value, dict) else {}
        known = sub["properties"]
        node.update(kind="object", tpl=name, required=set(sub.get("required", ())))
        node["children"] = [
            _node(spec, k, value.get(k), f"{path}.{k}" if path else k, depth + 1) for k, spec in known.items()
        ]
        node["children"] += [
            Node(kind="unknown", key=k, label=k, path=f"{path}.{k}" if path else k, value=plain(v))
            for k, v in value.items()
            if k not in known
        ]
        for child in node["children"]:
            child["required"] = child.key in node.required
        return node
    if kind == "object":  # footnotes: key → text
        value = value if isinstance(value, dict) else {}
        node.update(kind="map", entries=[(str(k), shown(v)) for k, v in value.items()])
        return node
    if kind == "array":
        item_schema = sub.get("items", {})
        item_resolved, _, item_name = _resolve(item_schema)
        values = value if isinstance(value, list) else []
        node.update(kind="array", noun=list_noun(path, key), min_items=sub.get("minItems", 0))
        node["tpl"] = item_name or ("long" if key in _LONG else "short")
        node["elements"] = [_node(item_schema, None, v, f"{path}[{i + 1}]", depth + 1) for i, v in enumerate(values)]
        node["object_items"] = item_resolved.get("type") == "object"
        return node
    if "enum" in sub or _CHOICES.match(sub.get("pattern", "")):
        choices = sub.get("enum") or [re.sub(r"\\(.)", r"\1", c) for c in _CHOICES.match(sub["pattern"])[1].split("|")]
        default = sub.get("default")
        if default is None:
            choices = ["", *choices]  # nothing chosen: the file keeps nothing, the model's rule applies
        node.update(kind="choice", choices=choices, default=default if default is not None else "")
        node["names"] = {c: CHOICE_NAMES.get(c, c) if c else "(để trống — theo mặc định)" for c in choices}
        node["value"] = shown(value) if value is not None else node.default
        if key == "kind" and "monthly" in choices:
            node["label"] = "Loại kỳ báo cáo"
        return node
    if kind == "boolean":
        default = bool(sub.get("default"))
        node.update(kind="boolean", value=bool(value) if value is not None else default, default=default)
        return node
    if kind == "integer":
        node.update(kind="integer", value="" if value is None else str(shown(value)))
        return node
    text = "" if value is None else str(shown(value))
    node.update(kind="string", value=text, long=(key in _LONG or len(text) > 70 or "\n" in text) and key is not None)
    if key is None:
        node["long"] = depth > 0 and (len(text) > 50 or path.split("[")[0].rsplit(".", 1)[-1] in _LONG)
    return node


def place(loc: tuple | list, values: Any = None) -> str:
    """Where a field is, as a clerk reads it: 'Phần II › Mục 1 › Nhiệm vụ 3 › Thời hạn'.

    Sections are numbered as the plan prints them (Phần I is Mục đích, yêu cầu when present)."""
    from ..vn import point_letter, roman

    loc = list(loc)
    if len(loc) >= 2 and loc[-1] == "[key]":
        loc = loc[:-2]
    sub: dict = _root()
    parts: list[str] = []
    path = ""
    for position, key in enumerate(loc):
        sub, _, _ = _resolve(sub)
        if isinstance(key, int):
            parent = str(loc[position - 1]) if position else ""
            noun = list_noun(path, parent)
            if path == "sections":
                first = 2 if isinstance(values, dict) and values.get("purposes") else 1
                number: str = roman(key + first)
            elif parent == "points":
                number = point_letter(key)
            else:
                number = str(key + 1)
            if parts:
                parts[-1] = f"{noun} {number}"
            else:
                parts.append(f"{noun} {number}")
            path += f"[{key}]"
            sub = sub.get("items", {})
            continue
        props = sub.get("properties") or {}
        path = f"{path}.{key}" if path else str(key)
        if key not in props:
            parts.append(str(key))
            sub = {}
            continue
        spec, _, _ = _resolve(props[key])
        parts.append(label_and_help(spec.get("description", ""), str(key), path)[0].rstrip("?"))
        sub = props[key]
    return " › ".join(parts) or "Toàn bộ kế hoạch"


def form_tree(data: Any) -> Node:
    """The whole plan form, filled from *data* (the ruamel tree, or None for an empty form)."""
    tree = _node(_root(), None, data if isinstance(data, dict) else {}, "", 0)
    for child in tree.children:  # the long parts fold, so the form is a list of parts, not 30,000 px
        child["fold"] = child.kind in ("object", "array", "map")
    return tree


def _root() -> dict:
    schema = _schema()
    return {"type": "object", "properties": schema["properties"], "required": schema.get("required", [])}


def templates_for(tree: Node) -> dict[str, Node]:
    """One empty node per kind of list element used in the form (cloned by the page's script)."""
    out: dict[str, Node] = {}
    defs = _schema()["$defs"]

    def visit(node: Node) -> None:
        if node.kind == "array" and node.tpl not in out:
            if node.tpl in ("long", "short"):
                out[node.tpl] = Node(kind="string", key=None, label="", help="", value="", long=node.tpl == "long")
            else:
                out[node.tpl] = _node({"$ref": f"#/$defs/{node.tpl}"}, None, {}, "", 1)
                visit(out[node.tpl])
        for child in (node.children or []) + (node.elements or []):
            visit(child)

    visit(tree)
    assert all(name in defs or name in ("long", "short") for name in out)
    return out


# --- saving: the submitted JSON applied to the file's ruamel tree -------------------------------


def _blank(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def _fresh(value: Any) -> Any:
    if isinstance(value, dict):
        out = CommentedMap()
        for k, v in value.items():
            out[k] = _fresh(v)
        return out
    if isinstance(value, list):
        return CommentedSeq(_fresh(v) for v in value)
    if isinstance(value, str) and "\n" in value:
        return LiteralScalarString(value)
    return value


def merge_into(old: Any, new: Any) -> Any:
    """*new* (plain JSON from the form) applied to *old* (ruamel), reusing old nodes where unchanged."""
    if isinstance(old, CommentedMap) and isinstance(new, dict):
        for key in list(old.keys()):
            if key not in new and not _blank(old[key]):
                del old[key]
        previous = None
        for key, value in new.items():
            if key in old:
                old[key] = merge_into(old[key], value)
            else:
                position = list(old.keys()).index(previous) + 1 if previous in old else 0
                old.insert(position, key, _fresh(value))
            previous = key
        return old
    if isinstance(old, CommentedSeq) and isinstance(new, list):
        for i, value in enumerate(new):
            if i < len(old):
                old[i] = merge_into(old[i], value)
            else:
                old.append(_fresh(value))
        del old[len(new) :]
        return old
    if isinstance(old, str) and isinstance(new, dict) and set(new) == {"text"}:
        return merge_into(old, new["text"])  # keep the short form of a point written as a string
    if not isinstance(old, list) and not isinstance(new, (dict, list)) and shown(old) == new:
        return old  # unchanged, in whatever form the file wrote it (a date, {month, year}, a number)
    if isinstance(old, (int, float)) and not isinstance(old, bool) and isinstance(new, str) and str(old) == new:
        return old
    if isinstance(old, ScalarString) and isinstance(new, str):
        return type(old)(new)
    return _fresh(new)
