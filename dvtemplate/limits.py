"""Every limit dvtemplate puts on untrusted input, in one place, each with its reason.

Readers and the renderer import these names; the README's "Giới hạn" table lists them.
A limit exceeded is an :class:`~dvtemplate.errors.InputError` (exit 2) naming the limit.
"""

from __future__ import annotations

__all__ = [
    "MAX_DOCX_BYTES",
    "MAX_UNPACKED_BYTES",
    "MAX_RATIO",
    "RATIO_MIN_BYTES",
    "MAX_PARTS",
    "MAX_PART_BYTES",
    "MAX_PARAGRAPHS",
    "MAX_TEXT_CHARS",
    "MAX_ARCHIVE_BYTES",
    "MAX_ARCHIVE_MEMBERS",
]

MAX_DOCX_BYTES = 20 * 1024 * 1024
"""A Kế hoạch or a filled report is a few hundred kB even with pictures; 20 MB is generous."""
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
"""All parts of one .docx together, uncompressed."""
MAX_RATIO = 200
"""Word's XML compresses 5–20×; a member over RATIO_MIN_BYTES compressed more is a crafted archive."""
RATIO_MIN_BYTES = 1024 * 1024
"""Small members may compress very well (a run of spaces); the ratio is checked above this size."""
MAX_PARTS = 2000
"""A real .docx has 10–60 parts; thousands of entries is a crafted archive."""
MAX_PART_BYTES = 64 * 1024 * 1024
"""One XML part, uncompressed: document.xml of a 300-page plan is about 5 MB."""
MAX_PARAGRAPHS = 200_000
"""Paragraphs (body, tables, headers, footnotes) read from one file: about 5,000 pages."""
MAX_TEXT_CHARS = 20_000_000
"""Characters of text read from one file."""
MAX_ARCHIVE_BYTES = 500 * 1024 * 1024
"""A .zip of returned forms or replies (what a clerk downloads from the mail)."""
MAX_ARCHIVE_MEMBERS = 10_000
"""Files inside such a .zip: 3,300 units with a few files each."""
