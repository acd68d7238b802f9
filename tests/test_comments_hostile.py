"""Hostile reply files (zip bomb, entity expansion, macros, a reply named like another): listed, never fatal.

The whole collection runs in a child process under a memory limit (RLIMIT_AS) and a time limit.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from commentdocs import PLAN, reply_docx

ROOT = Path(__file__).resolve().parent.parent
CHILD = """
import json, resource, sys
resource.setrlimit(resource.RLIMIT_AS, (1536 * 1024 * 1024, 1536 * 1024 * 1024))
sys.path[:0] = [sys.argv[1]]
from dvtemplate.comments import collect_replies
from dvtemplate.loading import load_plan
c = collect_replies(load_plan(sys.argv[2]).plan, None, [sys.argv[3]], jobs=1)
print(json.dumps({"units": [r.unit for r in c.replies], "problems": [n.rsplit("/", 1)[-1] for n, _ in c.problems]}))
"""


def _docx_with(document_xml: bytes, extra: dict[str, bytes] | None = None) -> bytes:
    base = zipfile.ZipFile(io.BytesIO(reply_docx(body=["Đề nghị bổ sung."])))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in base.infolist():
            data = document_xml if info.filename == "word/document.xml" else base.read(info)
            z.writestr(info.filename, data)
        for name, data in (extra or {}).items():
            z.writestr(name, data)
    return out.getvalue()


@pytest.mark.skipif(sys.platform != "linux", reason="RLIMIT_AS is a Linux limit")
def test_hostile_replies_are_listed_under_limits(tmp_path):
    folder = tmp_path / "gop-y"
    folder.mkdir()
    (folder / "good.docx").write_bytes(reply_docx(body=["Tại khoản 1 Mục II: đề nghị bổ sung."]))
    bomb = b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    (folder / "bomb.docx").write_bytes(_docx_with(bomb + b" " * (40 * 1024 * 1024) + b"</w:document>"))
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
        b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><w:document '
        b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&c;</w:t>'
        b"</w:r></w:p></w:body></w:document>"
    )
    (folder / "laughs.docx").write_bytes(_docx_with(laughs))
    (folder / "macro.docx").write_bytes(_docx_with(b"", {"word/vbaProject.bin": b"\x00" * 64}))
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(ROOT), str(PLAN), str(folder)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads(done.stdout)
    assert result["units"] == ["Sở Tư pháp"]
    assert sorted(result["problems"]) == ["bomb.docx", "laughs.docx", "macro.docx"]
