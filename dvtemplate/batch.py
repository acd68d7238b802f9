"""One report form per unit, in parallel, with a manifest: ``dvtemplate batch``.

This is the hot path (thousands of communes each period), so:

- the plan-derived part of the context is built once (:func:`report_base`);
  per unit only the header, lead-in and signer are added;
- each worker process compiles the template once (pool initializer; the
  engine caches it per process) and writes its files itself, returning only
  ``(index, file name, sha256)``, so no document ever travels between
  processes or accumulates in memory;
- units go to workers in chunks, so pool overhead is paid per chunk, not per form.

Before anything is written, the files this run would write are checked (any of
them existing is refused without ``force``; other files in the folder are left
alone) and the first form is rendered in this process, so a broken template
fails at once instead of in every worker. The folder is locked for the run
(:mod:`dvtemplate.folderlock`); the manifest is removed first and written last.
"""

from __future__ import annotations

import csv
import hashlib
import io
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .contexts.report import report_base, unit_context
from .engine import load_template
from .errors import InputError, OutputError
from .folderlock import FolderLock
from .loading import as_loaded, template_folders
from .model.periods import resolve_period
from .model.units import Unit
from .output import (
    check_free,
    csv_safe,
    display_path,
    ensure_outdir,
    os_reason,
    remove_temp_files,
    same_content,
    write_atomic,
    write_new,
)
from .returns import default_jobs, run_chunks, split
from .units import RowProblem, UnitList, read_units
from .vn import unique_filenames

__all__ = ["BatchResult", "run_batch", "MANIFEST", "render_chunk", "default_jobs"]

MANIFEST = "manifest.csv"
MANIFEST_COLUMNS = ("Đơn vị", "Tệp", "Hạn gửi", "SHA-256")
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
"""Every zip member carries this time, so the same forms always give the same zip, byte for byte."""
SERIAL_BELOW = 64
"""Fewer forms than this are rendered in-process: starting a pool would cost more than it saves."""


