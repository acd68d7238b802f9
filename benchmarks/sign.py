"""Benchmark: signing a batch of PDFs in the Nghị định 30 layout, time per file.

    python benchmarks/sign.py [N]        # default N = 120; prints ms per file and the estimate for 3,300

1. the pool (``dvtemplate.sign.many.sign_many``, jobs=2): each worker opens the key once and signs
   many files (signature and seal images, the signer block found on each page);
2. the same N files signed one process per file (``dvtemplate sign`` per file: start-up, imports
   and key opening paid every time), measured on a sample and extrapolated.
The PDF is the commune plan as PDF/A (LibreOffice), copied N times; the key is a throw-away one.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

import signkit  # noqa: E402
from dvtemplate.documents import render_plan  # noqa: E402
from dvtemplate.sign import export_pdfa  # noqa: E402
from dvtemplate.sign.many import sign_many  # noqa: E402

JOBS = 2
SAMPLE = 8
BATCH = 3300


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 120
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        docx = render_plan(ROOT / "examples" / "ke-hoach-xa-2026.yaml", folder / "src").files[0]
        pdf = export_pdfa([docx])[0]
        p12, _root = signkit.make_p12(folder)
        sig, seal = signkit.signature_png(folder), signkit.seal_png(folder)
        copies = folder / "in"
        copies.mkdir()
        pdfs = []
        for i in range(n):
            target = copies / f"ban-{i:05d}.pdf"
            shutil.copy(pdf, target)
            shutil.copy(docx, target.with_suffix(".docx"))
            pdfs.append(target)
        start = time.perf_counter()
        done, errors = sign_many(
            pdfs,
            folder / "out",
            p12=p12,
            password=signkit.PASSWORD.encode(),
            jobs=JOBS,
            force=True,
            signature_image=sig,
            seal_image=seal,
        )
        pool = (time.perf_counter() - start) / n
        assert not errors and len(done) == n, errors[:3]
        env = dict(os.environ, DVTEMPLATE_CERT_PASSWORD=signkit.PASSWORD)
        start = time.perf_counter()
        for src in pdfs[:SAMPLE]:
            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "dvtemplate",
                    "sign",
                    str(src),
                    "--cert",
                    str(p12),
                    "--signature-image",
                    str(sig),
                    "--seal",
                    str(seal),
                    "-o",
                    str(folder / f"cli-{src.name}"),
                ],
                check=True,
                env=env,
                capture_output=True,
            )
        one = (time.perf_counter() - start) / SAMPLE
    print(f"pool, {JOBS} workers, {n} files: {pool * 1000:.0f} ms/file → {BATCH} files ≈ {pool * BATCH / 60:.1f} min")
    print(
        f"one process per file ({SAMPLE} files): {one * 1000:.0f} ms/file → {BATCH} files ≈ {one * BATCH / 60:.1f} min"
    )
    print(f"the pool is {one / pool:.1f}× faster")


if __name__ == "__main__":
    main()
