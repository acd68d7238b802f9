"""The one reader of untrusted .docx files (forms, letters, old plans).

- :mod:`.package`: the safe opener, every limit from :mod:`dvtemplate.limits`;
- :mod:`.ns`, :mod:`.styles`: WordprocessingML names and the effective-style sheet;
- :mod:`.archive`: members of a .zip of returned files, in memory, within the archive limits;
- :mod:`.controls`: a quick scan of content controls only (document.xml, no styles);
- :mod:`.blocks`: paragraphs in reading order (table cells included) with runs,
  footnotes, content controls and tracked changes.

``check``, ``importer``, ``collect`` and ``comments`` read files through here
and parse no XML of their own.
"""

from __future__ import annotations

from .archive import ArchiveMember, archive_members
from .blocks import Block, Control, Document, read_blocks
from .controls import ControlScan, QuickControl, scan_controls
from .package import Package, open_package

__all__ = [
    "ArchiveMember",
    "archive_members",
    "Block",
    "ControlScan",
    "QuickControl",
    "scan_controls",
    "Control",
    "Document",
    "Package",
    "open_package",
    "read_blocks",
]
