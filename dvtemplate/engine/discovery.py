"""Where a template for a document kind comes from: a user's folder, else the built-in one.

Built-in templates are package data (``dvtemplate.templates``), read with
importlib.resources so they are found from a checkout and from an installed wheel.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path

from ..errors import TemplateError
from .compiled import CompiledTemplate

__all__ = ["KINDS", "builtin_template_bytes", "find_template", "load_template"]

KINDS = ("plan", "letter", "report", "summary", "reminder", "comments_table", "to_trinh", "form")


_CHECKOUT = Path(__file__).resolve().parents[2] / "templates"


def _builtin_folder():
    """Run from a checkout: its templates/; installed: the package ``dvtemplate.templates``.

    The checkout is tested first: with an editable install, ``dvtemplate.templates`` maps to
    the checkout that was installed, and a second checkout (a git worktree on PYTHONPATH)
    would otherwise render its own code with the other checkout's templates.
    """
    if (_CHECKOUT.parent / "pyproject.toml").is_file() and (_CHECKOUT / "plan.docx").is_file():
        return _CHECKOUT
    try:
        return resources.files("dvtemplate.templates")
    except ModuleNotFoundError:
        return _CHECKOUT


def builtin_template_bytes(kind: str) -> bytes:
    """The bytes of the built-in template for *kind*."""
    try:
        return _builtin_folder().joinpath(f"{kind}.docx").read_bytes()
    except (FileNotFoundError, NotADirectoryError):
        raise TemplateError(f"Không có mẫu dựng sẵn cho loại văn bản '{kind}'.") from None


def find_template(kind: str, folders: tuple[Path, ...] = ()) -> Path | None:
    """The first ``<kind>.docx`` in *folders* (user templates win), or None for the built-in one."""
    for folder in folders:
        candidate = Path(folder) / f"{kind}.docx"
        if candidate.is_file():
            return candidate
        if candidate.exists() or candidate.is_symlink():  # a folder, a FIFO, a device, a broken link
            raise TemplateError(f"Mẫu '{candidate}' không phải tệp .docx thông thường; không dùng được.")
    return None


@lru_cache(maxsize=32)
def _compiled(kind: str, path: str | None, mtime: float) -> CompiledTemplate:
    if path is None:
        # built from code and tested with every example: its output is not re-parsed (batch hot path)
        return CompiledTemplate(f"{kind}.docx", builtin_template_bytes(kind), check_xml=False)
    return CompiledTemplate.load(path)


def load_template(kind: str, folders: tuple[Path, ...] = ()) -> CompiledTemplate:
    """The compiled template for *kind*, cached per file (a changed file is recompiled)."""
    for folder in folders:
        if not Path(folder).is_dir():
            raise TemplateError(f"Không tìm thấy thư mục mẫu '{folder}'.")
    path = find_template(kind, folders)
    mtime = path.stat().st_mtime if path else 0.0
    return _compiled(kind, str(path) if path else None, mtime)
