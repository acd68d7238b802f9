"""The components the rules look at come from the frame finder in :mod:`dvtemplate.docx.frame`."""

from __future__ import annotations

from ..docx import Components, detect_kind, find_components, is_upper, title_line
from ..vn.nd30 import lower_unaccented

__all__ = ["Components", "find_components", "lower_unaccented", "is_upper", "title_line", "detect_kind", "KINDS"]

KINDS = ("auto", "plan", "letter", "report", "to_trinh", "comments_table", "form")
"""What ``check --kind`` accepts; auto looks at the title and the V/v trích yếu."""
