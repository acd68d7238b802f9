"""Benchmark: ``dvtemplate batch`` against the naive docxtpl loop, same template and data.

    python benchmarks/batch.py            # about a minute; prints documents/second and ratios

1. the batch function (``run_batch``) producing 2,000 report forms with jobs=2,
   pool start-up, manifest and file writes included;
2. the naive loop the docxtpl maintainer recommends (one ``DocxTemplate(path)``
   per document, ``render(ctx, jinja_env, autoescape=True)``, ``save()``),
   measured on a sample of 240 forms and extrapolated per document;
   (both timed in 3 rounds, the best round of each kept);
3. peak memory at 1,000 and 5,000 forms, each run in its own process: the
   parent's peak (VmHWM on Linux, else ru_maxrss) plus ``jobs`` × the largest
   worker's peak (ru_maxrss of children; an upper bound, shared pages count twice);
4. the command ``dvtemplate batch`` for 5,000 forms, from command start to exit.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

__all__ = ["main"]

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PLAN = ROOT / "examples" / "ke-hoach-tinh-2026.yaml"
PERIOD = "2026-Q2"
JOBS = 2
FAST_N = 2000
NAIVE_SAMPLE = 240
MEMORY_SIZES = (1000, 5000)
CLI_N = 5000
ROUNDS = 3
"""Each timing is repeated and the best round kept, for both sides: on a shared virtual
machine one round can run at half speed because of other tenants."""


def write_units(path: Path, n: int) -> Path:
    """A units list of *n* communes and wards (UTF-8 with BOM, as Excel writes it)."""
    lines = ["Tên đơn vị,Cấp,Viết tắt,Địa danh,Cơ quan chủ quản,Chức vụ người ký"]
    for i in range(n):
        level = ("xã", "phường", "đặc khu")[i % 3]
        place = f"Hòa Bình {i + 1}"
        lines.append(f"Ủy ban nhân dân {level} {place},{level},UBND,{place},UBND tỉnh Khánh Hòa,Chủ tịch")
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8-sig")
    return path


def fast(units: Path, out: Path) -> list[float]:
    """Seconds for each of ROUNDS complete runs (a new pool each time)."""
    from dvtemplate.batch import run_batch

    times = []
    for round_ in range(ROUNDS):
        start = time.perf_counter()
        result = run_batch(PLAN, units, PERIOD, out / str(round_), jobs=JOBS)
        times.append(time.perf_counter() - start)
        assert result.ok and len(result.files) == FAST_N
    return times


def naive(units: Path, out: Path, sample: int = NAIVE_SAMPLE, rounds: int = ROUNDS) -> list[float]:
    """Seconds per document of the naive loop, for each of ROUNDS rounds of the sample."""
    from docxtpl import DocxTemplate

    from dvtemplate.contexts.report import report_base, unit_context
    from dvtemplate.engine import make_environment
    from dvtemplate.loading import load_plan
    from dvtemplate.units import read_units

    template = ROOT / "templates" / "report.docx"
    plan = load_plan(PLAN).plan
    base = report_base(plan, PERIOD)
    sample = read_units(units).units[:sample]
    env = make_environment()
    out.mkdir()
    per_round = len(sample) // rounds
    times = []
    for round_ in range(rounds):
        start = time.perf_counter()
        for i, unit in enumerate(sample[round_ * per_round : (round_ + 1) * per_round]):
            doc = DocxTemplate(str(template))
            doc.render(unit_context(base, unit), env, autoescape=True)
            doc.save(str(out / f"{round_}-{i}.docx"))
        times.append((time.perf_counter() - start) / per_round)
    return times


_MEMORY_CHILD = """
import json, resource, sys
sys.path.insert(0, {root!r})
from dvtemplate.batch import run_batch
result = run_batch({plan!r}, {units!r}, {period!r}, {out!r}, jobs={jobs})
assert result.ok
me = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
try:  # Linux keeps ru_maxrss across exec (the benchmark's own peak); VmHWM is this program's
    me = next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmHWM:"))
except (OSError, StopIteration):
    pass
workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({{"self_kb": me, "worker_kb": workers, "files": len(result.files)}}))
"""


def memory(units: Path, out: Path) -> dict:
    code = _MEMORY_CHILD.format(
        root=str(ROOT), plan=str(PLAN), units=str(units), period=PERIOD, out=str(out), jobs=JOBS
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    data = json.loads(done.stdout.strip().splitlines()[-1])
    data["bound_mb"] = (data["self_kb"] + JOBS * data["worker_kb"]) / 1024
    return data


def cli(units: Path, out: Path) -> list[float]:
    exe = Path(sys.executable).with_name("dvtemplate")
    command = [str(exe)] if exe.exists() else [sys.executable, "-m", "dvtemplate"]
    times = []
    for round_ in range(2):
        start = time.perf_counter()
        subprocess.run(
            command
            + [
                "batch",
                str(PLAN),
                "--units",
                str(units),
                "--period",
                PERIOD,
                "-o",
                str(out / str(round_)),
                "--jobs",
                str(JOBS),
            ],
            check=True,
            capture_output=True,
        )
        times.append(time.perf_counter() - start)
    return times


PDF_N = 40
PDF_NAIVE_SAMPLE = 4


def disk_probe(folder: Path, n: int = 500) -> float:
    """Milliseconds to create one 9 kB file here: on a shared VM this varies 20× from hour to
    hour and bounds what any batch can do (one file per form), so it is printed with the results."""
    folder.mkdir()
    start = time.perf_counter()
    for i in range(n):
        with open(folder / f"{i}.bin", "wb") as handle:
            handle.write(b"x" * 9000)
    return (time.perf_counter() - start) / n * 1000


def with_pdf(units: Path, out: Path) -> tuple[float, float] | None:
    """docx+pdf: ``dvtemplate batch --pdf`` (many files per soffice, one soffice per job) against the
    naive loop + one ``soffice --convert-to pdf`` per file; seconds per document for each, or None
    when LibreOffice is missing."""
    from dvtemplate.pdf import find_soffice

    soffice = find_soffice()
    if soffice is None:
        return None
    exe = Path(sys.executable).with_name("dvtemplate")
    command = [str(exe)] if exe.exists() else [sys.executable, "-m", "dvtemplate"]
    start = time.perf_counter()
    subprocess.run(
        command
        + [
            "batch",
            str(PLAN),
            "--units",
            str(units),
            "--period",
            PERIOD,
            "-o",
            str(out / "fast"),
            "--jobs",
            str(JOBS),
            "--pdf",
        ],
        check=True,
        capture_output=True,
    )
    fast_per_doc = (time.perf_counter() - start) / PDF_N
    assert len(list((out / "fast").glob("*.pdf"))) == PDF_N
    naive_dir = out / "naive"
    per_doc = naive(units, naive_dir, sample=PDF_NAIVE_SAMPLE, rounds=1)[0]
    profile = (out / "lo-profile").resolve().as_uri()
    start = time.perf_counter()
    for docx in sorted(naive_dir.glob("*.docx")):
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation={profile}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(naive_dir),
                str(docx),
            ],
            check=True,
            capture_output=True,
        )
    per_doc += (time.perf_counter() - start) / PDF_NAIVE_SAMPLE
    return fast_per_doc, per_doc


def main() -> None:
    started = time.perf_counter()
    print(
        f"dvtemplate batch benchmark — {os.cpu_count()} CPU, jobs={JOBS}, template templates/report.docx, "
        f"plan {PLAN.name}, period {PERIOD}"
    )
    # Work next to the repository, not in /tmp: on some VMs (this one) creating a file in /tmp
    # costs 0.6-0.8 ms against 0.04 ms elsewhere on the same disk, which would measure the
    # sandbox, not dvtemplate. Both sides write to the same place. DV_BENCH_DIR overrides.
    workdir = Path(os.environ.get("DV_BENCH_DIR", ROOT / ".bench-work"))
    workdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="dv-bench-", dir=workdir) as tmp:
        work = Path(tmp)
        units = {n: write_units(work / f"units-{n}.csv", n) for n in sorted({FAST_N, CLI_N, *MEMORY_SIZES})}
        print(f"disk: creating one 9 kB file costs {disk_probe(work / 'probe'):.3f} ms here (before)")
        fast_all = fast(units[FAST_N], work / "fast")
        naive_all = naive(units[FAST_N], work / "naive")
        fast_s, naive_s = min(fast_all), min(naive_all)
        print(
            f"(best of {ROUNDS} rounds each; all rounds: batch {', '.join(f'{t:.2f}' for t in fast_all)} s, "
            f"naive {', '.join(f'{t * 1000:.1f}' for t in naive_all)} ms/form)"
        )
        fast_rate = FAST_N / fast_s
        naive_rate = 1 / naive_s
        print(
            f"batch function, {FAST_N} forms: {fast_s:.2f} s = {fast_rate:,.0f} documents/s "
            f"({fast_s / FAST_N * 1000:.3f} ms/form, pool start-up included)"
        )
        print(
            f"naive docxtpl loop ({NAIVE_SAMPLE} forms sampled): {naive_s * 1000:.1f} ms/form = "
            f"{naive_rate:,.1f} documents/s; {FAST_N} forms ≈ {naive_s * FAST_N:.1f} s"
        )
        print(f"ratio (batch function / naive): {fast_rate / naive_rate:.0f}×   [target ≥ 50×]")
        for n in MEMORY_SIZES:
            m = memory(units[n], work / f"mem-{n}")
            print(
                f"peak memory, {n} forms: parent {m['self_kb'] / 1024:.0f} MB + {JOBS} × largest worker "
                f"{m['worker_kb'] / 1024:.0f} MB ≤ {m['bound_mb']:.0f} MB   [target < 250 MB]"
            )
        cli_all = cli(units[CLI_N], work / "cli")
        cli_s = min(cli_all)
        print(
            f"dvtemplate batch CLI, {CLI_N} forms end to end: {cli_s:.2f} s = {CLI_N / cli_s:,.0f} documents/s; "
            f"naive ≈ {naive_s * CLI_N:.1f} s; ratio {naive_s * CLI_N / cli_s:.0f}×   [target ≥ 30×] "
            f"(runs: {', '.join(f'{t:.2f}' for t in cli_all)} s)"
        )
        print(f"disk: creating one 9 kB file costs {disk_probe(work / 'probe-after'):.3f} ms here (after)")
        pdf = with_pdf(write_units(work / "units-pdf.csv", PDF_N), work / "pdf")
        if pdf is None:
            print("docx+pdf: LibreOffice (soffice) not installed, skipped")
        else:
            print(
                f"docx+pdf, {PDF_N} forms with `dvtemplate batch --pdf --jobs {JOBS}`: {pdf[0] * 1000:.0f} ms/form = "
                f"{1 / pdf[0]:.1f} documents/s; naive docxtpl + one soffice per file ({PDF_NAIVE_SAMPLE} sampled): "
                f"{pdf[1] * 1000:.0f} ms/form = {1 / pdf[1]:.2f} documents/s; ratio {pdf[1] / pdf[0]:.1f}×"
            )
    print(f"benchmark wall time: {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
