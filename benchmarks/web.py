"""Start-up of ``dvtemplate serve`` and rendering from the page, against the CLI (python benchmarks/web.py).

* start-up: from launching ``python -m dvtemplate serve examples --no-browser --port 0`` to the first
  page (the plan list, every plan validated) answered by the real uvicorn server;
* rendering: the Kế hoạch through the page's button (``POST /api/make/plan``, JSON values from the form,
  validated and rendered by the library) against ``dvtemplate render`` (a new process each time, as a
  clerk runs it) and against ``render_plan`` called in-process (the same work without the HTTP hop).
Each figure is the best of several runs.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PLAN = "ke-hoach-tinh-2026.yaml"


def start_server(folder: Path) -> tuple[subprocess.Popen, str, float]:
    started = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "dvtemplate", "serve", str(folder), "--no-browser", "--port", "0"],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    url = ""
    while not url:
        line = proc.stdout.readline()
        match = re.search(r"(http://\S+)", line)
        url = match.group(1) if match else ""
    with httpx.Client(follow_redirects=True) as client:
        while True:
            try:
                if client.get(url).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.01)
    return proc, url, time.perf_counter() - started


def cpu_seconds(pid: int) -> float:
    """User + system CPU of a running process so far (Linux /proc; 0 elsewhere)."""
    import os

    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main() -> None:
    from dvtemplate import load_plan, render_plan
    from dvtemplate.loading import read_yaml
    from dvtemplate.web.forms import plain

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "lam-viec"
        shutil.copytree(ROOT / "examples", folder)
        starts, cpus = [], []
        for _ in range(3):
            proc, url, seconds = start_server(folder)
            starts.append(seconds)
            cpus.append(cpu_seconds(proc.pid))
            proc.terminate()
            proc.wait(10)
        runs = ", ".join(f"{s:.2f}" for s in starts)
        print(
            f"khởi động đến trang đầu tiên: {min(starts):.2f} s (các lượt: {runs}); CPU của máy chủ: {min(cpus):.2f} s"
        )
        print(
            f"(tải máy lúc đo: {Path('/proc/loadavg').read_text().split()[0] if Path('/proc/loadavg').exists() else '?'})"
        )

        values = plain(read_yaml((folder / PLAN).read_text("utf-8")))
        proc, url, _ = start_server(folder)
        try:
            with httpx.Client(follow_redirects=True) as client:
                client.get(url)
                base = url.split("/?", 1)[0]
                page = []
                for _ in range(6):
                    t = time.perf_counter()
                    r = client.post(f"{base}/api/make/plan/{PLAN}", json={"values": values})
                    page.append(time.perf_counter() - t)
                    assert r.status_code == 200, r.text
        finally:
            proc.terminate()
            proc.wait(10)
        cli = []
        for i in range(3):
            t = time.perf_counter()
            subprocess.run(
                [sys.executable, "-m", "dvtemplate", "render", str(folder / PLAN), "-o", str(Path(tmp) / f"cli{i}")],
                check=True,
                capture_output=True,
                cwd=ROOT,
            )
            cli.append(time.perf_counter() - t)
        inproc = []
        for i in range(6):
            t = time.perf_counter()
            render_plan(load_plan(folder / PLAN), Path(tmp) / f"py{i}")
            inproc.append(time.perf_counter() - t)
        print(
            f"Kế hoạch từ trang web (nút 'Kế hoạch', lần đầu / tốt nhất): {page[0] * 1000:.0f} ms / {min(page) * 1000:.0f} ms"
        )
        print(f"lệnh dvtemplate render (kể cả khởi động Python): {min(cli) * 1000:.0f} ms")
        print(
            f"render_plan trong cùng tiến trình (lần đầu / tốt nhất): {inproc[0] * 1000:.0f} ms / {min(inproc) * 1000:.0f} ms"
        )


if __name__ == "__main__":
    main()
