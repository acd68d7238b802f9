"""Electronic issuance: PDF/A-2b output and signing in the Nghị định 30 layout (pyHanko).

- :mod:`.docinfo`: what a document we wrote says about itself (issuer, number, date, trích yếu, signer);
- :mod:`.pdfa`: the document's metadata in the PDF/A file, and the read-back check;
- :mod:`.layout`: where the signature, seal and text stamp go, from the signer block found in the PDF;
- :mod:`.signing`: the PAdES signature (B-B, or B-T with a timestamp server).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ..errors import DvtemplateError, InputError, OutputError
from .docinfo import DocInfo, read_docinfo
from .pdfa import PdfaReport, inspect_pdfa, write_metadata
from .signing import SignRequest, load_p12, load_pkcs11, sign_pdf

__all__ = [
    "DocInfo",
    "read_docinfo",
    "PdfaReport",
    "inspect_pdfa",
    "write_metadata",
    "export_pdfa",
    "SignRequest",
    "load_p12",
    "load_pkcs11",
    "sign_pdf",
    "sign_file",
]


def export_pdfa(docx_paths: Sequence[Path], *, jobs: int = 1) -> list[Path]:
    """Convert .docx files to PDF/A-2b beside them and give each PDF its document's metadata.

    A .docx whose frame cannot be read (an office's own template) keeps LibreOffice's metadata.
    """
    from concurrent.futures import ThreadPoolExecutor

    from ..pdf import convert_to_pdf

    pdfs = convert_to_pdf(docx_paths, jobs=jobs, pdfa=True)
    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        list(pool.map(_give_metadata, docx_paths, pdfs))  # about 25 ms a file: read the .docx, rewrite the PDF
    return pdfs


def _give_metadata(docx: Path, pdf: Path) -> None:
    try:
        info = read_docinfo(docx)
    except DvtemplateError:
        return
    write_metadata(pdf, info)


def _request_from(pdf: Path, docx: Path | None, **fields) -> SignRequest:
    """The request for *pdf*; the signer's lines, number and agency from its .docx (given, or beside it)."""
    req = SignRequest(
        pdf=pdf, **{k: v for k, v in fields.items() if v is not None and k in SignRequest.__dataclass_fields__}
    )
    source = docx or pdf.with_suffix(".docx")
    if docx is not None and not docx.is_file():
        raise InputError(f"Không tìm thấy tệp Word '{docx}' của văn bản.", field="docx")
    if source.is_file():
        info = read_docinfo(source)
        req.signer_title = req.signer_title or info.signer_title
        req.signer_name = req.signer_name or info.signer_name
        req.number_symbol = req.number_symbol or info.number_symbol
        req.agency = req.agency or info.issuer
        req.location = req.location or info.place
    return req


def sign_file(
    pdf: str | Path,
    out: str | Path,
    *,
    signer,
    docx: str | Path | None = None,
    force: bool = False,
    **fields,
) -> Path:
    """Sign *pdf* into *out* with *signer* (:func:`load_p12` or :func:`load_pkcs11`).

    ``fields`` are :class:`SignRequest` fields (signature_image, seal_image, copy_form, attachment,
    timestamp_url…); the rest comes from the document's .docx (*docx*, or the .docx beside the PDF).
    """
    from ..output import check_free

    src, target = Path(pdf), Path(out)
    if target.resolve() == src.resolve():
        raise OutputError("Tệp đã ký phải khác tệp gốc (tệp gốc giữ nguyên).", field="output")
    check_free([target], force)
    if not target.parent.is_dir():
        raise OutputError(f"Không có thư mục '{target.parent}' để ghi tệp đã ký.", field="output")
    req = _request_from(src, Path(docx) if docx else None, **fields)
    return sign_pdf(req, signer, target)
