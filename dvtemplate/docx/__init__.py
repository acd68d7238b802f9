"""The one reader of untrusted .docx files (forms, letters, old plans).

- :mod:`.package`: the safe opener, every limit from :mod:`dvtemplate.limits`;
- :mod:`.ns`, :mod:`.styles`: WordprocessingML names and the effective-style sheet;
- :mod:`.numbering`: the list number Word displays (numbering.xml);
- :mod:`.paragraphs`: the one paragraph model (:class:`Para`, :class:`Run`);
- :mod:`.document`: one walk over a file: paragraphs in reading order (table cells included),
  sections, header/footer parts, footnotes, content controls, tracked changes;
- :mod:`.frame`: the one frame finder (header table or loose lines, Quốc hiệu, issuer, Số and
  date lines, title, Kính gửi, Nơi nhận, signer);
- :mod:`.archive`: members of a .zip of returned files, in memory, within the archive limits;
- :mod:`.controls`: a quick scan of content controls only (document.xml, no styles).

``check``, ``importer``, ``collect`` and ``comments`` read files through here
and parse no XML of their own.
"""

from __future__ import annotations

from .archive import ArchiveMember, archive_members
from .controls import ControlScan, QuickControl, scan_controls
from .document import Control, Document, HeaderPart, Section, read_document
from .frame import (
    Components,
    detect_kind,
    document_starts,
    find_components,
    is_title,
    is_upper,
    lower_unaccented,
    title_line,
)
from .header import Header, is_draft_mark, parse_header
from .package import OLE2_MAGIC, Package, ZipGate, open_package
from .paragraphs import Para, Run

__all__ = [
    "OLE2_MAGIC",
    "ZipGate",
    "Header",
    "parse_header",
    "is_draft_mark",
    "detect_kind",
    "document_starts",
    "lower_unaccented",
    "is_title",
    "is_upper",
    "title_line",
    "ArchiveMember",
    "archive_members",
    "Package",
    "open_package",
    "Document",
    "HeaderPart",
    "Section",
    "read_document",
    "Para",
    "Run",
    "Control",
    "Components",
    "find_components",
    "ControlScan",
    "QuickControl",
    "scan_controls",
]
