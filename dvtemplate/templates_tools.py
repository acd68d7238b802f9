"""Offices' own templates: export the built-in ones for editing in Word, lint edited ones.

Export and lint are the two halves of the customisation path: a clerk exports,
restyles the letterhead in Word, lints (Word is good at breaking Jinja tags
silently) and renders with ``--templates DIR``. The lint compares each
template with a *real* context of its kind, built from the plan shipped for
``dvtemplate init`` (package data, so it works from an installed wheel), so a
variable the template reads but dvtemplate never provides is caught before any
document is produced.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any

from .engine import KINDS, LintProblem, builtin_template_bytes, lint_template
from .errors import InputError, TemplateError
from .limits import MAX_TEMPLATE_BYTES
from .output import ensure_outdir, target_in, write_new
from .reading import read_input

__all__ = [
    "export_templates",
    "available_kinds",
    "example_plan",
    "example_context",
    "lint_folder",
    "format_lint",
    "CONTEXT_BUILDERS",
    "LintProblem",
]

KIND_NAMES = {
    "plan": "Kế hoạch",
    "letter": "công văn lấy ý kiến",
    "report": "báo cáo",
    "summary": "báo cáo tổng hợp",
    "reminder": "công văn đôn đốc",
}


def available_kinds() -> list[str]:
    """The document kinds whose built-in template is installed (plan always; letter/report when built)."""
    out = []
    for kind in KINDS:
        try:
            builtin_template_bytes(kind)
        except TemplateError:
            continue
        out.append(kind)
    return out


def export_templates(folder: str | Path, *, force: bool = False) -> list[Path]:
    """Copy every built-in template into *folder* as ``<kind>.docx``; never overwrite without *force*."""
    out = ensure_outdir(folder)
    kinds = available_kinds()
    targets = [target_in(out, f"{kind}.docx") for kind in kinds]
    # a template already there unchanged is not an overwrite (re-running export is harmless)
    write_new([(target, builtin_template_bytes(kind)) for kind, target in zip(kinds, targets, strict=True)], force)
    return targets


def example_plan():
    """The generic plan shipped for ``dvtemplate init`` (every optional part filled in)."""
    from .loading import parse_plan_text

    text = resources.files("dvtemplate").joinpath("data/ke-hoach.yaml").read_text(encoding="utf-8")
    return parse_plan_text(text, "ke-hoach.yaml").plan


def _plan_context(plan) -> dict[str, Any]:
    from .contexts.plan import plan_context

    return plan_context(plan)


CONTEXT_BUILDERS: dict[str, Callable[[Any], dict[str, Any]]] = {"plan": _plan_context}
"""Kind → function(plan) → the context its template reads. Other kinds are found by
:func:`_builder` in ``dvtemplate.contexts.<kind>`` when they exist."""


def _builder(kind: str) -> Callable[[Any], dict[str, Any]] | None:
    if kind in CONTEXT_BUILDERS:
        return CONTEXT_BUILDERS[kind]
    try:
        module = importlib.import_module(f"dvtemplate.contexts.{kind}")
    except ModuleNotFoundError:
        return None
    example = getattr(module, "example_context", None)
    return example


def example_context(kind: str) -> dict[str, Any] | None:
    """A real context of *kind* built from :func:`example_plan`, or None when the kind has none yet."""
    builder = _builder(kind)
    return None if builder is None else builder(example_plan())


def lint_folder(folder: str | Path) -> list[LintProblem]:
    """Lint every ``.docx`` in *folder*; an unknown file name is a problem too (it would be ignored)."""
    path = Path(folder)
    if not path.is_dir():
        raise InputError(f"Không tìm thấy thư mục mẫu '{folder}'.")
    files = sorted(p for p in path.glob("*.docx") if not p.name.startswith("~$"))
    if not files:
        return [
            LintProblem(
                path.name,
                "",
                "file",
                "thư mục không có mẫu .docx nào (tạo bằng lệnh: dvtemplate templates export " + str(folder) + ")",
            )
        ]
    problems: list[LintProblem] = []
    for file in files:
        kind = file.stem
        if kind not in KINDS:
            names = ", ".join(f"{k}.docx" for k in KINDS)
            problems.append(
                LintProblem(
                    file.name, "", "file", f"tên tệp không phải một trong {names}: dvtemplate sẽ không dùng mẫu này"
                )
            )
            continue
        try:
            data = read_input(file, MAX_TEMPLATE_BYTES, "mẫu .docx")
        except InputError as exc:
            problems.append(LintProblem(file.name, "", "file", exc.message))
            continue
        problems.extend(lint_template(file.name, data, example_context(kind)))
    return problems


def format_lint(problems: list[LintProblem], folder: str | Path) -> str:
    """The lint report a clerk reads: one line per problem, then a total."""
    if not problems:
        return f"Các mẫu trong '{folder}' không có lỗi."
    lines = [f"- {p}" for p in problems]
    lines.append(f"Tổng cộng: {len(problems)} lỗi trong mẫu.")
    return "\n".join(lines)
