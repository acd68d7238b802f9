"""Benchmark: ``dvtemplate collect`` on 3,300 filled forms against the naive python-docx way.

    python benchmarks/collect.py          # a few minutes; prints forms/second, the ratio, peak memory

1. 3,300 report forms (the national scale of communes) made by ``run_batch``, then
   filled: every answer typed (controls no longer showing their hint), as Word saves them;
2. ``run_collect`` over the folder with jobs=2: reading, statuses, totals and all outputs
   (báo cáo tổng hợp, workbook, công văn đôn đốc) included, in ROUNDS rounds, best kept;
3. the naive way: ``docx.Document(path)`` per file, reading every paragraph and every
   table cell — without even finding the values — on a sample, extrapolated per form
   (best of ROUNDS), single process as such a script is written;
4. peak memory of the whole collect run in its own process: the parent's peak (VmHWM)
   plus ``jobs`` × the largest worker's peak (an upper bound);
5. the báo cáo tổng hợp of the 3,300 units: its size, the pages of its body (before the Phụ lục,
   through LibreOffice when installed) and the rows of the Phụ lục.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
import tempfile
import time
import zipfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

__all__ = ["main"]

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PLAN = ROOT / "examples" / "ke-hoach-tinh-2026.yaml"
PERIOD = "2026-H1"
N = 3300
JOBS = 2
NAIVE_SAMPLE = 300
ROUNDS = 2
TARGET_RATIO = 10
TARGET_MB = 300
TARGET_BODY_PAGES = 10


def write_units(path: Path, n: int) -> Path:
    lines = ["Tên đơn vị,Cấp"]
    for i in range(n):
        level = ("xã", "phường", "đặc khu")[i % 3]
        lines.append(f"Ủy ban nhân dân {level} Hòa Bình {i + 1},{level}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def fill_form(data: bytes, i: int) -> bytes:
    """Type an answer into every control: the hint flag goes and the hint text becomes the answer, as Word does."""
    from dvtemplate.model.forms import HINT_NUMBER, HINT_TEXT, HINT_YES_NO

    archive = zipfile.ZipFile(io.BytesIO(data))
    parts = {info.filename: archive.read(info) for info in archive.infolist()}
    xml = parts["word/document.xml"].replace(b"<w:showingPlcHdr/>", b"")
    for hint, text in (
        (HINT_NUMBER, str(10 + i % 7)),
        (HINT_YES_NO, "Có"),
        (HINT_TEXT, f"Đã thực hiện, đạt {60 + i % 40}% kế hoạch."),
    ):
        xml = xml.replace(f">{hint}<".encode(), f">{text}<".encode())
    parts["word/document.xml"] = xml
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for name, raw in parts.items():
            out.writestr(name, raw)
    return buffer.getvalue()


def _fill_chunk(chunk: list[tuple[int, str, str]]) -> None:
    for i, source, target in chunk:
        Path(target).write_bytes(fill_form(Path(source).read_bytes(), i))


def prepare(work: Path) -> tuple[Path, Path]:
    from dvtemplate.batch import run_batch

    units = write_units(work / "don-vi.csv", N)
    forms = run_batch(PLAN, units, PERIOD, work / "blank", jobs=JOBS).files
    filled = work / "filled"
    filled.mkdir()
    work_items = [(i, str(path), str(filled / path.name)) for i, path in enumerate(forms)]
    with ProcessPoolExecutor(max_workers=JOBS) as pool:
        list(pool.map(_fill_chunk, [work_items[i : i + 200] for i in range(0, len(work_items), 200)]))
    return units, filled


def collect_rounds(units: Path, filled: Path, work: Path) -> list[float]:
    from dvtemplate.collect import run_collect

    times = []
    for round_ in range(ROUNDS):
        start = time.perf_counter()
        result = run_collect(PLAN, PERIOD, [filled], work / f"out-{round_}", units_file=units, remind=True, jobs=JOBS)
        times.append(time.perf_counter() - start)
        assert result.count("not_sent") == 0 and result.unreadable == 0, "every form must be read"
        assert result.totals["dvt:ind:doi-thoai"].reported == N
    return times


def naive_rounds(filled: Path) -> list[float]:
    import docx

    files = sorted(filled.glob("*.docx"))[:NAIVE_SAMPLE]
    times = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        for path in files:
            document = docx.Document(str(path))
            texts = [p.text for p in document.paragraphs]
            for table in document.tables:
                for row in table.rows:
                    texts.extend(cell.text for cell in row.cells)
        times.append((time.perf_counter() - start) / len(files))
    return times


def summary_pages(path: Path) -> tuple[int | None, int]:
    """(pages of the body before the Phụ lục, rows of the Phụ lục table); pages None without LibreOffice."""
    import shutil

    import docx

    rows = len(docx.Document(str(path)).tables[-1].rows) - 1
    soffice, pdftotext = shutil.which("soffice"), shutil.which("pdftotext")
    if not (soffice and pdftotext):
        return None, rows
    out = path.parent / "pdf"
    profile = f"-env:UserInstallation=file://{path.parent}/lo-profile"
    command = [soffice, profile, "--headless", "--convert-to", "pdf", "--outdir", str(out), str(path)]
    subprocess.run(command, capture_output=True, timeout=1800, check=True)
    text = subprocess.run([pdftotext, "-layout", str(out / path.with_suffix(".pdf").name), "-"], capture_output=True)
    pages = text.stdout.decode("utf-8", "replace").split("\f")
    first = next(i for i, page in enumerate(pages) if "KẾT QUẢ THỰC HIỆN CỦA CÁC CƠ QUAN" in page)
    return first, rows


def memory(units: Path, filled: Path, work: Path) -> dict:
    code = f"""
