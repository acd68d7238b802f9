"""The PAdES signature (pyHanko) with its appearance in the Nghị định 30 layout.

- The signer's own signature: the signer's image centred between the position title and the
  name, the seal over its left third (:mod:`.layout`), drawn as one transparent image in the
  signature field's appearance (PDF/A-2 allows soft masks).
- A copy or an attachment sent as a separate file: no image, a text block at the top right of
  page 1 in Times New Roman 10 pt (or the same-metric Liberation Serif, which has the Vietnamese
  letters), embedded as a subset so the signed file stays PDF/A.

PAdES B-B; B-T when a timestamp server is given. The key comes from a PKCS#12 file (.p12/.pfx)
or a PKCS#11 token (pyHanko's PKCS#11 support, with python-pkcs11); nothing about it is kept.
The signature is an incremental update: the PDF/A file's bytes, markers and metadata stay.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import logging
import os
from dataclasses import dataclass
from pathlib import Path

from .. import limits
from ..errors import InputError, ToolMissingError
from ..vn.nd30 import COPY_FORMS, FONT
from ..vn.nd30 import SIGNATURE_LAYOUT as RULE
from .layout import Box, compose, find_signer_block, load_png, signature_boxes, stamp_box

__all__ = ["SignRequest", "STAMP_FONT_ENV", "stamp_font_file", "stamp_text", "load_p12", "sign_pdf", "vietnam_now"]

STAMP_FONT_ENV = "DVTEMPLATE_STAMP_FONT"
_FONT_FILES = (
    r"C:\Windows\Fonts\times.ttf",
    f"/Library/Fonts/{FONT}.ttf",
    f"/System/Library/Fonts/Supplemental/{FONT}.ttf",
    "/usr/share/fonts/truetype/msttcorefonts/Times_New_Roman.ttf",
    "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf",
    "/usr/share/fonts/liberation-serif/LiberationSerif-Regular.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf",
)
_PROBE = "ếộỹĐ"
_PAD = 2.0


@dataclass
class SignRequest:
    """What to sign and how it should look."""

    pdf: Path
    signature_image: Path | None = None
    seal_image: Path | None = None
    seal_mm: float | None = None
    copy_form: str | None = None
    """``sao-y``, ``sao-luc`` or ``trich-sao`` for a copy (text block, no image)."""
    attachment: bool = False
    """An attachment sent as a separate file (text block, no image)."""
    signer_title: str = ""
    signer_name: str = ""
    number_symbol: str = ""
    agency: str = ""
    location: str = ""
    timestamp_url: str | None = None


def vietnam_now() -> dt.datetime:
    return dt.datetime.now(dt.timezone(dt.timedelta(hours=RULE.utc_offset_hours))).replace(microsecond=0)


def _has_vietnamese(path: str) -> bool:
    try:
        from fontTools.ttLib import TTFont

        with TTFont(path, lazy=True) as font:
            cmap = font.getBestCmap() or {}
        return all(ord(ch) in cmap for ch in _PROBE)
    except Exception:  # a broken or unreadable font file is simply not a candidate
        return False


def stamp_font_file() -> str:
    """A Times New Roman (or same-metric) .ttf with the Vietnamese letters, to embed in the text block."""
    wanted = os.environ.get(STAMP_FONT_ENV, "").strip()
    for path in ([wanted] if wanted else []) + list(_FONT_FILES):
        if os.path.isfile(path) and _has_vietnamese(path):
            return path
    raise ToolMissingError(
        f"Không tìm thấy phông {FONT} (hoặc Liberation Serif) có đủ chữ tiếng Việt để ghi khối thông tin chữ ký.",
        hint=f"Cài gói fonts-liberation2, hoặc đặt biến môi trường {STAMP_FONT_ENV} là đường dẫn tệp .ttf.",
    )


@functools.lru_cache(maxsize=4)
def _font_1000(path: str) -> tuple[bytes, dict[int, int]]:
    """The font rescaled to 1000 units per em, and its advance widths by code point.

    pyHanko writes glyph widths (``/W``) and kerning in the font's own units, which PDF reads as
    thousandths of an em: right for 1000-unit fonts, spread out for the 2048-unit TrueType faces
    (Times New Roman, Liberation Serif). A rescaled copy makes both agree.
    """
    from fontTools.ttLib import TTFont
    from fontTools.ttLib.scaleUpem import scale_upem

    logging.getLogger("fontTools").setLevel(logging.ERROR)
    with TTFont(path) as font:
        if font["head"].unitsPerEm != 1000:
            scale_upem(font, 1000)
        buf = io.BytesIO()
        font.save(buf)
        hmtx = font["hmtx"]
        widths = {cp: hmtx[name][0] for cp, name in (font.getBestCmap() or {}).items()}
    return buf.getvalue(), widths


def _text_width(text: str, widths: dict[int, int], size: float) -> float:
    return max((sum(widths.get(ord(ch), 500) for ch in line) * size / 1000 for line in text.split("\n")), default=0)


def _font_factory(path: str):
    from pyhanko.pdf_utils.font.opentype import GlyphAccumulator, GlyphAccumulatorFactory

    class _Scaled(GlyphAccumulatorFactory):
        def create_font_engine(self, writer, obj_stream=None):
            data, _widths = _font_1000(self.font_file)
            if obj_stream is None and writer.stream_xrefs and self.create_objstream_if_needed:
                obj_stream = writer.prepare_object_stream()
            return GlyphAccumulator(
                writer=writer, font_handle=io.BytesIO(data), font_size=self.font_size, obj_stream=obj_stream
            )

    return _Scaled(path, font_size=RULE.stamp_pt)


def stamp_text(req: SignRequest, when: dt.datetime) -> str:
    """The text block of a copy (form of copy, copying agency, time) or an attachment (number, time)."""
    time = when.isoformat(timespec="seconds")
    if req.copy_form:
        lines = [COPY_FORMS[req.copy_form], req.agency, time]
    else:
        lines = [req.number_symbol, time]
    return "\n".join(line for line in lines if line)


def _read_pdf(path: Path) -> bytes:
    from ..reading import read_input

    data = read_input(path, limits.MAX_PDF_BYTES, "tệp PDF")
    if data.lstrip()[:5] != b"%PDF-":
        raise InputError(f"Tệp '{path.name}' không phải tệp PDF.")
    return data


def load_p12(path: str | Path, password: bytes | None):
    """A pyHanko signer from a PKCS#12 file; InputError (Vietnamese) for a missing file or a wrong password."""
    from cryptography.hazmat.primitives.serialization import pkcs12
    from pyhanko.sign import signers

    from ..reading import read_input

    p = Path(path)
    if not p.is_file():
        raise InputError(f"Không tìm thấy tệp chứng thư số '{p}'.")
    data = read_input(p, limits.MAX_IMAGE_BYTES, "tệp chứng thư số")
    try:
        key, cert, _others = pkcs12.load_key_and_certificates(data, password)
    except ValueError:
        raise InputError(
            f"Không mở được tệp chứng thư số '{p.name}': sai mật khẩu, hoặc tệp không phải PKCS#12 (.p12, .pfx).",
            hint="Kiểm tra mật khẩu (biến môi trường đã chỉ định) và tệp chứng thư số.",
        ) from None
    if key is None or cert is None:
        raise InputError(f"Tệp '{p.name}' không chứa khóa bí mật và chứng thư số đi kèm.")
    signer = signers.SimpleSigner.load_pkcs12(str(p), passphrase=password)
    if signer is None:  # pragma: no cover - cryptography read it, pyHanko should too
        raise InputError(f"pyHanko không đọc được tệp chứng thư số '{p.name}'.")
    return signer


