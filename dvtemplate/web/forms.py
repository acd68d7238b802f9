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


def label_and_help(description: str, key: str, path: str = "") -> tuple[str, str]:
    """A short label (before ', ví dụ', ' (' or '. ') and the full description as help."""
    text = (description or key).strip()
    cut = len(text)
    where = re.sub(r"\[\d+\]", "", path)
    if where in _LABELS:
        return _LABELS[where], text
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
        node.update(kind="array", noun=_ITEM_NOUN.get(key or "", "Mục"), min_items=sub.get("minItems", 0))
        node["tpl"] = item_name or ("long" if key in _LONG else "short")
        node["elements"] = [_node(item_schema, None, v, f"{path}[{i + 1}]", depth + 1) for i, v in enumerate(values)]
        node["object_items"] = item_resolved.get("type") == "object"
        return node
    if "enum" in sub or _CHOICES.match(sub.get("pattern", "")):
        choices = sub.get("enum") or [re.sub(r"\\(.)", r"\1", c) for c in _CHOICES.match(sub["pattern"])[1].split("|")]
        node.update(kind="choice", choices=choices, default=sub.get("default"))
        node["value"] = shown(value) if value is not None else sub.get("default")
        return node
    if kind == "boolean":
        node.update(kind="boolean", value=bool(value) if value is not None else bool(sub.get("default")), default=False)
        return node
    if kind == "integer":
        node.update(kind="integer", value="" if value is None else str(shown(value)))
        return node
    text = "" if value is None else str(shown(value))
    node.update(kind="string", value=text, long=(key in _LONG or len(text) > 70 or "\n" in text) and key is not None)
    if key is None:
        node["long"] = depth > 0 and (len(text) > 50 or path.split("[")[0].rsplit(".", 1)[-1] in _LONG)
    return node


def form_tree(data: Any) -> Node:
    """The whole plan form, filled from *data* (the ruamel tree, or None for an empty form)."""
    return _node(_root(), None, data if isinstance(data, dict) else {}, "", 0)


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
    if not isinstance(old, (dict, list)) and shown(old) == new:
        return old
    if isinstance(old, (int, float)) and not isinstance(old, bool) and isinstance(new, str) and str(old) == new:
        return old
    if isinstance(old, ScalarString) and isinstance(new, str):
        return type(old)(new)
    return _fresh(new)
