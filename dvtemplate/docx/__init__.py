"""The one reader of untrusted .docx files (forms, letters, old plans).

- :mod:`.package`: the safe opener, every limit from :mod:`dvtemplate.limits`;
- :mod:`.ns`, :mod:`.styles`: WordprocessingML names and the effective-style sheet;
- :mod:`.archive`: members of a .zip of returned files, in memory, within the archive limits;
- :mod:`.controls`: a quick scan of content controls only (document.xml, no styles);
- :mod:`.blocks`: paragraphs in reading order (table cells included) with runs,
  footnotes, content controls and tracked changes (the importer's view);
- :mod:`.formatted`: paragraphs with effective formatting (sizes, fonts, indents,
  borders), sections and header/footer parts (the checker's view);
- :mod:`.frame`: the frame finder over the formatted view (header table or loose
  lines, Quốc hiệu, issuer, Số and date lines, title, Kính gửi, Nơi nhận, signer).

``check``, ``importer``, ``collect`` and ``comments`` read files through here
and parse no XML of their own.
"""

from __future__ import annotations

from .archive import ArchiveMember, archive_members
from .blocks import Block, Control, Document, read_blocks
from .controls import ControlScan, QuickControl, scan_controls
from .formatted import DocxData, Para, Run, Section, read_docx
from .frame import Components, find_components
from .package import Package, open_package

__all__ = [
    "ArchiveMember",
    "archive_members",
    "Block",
    "Control",
    "Document",
    "Package",
    "open_package",
    "read_blocks",
    "DocxData",
    "Para",
    "Run",
    "Section",
    "read_docx",
    "Components",
    "find_components",
    "ControlScan",
    "QuickControl",
    "scan_controls",
]
