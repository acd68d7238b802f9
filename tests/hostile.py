"""Run the CLI on hostile input in a subprocess under a time and memory limit.

A hang (the timeout) or running out of memory (``RLIMIT_AS``) is a test failure,
not a stuck test run: :func:`run_bounded` reports both as an AssertionError.
Also: files that are hard to make by hand (a .docx with a corrupt or encrypted
member) and a helper to run a command where folders can really be read-only,
also as root (whose ``CAP_DAC_OVERRIDE`` otherwise ignores permissions).
"""

from __future__ import annotations

import ctypes
import io
import os
import resource
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "ke-hoach-tinh-2026.yaml"
TEMPLATES = ROOT / "templates"

_PR_CAPBSET_DROP = 24
_CAP_DAC_OVERRIDE, _CAP_DAC_READ_SEARCH = 1, 2


def _limits(memory_mb: int, honour_permissions: bool):
    def apply() -> None:
        limit = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        if honour_permissions and os.geteuid() == 0:  # root ignores file modes unless it drops these
            libc = ctypes.CDLL(None, use_errno=True)
            for cap in (_CAP_DAC_OVERRIDE, _CAP_DAC_READ_SEARCH):
                libc.prctl(_PR_CAPBSET_DROP, cap, 0, 0, 0)

    return apply


def run_bounded(argv, seconds: float = 20, memory_mb: int = 1024, *, cwd=None, honour_permissions=False):
    """``dvtemplate ARGV`` in a child process; returns (exit code, stdout, stderr).

    Fails the test when the child does not finish within *seconds* or dies for lack of memory.
    """
    inherited = os.environ.get("PYTHONPATH")
    path = str(ROOT) + (os.pathsep + inherited if inherited else "")
    env = dict(os.environ, PYTHONPATH=path, PYTHONIOENCODING="utf-8")
    env.pop("DVTEMPLATE_DEBUG", None)
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "dvtemplate", *map(str, argv)],
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            timeout=seconds,
            cwd=cwd,
            env=env,
            preexec_fn=_limits(memory_mb, honour_permissions),
        )
    except subprocess.TimeoutExpired:
        raise AssertionError(f"dvtemplate {' '.join(map(str, argv))}: không xong trong {seconds} s (treo)") from None
    if proc.returncode < 0 or "MemoryError" in proc.stderr:
        raise AssertionError(f"dvtemplate {' '.join(map(str, argv))}: hết bộ nhớ/bị dừng ({proc.returncode})")
    return proc.returncode, proc.stdout, proc.stderr


def assert_user_error(result, code: int, *needles: str) -> str:
    """The command ended with *code* (1 or 2), a Vietnamese message and no traceback; returns stderr."""
    got, _out, err = result
    assert got == code, f"mã thoát {got}, mong đợi {code}: {err}"
    assert "Traceback" not in err and "lỗi của phần mềm" not in err, err
    assert err.startswith("Lỗi:") or "\nLỗi:" in err, err
    for needle in needles:
        assert needle in err, (needle, err)
    return err


def docx_members(source: Path = TEMPLATES / "report.docx") -> dict[str, bytes]:
    with zipfile.ZipFile(source) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def write_docx(path: Path, members: dict[str, bytes | str], *, stored: bool = False) -> Path:
    """A .docx of *members*, deflated (or *stored*: no compression, so no ratio limit applies)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    path.write_bytes(buffer.getvalue())
    return path


W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
CONTENT_TYPES = (
    '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="xml" ContentType="application/xml"/></Types>'
)


def body_docx(path: Path, body: str, extra: dict[str, str] | None = None, *, stored: bool = False) -> Path:
    """The smallest .docx whose body is the WordprocessingML *body* (plus *extra* parts, e.g. styles)."""
    members = {
        "[Content_Types].xml": CONTENT_TYPES,
        "word/document.xml": f"<w:document {W_NS}><w:body>{body}</w:body></w:document>",
        **(extra or {}),
    }
    return write_docx(path, members, stored=stored)


def report_with_templates(folder: Path, out: Path) -> list:
    """``dvtemplate report`` for the example's xã unit with the templates of *folder*."""
    return [
        "report",
        EXAMPLE,
        "--period",
        "2026-H1",
        "--unit",
        "Ủy ban nhân dân xã An Bình",
        "-o",
        out,
        "--templates",
        folder,
    ]


def damage_member(path: Path, member: str, how: str) -> Path:
    """Rewrite *path* so *member* has bad deflate data (``how='deflate'``) or is marked encrypted."""
    data = bytearray(path.read_bytes())
    info = zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo(member)
    offset = info.header_offset
    start = offset + 30 + int.from_bytes(data[offset + 26 : offset + 28], "little")
    start += int.from_bytes(data[offset + 28 : offset + 30], "little")
    if how == "deflate":
        for i in range(start + 8, min(start + 40, start + info.compress_size)):
            data[i] = 0xFF
    else:
        data[offset + 6] |= 1
        central = bytes(data).find(b"PK\x01\x02")
        while central >= 0:
            size = int.from_bytes(data[central + 28 : central + 30], "little")
            if bytes(data[central + 46 : central + 46 + size]).decode() == member:
                data[central + 8] |= 1
            central = bytes(data).find(b"PK\x01\x02", central + 4)
    path.write_bytes(bytes(data))
    return path


def start_bounded(argv, memory_mb: int = 1024, *, cwd=None) -> subprocess.Popen:
    """``dvtemplate ARGV`` started in a child process under the memory limit (the caller waits or kills it)."""
    inherited = os.environ.get("PYTHONPATH")
    path = str(ROOT) + (os.pathsep + inherited if inherited else "")
    env = dict(os.environ, PYTHONPATH=path, PYTHONIOENCODING="utf-8")
    return subprocess.Popen(
        [sys.executable, "-m", "dvtemplate", *map(str, argv)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        cwd=cwd,
        env=env,
        preexec_fn=_limits(memory_mb, False),
    )


def children(pid: int) -> list[int]:
    """The processes whose parent is *pid* (from /proc)."""
    out = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            out.append(int(stat.parent.name))
    return out


def running(pid: int) -> bool:
    """*pid* exists and is not a zombie."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False
