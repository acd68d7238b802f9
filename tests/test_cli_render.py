"""`dvtemplate render` writes atomically and never overwrites without --force."""

from __future__ import annotations

import os

from conftest import EXAMPLES

PLAN = EXAMPLES / "ke-hoach-tinh-2026.yaml"


def test_render_writes_one_docx(run_cli, tmp_path):
    code, out, err = run_cli("render", PLAN, "-o", tmp_path)
    assert code == 0, err
    files = list(tmp_path.iterdir())
    assert [f.suffix for f in files] == [".docx"] and "Đã ghi" in out


def test_existing_output_is_kept_without_force(run_cli, tmp_path):
    run_cli("render", PLAN, "-o", tmp_path)
    target = next(tmp_path.iterdir())
    target.write_bytes(b"ban cu cua nguoi dung")
    code, _, err = run_cli("render", PLAN, "-o", tmp_path)
    assert code != 0 and "--force" in err and "Traceback" not in err
    assert target.read_bytes() == b"ban cu cua nguoi dung"
    code, _, _ = run_cli("render", PLAN, "-o", tmp_path, "--force")
    assert code == 0 and target.read_bytes().startswith(b"PK")


def test_no_temporary_files_left(run_cli, tmp_path):
    run_cli("render", PLAN, "-o", tmp_path)
    assert not [f for f in os.listdir(tmp_path) if f.startswith(".~dv-")]


def test_outdir_that_is_a_file(run_cli, tmp_path):
    blocker = tmp_path / "x"
    blocker.write_text("x")
    code, _, err = run_cli("render", PLAN, "-o", blocker)
    assert code != 0 and "không phải là thư mục" in err


def test_failed_render_leaves_previous_file(tmp_path, monkeypatch):
    from dvtemplate import documents
    from dvtemplate.engine.compiled import CompiledTemplate

    first = documents.render_plan(PLAN, tmp_path).files[0]
    before = first.read_bytes()

    def boom(self, context, handle):
        handle.write(b"PK half")
        raise RuntimeError("disk full")

    monkeypatch.setattr(CompiledTemplate, "write", boom)
    try:
        documents.render_plan(PLAN, tmp_path, force=True)
    except RuntimeError:
        pass
    assert first.read_bytes() == before
    assert len(list(tmp_path.iterdir())) == 1


def test_usage_errors_are_vietnamese(run_cli):
    code, _, err = run_cli("render", PLAN)
    assert code == 2 and "thiếu tùy chọn -o/--outdir" in err
    code, _, err = run_cli("rendr", PLAN)
    assert code == 2 and "không có lệnh 'rendr'" in err and "Có phải" in err and "'render'" in err
    code, _, err = run_cli("render", PLAN, "-o", "x", "--forc")
    assert code == 2 and "Có phải --force?" in err


def test_output_has_the_usual_file_mode(tmp_path):
    import stat
    import sys

    from dvtemplate import documents

    path = documents.render_plan(PLAN, tmp_path).files[0]
    if sys.platform != "win32":
        assert stat.S_IMODE(path.stat().st_mode) & 0o044, "readable by others like any saved file"


def test_a_bug_is_reported_without_traceback(run_cli, tmp_path, monkeypatch):
    import dvtemplate.documents as documents

    def broken(*args, **kwargs):
        raise ZeroDivisionError("boom")

    monkeypatch.setattr(documents, "render_plan", broken)
    monkeypatch.delenv("DVTEMPLATE_DEBUG", raising=False)
    code, _, err = run_cli("render", PLAN, "-o", tmp_path)
    assert code == 70 and "Traceback" not in err and "DVTEMPLATE_DEBUG=1" in err


def test_disk_errors_become_output_errors(tmp_path, monkeypatch):
    import errno

    import pytest

    from dvtemplate.errors import OutputError
    from dvtemplate.output import write_atomic

    def full(handle):
        raise OSError(errno.ENOSPC, "No space left on device")

    with pytest.raises(OutputError, match="ổ đĩa đầy"):
        write_atomic(tmp_path / "x.docx", full)
    assert not list(tmp_path.iterdir())
