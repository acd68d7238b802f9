"""Issue 10 point 10: the commands HUONG-DAN.md and the README show work as written, in order, and again.

The commands are read from the documents themselves (not copied here), so a doc edit that breaks
the flow fails this test.
"""

from __future__ import annotations

import glob
import re
import shlex
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GUIDE = ROOT / "dvtemplate" / "data" / "HUONG-DAN.md"
README = ROOT / "README.md"


def _commands(markdown: Path, fence: str) -> list[list[str]]:
    """The ``dvtemplate …`` lines of every ```fence block, split like a shell would (globs expanded later)."""
    text = markdown.read_text(encoding="utf-8")
    out = []
    for block in re.findall(rf"```{fence}\n(.*?)```", text, flags=re.S):
        for line in block.splitlines():
            line = line.split("   #")[0].strip()
            if line.startswith("pip install ") and "&& dvtemplate " in line:
                line = line.split("&&", 1)[1].strip()
            if line.startswith("dvtemplate "):
                out.append(shlex.split(line.replace("\\", "/"))[1:])
    return out


def _expand(args: list[str]) -> list[str]:
    expanded: list[str] = []
    for arg in args:
        expanded.extend(sorted(glob.glob(arg)) if "*" in arg else [arg])
    return expanded


def _run_all(run_cli, commands: list[list[str]], before=None, refused=()) -> None:
    """Run *commands* in order; *before* (command name → function) prepares what a clerk would have
    received by then; a command in *refused* must refuse (exit 1, "Không ghi đè") and change nothing."""
    for args in commands:
        if "--pdf" in args and not shutil.which("soffice"):
            continue
        if before and args[0] in before:
            before[args[0]]()
        snapshot = {p: p.read_bytes() for p in Path(".").rglob("*") if p.is_file()}
        code, out, err = run_cli(*_expand(args))
        assert "Traceback" not in err
        if args in refused:
            assert code == 1 and "Không ghi đè" in err, f"dvtemplate {' '.join(args)} → {code}\n{err}"
            assert {p: p.read_bytes() for p in snapshot} == snapshot
            continue
        assert code == 0, f"dvtemplate {' '.join(args)} → {code}\n{out}\n{err}"


def _replies() -> None:
    """A reply letter from a unit of the list, as the clerk copies it into gop-y/ (step 3)."""
    from commentdocs import reply_docx

    folder = Path("gop-y")
    folder.mkdir(exist_ok=True)
    body = [
        "Phúc đáp Công văn của Ủy ban nhân dân xã An Bình về việc lấy ý kiến góp ý dự thảo Kế hoạch, "
        "đơn vị có ý kiến như sau:",
        "1. Tại mục 1 phần II: đề nghị bổ sung đối thoại với Nhân dân hằng quý.",
        "2. Đề nghị rà soát chính tả.",
    ]
    reply = reply_docx(
        parent=None,
        issuer=["ỦY BAN NHÂN DÂN", "XÃ TÂN HÒA"],
        so="Số: 12/UBND-VP",
        date_line="Tân Hòa, ngày 15 tháng 12 năm 2026",
        vv="V/v góp ý dự thảo Kế hoạch thực hiện công tác dân vận chính quyền năm 2027",
        kinh_gui="Kính gửi: Ủy ban nhân dân xã An Bình.",
        body=body,
    )
    (folder / "tan-hoa.docx").write_bytes(reply)


def _prepare_comments() -> None:
    """Before step 3: the replies arrive; before step 4: the clerk answers in Excel."""
    sheet_path = Path("ket-qua/gop-y/Tiep-thu-giai-trinh-2027.xlsx")
    if not sheet_path.exists():
        _replies()
        return
    import openpyxl

    book = openpyxl.load_workbook(sheet_path)
    rows = [r for r in book.worksheets[0].iter_rows(min_row=2) if r[0].value and not r[4].value]
    for row in rows:
        row[4].value, row[5].value = "Giải trình, giữ nguyên dự thảo", "Đã có trong dự thảo."
    if rows:
        book.save(sheet_path)


def _returned_forms() -> None:
    """Two units send their forms back (copied into bao-cao-gui-ve/, step 7); the others do not."""
    folder = Path("bao-cao-gui-ve")
    folder.mkdir(exist_ok=True)
    for form in sorted(Path("ket-qua").glob("BC-*.docx"))[:2]:
        (folder / form.name).write_bytes(form.read_bytes())


CYCLE = ("render", "letter", "comments", "comments", "render", "batch", "collect", "calendar")
"""soạn → lấy ý kiến → tổng hợp góp ý → Tờ trình → ban hành → mẫu báo cáo → tổng hợp báo cáo (+ đôn đốc) → lịch"""


def _cycle_positions(names: list[str]) -> list[int]:
    """Where each step of CYCLE first appears after the one before (ValueError when out of order)."""
    out: list[int] = []
    for name in CYCLE:
        out.append(names.index(name, out[-1] + 1 if out else 0))
    return out


