"""Electronic issuance: PDF/A-2b output and signing in the Nghị định 30 layout (pyHanko).

- :mod:`.docinfo`: what a document we wrote says about itself (issuer, number, date, trích yếu, signer);
- :mod:`.pdfa`: the document's metadata in the PDF/A file, and the read-back check;
- :mod:`.layout`: where the signature, seal and text stamp go, from the signer block found in the PDF;
- :mod:`.signing`: the PAdES signature (B-B, or B-T with a timestamp server).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ..errors import DvtemplateError
from .docinfo import DocInfo, read_docinfo
from .pdfa import PdfaReport, inspect_pdfa, write_metadata

__all__ = ["DocInfo", "read_docinfo", "PdfaReport", "inspect_pdfa", "write_metadata", "export_pdfa"]


def export_pdfa(docx_paths: Sequence[Path], *, jobs: int = 1) -> list[Path]:
    """Convert .docx files to PDF/A-2b beside them and give each PDF its document's metadata.

    A .docx whose frame cannot be read (an office's own template) keeps LibreOffice's metadata.
    """
    from ..pdf import convert_to_pdf

    pdfs = convert_to_pdf(docx_paths, jobs=jobs, pdfa=True)
    for docx, pdf in zip(docx_paths, pdfs, strict=True):
        try:
            info = read_docinfo(docx)
        except DvtemplateError:
            continue
        write_metadata(pdf, info)
    return pdfs
