"""Shared fixtures: the bundled examples and a helper that runs the CLI in-process."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
EXAMPLE_PLANS = sorted(EXAMPLES.glob("ke-hoach-*.yaml"))
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
