"""Build the built-in templates: ``python tools/build_templates.py [OUTDIR]`` (default: templates/)."""

from __future__ import annotations

import sys
from pathlib import Path

TOOLS = Path(__file__).resolve().parent
ROOT = TOOLS.parent
sys.path[:0] = [str(TOOLS), str(ROOT)]

from templatebuild import build_all  # noqa: E402  (after the path above)

if __name__ == "__main__":
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "templates"
    for written in build_all(out):
        print(written)
