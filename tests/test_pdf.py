"""dvtemplate.pdf: discovery, batching, atomic writes, errors; real conversions with LibreOffice.

Most behaviour is tested against a fake ``soffice`` (a Python script) that logs its
arguments and can skip files, write empty files or hang, so these tests run anywhere
POSIX. The tests marked ``needs_lo`` convert real .docx files; they skip when
LibreOffice is missing, except on CI (``CI=true``) where they must run and fail.
"""

from __future__ import annotations

import json
import os
import stat
import sys
import time
import unicodedata
from pathlib import Path

import pytest
from docx import Document
from docx.enum.text import WD_BREAK
from docx.shared import Mm, Pt
from hypothesis import given
from hypothesis import strategies as st
from pypdf import PdfReader

from dvtemplate import pdf
from dvtemplate.errors import InputError, OutputError, ToolMissingError
from dvtemplate.pdf import candidate_paths, convert_to_pdf, find_soffice, install_hint, split_chunks

ON_CI = os.environ.get("CI", "").lower() == "true"
needs_lo = pytest.mark.skipif(
    find_soffice() is None and not ON_CI, reason="LibreOffice (soffice) chưa cài; trên CI các test này bắt buộc chạy"
)
posix_only = pytest.mark.skipif(sys.platform == "win32", reason="soffice giả là script Python có shebang")


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def pdf_page_count(path: Path) -> int:
    return len(PdfReader(path).pages)


def pdf_page_text(path: Path, page: int = 0) -> str:
    return nfc(PdfReader(path).pages[page].extract_text())


def pdf_font_names(path: Path) -> set[str]:
    names = set()
    for page in PdfReader(path).pages:
        fonts = page["/Resources"].get_object().get("/Font", {})
        for ref in fonts.get_object().values():
            names.add(str(ref.get_object()["/BaseFont"]).split("+")[-1])
    return names


# --------------------------------------------------------------------------- fixtures


def make_docx(path: Path, title: str, pages: int) -> Path:
    """A4 document in Times New Roman 14 with ``pages`` pages (explicit page breaks)."""
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(14)
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Mm(210), Mm(297)
    sec.top_margin, sec.bottom_margin, sec.left_margin, sec.right_margin = Mm(20), Mm(20), Mm(30), Mm(15)
    doc.add_paragraph(title)
    doc.add_paragraph("Phần mở đầu nêu mục đích, yêu cầu của việc rà soát hồ sơ lưu trữ.")
    for n in range(2, pages + 1):
        doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        doc.add_paragraph(f"Nội dung trang {n}: tổ chức thực hiện và chế độ báo cáo định kỳ.")
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(path))
    return path


DOCS = [  # (file name, page-1 title, pages)
    ("Kế hoạch rà soát.docx", "Kế hoạch rà soát thủ tục hành chính năm 2025", 2),
    ("bao-cao-quy-1.docx", "Báo cáo kết quả quý I của Ủy ban nhân dân xã Hòa Bình", 3),
    ("cong-van.docx", "Về việc góp ý dự thảo Kế hoạch chuyển đổi số", 4),
]


@pytest.fixture
def three_docx(tmp_path: Path) -> list[Path]:
    return [make_docx(tmp_path / "in" / name, title, pages) for name, title, pages in DOCS]


FAKE = r"""
import json, os, sys, time
from pathlib import Path
args = sys.argv[1:]
mode = os.environ.get("FAKE_SOFFICE_MODE", "ok")
outdir = Path(args[args.index("--outdir") + 1])
files = args[args.index("--outdir") + 2:]
rec = {"pid": os.getpid(), "args": args}
if mode == "rendezvous":   # every process waits until N processes have started
    box = Path(os.environ["FAKE_SOFFICE_BOX"]); box.mkdir(exist_ok=True)
    (box / str(os.getpid())).touch()
    want, waited = int(os.environ["FAKE_SOFFICE_N"]), 0
    while len(list(box.iterdir())) < want and waited < 300:
        time.sleep(0.1); waited += 1
    rec["saw_all"] = len(list(box.iterdir())) >= want
with open(os.environ["FAKE_SOFFICE_LOG"], "a", encoding="utf-8") as fh:
    fh.write(json.dumps(rec) + "\n")
if mode == "hang":
    import subprocess
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"])
    Path(os.environ["FAKE_SOFFICE_CHILD"]).write_text(str(child.pid))
    time.sleep(600)
for i, f in enumerate(files):
    target = outdir / (Path(f).stem + ".pdf")
    if mode == "skip_second" and i == 1:
        continue
    if mode == "skip_all":
        continue
    if mode == "empty" and i == 0:
        target.write_bytes(b"")
        continue
    target.write_bytes(b"%PDF-1.4 fake for " + Path(f).name.encode("utf-8"))
print("convert done")
"""


