"""Issue 12: hostile files among the returns — listed with a reason, the rest go on, within a
time and memory limit (the same limits as ``import``; archives within MAX_ARCHIVE_*)."""

from __future__ import annotations

import io
import json
import resource
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from dvtemplate import limits
from dvtemplate.collect.sources import gather_sources

ROOT = Path(__file__).resolve().parent.parent
PROVINCE = ROOT / "examples" / "ke-hoach-tinh-2026.yaml"
MEMORY_LIMIT = 1024 * 1024 * 1024


def _docx(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", parts.pop("[Content_Types].xml", b"<Types/>"))
        for name, data in parts.items():
            z.writestr(name, data)
    return buffer.getvalue()


def _limit() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def test_hostile_members_are_listed_and_the_run_goes_on(tmp_path):
    entity = b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa">]><w:document>&a;</w:document>'
    members = {
        "bom.docx": _docx({"word/document.xml": b"<a>" + b" " * (limits.MAX_PART_BYTES + 1) + b"</a>"}),
        "thuc-the.docx": _docx({"word/document.xml": entity}),
        "macro.docx": _docx({"word/document.xml": b"<a/>", "word/vbaProject.bin": b"x"}),
        "rong.docx": b"",
    }
    archive = tmp_path / "gui-ve.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    code = f"""
import json, sys
sys.path.insert(0, {str(ROOT)!r})
from dvtemplate.loading import load_plan
from dvtemplate.collect.core import collect_forms
result = collect_forms(load_plan({str(PROVINCE)!r}).plan, "2026-H1", [{str(archive)!r}])
print(json.dumps({{"problems": result.problems, "unreadable": result.unreadable}}))
"""
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, preexec_fn=_limit, check=True
    )
    out = json.loads(done.stdout)
    reasons = dict(out["problems"])
    assert out["unreadable"] == 4
    assert "zip bomb" in reasons["gui-ve.zip/bom.docx"]
    assert "DTD" in reasons["gui-ve.zip/thuc-the.docx"]
    assert "macro" in reasons["gui-ve.zip/macro.docx"]
    assert "gui-ve.zip/rong.docx" in reasons


def test_archive_with_too_many_members_is_refused_by_name(tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "MAX_ARCHIVE_MEMBERS", 5)
    archive = tmp_path / "nhieu.zip"
    with zipfile.ZipFile(archive, "w") as z:
        for i in range(6):
            z.writestr(f"{i}.docx", b"x")
    sources, _ = gather_sources([archive])
    assert len(sources) == 1 and "có 6 tệp (tối đa 5)" in sources[0].problem


def test_archive_larger_than_the_limit_is_not_read(tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "MAX_ARCHIVE_BYTES", 1000)
    archive = tmp_path / "lon.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_STORED) as z:
        z.writestr("a.docx", b"\0" * 5000)
    sources, _ = gather_sources([archive])
    assert "quá lớn" in sources[0].problem


@pytest.mark.parametrize("name", ["a.txt", "anh.png", "manifest.csv"])
def test_files_that_are_not_forms_are_skipped_not_errors(tmp_path, name):
    (tmp_path / name).write_bytes(b"x")
    sources, skipped = gather_sources([tmp_path])
    assert sources == [] and skipped == 1