def load_pkcs11(lib: str, slot: int | None, pin: str | None, key_label: str | None):  # pragma: no cover - needs a token
    """A pyHanko signer on a PKCS#11 token (USB token of the Ban Cơ yếu or a CA)."""
    try:
        from pyhanko.sign import pkcs11 as p11
    except ImportError:
        raise ToolMissingError(
            "Ký bằng USB token cần gói python-pkcs11.", hint="pip install 'pyhanko[pkcs11]'"
        ) from None
    try:
        session = p11.open_pkcs11_session(lib, slot_no=slot, user_pin=pin)
    except Exception as exc:
        raise InputError(f"Không mở được USB token qua thư viện '{lib}' ({type(exc).__name__}: {exc}).") from None
    return p11.PKCS11Signer(session, key_label=key_label, cert_label=key_label)


def _field_name(reader) -> str:
    from pyhanko.sign.fields import enumerate_sig_fields

    taken = {name for name, _value, _ref in enumerate_sig_fields(reader)}
    n = 1
    while f"ChuKy{n}" in taken:
        n += 1
    return f"ChuKy{n}"


def _appearance(req: SignRequest, reader, when: dt.datetime) -> tuple[int, Box, object]:
    """(page, field box, stamp style) for the request."""
    from pyhanko.pdf_utils.images import PdfImage
    from pyhanko.pdf_utils.layout import AxisAlignment, InnerScaling, Margins, SimpleBoxLayoutRule
    from pyhanko.pdf_utils.text import DEFAULT_TEXT_BOX_MARGIN, TextBoxStyle
    from pyhanko.stamp import StaticStampStyle, TextStampStyle

    if req.copy_form or req.attachment:
        font = stamp_font_file()
        text = stamp_text(req, when)
        leading = round(RULE.stamp_pt * 1.2)
        width = _text_width(text, _font_1000(font)[1], RULE.stamp_pt) + 2 * _PAD
        height = (text.count("\n") + 1) * leading + 2 * _PAD
        box = stamp_box(_page_box(reader, 0), width, height, inset=DEFAULT_TEXT_BOX_MARGIN - _PAD)
        style = TextStampStyle(
            stamp_text=text.replace("%", "%%"),
            text_box_style=TextBoxStyle(font=_font_factory(font), font_size=RULE.stamp_pt, leading=leading),
            inner_content_layout=SimpleBoxLayoutRule(
                x_align=AxisAlignment.ALIGN_MAX,
                y_align=AxisAlignment.ALIGN_MAX,
                margins=Margins.uniform(0),
                inner_content_scaling=InnerScaling.NO_SCALING,
            ),
            border_width=0,
            background=None,
        )
        return 0, box, style
    if req.signature_image is None:
        raise InputError("Cần ảnh chữ ký (tệp PNG nền trong suốt) để ký văn bản.", field="signature_image")
    signature = load_png(req.signature_image, "chữ ký")
    seal = load_png(req.seal_image, "con dấu") if req.seal_image else None
    block = find_signer_block(req.pdf, title=req.signer_title, name=req.signer_name)
    sig_box, seal_box = signature_boxes(block, signature, seal, seal_mm=req.seal_mm)
    whole, png = _composed(req.signature_image, req.seal_image, sig_box, seal_box)
    style = StaticStampStyle(
        background=PdfImage(png),
        background_layout=SimpleBoxLayoutRule(
            x_align=AxisAlignment.ALIGN_MID,
            y_align=AxisAlignment.ALIGN_MID,
            margins=Margins.uniform(0),
            inner_content_scaling=InnerScaling.STRETCH_FILL,
        ),
        border_width=0,
        background_opacity=1.0,
    )
    return block.page, whole, style


