"""Library errors name the field at fault, never a command-line flag; the CLI puts the flag in front."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from dvtemplate.check import check_files
from dvtemplate.cli._app import FLAGS, user_message
from dvtemplate.errors import InputError, OutputError
from dvtemplate.loading import load_plan
from dvtemplate.model.periods import resolve_period
from dvtemplate.output import check_free

ROOT = Path(__file__).resolve().parents[1]
PROVINCE = ROOT / "examples" / "ke-hoach-tinh-2026.yaml"
_FLAG = re.compile(r"(?<![\w-])--[a-z]|(?<![\w-])-o\b")


def _raised_strings(path: Path) -> list[tuple[int, str]]:
    """(line, text) of every string literal inside a ``raise`` statement."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        (node.lineno, sub.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Raise)
        for sub in ast.walk(node)
        if isinstance(sub, ast.Constant) and isinstance(sub.value, str)
    ]


def test_no_library_error_names_a_flag():
    """Outside dvtemplate/cli/, no raised message or hint mentions --period, --force, -o…"""
    library = [p for p in sorted((ROOT / "dvtemplate").rglob("*.py")) if "cli" not in p.relative_to(ROOT).parts]
    found = [
        f"{path.relative_to(ROOT)}:{line}: {text!r}"
        for path in library
        for line, text in _raised_strings(path)
        if _FLAG.search(text)
    ]
    assert not found, "\n".join(found)


def test_period_error_carries_the_field():
    """A bad period: the library says what is wrong and names the field; the CLI adds --period."""
    plan = load_plan(PROVINCE).plan
    with pytest.raises(InputError) as info:
        resolve_period(plan, "2026-13")
    assert info.value.field == "period" and not info.value.message.startswith("-")
    assert user_message(info.value).startswith("--period: ")


def test_cli_names_the_flag(run_cli, tmp_path):
    """The printed message is the one users saw before: '--period: …'."""
    code, _, err = run_cli("report", PROVINCE, "--period", "2026-13", "--unit", "Sở Nội vụ", "-o", tmp_path)
    assert code == 2 and "Lỗi: --period: " in err and "Traceback" not in err


def test_refusal_to_overwrite_names_the_switch(tmp_path):
    """check_free refuses with field 'force'; the CLI's hint names --force and -o, the library's neither."""
    existing = tmp_path / "a.docx"
    existing.write_bytes(b"x")
    with pytest.raises(OutputError) as info:
        check_free([existing], False)
    assert info.value.field == "force" and "--" not in str(info.value)
    assert "--force" in user_message(info.value) and "-o" in user_message(info.value)


def test_unknown_kind_refused_before_any_file_is_read(tmp_path):
    """A bad kind is the caller's mistake (raised, field 'kind'), not a file that could not be read."""
    with pytest.raises(InputError) as info:
        check_files([tmp_path / "does-not-exist.docx"], kind="memo")
    assert info.value.field == "kind" and FLAGS["kind"] == "--kind"
    reports, failed = check_files([tmp_path / "does-not-exist.docx"])
    assert not reports and len(failed) == 1 and failed[0][1].field is None
