"""Private-use characters that carry structure through Jinja into the OOXML post-processor.

User text can never contain them (``vn.clean_text`` drops the private-use area
at load time), so a marker in the rendered XML was put there by a context.
"""

from __future__ import annotations

__all__ = ["FOOTNOTE_OPEN", "FOOTNOTE_CLOSE", "MERGE_FIRST", "MERGE_NEXT", "footnote_marker"]

FOOTNOTE_OPEN = "\ue000"
FOOTNOTE_CLOSE = "\ue001"
MERGE_FIRST = "\ue002"
"""At the start of a table cell's text: the first cell of a vertical merge (the rows below continue it)."""
MERGE_NEXT = "\ue003"
"""A table cell's whole text: the cell continues the vertical merge above it (its text is dropped)."""


def footnote_marker(number: int) -> str:
    """The marker the post-processor turns into a real Word footnote reference *number*."""
    return f"{FOOTNOTE_OPEN}{number}{FOOTNOTE_CLOSE}"
