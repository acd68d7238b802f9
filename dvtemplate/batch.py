"""One report form per unit, in parallel, with a manifest: ``dvtemplate batch``.

This is the hot path (thousands of communes each period), so:

- the plan-derived part of the context is built once (:func:`report_base`);
  per unit only the header, lead-in and signer are added;
- each worker process compiles the template once (pool initializer; the
  engine caches it per process) and writes its files itself, returning only
  ``(index, file name, sha256)``, so no document ever travels between
  processes or accumulates in memory;
- units go to workers in chunks, so pool overhead is paid per chunk, not per form.

Before anything is written, the output folder is checked (a non-empty folder
is refused without ``force``) and the first form is rendered in this process,
so a broken template fails at once instead of in every worker.
"""

from __future__ import annotations

import csv
import hashlib
import io
import multiprocessing
import os
import zipfile
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .contexts.report import report_base, resolve_period, unit_context
from .documents import as_loaded, template_folders
from .engine import load_template
from .errors import OutputError
from .model.units import Unit
from .output import ensure_outdir, os_reason, write_atomic
from .units import RowProblem, UnitList, read_units
from .vn import unique_filenames

__all__ = ["BatchResult", "run_batch", "MANIFEST", "render_chunk", "default_jobs"]

MANIFEST = "manifest.csv"
MANIFEST_COLUMNS = ("unit", "file", "deadline", "sha256")
SERIAL_BELOW = 64
"""Fewer forms than this are rendered in-process: starting a pool would cost more than it saves."""


@dataclass
class BatchResult:
    """What a batch wrote and what it skipped."""

    files: list[Path] = field(default_factory=list)
    manifest: Path | None = None
    zip: Path | None = None
    problems: list[RowProblem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    deadline: str = ""

    @property
    def ok(self) -> bool:
        """True when every row of the units list produced a form."""
        return not self.problems


def default_jobs() -> int:
    """All cores (at least 1)."""
    return max(1, os.cpu_count() or 1)


# ----------------------------------------------------------------------------- worker side
_STATE: dict[str, Any] = {}


def _init_worker(base: dict[str, Any], folders: tuple[Path, ...], outdir: str) -> None:
    """Pool initializer: keep the shared context and compile the template once per process."""
    _STATE["base"] = base
    _STATE["outdir"] = outdir
    _STATE["template"] = load_template("report", folders)


def render_chunk(chunk: Sequence[tuple[int, Unit, str]]) -> list[tuple[int, str, str]]:
    """Render and write the forms of *chunk* ``(index, unit, file name)``; returns ``(index, file, sha256)``."""
    base, outdir, template = _STATE["base"], _STATE["outdir"], _STATE["template"]
    out = []
    for index, unit, name in chunk:
        data = template.render_bytes(unit_context(base, unit))
        write_atomic(Path(outdir) / name, lambda handle, data=data: handle.write(data))
        out.append((index, name, hashlib.sha256(data).hexdigest()))
    return out


# ----------------------------------------------------------------------------- parent side
def _refuse_non_empty(out: Path, force: bool) -> None:
    if out.exists() and not out.is_dir():
        raise OutputError(f"'{out}' đã có và không phải là thư mục.", hint="Chọn một thư mục với -o.")
    if force or not out.exists():
        return
    try:
        busy = any(out.iterdir())
    except OSError as exc:
        raise OutputError(f"Không đọc được thư mục '{out}': {os_reason(exc)}.") from None
    if busy:
        raise OutputError(
            f"Thư mục '{out}' đã có tệp. Không ghi đè kết quả của lần chạy trước.",
            hint="Chọn một thư mục trống khác với -o, hoặc thêm --force để ghi đè.",
        )


def _chunks(items: list, jobs: int) -> list[list]:
    size = max(8, min(256, len(items) // (jobs * 4) or 1))
    return [items[i : i + size] for i in range(0, len(items), size)]


def _mp_context():
    """fork where the platform has it (fast start, the parent's imports are reused), spawn elsewhere (Windows)."""
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def run_batch(
    source,
    units_file: str | Path | UnitList,
    period: str,
    outdir: str | Path,
    *,
    jobs: int | None = None,
    force: bool = False,
    make_zip: bool = False,
    templates: str | Path | Sequence[str | Path] | None = None,
    progress: Callable[[int], None] | None = None,
) -> BatchResult:
    """Produce the *period* report form for every unit of *units_file* into *outdir*.

    *units_file* is a path or a list already read with :func:`read_units`. Bad rows are
    skipped and returned in ``problems`` (the rest is produced);
    ``progress(n)`` is called with the number of forms finished since the last call.
    """
    loaded = as_loaded(source)
    plan = loaded.plan
    resolved = resolve_period(plan, period)
    units = units_file if isinstance(units_file, UnitList) else read_units(units_file)
    result = BatchResult(problems=list(units.problems), warnings=list(loaded.warnings) + list(units.warnings))
    folders = template_folders(loaded, templates)
    base = report_base(plan, resolved)
    result.deadline = base["deadline"]
    template = load_template("report", folders)
    out = Path(outdir)
    _refuse_non_empty(out, force)
    names = [n + ".docx" for n in unique_filenames([f"BC-{resolved.code}-{u.name}" for u in units.units], max_len=100)]
    work = [(i, unit, name) for i, (unit, name) in enumerate(zip(units.units, names, strict=False))]
    if work:
        template.render_parts(unit_context(base, work[0][1]))  # fail fast, before writing anything
    out = ensure_outdir(out)
    done: list[tuple[int, str, str] | None] = [None] * len(work)
    jobs = max(1, jobs or default_jobs())
    if jobs == 1 or len(work) < SERIAL_BELOW:
        _init_worker(base, folders, str(out))
        for chunk in _chunks(work, 1):
            for row in render_chunk(chunk):
                done[row[0]] = row
            if progress:
                progress(len(chunk))
    else:
        with ProcessPoolExecutor(
            max_workers=jobs, mp_context=_mp_context(), initializer=_init_worker, initargs=(base, folders, str(out))
        ) as pool:
            futures = {pool.submit(render_chunk, chunk): len(chunk) for chunk in _chunks(work, jobs)}
            for future in as_completed(futures):
                for row in future.result():
                    done[row[0]] = row
                if progress:
                    progress(futures[future])
    result.files = [out / row[1] for row in done if row is not None]
    result.manifest = _write_manifest(out, units.units, done, base["deadline"])
    if make_zip:
        result.zip = _write_zip(out, f"BC-{resolved.code}.zip", result.files + [result.manifest])
    return result


def _write_manifest(out: Path, units: list[Unit], done: list, deadline: str) -> Path:
    """manifest.csv (UTF-8 with BOM, so Excel on Windows shows the diacritics)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(MANIFEST_COLUMNS)
    for unit, row in zip(units, done, strict=False):
        if row is not None:
            writer.writerow((unit.name, row[1], deadline, row[2]))
    data = buffer.getvalue().encode("utf-8-sig")
    return write_atomic(out / MANIFEST, lambda handle: handle.write(data))


def _write_zip(out: Path, name: str, files: list[Path]) -> Path:
    """One .zip of the forms and the manifest (stored: a .docx is already compressed)."""
    target = out / name

    def produce(handle) -> None:
        with zipfile.ZipFile(handle, "w", compression=zipfile.ZIP_STORED) as archive:
            for path in files:
                archive.write(path, arcname=path.name)

    return write_atomic(target, produce)
