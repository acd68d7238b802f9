"""The served folder: its plans, reading one for the form, validating form data, saving it back.

Validation is :func:`dvtemplate.loading.plan_issues` (the one used by ``validate``);
saving applies the form to the file's ruamel tree (:func:`.forms.merge_into`) and
writes through :func:`dvtemplate.output.write_atomic`, refusing when the file
changed on disk since the form was opened (its sha256 travels with the form).
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..loading import field_path, plan_issues, read_plan_text, read_yaml
from ..output import write_atomic
from .security import inside

__all__ = ["PlanEntry", "Workspace", "Conflict", "digest", "issues_json", "validate_values"]

_SKIP_DIRS = {"ket-qua", "node_modules", "__pycache__"}
MAX_PLANS = 300


def digest(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


@dataclass
class PlanEntry:
    """One row of the plan list."""

    rel: str
    title: str = ""
    year: str = ""
    errors: int = 0
    warnings: int = 0
    problem: str = ""


@dataclass
class Conflict(Exception):
    """The file changed on disk after the form was opened: both versions, for the user to choose."""

    disk_text: str
    mine_text: str
    disk_hash: str
    messages: list[str] = field(default_factory=list)


def issues_json(issues, values: Any = None) -> list[dict]:
    """Validation messages for the page: loc (to find the field), where (the field's Vietnamese place),
    path as ``validate`` names it (a tooltip for advanced users), text."""
    from .forms import place

    return [
        {
            "loc": list(i.loc),
            "where": place(tuple(i.loc), values),
            "path": field_path(tuple(i.loc)),
            "message": i.message,
            "severity": i.severity,
        }
        for i in issues
    ]


class Workspace:
    """The folder given to ``dvtemplate serve``; every path from a request goes through :meth:`path`."""

    def __init__(self, folder: str | Path) -> None:
        self.root = Path(folder).resolve()
        if not self.root.is_dir():
            raise InputError(f"'{folder}' không phải là thư mục.")

    def path(self, rel: str, *, must_exist: bool = True) -> Path:
        target = inside(self.root, rel)
        if must_exist and not target.is_file():
            raise InputError(f"Không tìm thấy tệp '{rel}' trong thư mục làm việc.")
        return target

    def rel(self, path: Path) -> str:
        return path.resolve().relative_to(self.root).as_posix()

    def output_dir(self, plan_rel: str) -> Path:
        stem = re.sub(r"[^\w.-]+", "-", Path(plan_rel).stem) or "ke-hoach"
        return self.root / "ket-qua" / stem

    def files(self, suffixes: tuple[str, ...], limit: int = MAX_PLANS, depth: int = 3) -> list[Path]:
        """Files with these suffixes, at most *depth* folders down, skipping hidden folders and results;
        a symlink that leads out of the folder is not listed."""
        found: list[Path] = []
        for top, dirs, names in os.walk(self.root):
            level = len(Path(top).relative_to(self.root).parts)
            dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in _SKIP_DIRS and level < depth)
            for name in sorted(names):
                path = Path(top) / name
                if name.startswith(".") or path.suffix.lower() not in suffixes:
                    continue
                try:
                    inside(self.root, path.relative_to(self.root).as_posix())
                except InputError:
                    continue
                if path.is_file():
                    found.append(path)
                if len(found) >= limit:
                    return found
        return found

    def plan_files(self) -> list[Path]:
        return self.files((".yaml", ".yml"))

    def entries(self) -> list[PlanEntry]:
        rows = []
        for path in self.plan_files():
            try:
                rows.append(self.summary(path))
            except InputError:
                continue
        return rows

    def summary(self, path: Path) -> PlanEntry:
        entry = PlanEntry(self.rel(path))
        try:
            data = read_yaml(read_plan_text(path), path.name)
        except InputError as exc:
            entry.problem, entry.errors = exc.message, 1
            return entry
        if not isinstance(data, dict):
            entry.problem, entry.errors = "không phải tệp kế hoạch", 1
            return entry
        entry.title = str(data.get("title") or "(chưa có trích yếu)")
        entry.year = str(data.get("year") or "")
        _, issues = plan_issues(data)
        entry.errors = sum(1 for i in issues if i.severity == "error")
        entry.warnings = len(issues) - entry.errors
        return entry

    def open(self, rel: str) -> tuple[Any, str, str]:
        """(ruamel tree, text, sha256) of a plan file; a syntax error is an InputError with the line."""
        path = self.path(rel)
        raw, text = self._read(path)
        return read_yaml(text, path.name), text, digest(raw)

    def read(self, path: Path) -> tuple[bytes, str]:
        return self._read(path)

    @staticmethod
    def _read(path: Path) -> tuple[bytes, str]:
        """The bytes and the text of one read (the hash must be of the text shown)."""
        read_plan_text(path)  # size and encoding checks, with their messages
        raw = path.read_bytes()
        return raw, raw.decode("utf-8-sig", errors="replace")

    def merged_text(self, text: str, values: dict, source: str) -> str:
        from ..importer import dump_yaml
        from .forms import merge_into

        data = read_yaml(text.replace("\r\n", "\n"), source)  # line ends come back in like_source
        if not isinstance(data, dict):
            from ruamel.yaml.comments import CommentedMap

            data = CommentedMap()
        return dump_yaml(merge_into(data, values), None, width=4096)

    def save(self, rel: str, values: dict, opened_hash: str, *, force: bool = False) -> str:
        """Write *values* into the plan *rel*; returns the new sha256. Raises Conflict when it changed."""
        path = self.path(rel)
        raw, text = self._read(path)
        new_text = self.merged_text(text, values, path.name)
        if digest(raw) != opened_hash and not force:
            raise Conflict(text, new_text, digest(raw))
        data = like_source(new_text, raw)
        write_atomic(path, lambda handle: handle.write(data))
        return digest(data)

    def free_name(self, folder: Path, stem: str, suffix: str = ".yaml") -> Path:
        """``stem.yaml``, or ``stem-2.yaml``… : a new file, never one that exists."""
        from ..vn import safe_filename

        base = safe_filename(stem, max_len=60) or "ke-hoach"
        candidate = folder / f"{base}{suffix}"
        number = 2
        while candidate.exists():
            candidate = folder / f"{base}-{number}{suffix}"
            number += 1
        inside(self.root, candidate.relative_to(self.root).as_posix())
        return candidate

    def write_new(self, stem: str, text: str | bytes, folder: Path | None = None) -> Path:
        target = self.free_name(folder or self.root, stem)
        data = text if isinstance(text, bytes) else text.encode("utf-8")
        write_atomic(target, lambda handle: handle.write(data))
        return target


def like_source(text: str, raw: bytes) -> bytes:
    """*text* encoded as the file it replaces was: its BOM and its line ends (Notepad writes CRLF)."""
    if raw.count(b"\r\n") * 2 > raw.count(b"\n"):
        text = text.replace("\r\n", "\n").replace("\n", "\r\n")
    return (b"\xef\xbb\xbf" if raw.startswith(b"\xef\xbb\xbf") else b"") + text.encode("utf-8")


def validate_values(values: Any) -> tuple[Any, list]:
    """The form's data through the same validation as ``dvtemplate validate``."""
    if not isinstance(values, dict):
        raise InputError("Dữ liệu biểu mẫu không hợp lệ.")
    return plan_issues(values)
