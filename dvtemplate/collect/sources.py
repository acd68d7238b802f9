"""The INPUTs of ``collect``: the shared gathering of :mod:`dvtemplate.returns.inputs`, keeping form files.

Only files that could be a returned form are considered (.docx and what people
send instead of one: .doc, .pdf, .odt, .rtf…); other files (a manifest, a
picture) are skipped and counted.
"""

from __future__ import annotations

from pathlib import Path

from ..returns import Source, gather, load_bytes

__all__ = ["Source", "gather_sources", "load_bytes", "FORM_SUFFIXES"]

FORM_SUFFIXES = (".docx", ".docm", ".dotx", ".doc", ".pdf", ".odt", ".rtf", ".wps")


def _wanted(name: str) -> bool:
    return name.rsplit("/", 1)[-1].lower().endswith(FORM_SUFFIXES)


def gather_sources(inputs: list[str | Path]) -> tuple[list[Source], int]:
    """Every candidate form of *inputs* (in the order given, folders sorted) and how many files were skipped."""
    return gather(inputs, _wanted)
