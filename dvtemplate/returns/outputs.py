"""Step one of both return loops: the outputs are checked before anything is read.

Reading thousands of returned files takes minutes; a clerk who forgot ``--force``
learns it at once, not after the reading. The folder is not created here (a run
that then fails on its inputs leaves nothing behind); the writer creates it.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ..output import check_free, ensure_outdir, target_in

__all__ = ["check_outputs"]


def check_outputs(
    outdir: str | Path, names: Iterable[str], force: bool, *, rewritten: str | Path | None = None
) -> list[Path]:
    """The files *names* in *outdir*; OutputError when one exists and *force* is not given.

    *rewritten* is an input the run reads and then rewrites in place (the answers workbook):
    it is not refused.
    """
    out = Path(outdir)
    targets = [target_in(out, name) for name in names]
    if out.exists():
        ensure_outdir(out)  # a file where the folder should be is refused here
        same = Path(rewritten).resolve() if rewritten is not None else None
        check_free([t for t in targets if same is None or t.resolve() != same], force)
    return targets
