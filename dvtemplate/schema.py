"""JSON Schema of the plan, so editors (VS Code + YAML extension) show Vietnamese hints and catch typos."""

from __future__ import annotations

import json
from pathlib import Path

from .errors import OutputError
from .model import Plan
from .output import ensure_outdir, write_new

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


def write_schema(path: str | Path = DEFAULT_SCHEMA_PATH, *, force: bool = False) -> Path:
    """Write the schema to *path* atomically; returns the path.

    An existing file with other content is refused without *force* (one with the same content is left as it is).
    """
    target = Path(path)
    if target.is_dir():
        raise OutputError(f"'{target}' là thư mục; hãy ghi tên tệp .json.")
    ensure_outdir(target.parent)
    write_new([(target, schema_text().encode("utf-8"))], force)
    return target
