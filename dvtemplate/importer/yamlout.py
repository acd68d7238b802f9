"""Plan → readable YAML: block style, short forms, dates as clerks type them, long text wrapped.

The file a clerk gets from ``dvtemplate import`` is the file they will edit, so
it uses the same short forms as the examples (a point with only text is a
plain string), dd/mm/yyyy dates and Vietnamese kept as is, with the import's
warnings as a comment block on top.
"""

from __future__ import annotations

import datetime as _dt
import io
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import LiteralScalarString

from ..model import Plan
from ..vn import short_date

__all__ = ["plan_tree", "dump_yaml", "yaml_writer"]

_SHORT_LISTS = {"points", "bullets", "duties"}
_ORDER = (
    "issuer",
    "number",
    "symbol",
    "issued",
    "draft",
    "title",
    "year",
    "end_year",
    "legal_bases",
    "intro",
    "purposes",
    "sections",
    "targets",
    "assignments",
    "reporting",
    "closing",
    "footnotes",
    "recipients",
    "signer",
    "letter",
    "templates",
)


def _partial(value: dict) -> Any:
    day, month, year = value.get("day"), value.get("month"), value["year"]
    if day and month:
        return short_date(_dt.date(year, month, day))
    if month:
        return f"{month:02d}/{year}"
    return year


def _convert(value: Any, key: str | None, parent: str | None) -> Any:
    if isinstance(value, dict):
        if key in ("issued",) and "year" in value and set(value) <= {"day", "month", "year"}:
            return _partial(value)
        shorthand = key in _SHORT_LISTS or (key == "items" and parent in ("sections", "targets"))
        if shorthand and set(value) == {"text"}:
            return _convert(value["text"], "text", key)
        out = CommentedMap()
        for k, v in value.items():
            out[k] = _convert(v, k, key)
        if key == "entries":
            out.fa.set_flow_style()
        return out
    if isinstance(value, list):
        seq = CommentedSeq(_convert(v, key, parent) for v in value)
        if (
            value and all(isinstance(v, str) and len(v) < 30 for v in value) and key == "name_lines"
        ):  # lists of bodies stay block: one "- " per body
            seq.fa.set_flow_style()
        if key == "table" and value and all(isinstance(v, str) for v in value):
            seq.fa.set_flow_style()  # a table row on one line: [Việc, Thời gian, Người thực hiện]
        return seq
    if isinstance(value, _dt.date):
        return short_date(value)
    if isinstance(value, str) and "\n" in value:
        return LiteralScalarString(value)
    return value


def plan_tree(plan: Plan) -> CommentedMap:
    """The ruamel tree of *plan*: defaults left out, keys in document order."""
    data = plan.model_dump(mode="python", exclude_defaults=True)
    if plan.draft:
        data["draft"] = True
    ordered = {k: data[k] for k in _ORDER if k in data}
    return _convert(ordered, None, None)


def yaml_writer() -> YAML:
    """The YAML emitter used for files dvtemplate writes (same indentation as the examples)."""
    yaml = YAML(typ="rt")
    yaml.allow_unicode = True
    yaml.width = 100
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.preserve_quotes = True
    return yaml


def dump_yaml(tree: Any, header: list[str] | None = None, width: int = 100) -> str:
    """Serialise *tree*; *header* lines become '# …' comments on top."""
    yaml = yaml_writer()
    yaml.width = width
    buf = io.StringIO()
    yaml.dump(tree, buf)
    top = "".join(f"# {line}\n" if line else "#\n" for line in header or [])
    return top + ("\n" if top else "") + buf.getvalue()
