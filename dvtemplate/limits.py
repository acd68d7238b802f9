"""Every limit dvtemplate puts on untrusted input and on rendering, in one place, each with its reason.

Readers and the renderer import these names; the README's "Giới hạn" table lists them.
A limit exceeded is an :class:`~dvtemplate.errors.InputError` (or, while rendering a
template, a :class:`~dvtemplate.errors.TemplateError`), exit 2, naming the limit.
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
    "MAX_YAML_BYTES",
    "MAX_YAML_NODES",
    "MAX_YAML_DEPTH",
    "MAX_UNITS_BYTES",
    "MAX_UNITS_UNPACKED_BYTES",
    "MAX_UNITS",
    "MAX_UNIT_COLUMNS",
    "MAX_CSV_FIELD_CHARS",
    "MAX_TEMPLATE_BYTES",
    "MAX_RENDER_CHARS",
    "MAX_STRING_CHARS",
    "MAX_LIST_ITEMS",
    "MAX_RANGE",
    "MAX_LOOP_ITERATIONS",
    "MAX_CALLS",
    "MAX_CALL_DEPTH",
    "MAX_INT_BITS",
    "MAX_FORMAT_WIDTH",
    "MAX_RENDER_SECONDS",
    "MAX_PDF_BYTES",
    "MAX_IMAGE_BYTES",
    "MAX_IMAGE_PIXELS",
    "MAX_PDF_PAGE_CONTENT_BYTES",
]

# --------------------------------------------------------------------------- untrusted .docx (check, import)
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

# --------------------------------------------------------------------------- the YAML plan
MAX_YAML_BYTES = 2 * 1024 * 1024
"""A plan is 10–60 kB of YAML; the round-trip parser needs about 100 bytes of memory per byte read."""
MAX_YAML_NODES = 50_000
"""Values in the plan once anchors/aliases (``&a`` … ``*a``) are expanded: a real plan has a few thousand."""
MAX_YAML_DEPTH = 64
"""Nested ``[`` / ``{`` in the YAML text: a plan nests five levels; the parser slows quadratically with depth."""

# --------------------------------------------------------------------------- the units list (.csv, .xlsx)
MAX_UNITS_BYTES = 20 * 1024 * 1024
"""A list of every commune in the country with all columns is under 2 MB."""
MAX_UNITS_UNPACKED_BYTES = 100 * 1024 * 1024
"""An .xlsx unpacked (sheets and shared strings): openpyxl holds the shared strings in memory."""
MAX_UNITS = 20_000
"""Units in one list: the country has about 3,300 xã/phường/đặc khu and 34 tỉnh; a batch writes one file each."""
MAX_UNIT_COLUMNS = 64
"""Columns read from a units sheet; dvtemplate reads seven, the rest are ignored."""
MAX_CSV_FIELD_CHARS = 64 * 1024
"""One cell of a .csv: a unit's name or address is a line, not a book."""

# --------------------------------------------------------------------------- templates and rendering
MAX_TEMPLATE_BYTES = MAX_DOCX_BYTES
"""A template (.docx) file; the built-in ones are about 40 kB."""
MAX_RENDER_CHARS = 20_000_000
"""Characters one document may output while rendering (all parts, captured blocks and macros counted)."""
MAX_STRING_CHARS = 1_000_000
"""Longest string a template may build with ``*``, ``+``, ``~``, ``join``, ``center``, ``format``…"""
MAX_LIST_ITEMS = 100_000
"""Longest list a template may build with ``*`` or ``+``."""
MAX_RANGE = 10_000
"""Items of one ``range(…)`` in a template."""
MAX_LOOP_ITERATIONS = 1_000_000
"""``{% for %}`` iterations in one document, nested loops counted in full; a plan needs a few thousand."""
MAX_CALLS = 200_000
"""Macro, method and function calls in one document."""
MAX_CALL_DEPTH = 64
"""Nesting of macro calls (a recursive macro): sections nest four levels deep."""
MAX_INT_BITS = 4096
"""Size of an integer a template may compute with ``*`` or ``**`` (about 1,200 digits)."""
MAX_FORMAT_WIDTH = 1000
"""Width or precision in ``'%1000d'``, ``'{:>1000}'.format`` and the ``format`` filter."""
MAX_RENDER_SECONDS = 30.0
"""Wall-clock time to render one document; the built-in templates take milliseconds."""

# --------------------------------------------------------------------------- electronic issuance (sign, edxml)
MAX_PDF_BYTES = 100 * 1024 * 1024
"""A PDF to sign or to put in an edXML package; a signed plan is well under 1 MB."""
MAX_IMAGE_BYTES = 10 * 1024 * 1024
"""A signature or seal image (.png); a scan at 600 dpi is a few hundred kB."""
MAX_IMAGE_PIXELS = 40_000_000
"""Pixels of a signature or seal image (about 6,300 × 6,300), checked before decoding."""
MAX_PDF_PAGE_CONTENT_BYTES = 4 * 1024 * 1024
"""Drawing instructions of one page, decompressed, read to find the signer block; a page of text is 10–50 kB
(a compressed stream that inflates past this is refused before it is inflated further)."""