def test_guide_commands_work_in_order_and_again(run_cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, out, err = run_cli("init", "ke-hoach-2027")
    assert code == 0, err
    assert 'cd "ke-hoach-2027"' in out and "dvtemplate serve" in out
    assert "dvtemplate render ke-hoach.yaml -o ket-qua" in out  # from inside the folder, as the guide says
    monkeypatch.chdir(tmp_path / "ke-hoach-2027")
    commands = _commands(GUIDE, "powershell")
    names = [a[0] for a in commands]
    assert {"validate", "render", "check", "letter", "report", "batch", "templates"} <= set(names)
    steps = _cycle_positions(names)
    assert "--to-trinh" in commands[steps[3]] and "--responses" in commands[steps[3]]
    assert "--to-trinh" not in commands[steps[2]] and "--remind" in commands[steps[6]]
    guide = GUIDE.read_text(encoding="utf-8")
    assert "don-vi.xlsx" in guide and "dvtemplate serve" in guide
    before = {"comments": _prepare_comments, "collect": _returned_forms}
    _run_all(run_cli, commands, before)
    folder = Path("ket-qua")
    assert (folder / "manifest.csv").exists() and len(list(folder.glob("BC-*.docx"))) == 4
    assert len(list((folder / "gop-y").glob("TTr-*.docx"))) == 1
    assert len(list((folder / "tong-hop-2027-H1").glob("CV-don-doc-*.docx"))) == 1
    assert (folder / "lich-2027.ics").exists() and (folder / "theo-doi-2027.xlsx").exists()
    # a second time: nothing fails; the two commands whose outputs hold what the clerk filled in
    # (the answers workbook before step 4, the tracking sheet) refuse and change nothing
    _run_all(run_cli, commands, before, refused=[commands[steps[2]], commands[steps[7]]])
    written = {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}
    kh = next(folder.glob("KH-*.docx"))
    kh.write_bytes(kh.read_bytes() + b"\0")  # the clerk edited the result in Word
    code, out, err = run_cli("render", "ke-hoach.yaml", "-o", "ket-qua")
    assert code == 1 and "Không ghi đè" in err and "--force" in err and kh.name in err
    assert kh.read_bytes() == written[kh.name] + b"\0"


STEPS = (
    "soạn",
    "lấy ý kiến",
    "tổng hợp góp ý",
    "Tờ trình",
    "ban hành",
    "mẫu báo cáo",
    "tổng hợp báo cáo",
    "đôn đốc",
    "lịch",
)


def _in_order(text: str) -> bool:
    at = 0
    for step in STEPS:
        found = text.lower().find(step.lower(), at)
        if found < 0:
            return False
        at = found + len(step)
    return True


def test_guide_init_readme_and_page_tell_the_same_cycle(run_cli, tmp_path):
    from starlette.testclient import TestClient

    from dvtemplate.web.app import create_app

    code, out, _ = run_cli("init", str(tmp_path / "kh"))
    assert code == 0 and _in_order(out)
    guide = GUIDE.read_text(encoding="utf-8")
    assert _in_order(guide[guide.index("Một vòng công việc") :])
    readme = README.read_text(encoding="utf-8")
    assert _in_order(readme[readme.index("## Một vòng công việc") :])
    with TestClient(create_app(tmp_path / "kh", token="t", hosts={"127.0.0.1:1"}), base_url="http://127.0.0.1:1") as c:
        listing = c.get("/?token=t").text
        loop = c.get("/tong-hop/ke-hoach.yaml").text
    assert _in_order(listing[listing.index("Một vòng công việc") :])
    assert _in_order(loop[loop.index('class="cycle"') :])


def test_readme_first_command_is_rerunnable(run_cli, tmp_path, monkeypatch):
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    monkeypatch.chdir(tmp_path)
    first = _commands(README, "bash")[0]
    assert first[:2] == ["render", "examples/ke-hoach-tinh-2026.yaml"]
    for attempt in range(2):
        code, out, err = run_cli(*first)
        assert code == 0, err
        assert ("Đã ghi: ket-qua/KH-" if attempt == 0 else "Không đổi (đã có, nội dung giống hệt): ket-qua/KH-") in out


@pytest.mark.parametrize("fence", ["bash"])
def test_readme_rollover_commands(run_cli, tmp_path, monkeypatch, fence):
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    monkeypatch.chdir(tmp_path)
    commands = [c for c in _commands(README, fence) if c[0] == "rollover"]
    assert commands
    _run_all(run_cli, commands)
    assert Path("ke-hoach-2027.yaml").exists()


def test_readme_test_command_is_what_ci_runs_and_pins_what_was_tested():
    """The README's second command is the line .ci/run runs; both install through constraints.txt,
    and constraints.txt pins every package pyproject names (so a fresh venv gets what the tests ran)."""
    blocks = re.findall(r"```bash\n(.*?)```", README.read_text(encoding="utf-8"), flags=re.S)
    install, test = blocks[0].strip(), blocks[1].strip()
    assert "-c constraints.txt" in install and "-c constraints.txt" in test
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert test in ci.splitlines()
    pinned = {}
    for line in (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines():
        if "==" in line and not line.startswith("#"):
            name, version = line.split("==", 1)
            pinned[re.sub(r"[-_.]+", "-", name.strip().lower())] = version.strip()
    tomllib = pytest.importorskip("tomllib")  # Python 3.11+

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = project["dependencies"] + project["optional-dependencies"]["test"]
    names = {re.sub(r"[-_.]+", "-", re.split(r"[<>=!~\[ ]", spec, maxsplit=1)[0].lower()) for spec in wanted}
    assert sorted(names - set(pinned)) == []
    assert "pydantic-core" in pinned
