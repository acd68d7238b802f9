"""Rendering engine: template discovery, compile once, render, OOXML post-processing, zip writing.

It knows nothing about plans: it renders a dict into a .docx template.
"""

from __future__ import annotations

from .compiled import CompiledTemplate, paragraph_texts, patch_part
from .discovery import KINDS, builtin_template_bytes, find_template, load_template
from .lint import LintProblem, lint_template
from .sandbox import make_environment

__all__ = [
    "LintProblem",
    "lint_template",
    "KINDS",
    "CompiledTemplate",
    "builtin_template_bytes",
    "find_template",
    "load_template",
    "make_environment",
    "paragraph_texts",
    "patch_part",
]
