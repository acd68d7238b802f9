"""The INPUTs of ``collect`` (files, folders, .zip archives) as a flat list of things to read.

Folders are walked recursively; archives are read in memory by
:func:`dvtemplate.docx.archive_members` (nested archives listed, not followed).
Only files that could be a returned form are considered (.docx and what people
send instead of one: .doc, .pdf, .odt, .rtf…); other files (a manifest, a
picture) are skipped and counted. The date of a file is its modification time,
of a zip member the date stored in the archive: the submission date ``collect``
compares with the deadline.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
from dataclasses import dataclass
from pathlib import Path

from .. import limits
from ..docx import archive_members
from ..errors import InputError, os_reason

__all__ = ["Source", "gather_sources", "load_bytes", "FORM_SUFFIXES"]

FORM_SUFFIXES = (".docx", ".docm", ".dotx", ".doc", ".pdf", ".odt", ".rtf", ".wps")


@dataclass
class Source:
    """One candidate file: shown name, a path (read later) or bytes already read, its date, a problem."""

    name: str
    path: Path | None = None
    data: bytes | None = None
    date: _dt.datetime | None = None
    problem: str = ""


def _wanted(name: str) -> bool:
    base = name.rsplit("/", 1)[-1]
    return base.lower().endswith(FORM_SUFFIXES) and not base.startswith(("~$", "."))


def _mtime(path: Path) -> _dt.datetime | None:
    try:
        return _dt.datetime.fromtimestamp(path.stat().st_mtime)
    except OSError:
        return None


def gather_sources(inputs: list[str | Path]) -> tuple[list[Source], int]:
    """Every candidate file of *inputs* (in the order given, folders sorted) and how many were skipped."""
    out: list[Source] = []
    skipped = 0
    for item in inputs:
        path = Path(item)
        if not path.exists():
            raise InputError(f"Không tìm thấy '{path}'.")
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for file in files:
            if file.suffix.lower() == ".zip":
                try:
                    for member in archive_members(file):
                        if member.problem or _wanted(member.name):
                            out.append(Source(member.name, data=member.data, date=member.date, problem=member.problem))
                        else:
                            skipped += 1
                except InputError as exc:
                    out.append(Source(str(file.name), problem=exc.message))
            elif _wanted(file.name) or not path.is_dir():
                shown = file.relative_to(path.parent).as_posix() if path.is_dir() else file.name
                out.append(Source(shown, path=file, date=_mtime(file)))
            else:
                skipped += 1
    return out, skipped


def load_bytes(source: Source) -> tuple[bytes | None, str, str]:
    """(bytes, sha256, problem) of *source*; a file larger than a .docx may be is not read."""
    data = source.data
    if data is None and source.path is not None and not source.problem:
        try:
            with source.path.open("rb") as fh:
                data = fh.read(limits.MAX_DOCX_BYTES + 1)
        except OSError as exc:
            return None, "", f"lỗi khi đọc tệp ({os_reason(exc, reading=True)})"
    if data is None:
        return None, "", source.problem or "không đọc được"
    return data, hashlib.sha256(data).hexdigest(), ""
