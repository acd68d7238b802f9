"""JSON Schema of the plan, so editors (VS Code + YAML extension) show Vietnamese hints and catch typos."""

from __future__ import annotations

import json
from pathlib import Path

from .model import Plan
from .output import ensure_outdir, write_atomic

__all__ = ["plan_json_schema", "schema_text", "write_schema", "DEFAULT_SCHEMA_PATH"]

DEFAULT_SCHEMA_PATH = Path("schemas") / "plan.schema.json"


def plan_json_schema() -> dict:
    """The JSON Schema (draft 2020-12) of a plan YAML file."""
    schema = Plan.model_json_schema(mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Kế hoạch (dvtemplate)"
    schema["description"] = "Tệp YAML mô tả một Kế hoạch theo Nghị định 30/2020/NĐ-CP."
    return schema


def schema_text() -> str:
    """The schema as stable, human-readable JSON text (Vietnamese kept, sorted keys)."""
    return json.dumps(plan_json_schema(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def write_schema(path: str | Path = DEFAULT_SCHEMA_PATH) -> Path:
    """Write the schema to *path* atomically; returns the path."""
    target = Path(path)
    ensure_outdir(target.parent)
    data = schema_text().encode("utf-8")
    return write_atomic(target, lambda handle: handle.write(data))
