"""PDF/A-2b: LibreOffice's export filter, the document's own metadata in XMP, and a check.

LibreOffice writes the PDF/A-2b file (``SelectPdfVersion`` 2: every font embedded as a subset,
an sRGB output intent, the ``pdfaid`` markers). What it cannot know is what the document is:
:func:`write_metadata` sets the title (type and trích yếu), the author (the issuing agency), the
number and symbol (``dc:identifier``) and the date of issue (``dc:date``) in the XMP packet and
the Info dictionary together (PDF/A wants both to agree), with pikepdf, and saves in place
atomically; the Info producer is left out so that signing keeps the two in agreement. Only
properties of the predefined schemas are used, so no extension schema is needed.

:func:`inspect_pdfa` reads back what a reviewer (and the tests) check: the markers, every font
embedded (page resources, form XObjects and annotation appearances, such as a signature stamp),
no encryption, an output intent, and the metadata.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pikepdf

from ..errors import InputError, OutputError, os_reason
from .docinfo import DocInfo

__all__ = ["PdfaReport", "write_metadata", "inspect_pdfa"]


_MAX_OBJECTS = 200_000


def _open(path: Path) -> pikepdf.Pdf:
    try:
        return pikepdf.open(path)
    except pikepdf.PasswordError:
        raise InputError(f"Tệp '{path.name}' là PDF có mật khẩu: không đọc được.") from None
    except (pikepdf.PdfError, ValueError) as exc:
        raise InputError(f"Tệp '{path.name}' không phải PDF hoặc đã hỏng ({str(exc)[:120]}).") from None
    except OSError as exc:
        raise InputError(f"Không đọc được tệp '{path}' ({os_reason(exc, reading=True)}).") from None


def write_metadata(pdf_path: str | Path, info: DocInfo) -> None:
    """Put *info* into the XMP packet and Info dictionary of the PDF at *pdf_path*, keeping its PDF/A markers."""
    path = Path(pdf_path)
    with _open(path) as pdf:
        with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
            if info.title:
                meta["dc:title"] = info.title
            if info.issuer:
                meta["dc:creator"] = [info.issuer]
                meta["dc:publisher"] = [info.issuer]
            if info.subject:
                meta["dc:description"] = info.subject
            if info.number_symbol:
                meta["dc:identifier"] = info.number_symbol
            if info.date:
                meta["dc:date"] = [info.date.isoformat()]
            if info.kind:
                meta["dc:type"] = [info.kind]
            meta["dc:language"] = ["vi-VN"]
            keywords = "; ".join(x for x in (info.number_symbol, info.kind, info.place) if x)
            if keywords:
                meta["pdf:Keywords"] = keywords
        # The signer appends its name to the Info dictionary's producer but writes only its own name
        # into XMP, which would leave the two disagreeing (not PDF/A). Without an Info producer it
        # writes the same name in both; XMP keeps LibreOffice's until then.
        if "/Producer" in pdf.docinfo:
            del pdf.docinfo["/Producer"]
        fd, tmp = tempfile.mkstemp(prefix=".dvtemplate-", suffix=".pdf", dir=path.parent)
        os.close(fd)
        try:
            pdf.save(tmp)
            os.replace(tmp, path)
        except OSError as exc:
            raise OutputError(f"Không ghi được tệp PDF '{path}' ({os_reason(exc)}).") from exc
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)


@dataclass
class PdfaReport:
    part: str = ""
    conformance: str = ""
    encrypted: bool = False
    output_intents: int = 0
    fonts: dict[str, bool] = field(default_factory=dict)
    """Font name → embedded."""
    metadata: dict[str, str] = field(default_factory=dict)

    @property
    def not_embedded(self) -> list[str]:
        return sorted(name for name, emb in self.fonts.items() if not emb)

    @property
    def is_pdfa2b(self) -> bool:
        return (
            self.part == "2"
            and self.conformance.upper() == "B"
            and not self.encrypted
            and self.output_intents > 0
            and not self.not_embedded
        )


def _embedded(font: pikepdf.Dictionary) -> bool:
    if font.get("/Subtype") == "/Type3":
        return True
    if font.get("/Subtype") == "/Type0":
        font = font.DescendantFonts[0]
    desc = font.get("/FontDescriptor")
    return desc is not None and any(k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3"))


def _walk_fonts(resources, out: dict[str, bool], seen: set) -> None:
    if not isinstance(resources, pikepdf.Dictionary) or len(seen) > _MAX_OBJECTS:
        return
    for font in (resources.get("/Font") or {}).values():
        name = str(font.get("/BaseFont", "?")).lstrip("/")
        out[name] = out.get(name, True) and _embedded(font)
    for xobj in (resources.get("/XObject") or {}).values():
        key = xobj.objgen
        if key in seen or xobj.get("/Subtype") != "/Form":
            continue
        seen.add(key)
        _walk_fonts(xobj.get("/Resources"), out, seen)


def _fonts(pdf: pikepdf.Pdf) -> dict[str, bool]:
    out: dict[str, bool] = {}
    seen: set = set()
    for page in pdf.pages:
        _walk_fonts(page.obj.get("/Resources"), out, seen)
        for annot in page.obj.get("/Annots") or []:
            ap = annot.get("/AP")
            normal = ap.get("/N") if ap is not None else None
            if isinstance(normal, pikepdf.Stream):
                _walk_fonts(normal.get("/Resources"), out, seen)
    acro = pdf.Root.get("/AcroForm")
    if acro is not None:
        _walk_fonts(acro.get("/DR"), out, seen)
    return out


def inspect_pdfa(pdf_path: str | Path) -> PdfaReport:
    """What the PDF at *pdf_path* declares and holds, for the PDF/A-2b checks."""
    path = Path(pdf_path)
    with _open(path) as pdf:
        meta = pdf.open_metadata()
        report = PdfaReport(
            part=str(meta.get("pdfaid:part", "")),
            conformance=str(meta.get("pdfaid:conformance", "")),
            encrypted=pdf.is_encrypted,
            output_intents=len(pdf.Root.get("/OutputIntents") or []),
            fonts=_fonts(pdf),
        )
        for key in ("dc:title", "dc:creator", "dc:identifier", "dc:date", "dc:description"):
            value = meta.get(key)
            if value:
                report.metadata[key] = value if isinstance(value, str) else "; ".join(map(str, value))
    return report
