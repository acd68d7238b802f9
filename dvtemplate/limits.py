"""Every limit dvtemplate puts on untrusted input and on rendering, in one place, each with its reason.

Readers and the renderer import these names; the README's "Giới hạn" table lists them.
A limit exceeded is an :class:`~dvtemplate.errors.InputError` (or, while rendering a
template, a :class:`~dvtemplate.errors.TemplateError`), exit 2, naming the limit.
"""

from __future__ import annotations

__all__ = [
    "MAX_DOCX_BYTES",
    "MAX_UNPACKED_BYTES",
    "MAX_UNPACK_SECONDS",
    "MAX_PARTS",
    "MAX_PART_BYTES",
    "MAX_PARAGRAPHS",
    "MAX_TEXT_CHARS",
    "MAX_XML_TEXT_BYTES",
    "MAX_ARCHIVE_BYTES",
    "MAX_ARCHIVE_MEMBERS",
    "MAX_FIGURE_DIGITS",
    "MAX_REPLY_COMMENTS",
    "MAX_REPLY_CHARS",
    "MAX_INPUT_FILES",
    "MAX_YAML_BYTES",
    "MAX_YAML_NODES",
    "MAX_YAML_EXPANDED_CHARS",
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
    "MAX_UPLOAD_BYTES",
    "MAX_UPLOAD_FILES",
    "MAX_ANSWERS",
    "MAX_ANSWER_CHARS",
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
MAX_UNPACK_SECONDS = 10.0
"""Wall-clock time to unpack the parts read from one .docx or template: 200 MB inflate in about a second.
No compression ratio is checked: an honest table of the same text compresses hundreds of times."""
MAX_PARTS = 2000
"""A real .docx has 10–60 parts; thousands of entries is a crafted archive."""
MAX_PART_BYTES = 64 * 1024 * 1024
"""One XML part, uncompressed: document.xml of a 300-page plan is about 5 MB."""
MAX_PARAGRAPHS = 200_000
"""Paragraphs (body, tables, headers, footnotes) read from one file: about 5,000 pages."""
MAX_TEXT_CHARS = 20_000_000
"""Characters of text read from one file."""
MAX_XML_TEXT_BYTES = 10_000_000
"""One text or attribute value in one XML part (libxml2's own bound without huge-tree mode, which stays off)."""
MAX_ARCHIVE_BYTES = 500 * 1024 * 1024
"""A .zip of returned forms or replies (what a clerk downloads from the mail)."""
MAX_ARCHIVE_MEMBERS = 10_000
"""Files inside such a .zip: 3,300 units with a few files each."""
MAX_FIGURE_DIGITS = 20
"""Digits of one figure typed into a returned form: a national budget in đồng has 16; Excel keeps 15 exactly."""
MAX_REPLY_COMMENTS = 1_000
"""Comments read from one reply letter (``comments``): a sở sends 1–30; more is listed as too large, not aggregated."""
MAX_REPLY_CHARS = 500_000
"""Characters of all comments of one reply: about 150 pages; the bản tổng hợp repeats every one of them."""
MAX_INPUT_FILES = 50_000
"""Files and folders under the INPUTs of ``collect`` or ``comments``: 3,300 units with a few files each, many times over."""

# --------------------------------------------------------------------------- the YAML plan
MAX_YAML_BYTES = 2 * 1024 * 1024
"""A plan is 10–60 kB of YAML; the round-trip parser needs about 100 bytes of memory per byte read."""
MAX_YAML_NODES = 50_000
"""Values in the plan once anchors/aliases (``&a`` … ``*a``) are expanded: a real plan has a few thousand."""
MAX_YAML_EXPANDED_CHARS = 4_000_000
"""Characters of all keys and values once aliases are expanded: a plan without aliases is at most
MAX_YAML_BYTES; one long text aliased thousands of times would be gigabytes after the parser."""
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


# --------------------------------------------------------------------------- the local web page (serve)
MAX_UPLOAD_BYTES = 20 * 1024 * 1024
"""One request's body on the local page (an uploaded plan, form, reply or .zip of them)."""
MAX_UPLOAD_FILES = 300
"""Files in one upload of returned forms or reply letters (a folder goes as one .zip)."""
MAX_ANSWERS = 5000
"""Answers (tiếp thu / giải trình) saved from the page at once; a round has a few hundred comments."""
MAX_ANSWER_CHARS = 4000
"""One answer's choice or reason typed on the page."""

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
