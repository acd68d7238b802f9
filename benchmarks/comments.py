"""Benchmark: 200 reply letters read and tabled by ``dvtemplate comments`` (target: under 5 s on two cores).

    python benchmarks/comments.py

Builds 200 realistic replies with python-docx (half with a header table, half with
loose lines; 0–6 comments each in every citation form, some agreement-only, a
quote of the draft), a units list of 220 units, then times ``render_comments``
(read every file through the shared safe reader, map every comment, write the
bản tổng hợp and the answers workbook) in 3 rounds and prints the best.
"""

from __future__ import annotations

import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from commentdocs import LETTER_REF, PLAN, reply_docx  # noqa: E402

N = 200
ROUNDS = 3
FORMS = [
    "1. Tại điểm a khoản 1 Mục II: đề nghị bổ sung nội dung tuyên truyền số {i}.",
    "2. Mục II, khoản 2:",
    "- Đề nghị điều chỉnh thời hạn thực hiện lần {i};",
    "3. Tại mục 3 phần II, đề nghị làm rõ trách nhiệm người đứng đầu.",
    "4. Về Mục IV (Tổ chức thực hiện): giao thêm nhiệm vụ phối hợp {i}.",
    "5. Đề nghị sửa cụm từ “tối thiểu 02 kỳ mỗi tháng” thành “hằng tuần”.",
    "6. Đề nghị rà soát thể thức văn bản ({i}).",
]


def build(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    rows = ["Tên đơn vị,Cấp,Viết tắt"]
    for i in range(N + 20):
        rows.append(f"Ủy ban nhân dân xã Thử Nghiệm {i},xã,")
    units = folder.parent / "don-vi.csv"
    units.write_text("\n".join(rows) + "\n", encoding="utf-8")
    for i in range(N):
        count = i % 7
        body = [f"Thực hiện {LETTER_REF}, Ủy ban nhân dân xã có ý kiến như sau:"]
        body += [f.format(i=i) for f in FORMS[:count]]
        if count == 0:
            body = [f"Phúc đáp {LETTER_REF}, Ủy ban nhân dân xã thống nhất với nội dung dự thảo."]
        data = reply_docx(
            parent=None,
            issuer=["ỦY BAN NHÂN DÂN", f"XÃ THỬ NGHIỆM {i}"],
            so=f"Số: {i + 1:02d}/UBND-VP",
            layout="table" if i % 2 else "lines",
            body=body,
        )
        (folder / f"tra-loi-{i:03d}.docx").write_bytes(data)
    return units


def _cpu() -> float:
    """CPU seconds of this process and its finished children (the reading workers)."""
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def main() -> None:
    from dvtemplate.documents import render_comments

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "replies"
        units = build(folder)
        best = cpu_best = None
        for round_ in range(ROUNDS):
            out = Path(tmp) / f"out-{round_}"
            cpu0 = _cpu()
            start = time.perf_counter()
            result = render_comments(PLAN, [folder], out, units_file=units, jobs=2)
            elapsed = time.perf_counter() - start
            cpu = _cpu() - cpu0
            best = elapsed if best is None else min(best, elapsed)
            cpu_best = cpu if cpu_best is None else min(cpu_best, cpu)
        c = result.collection
        print(
            f"{N} văn bản góp ý → {len(c.comments)} ý kiến, {len(c.agreed)} đơn vị thống nhất, "
            f"{len(c.silent)} không trả lời: {best:.2f} s (lượt nhanh nhất trong {ROUNDS}, 2 tiến trình; "
            f"mục tiêu < 5 s); thời gian CPU {cpu_best:.2f} s; tải máy {os.getloadavg()[0]:.1f}"
        )


if __name__ == "__main__":
    main()