@dataclass
class BatchResult:
    """What a batch wrote and what it skipped."""

    files: list[Path] = field(default_factory=list)
    manifest: Path | None = None
    zip: Path | None = None
    problems: list[RowProblem] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    """Forms that were already there with exactly this content (kept, not rewritten)."""
    warnings: list[str] = field(default_factory=list)
    deadline: str = ""

    @property
    def ok(self) -> bool:
        """True when every row of the units list produced a form."""
        return not self.problems


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

    The folder may hold other files (a rendered plan, notes): only the files this run would
    write (forms, ``manifest.csv``, the zip) must be absent, or *force* given. One run at a
    time per folder (a lock file); the manifest is removed first and written last, so a
    manifest is only ever beside the forms it lists.
    """
    loaded = as_loaded(source)
    plan = loaded.plan
    resolved = resolve_period(plan, period)
    units = units_file if isinstance(units_file, UnitList) else read_units(units_file)
    _refuse_party_bodies(units)
    result = BatchResult(problems=list(units.problems), warnings=list(loaded.warnings) + list(units.warnings))
    folders = template_folders(loaded, templates)
    base = report_base(plan, resolved)
    result.deadline = base["deadline"]
    template = load_template("report", folders)
    names = [n + ".docx" for n in unique_filenames([f"BC-{resolved.code}-{u.name}" for u in units.units], max_len=100)]
    work = [(i, unit, name) for i, (unit, name) in enumerate(zip(units.units, names, strict=False))]
    if work:
        template.render_parts(unit_context(base, work[0][1]))  # fail fast, before writing anything
    zip_name = f"BC-{resolved.code}.zip"
    out = Path(outdir)
    if out.exists() and not out.is_dir():
        raise OutputError(f"'{out}' đã có và không phải là thư mục.")
    out = ensure_outdir(out)
    with FolderLock(out) as lock:
        if lock.stale:
            result.warnings.append(
                f"Lần chạy trước vào thư mục '{display_path(out)}' đã bị dừng giữa chừng; "
                "các tệp của lần đó không có trong manifest.csv."
            )
        if force or lock.stale:
            remove_temp_files(out)  # what a killed run left half-written
        if force:
            for name in (MANIFEST, zip_name):
                _remove(out / name)  # an old manifest (or zip) must never stand beside new forms
            kept: dict[int, tuple[int, str, str]] = {}
        else:
            kept = _unchanged_or_refuse(work, template, base, out, zip_name if make_zip else None, units.units)
        if progress and kept:
            progress(len(kept))
        done = _render_all([w for w in work if w[0] not in kept], base, folders, out, jobs, progress, len(work))
        for index, row in kept.items():
            done[index] = row
        result.files = [out / row[1] for row in done if row is not None]
        result.unchanged = [out / row[1] for row in kept.values()]
        result.manifest = _write_manifest(out, units.units, done, base["deadline"])
        if make_zip:
            result.zip = _write_zip(out, zip_name, result.files + [result.manifest], force)
    return result


def _refuse_party_bodies(units: UnitList) -> None:
    """InputError naming every body of the Party in the list (their reports follow the Party's layout)."""
    party = [u.name for u in units.units if u.is_party]
    if party:
        shown = "; ".join(party[:10]) + (f" và {len(party) - 10} đơn vị khác" if len(party) > 10 else "")
        raise InputError(
            f"Danh sách đơn vị có {len(party)} cơ quan, tổ chức của Đảng ({shown}); mẫu báo cáo này theo thể thức "
            "văn bản hành chính của cơ quan nhà nước, không dùng cho văn bản của Đảng. Chưa tạo mẫu nào.",
            hint="Bỏ các đơn vị đó khỏi danh sách đơn vị rồi chạy lại.",
            field="units",
        )


def _remove(path: Path) -> None:
    try:
        path.unlink()
    except FileNotFoundError:
        pass
    except OSError as exc:
        raise OutputError(f"Không xóa được '{path.name}' của lần chạy trước: {os_reason(exc)}.") from None


def _unchanged_or_refuse(work: list, template, base: dict, out: Path, zip_name: str | None, units: list) -> dict:
    """Without force: the forms already there with exactly this content are kept (``index → row``);
    a form, manifest or zip there with other content is refused (OutputError) before anything is written."""
    kept: dict[int, tuple[int, str, str]] = {}
    conflicts: list[Path] = []
    for index, unit, name in work:
        target = out / name
        if target.exists():
            data = template.render_bytes(unit_context(base, unit))
            if same_content(target, data):
                kept[index] = (index, name, hashlib.sha256(data).hexdigest())
            else:
                conflicts.append(target)
    whole = len(kept) == len(work)  # a re-run of the same batch: the manifest would be the same
    manifest = out / MANIFEST
    rows = [kept.get(i) for i in range(len(work))]
    if manifest.exists() and not (whole and same_content(manifest, _manifest_bytes(units, rows, base["deadline"]))):
        conflicts.append(manifest)
    if zip_name and (out / zip_name).exists() and not whole:
        conflicts.append(out / zip_name)
    check_free(conflicts, force=False)
    return kept


def _render_all(
    work: list, base: dict, folders: tuple[Path, ...], out: Path, jobs: int | None, progress, total: int
) -> list:
    """Render every ``(index, unit, name)`` of *work* (in the pool of :mod:`dvtemplate.returns.pool`,
    whose workers end with the batch, even on ``kill -9``); returns ``(index, file, sha256)`` rows by index."""
    done: list[tuple[int, str, str] | None] = [None] * total
    jobs = 1 if len(work) < SERIAL_BELOW else max(1, jobs or default_jobs())
    chunks = split(work, jobs, smallest=8, largest=256)
    for rows in run_chunks(
        render_chunk, chunks, jobs=jobs, initializer=_init_worker, initargs=(base, folders, str(out))
    ):
        for row in rows:
            done[row[0]] = row
        if progress:
            progress(len(rows))
    return done


def _write_manifest(out: Path, units: list[Unit], done: list, deadline: str) -> Path:
    """manifest.csv (UTF-8 with BOM, so Excel on Windows shows the diacritics)."""
    data = _manifest_bytes(units, done, deadline)
    if same_content(out / MANIFEST, data):
        return out / MANIFEST
    return write_atomic(out / MANIFEST, lambda handle: handle.write(data))


def _manifest_bytes(units: list[Unit], done: list, deadline: str) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(MANIFEST_COLUMNS)
    for unit, row in zip(units, done, strict=False):
        if row is not None:
            writer.writerow((csv_safe(unit.name), csv_safe(row[1]), csv_safe(deadline), row[2]))
    return buffer.getvalue().encode("utf-8-sig")


def _write_zip(out: Path, name: str, files: list[Path], force: bool) -> Path:
    """One .zip of the forms and the manifest (stored: a .docx is already compressed).

    Deterministic: members sorted by name, fixed time and permissions, so the same forms give the same zip.
    """
    target = out / name

    def produce(handle) -> None:
        with zipfile.ZipFile(handle, "w", compression=zipfile.ZIP_STORED) as archive:
            for path in sorted(files, key=lambda p: p.name):
                info = zipfile.ZipInfo(path.name, date_time=ZIP_TIME)
                info.create_system = 3  # unix: the permissions below mean the same everywhere
                info.external_attr = 0o644 << 16
                info.file_size = path.stat().st_size
                with path.open("rb") as source, archive.open(info, "w") as member:
                    while chunk := source.read(1 << 20):
                        member.write(chunk)

    if force or not target.exists():
        return write_atomic(target, produce)
    buffer = io.BytesIO()  # only on a re-run whose forms were all unchanged: compare, keep the same zip
    produce(buffer)
    write_new([(target, buffer.getvalue())], force=False)
    return target