import json, resource, sys
sys.path.insert(0, {str(ROOT)!r})
from dvtemplate.collect import run_collect
result = run_collect({str(PLAN)!r}, {PERIOD!r}, [{str(filled)!r}], {str(work / "mem")!r},
                     units_file={str(units)!r}, remind=True, jobs={JOBS})
me = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
try:
    me = next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmHWM:"))
except (OSError, StopIteration):
    pass
print(json.dumps({{"self_kb": me, "worker_kb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}}))
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    import os

    with tempfile.TemporaryDirectory(prefix="dv-collect-") as tmp:
        work = Path(tmp)
        start = time.perf_counter()
        units, filled = prepare(work)
        size = sum(p.stat().st_size for p in filled.glob("*.docx")) / len(list(filled.glob("*.docx")))
        print(
            f"dvtemplate collect benchmark — {os.cpu_count()} CPU, jobs={JOBS}, {N} filled forms "
            f"({size / 1024:.0f} kB each), prepared in {time.perf_counter() - start:.0f} s"
        )
        collect_times = collect_rounds(units, filled, work)
        naive_times = naive_rounds(filled)
        best, per_naive = min(collect_times), min(naive_times)
        print(
            f"(best of {ROUNDS}: collect {', '.join(f'{t:.2f}' for t in collect_times)} s; "
            f"naive {', '.join(f'{t * 1000:.1f}' for t in naive_times)} ms/form)"
        )
        print(
            f"collect, {N} forms, outputs included: {best:.2f} s = {N / best:.0f} forms/s ({best / N * 1000:.2f} ms/form)"
        )
        print(
            f"naive python-docx ({NAIVE_SAMPLE} forms sampled): {per_naive * 1000:.1f} ms/form; "
            f"{N} forms ≈ {per_naive * N:.1f} s"
        )
        ratio = per_naive * N / best
        print(f"ratio (collect / naive): {ratio:.1f}×   [target ≥ {TARGET_RATIO}×]")
        mem = memory(units, filled, work)
        peak = (mem["self_kb"] + JOBS * mem["worker_kb"]) / 1024
        print(
            f"peak memory, {N} forms: parent {mem['self_kb'] / 1024:.0f} MB + {JOBS} × worker "
            f"{mem['worker_kb'] / 1024:.0f} MB = {peak:.0f} MB   [target < {TARGET_MB} MB]"
        )
        summary = work / "out-0" / f"BC-tong-hop-{PERIOD}.docx"
        body, rows = summary_pages(summary)
        shown = "không đo (thiếu LibreOffice)" if body is None else f"{body} trang"
        print(
            f"báo cáo tổng hợp, {N} đơn vị: {summary.stat().st_size / 1024:.0f} kB; phần chính {shown} "
            f"[target ≤ {TARGET_BODY_PAGES}]; Phụ lục {rows} dòng"
        )
        if ratio < TARGET_RATIO or peak >= TARGET_MB or (body is not None and body > TARGET_BODY_PAGES):
            sys.exit(1)


if __name__ == "__main__":
    main()