def _composed(sig_path: Path, seal_path: Path | None, sig_box: Box, seal_box: Box | None):
    """The composed appearance image: made once per image files and page position (a batch of forms
    signed by one person mostly repeats both), then reused."""
    sizes = (round(sig_box.width, 2), round(sig_box.height, 2))
    seal_key = (str(seal_path), round(seal_box.width, 2), round(seal_box.height, 2)) if seal_box and seal_path else None
    offset = (round(seal_box.x0 - sig_box.x0, 2), round(seal_box.y0 - sig_box.y0, 2)) if seal_box else None
    whole_rel, image = _compose_cached(str(sig_path), sizes, seal_key, offset, _mtimes(sig_path, seal_path))
    x0, y0 = (
        min(sig_box.x0, seal_box.x0 if seal_box else sig_box.x0),
        min(sig_box.y0, seal_box.y0 if seal_box else sig_box.y0),
    )
    return Box(x0, y0, x0 + whole_rel[0], y0 + whole_rel[1]), image


def _mtimes(*paths: Path | None) -> tuple:
    return tuple(os.stat(p).st_mtime_ns if p else 0 for p in paths)


@functools.lru_cache(maxsize=32)
def _compose_cached(sig_path: str, sizes: tuple, seal_key: tuple | None, offset: tuple | None, _mtimes: tuple):
    from PIL import Image

    signature = load_png(sig_path, "chữ ký")
    sig_box = Box(0, 0, sizes[0], sizes[1])
    seal = seal_box = None
    if seal_key is not None and offset is not None:
        seal = load_png(seal_key[0], "con dấu")
        seal_box = Box(offset[0], offset[1], offset[0] + seal_key[1], offset[1] + seal_key[2])
    whole, png = compose(sig_box, signature, seal_box, seal)
    return (whole.width, whole.height), Image.open(io.BytesIO(png))


