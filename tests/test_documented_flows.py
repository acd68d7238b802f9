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


def _run_all(run_cli, commands: list[list[str]]) -> None:
    for args in commands:
        if "--pdf" in args and not shutil.which("soffice"):
            continue
        code, out, err = run_cli(*_expand(args))
        assert code == 0, f"dvtemplate {' '.join(args)} → {code}\n{out}\n{err}"
        assert "Traceback" not in err


def test_guide_commands_work_in_order_and_again(run_cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, out, err = run_cli("init", "ke-hoach-2027")
    assert code == 0, err
    monkeypatch.chdir(tmp_path / "ke-hoach-2027")
    commands = _commands(GUIDE, "powershell")
    names = [a[0] for a in commands]
    assert {"validate", "render", "check", "letter", "report", "batch", "templates"} <= set(names)
    assert names.index("render") < names.index("report") < names.index("batch")
    _run_all(run_cli, commands)
    folder = Path("ket-qua")
    assert (folder / "manifest.csv").exists() and len(list(folder.glob("BC-*.docx"))) == 4
    _run_all(run_cli, commands)  # a second time: nothing that exists is overwritten, nothing fails
    written = {p.name: p.read_bytes() for p in folder.iterdir()}
    kh = next(folder.glob("KH-*.docx"))
    kh.write_bytes(kh.read_bytes() + b"\0")  # the clerk edited the result in Word
    code, out, err = run_cli("render", "ke-hoach.yaml", "-o", "ket-qua")
    assert code == 1 and "Không ghi đè" in err and "--force" in err and kh.name in err
    assert kh.read_bytes() == written[kh.name] + b"\0"


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
