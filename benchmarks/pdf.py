"""Benchmark: one soffice process per file vs. dvtemplate.pdf's batched conversion.

Why: LibreOffice's start-up dominates converting one small document, which is
the reason ``convert_to_pdf`` hands many files to each process. This measures
the gain on this machine.

The baseline is the naive loop ``soffice --convert-to pdf one.docx`` N times,
sharing one profile that was warmed up before timing (the kindest baseline: a
cold profile per call would be slower still). The batched run is
``convert_to_pdf(docs, jobs=J)`` exactly as the CLI calls it, fresh profiles
included.

Usage: python benchmarks/pdf.py [--n 30] [--jobs 2] [--keep DIR]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from docx import Document
from docx.shared import Mm, Pt

from dvtemplate.pdf import convert_to_pdf, find_soffice

__all__ = ["make_documents", "naive", "batched", "main"]

UNITS = [
    "Phòng Tư pháp",
    "Phòng Nội vụ",
    "Phòng Tài chính - Kế hoạch",
    "Văn phòng HĐND và UBND",
    "Phòng Giáo dục và Đào tạo",
    "Phòng Văn hóa và Thông tin",
]


def make_documents(folder: Path, n: int) -> list[Path]:
    """n two-page báo cáo in Times New Roman 14, text written for this benchmark."""
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for i in range(n):
        doc = Document()
        doc.styles["Normal"].font.name = "Times New Roman"
        doc.styles["Normal"].font.size = Pt(14)
        sec = doc.sections[0]
        sec.page_width, sec.page_height = Mm(210), Mm(297)
        sec.left_margin, sec.right_margin = Mm(30), Mm(15)
        unit = UNITS[i % len(UNITS)]
        doc.add_paragraph(f"BÁO CÁO kết quả thực hiện nhiệm vụ quý I của {unit} (mẫu số {i + 1})")
        for k in range(28):
            doc.add_paragraph(
                f"{k + 1}. Đơn vị đã hoàn thành nội dung công việc thứ {k + 1} theo "
                "đúng tiến độ, bảo đảm chất lượng và báo cáo kết quả đúng hạn."
            )
        path = folder / f"bao-cao-{i + 1:03d}.docx"
        doc.save(str(path))
        out.append(path)
    return out


def naive(soffice: str, docs: list[Path], outdir: Path, profile: Path) -> float:
    """Seconds for one soffice process per file (profile already warm)."""
    outdir.mkdir(parents=True, exist_ok=True)
    base = [
        soffice,
        "--headless",
        "--norestore",
        f"-env:UserInstallation={profile.as_uri()}",
        "--convert-to",
        "pdf",
        "--outdir",
        str(outdir),
    ]
    subprocess.run([*base, str(docs[0])], capture_output=True, check=True)  # warm-up, untimed
    start = time.perf_counter()
    for doc in docs:
        subprocess.run([*base, str(doc)], capture_output=True, check=True)
    elapsed = time.perf_counter() - start
    missing = [d.name for d in docs if not (outdir / (d.stem + ".pdf")).is_file()]
    if missing:
        raise SystemExit(f"naive run skipped: {missing}")
    return elapsed


def batched(docs: list[Path], outdir: Path, jobs: int) -> float:
    start = time.perf_counter()
    convert_to_pdf(docs, jobs=jobs, outdir=outdir)
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=30, help="number of documents (default 30)")
    ap.add_argument("--jobs", type=int, default=2, help="processes of the batched run (default 2)")
    ap.add_argument("--keep", type=Path, help="keep documents and PDFs in this folder")
    args = ap.parse_args(argv)
    soffice = find_soffice()
    if soffice is None:
        print("LibreOffice (soffice) not found: nothing to measure.", file=sys.stderr)
        return 3
    work = args.keep or Path(tempfile.mkdtemp(prefix="dvtemplate-bench-pdf-"))
    try:
        docs = make_documents(work / "docx", args.n)
        t_naive = naive(soffice, docs, work / "pdf-naive", work / "lo-profile-naive")
        t_batch = batched(docs, work / "pdf-batched", args.jobs)
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    n = args.n
    print(f"{n} documents, soffice = {soffice}")
    print(f"one process per file   : {t_naive:7.2f} s  {n / t_naive:6.2f} docs/s")
    print(f"batched, jobs={args.jobs:<2}       : {t_batch:7.2f} s  {n / t_batch:6.2f} docs/s")
    print(f"speed-up               : {t_naive / t_batch:6.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
