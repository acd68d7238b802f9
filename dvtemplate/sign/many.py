"""Sign many PDFs (a batch of report forms): one process pool, each worker opens the key once.

Opening a PKCS#12 file (key derivation) and importing pyHanko cost more than signing one small
PDF, so a worker keeps its signer for every file it is given. The password is handed to the
workers in memory only.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Sequence
from pathlib import Path

from ..errors import DvtemplateError

__all__ = ["sign_many"]

_STATE: dict = {}


def _init(p12: str, password: bytes | None, fields: dict, force: bool) -> None:
    from .signing import load_p12

    _STATE["signer"] = load_p12(p12, password)
    _STATE["fields"] = fields
    _STATE["force"] = force


def _sign_one(job: tuple[str, str]) -> tuple[str, str]:
    """(output path, "") or (source, Vietnamese error)."""
    from . import sign_file

    src, out = job
    try:
        return str(sign_file(src, out, signer=_STATE["signer"], force=_STATE["force"], **_STATE["fields"])), ""
    except DvtemplateError as exc:
        return src, exc.message


def sign_many(
    pdfs: Sequence[Path],
    outdir: Path,
    *,
    p12: Path,
    password: bytes | None,
    jobs: int = 1,
    force: bool = False,
    **fields,
) -> tuple[list[Path], list[str]]:
    """Sign each PDF into *outdir* (same file name); (signed files, errors naming their file)."""
    from ..output import ensure_outdir

    outdir = ensure_outdir(outdir)
    jobs = max(1, min(jobs, len(pdfs)))
    work = [(str(p), str(outdir / Path(p).name)) for p in pdfs]
    if jobs <= 1:
        _init(str(p12), password, fields, force)
        results = [_sign_one(job) for job in work]
    else:
        ctx = multiprocessing.get_context("spawn")
        with ctx.Pool(jobs, initializer=_init, initargs=(str(p12), password, fields, force)) as pool:
            results = pool.map(_sign_one, work, chunksize=max(1, len(work) // (jobs * 4)))
    done = [Path(out) for out, err in results if not err]
    errors = [f"{Path(src).name}: {err}" for src, err in results if err]
    return done, errors
