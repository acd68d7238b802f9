"""Issue 18 item 7 and issue 19: both return loops gather their inputs one way and read them in one pool.

- Inside an INPUT folder, a link pointing outside it (``/etc/passwd``, ``/dev/zero``), a named
  pipe and a link to a device are not opened: they are listed with a Vietnamese reason and the
  real returns are still read.
- ``collect`` and ``comments`` killed with ``kill -9`` leave no reading worker behind.
- Both loops refuse an existing output before reading anything.
"""

from __future__ import annotations

import os
import signal
import sys
import time
from pathlib import Path

import pytest
from commentdocs import PLAN, reply_docx
from hostile import EXAMPLE, body_docx, children, run_bounded, running, start_bounded

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="links, FIFOs and /proc as on Linux")

UNIT = "Ủy ban nhân dân xã An Bình"


def _hostile_folder(folder: Path, real_name: str, real: bytes) -> Path:
    folder.mkdir()
    (folder / real_name).write_bytes(real)
    (folder / "mat-khau.docx").symlink_to("/etc/passwd")
    (folder / "so-khong.docx").symlink_to("/dev/zero")
    os.mkfifo(folder / "ong.docx")
    (folder / "ngoai").symlink_to("/etc")  # a folder outside: not walked
    return folder


def _listed(err: str, name: str) -> str:
    lines = [line for line in err.splitlines() if f"/{name}'" in line or f"/{name}:" in line]
    assert lines, f"'{name}' không được liệt kê:\n{err}"
    return lines[0]


def test_collect_lists_links_out_of_the_folder_fifos_and_devices(tmp_path):
    code, _, err = run_bounded(["report", EXAMPLE, "--period", "2026-H1", "--unit", UNIT, "-o", tmp_path / "mau"])
    assert code == 0, err
    (form,) = (tmp_path / "mau").glob("*.docx")
    folder = _hostile_folder(tmp_path / "gui-ve", "BC-An-Binh.docx", form.read_bytes())
    code, _, err = run_bounded(["collect", EXAMPLE, folder, "--period", "2026-H1", "-o", tmp_path / "kq"], 30, 1024)
    assert code == 1, err  # listed files → exit 1, and the outputs are written
    assert "ngoài thư mục" in _listed(err, "mat-khau.docx") and "/etc/passwd" in _listed(err, "mat-khau.docx")
    assert "ngoài thư mục" in _listed(err, "so-khong.docx")
    assert "không phải tệp thông thường" in _listed(err, "ong.docx")
    assert "ngoài thư mục" in _listed(err, "ngoai")
    assert "root:" not in err and "Traceback" not in err
    assert (tmp_path / "kq" / "tong-hop-2026-H1.xlsx").exists()
    assert "BC-An-Binh.docx" not in err  # the real form was read and used


def test_comments_lists_links_out_of_the_folder_fifos_and_devices(tmp_path):
    reply = reply_docx(body=["Tại khoản 1 Mục II: đề nghị bổ sung."])
    folder = _hostile_folder(tmp_path / "gop-y", "so-tu-phap.docx", reply)
    code, _, err = run_bounded(["comments", PLAN, folder, "-o", tmp_path / "kq"], 30, 1024)
    assert code in (0, 1), err
    assert "ngoài thư mục" in _listed(err, "mat-khau.docx") and "/etc/passwd" in _listed(err, "mat-khau.docx")
    assert "ngoài thư mục" in _listed(err, "so-khong.docx")
    assert "không phải tệp thông thường" in _listed(err, "ong.docx")
    assert "root:" not in err and "Traceback" not in err
    assert len(list((tmp_path / "kq").glob("Ban-tong-hop-gop-y-*.docx"))) == 1


def _slow_files(folder: Path, count: int) -> Path:
    """*count* names of one stored .docx with many paragraphs: each takes a worker about a second to read."""
    folder.mkdir()
    first = body_docx(folder / "0.docx", "<w:p><w:r><w:t>Mẫu dành cho</w:t></w:r></w:p>" * 30_000, stored=True)
    for i in range(1, count):
        os.link(first, folder / f"{i}.docx")
    return folder


@pytest.mark.parametrize("command", ["collect", "comments"])
def test_killed_loop_leaves_no_worker(tmp_path, command):
    folder = _slow_files(tmp_path / "gui-ve", 64)
    plan = EXAMPLE if command == "collect" else PLAN
    argv = [command, plan, folder, "-o", tmp_path / "kq"]
    argv += ["--period", "2026-H1", "--jobs", "2"] if command == "collect" else []
    proc = start_bounded(argv, 1536)
    workers: list[int] = []
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(workers) < 2 and proc.poll() is None:
        workers = children(proc.pid)
        time.sleep(0.05)
    time.sleep(1.0)  # the workers are inside their first chunk
    assert proc.poll() is None and len(workers) >= 2, "the command ended before it could be killed"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    time.sleep(2.5)  # a worker notices its dead parent within PARENT_POLL_S
    alive = [pid for pid in workers if running(pid)]
    for pid in alive:  # leave no process behind, even when the test fails
        os.kill(pid, signal.SIGKILL)
    assert not alive, f"{command}: các tiến trình đọc vẫn chạy sau kill -9"


@pytest.mark.parametrize("command", ["collect", "comments"])
def test_existing_output_is_refused_before_reading(tmp_path, command):
    folder = _slow_files(tmp_path / "gui-ve", 64)  # reading them all takes half a minute
    out = tmp_path / "kq"
    out.mkdir()
    name = "BC-tong-hop-2026-H1.docx" if command == "collect" else "Tiep-thu-giai-trinh-2026.xlsx"
    (out / name).write_bytes(b"cu")
    argv = [command, EXAMPLE if command == "collect" else PLAN, folder, "-o", out]
    argv += ["--period", "2026-H1"] if command == "collect" else []
    code, _, err = run_bounded(argv, 12, 1024)  # a hang here means the files were read first
    assert code == 1 and "Tệp đã tồn tại" in err and name in err, err
    assert (out / name).read_bytes() == b"cu"


@pytest.mark.parametrize("command", ["collect", "comments"])
def test_a_fifo_named_as_input_is_listed_not_waited_for(tmp_path, command):
    fifo = tmp_path / "ong.docx"
    os.mkfifo(fifo)
    argv = [command, EXAMPLE if command == "collect" else PLAN, fifo, "-o", tmp_path / "kq"]
    argv += ["--period", "2026-H1"] if command == "collect" else []
    code, _, err = run_bounded(argv, 20, 1024)  # opening a FIFO waits for a writer: a hang here
    assert code == 1 and "ong.docx" in err and "không phải tệp thông thường" in err, err


def test_links_inside_the_folder_are_read_and_the_walk_is_bounded(tmp_path, monkeypatch):
    from dvtemplate import limits
    from dvtemplate.errors import InputError
    from dvtemplate.returns import gather

    folder = tmp_path / "gui-ve"
    (folder / "con").mkdir(parents=True)
    (folder / "con" / "a.docx").write_bytes(b"x")
    (folder / "b.docx").symlink_to(folder / "con" / "a.docx")  # inside: read like the file
    (folder / "vong").symlink_to(folder)  # a loop: not walked twice
    (folder / "~$tam.docx").write_bytes(b"x")
    sources, skipped = gather([folder])
    assert [(s.name, s.problem) for s in sources] == [("gui-ve/b.docx", ""), ("gui-ve/con/a.docx", "")]
    assert skipped == 1
    monkeypatch.setattr(limits, "MAX_INPUT_FILES", 3)
    with pytest.raises(InputError, match="quá nhiều tệp"):
        gather([folder])
