"""Build the built-in .docx templates: ``python templates/build.py`` (writes templates/*.docx).

The output is committed and shipped as package data ``dvtemplate.templates``; a test
rebuilds into a temporary folder and compares the document XML, so the committed
files never drift from this script.
"""
from __future__ import annotations

import sys
from pathlib import Path

if __package__ in (None, ""):  # run as a script from a checkout
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    __package__ = "templates"

from .parts import body_blocks, closing_block, draft_mark, header_block, new_document, save, title_block  # noqa: E402

__all__ = ["build_plan", "BUILDERS", "build_all"]


def build_plan(path: Path) -> None:
    """Kế hoạch: header, KẾ HOẠCH + trích yếu, body blocks, closing block."""
    doc = new_document()
    draft_mark(doc)
    header_block(doc)
    title_block(doc, "KẾ HOẠCH")
    body_blocks(doc)
    closing_block(doc)
    save(doc, path)


BUILDERS = {"plan": build_plan}
"""Document kind → builder. Other kinds register themselves here."""


def build_all(outdir: Path) -> list[Path]:
    """Build every registered template into *outdir*; returns the files written."""
    _register_optional()
    written = []
    for kind, builder in BUILDERS.items():
        target = outdir / f"{kind}.docx"
        builder(target)
        written.append(target)
    return written


def _register_optional() -> None:
    """Kinds defined in sibling modules (letter, report) add their builders when present."""
    import importlib

    for name in ("build_letter", "build_report"):
        try:
            module = importlib.import_module(f"{__package__}.{name}")
        except ModuleNotFoundError:
            continue
        BUILDERS.update(getattr(module, "BUILDERS", {}))


if __name__ == "__main__":
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent
    for written in build_all(out):
        print(written)