@pytest.fixture
def fake_soffice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Install the fake as DVTEMPLATE_SOFFICE; return a reader of its call log."""
    script = tmp_path / "bin" / "soffice"
    script.parent.mkdir()
    script.write_text(f"#!{sys.executable}\n{FAKE}", encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    log = tmp_path / "calls.jsonl"
    monkeypatch.setenv("DVTEMPLATE_SOFFICE", str(script))
    monkeypatch.setenv("FAKE_SOFFICE_LOG", str(log))
    monkeypatch.setenv("FAKE_SOFFICE_MODE", "ok")

    def calls() -> list[dict]:
        if not log.exists():
            return []
        return [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]

    calls.script = script
    return calls


def simple_docx(tmp_path: Path, names: list[str]) -> list[Path]:
    out = []
    for name in names:
        p = tmp_path / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(b"not really a docx")
        out.append(p)
    return out


def outdir_arg(call: dict) -> Path:
    return Path(call["args"][call["args"].index("--outdir") + 1])


def leftovers(*dirs: Path) -> list[Path]:
    return [p for d in dirs for p in d.glob(".dvtemplate-pdf-*")]


# --------------------------------------------------------------------------- discovery


@posix_only
def test_env_var_wins_and_is_cleaned(fake_soffice, monkeypatch):
    script = fake_soffice.script
    assert find_soffice() == str(script)
    monkeypatch.setenv("DVTEMPLATE_SOFFICE", f'  "{script}"  ')  # quoted, as copied on Windows
    assert find_soffice() == str(script)
    monkeypatch.setenv("DVTEMPLATE_SOFFICE", str(script.parent))  # the program folder
    assert find_soffice() == str(script)


@posix_only
def test_path_lookup_when_env_unset(fake_soffice, monkeypatch):
    monkeypatch.delenv("DVTEMPLATE_SOFFICE")
    monkeypatch.setenv("PATH", str(fake_soffice.script.parent))
    assert find_soffice() == str(fake_soffice.script)


def test_bogus_env_var_gives_none_not_another_copy(tmp_path, monkeypatch):
    monkeypatch.setenv("DVTEMPLATE_SOFFICE", str(tmp_path / "khong-co" / "soffice.exe"))
    assert find_soffice() is None


def test_candidate_paths_windows_and_macos():
    env = {"ProgramFiles": r"D:\Apps", "ProgramFiles(x86)": r"D:\Apps86"}
    win = candidate_paths(env, "win32")
    assert win[0] == r"D:\Apps\LibreOffice\program\soffice.exe"
    assert r"D:\Apps86\LibreOffice\program\soffice.exe" in win
    assert r"C:\Program Files\LibreOffice\program\soffice.exe" in win
    assert len(win) == len(set(win))
    assert "/Applications/LibreOffice.app/Contents/MacOS/soffice" in candidate_paths({}, "darwin")
    linux = candidate_paths({}, "linux")
    assert "/usr/bin/soffice" in linux and "/usr/lib/libreoffice/program/soffice" in linux


def test_install_hints_are_vietnamese_and_actionable():
    win = install_hint("win32")
    assert "libreoffice.org" in win and "soffice.exe" in win and "DVTEMPLATE_SOFFICE" in win
    assert "Tải và cài" in win
    assert "apt-get install -y libreoffice-writer fonts-liberation" in install_hint("linux")


# --------------------------------------------------------------------------- missing tool


def test_missing_soffice_raises_with_install_hint(tmp_path, monkeypatch):
    docs = simple_docx(tmp_path, ["a.docx", "b.docx"])
    monkeypatch.delenv("DVTEMPLATE_SOFFICE", raising=False)
    monkeypatch.setattr(pdf, "find_soffice", lambda: None)
    with pytest.raises(ToolMissingError) as info:
        convert_to_pdf(docs)
    text = str(info.value)
    assert "Không tìm thấy LibreOffice" in text and "2 tệp .docx" in text
    assert install_hint(sys.platform) in text
    assert all(d.exists() for d in docs) and not list(tmp_path.glob("*.pdf"))
    assert info.value.exit_code == 3


def test_bogus_env_var_is_named_in_the_error(tmp_path, monkeypatch):
    docs = simple_docx(tmp_path, ["a.docx"])
    bogus = tmp_path / "sai" / "soffice.exe"
    monkeypatch.setenv("DVTEMPLATE_SOFFICE", str(bogus))
    with pytest.raises(ToolMissingError) as info:
        convert_to_pdf(docs)
    assert "DVTEMPLATE_SOFFICE" in info.value.message and str(bogus) in info.value.message
    assert info.value.hint == install_hint(sys.platform)


# --------------------------------------------------------------------------- planning


@given(st.lists(st.integers(), max_size=40), st.integers(min_value=1, max_value=12))
def test_split_chunks_is_a_balanced_partition(items, jobs):
    chunks = split_chunks(items, jobs)
    assert [x for c in chunks for x in c] == items
    assert len(chunks) <= jobs and all(chunks)
    if chunks:
        sizes = [len(c) for c in chunks]
        assert max(sizes) - min(sizes) <= 1


def test_bad_input_is_reported(tmp_path):
    assert convert_to_pdf([]) == []
    with pytest.raises(InputError, match="Không tìm thấy tệp"):
        convert_to_pdf([tmp_path / "khong-co.docx"])
    with pytest.raises(InputError, match="từ 1 trở lên"):
        convert_to_pdf(simple_docx(tmp_path, ["a.docx"]), jobs=0)
    clash = simple_docx(tmp_path, ["x/bao-cao.docx", "y/bao-cao.docx"])
    with pytest.raises(OutputError, match="cùng cho ra một tệp PDF"):
        convert_to_pdf(clash, outdir=tmp_path / "out")


# --------------------------------------------------------------------------- fake soffice


@posix_only
def test_batched_command_line_and_profiles(fake_soffice, tmp_path):
    docs = simple_docx(tmp_path, [f"d{i}.docx" for i in range(5)])
    result = convert_to_pdf(docs, jobs=2)
    assert result == [d.with_suffix(".pdf") for d in docs]
    assert all(p.read_bytes().startswith(b"%PDF-") for p in result)
    calls = fake_soffice()
    assert len(calls) == 2  # one process per chunk, many files per process
    assert sorted(len(c["args"]) - c["args"].index("--outdir") - 2 for c in calls) == [2, 3]
    profiles = []
    for c in calls:
        a = c["args"]
        assert {"--headless", "--norestore"} <= set(a)
        assert a[a.index("--convert-to") + 1] == "pdf"
        prof = [x for x in a if x.startswith("-env:UserInstallation=")]
        assert len(prof) == 1 and prof[0].startswith("-env:UserInstallation=file:///")
        profiles.append(prof[0].split("=", 1)[1])
        assert outdir_arg(c).parent == tmp_path  # staging beside the target
    assert len(set(profiles)) == 2 and {p.rsplit("/", 1)[1] for p in profiles} == {"lo-profile-0", "lo-profile-1"}
    assert not any(Path(p.removeprefix("file://")).parent.exists() for p in profiles)
    assert not leftovers(tmp_path)


@posix_only
def test_chunks_run_concurrently(fake_soffice, tmp_path, monkeypatch):
    monkeypatch.setenv("FAKE_SOFFICE_MODE", "rendezvous")
    monkeypatch.setenv("FAKE_SOFFICE_BOX", str(tmp_path / "box"))
    monkeypatch.setenv("FAKE_SOFFICE_N", "3")
    docs = simple_docx(tmp_path, [f"d{i}.docx" for i in range(6)])
    convert_to_pdf(docs, jobs=3)
    calls = fake_soffice()
    assert len(calls) == 3 and all(c["saw_all"] for c in calls)


@posix_only
def test_files_in_different_folders_are_grouped_by_target(fake_soffice, tmp_path):
    docs = simple_docx(tmp_path, ["a/1.docx", "b/2.docx", "a/3.docx", "b/4.docx"])
    result = convert_to_pdf(docs, jobs=1)
    assert result == [d.with_suffix(".pdf") for d in docs]
    assert all(p.is_file() for p in result)
    calls = fake_soffice()
    assert len(calls) == 2
    assert {outdir_arg(c).parent for c in calls} == {tmp_path / "a", tmp_path / "b"}
    assert not leftovers(tmp_path / "a", tmp_path / "b")


@posix_only
def test_outdir_is_created_and_used(fake_soffice, tmp_path):
    docs = simple_docx(tmp_path, ["a/1.docx", "b/2.docx"])
    out = tmp_path / "pdf" / "2025"
    assert convert_to_pdf(docs, outdir=out) == [out / "1.pdf", out / "2.pdf"]
    assert (out / "1.pdf").is_file() and not (tmp_path / "a" / "1.pdf").exists()


@posix_only
@pytest.mark.parametrize("mode, bad", [("skip_second", "d1.docx"), ("empty", "d0.docx")])
def test_skipped_or_empty_pdf_is_named(fake_soffice, tmp_path, monkeypatch, mode, bad):
    monkeypatch.setenv("FAKE_SOFFICE_MODE", mode)
    docs = simple_docx(tmp_path, ["d0.docx", "d1.docx", "d2.docx"])
    with pytest.raises(ToolMissingError) as info:
        convert_to_pdf(docs)
    msg = info.value.message
    assert "không tạo được bản PDF" in msg and bad in msg
    assert "convert done" in msg  # soffice's own output is passed on
    good = [d for d in docs if d.name != bad]
    assert all(d.with_suffix(".pdf").is_file() for d in good)  # the others are kept
    assert not (tmp_path / bad).with_suffix(".pdf").exists()
    assert not leftovers(tmp_path)


@posix_only
def test_failed_conversion_leaves_existing_pdf_alone(fake_soffice, tmp_path, monkeypatch):
    (doc,) = simple_docx(tmp_path, ["bao-cao.docx"])
    old = tmp_path / "bao-cao.pdf"
    old.write_bytes(b"%PDF-1.4 good old version")
    monkeypatch.setenv("FAKE_SOFFICE_MODE", "skip_all")
    with pytest.raises(ToolMissingError):
        convert_to_pdf([doc])
    assert old.read_bytes() == b"%PDF-1.4 good old version"
    monkeypatch.setenv("FAKE_SOFFICE_MODE", "ok")
    convert_to_pdf([doc])
    assert old.read_bytes() == b"%PDF-1.4 fake for bao-cao.docx"
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".pdf") == ["bao-cao.pdf"]
    assert not leftovers(tmp_path)


def _gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    status = Path(f"/proc/{pid}/status")  # a killed child nobody reaped yet is a zombie
    return status.exists() and "\nState:\tZ" in status.read_text()


@posix_only
def test_timeout_kills_the_whole_process_tree(fake_soffice, tmp_path, monkeypatch, request):
    monkeypatch.setenv("FAKE_SOFFICE_MODE", "hang")
    monkeypatch.setenv("FAKE_SOFFICE_CHILD", str(tmp_path / "child.pid"))
    (doc,) = simple_docx(tmp_path, ["treo.docx"])
    with pytest.raises(ToolMissingError) as info:
        convert_to_pdf([doc], timeout=1.5)
    assert "quá 3 giây" in info.value.message and "treo.docx" in info.value.message
    assert "đã bị dừng" in info.value.message
    child = int((tmp_path / "child.pid").read_text())
    request.addfinalizer(lambda: _gone(child) or os.kill(child, 9))  # no orphan if we fail
    for _ in range(100):  # SIGKILL is asynchronous: give the kernel a moment
        if _gone(child):
            break
        time.sleep(0.05)
    assert _gone(child)
    assert doc.exists() and not leftovers(tmp_path)


# --------------------------------------------------------------------------- real LibreOffice


def _check_real(result: list[Path], expected_dir: Path) -> None:
    assert [p.name for p in result] == [Path(n).with_suffix(".pdf").name for n, _, _ in DOCS]
    for path, (_, title, pages) in zip(result, DOCS, strict=False):
        assert path.parent == expected_dir and path.stat().st_size > 0
        assert pdf_page_count(path) == pages
        assert nfc(title) in pdf_page_text(path, 0)
        assert pdf_font_names(path) & {"TimesNewRomanPSMT", "TimesNewRoman", "LiberationSerif"}


@needs_lo
def test_real_conversion_one_job(three_docx):
    result = convert_to_pdf(three_docx, jobs=1)
    _check_real(result, three_docx[0].parent)
    assert not leftovers(three_docx[0].parent)


@needs_lo
def test_real_conversion_two_jobs_into_outdir(three_docx, tmp_path):
    out = tmp_path / "pdf"
    result = convert_to_pdf(three_docx, jobs=2, outdir=out)
    _check_real(result, out)
    assert not list(three_docx[0].parent.glob("*.pdf"))


@needs_lo
def test_real_conversion_replaces_existing_pdf(three_docx):
    target = three_docx[2].with_suffix(".pdf")
    target.write_bytes(b"%PDF-1.4 stale")
    convert_to_pdf(three_docx[2:], jobs=2)
    assert pdf_page_count(target) == 4
    assert "Về việc góp ý dự thảo" in pdf_page_text(target)