def _page_box(reader, index: int) -> Box:
    page_ref, _resources = reader.find_page_for_modification(index)
    x0, y0, x1, y1 = (float(v) for v in page_ref.get_object()["/MediaBox"])
    return Box(x0, y0, x1, y1)


def sign_pdf(req: SignRequest, signer, out: Path) -> Path:
    """Sign ``req.pdf`` with *signer* (from :func:`load_p12` or :func:`load_pkcs11`) into *out*, atomically."""
    try:
        return _sign_pdf(req, signer, out)
    except RecursionError:  # objects nested thousands deep: pyHanko and pdfminer read them recursively
        raise InputError(f"Tệp '{req.pdf.name}' có cấu trúc lồng nhau quá sâu: không phải PDF bình thường.") from None


def _sign_pdf(req: SignRequest, signer, out: Path) -> Path:
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.pdf_utils.misc import PdfReadError
    from pyhanko.sign import fields, signers, timestamps

    from ..output import write_atomic

    data = _read_pdf(req.pdf)
    try:
        writer = IncrementalPdfFileWriter(io.BytesIO(data), strict=False)
    except (PdfReadError, ValueError, KeyError, IndexError) as exc:
        raise InputError(f"Tệp '{req.pdf.name}' không phải PDF đọc được ({type(exc).__name__}).") from None
    if writer.prev.encrypted:
        raise InputError(f"Tệp '{req.pdf.name}' là PDF có mật khẩu: không ký được.")
    when = vietnam_now()
    page, box, style = _appearance(req, writer.prev, when)
    name = _field_name(writer.prev)
    meta = signers.PdfSignatureMetadata(
        field_name=name,
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        location=req.location or None,
    )
    pdf_signer = signers.PdfSigner(
        meta,
        signer,
        timestamper=timestamps.HTTPTimeStamper(req.timestamp_url) if req.timestamp_url else None,
        stamp_style=style,
        new_field_spec=fields.SigFieldSpec(sig_field_name=name, on_page=page, box=box.tuple()),
    )
    buf = io.BytesIO()
    try:
        pdf_signer.sign_pdf(writer, output=buf)
    except timestamps.TimestampRequestError as exc:
        raise ToolMissingError(
            f"Máy chủ dấu thời gian '{req.timestamp_url}' không cấp được dấu thời gian ({exc}). Chưa ký tệp nào.",
            hint="Kiểm tra địa chỉ máy chủ và kết nối mạng, hoặc ký không dùng máy chủ dấu thời gian (PAdES B-B).",
            field="timestamp",
        ) from None
    return write_atomic(out, lambda handle: handle.write(buf.getvalue()))
