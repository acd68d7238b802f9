"""The public operations: a plan (file or model) in, finished .docx files out.

Each is context + engine + atomic write; the CLI and Python users call these.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

from .contexts.plan import plan_context, plan_symbol
from .engine import load_template
from .loading import LoadedPlan, load_plan
from .model import Plan
from .output import check_free, ensure_outdir, target_in, write_atomic
from .vn import safe_filename

__all__ = ["Result", "render_plan", "plan_filename", "template_folders", "as_loaded"]


@dataclass
class Result:
    """What an operation wrote, and the warnings the user should read."""

    files: list[Path] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def as_loaded(source: str | Path | Plan | LoadedPlan) -> LoadedPlan:
    """Accept a path, a Plan or a LoadedPlan."""
    if isinstance(source, LoadedPlan):
        return source
    if isinstance(source, Plan):
        return LoadedPlan(source, None, None, [])
    return load_plan(source)


def template_folders(loaded: LoadedPlan, templates: str | Path | Sequence[str | Path] | None) -> tuple[Path, ...]:
    """User template folders: --templates first, then the YAML's ``templates:`` (relative to the YAML)."""
    folders: list[Path] = []
    if templates:
        folders.extend(Path(t) for t in ([templates] if isinstance(templates, (str, Path)) else templates))
    if loaded.plan.templates:
        base = loaded.path.parent if loaded.path else Path.cwd()
        folders.append(base / loaded.plan.templates)
    return tuple(folders)


def plan_filename(plan: Plan) -> str:
    """'KH-UBND-2025-Ke-hoach-thuc-hien-cong-tac-dan-van.docx'-style, safe on Windows."""
    stem = f"{plan_symbol(plan)}-{plan.year}" + ("-du-thao" if plan.draft else "")
    return safe_filename(f"{stem}-{plan.title}", max_len=90) + ".docx"


def render_plan(source: str | Path | Plan | LoadedPlan, outdir: str | Path, *, force: bool = False,
                templates: str | Path | Sequence[str | Path] | None = None,
                filename: str | None = None) -> Result:
    """Render the Kế hoạch of *source* into *outdir*; returns the file written."""
    loaded = as_loaded(source)
    template = load_template("plan", template_folders(loaded, templates))
    context = plan_context(loaded.plan)
    out = ensure_outdir(outdir)
    target = target_in(out, filename or plan_filename(loaded.plan))
    check_free([target], force)
    write_atomic(target, lambda handle: template.write(context, handle))
    return Result([target], list(loaded.warnings))
