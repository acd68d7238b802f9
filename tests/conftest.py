"""Shared fixtures: the bundled examples and a helper that runs the CLI in-process."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
EXAMPLE_PLANS = sorted(EXAMPLES.glob("ke-hoach-*.yaml"))
REFERENCE = ROOT.parent / "shared" / "reference"
"""The real documents of ../shared/reference (beside the clone in CI; absent in a bare clone)."""
sys.path.insert(0, str(ROOT / "tools"))  # the template builder (a development tool, not installed)


@pytest.fixture
def run_cli(capsys):
    """Run ``dvtemplate ARGS`` in-process; returns (exit status, stdout, stderr)."""
    from dvtemplate.cli import main

    def run(*args: str):
        code = main([str(a) for a in args])
        out = capsys.readouterr()
        return code, out.out, out.err

    return run


def reference_file(name: str) -> Path:
    """A file of ../shared/reference, or a skip that says plainly what is missing and where."""
    path = REFERENCE / name
    if not path.is_file():
        pytest.skip(f"cần tài liệu mẫu {path} (thư mục shared/reference đặt cạnh bản sao mã nguồn)")
    return path
