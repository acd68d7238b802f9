"""Where a signature's images go on the page, from the signer block found in the PDF itself.

The document was written by us, so the signer's position title and full name are known (from
the .docx, :mod:`.docinfo`); their lines are looked up in the PDF's text (pdfminer, last page
first). Without them, the signer block is the last name-like line of the right-hand column
(2–5 capitalised words, not all upper case) and the upper-case line above it.

Coordinates here are PDF points from the bottom-left corner (pdfminer's and pyHanko's).
"""

from __future__ import annotations

import functools
import io
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from .. import limits
from ..errors import InputError
from ..vn.nd30 import SIGNATURE_LAYOUT as RULE

__all__ = ["Box", "SignerBlock", "find_signer_block", "signature_boxes", "load_png", "compose", "stamp_box"]

MM = 72 / 25.4
_MAX_PAGES_SEARCHED = 5
_MAX_LINES = 2_000


@dataclass(frozen=True)
class Box:
    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.y1 - self.y0

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.y0 + self.y1) / 2

    def union(self, other: Box) -> Box:
        return Box(min(self.x0, other.x0), min(self.y0, other.y0), max(self.x1, other.x1), max(self.y1, other.y1))

    def tuple(self) -> tuple[float, float, float, float]:
        return (self.x0, self.y0, self.x1, self.y1)


@dataclass(frozen=True)
class SignerBlock:
    page: int
    """0-based page index."""
    page_box: Box
    title: Box
    """The position title's line (CHỦ TỊCH, GIÁM ĐỐC…)."""
    name: Box
    """The signer's full name."""


def _norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split()).casefold()


@dataclass(frozen=True)
class _Line:
    text: str
    box: Box


def _looks_like_name(text: str) -> bool:
    words = text.split()
    return 2 <= len(words) <= 5 and text != text.upper() and all(w[:1].isupper() and w.isalpha() for w in words)


def _pick(lines: list[_Line], width: float, title: str, name: str) -> tuple[_Line, _Line] | None:
    """The (title line, name line) pair of one page, or None."""
    if name:
        names = [ln for ln in lines if _norm(ln.text) == _norm(name)]
    else:
        names = [ln for ln in lines if ln.box.x0 > width * 0.4 and _looks_like_name(ln.text)]
    for n in sorted(names, key=lambda ln: ln.box.y0):  # lowest on the page first
        above = [
            ln for ln in lines if ln.box.y0 >= n.box.y1 - 1 and ln.box.x1 > n.box.x0 - 40 and ln.box.x0 < n.box.x1 + 40
        ]
        if title:
            above = [ln for ln in above if _norm(ln.text) == _norm(title)]
        else:
            above = [ln for ln in above if ln.text == ln.text.upper() and ln.box.x0 > width * 0.4]
        if above:
            return min(above, key=lambda ln: ln.box.y0), n
    return None


def _page_lines(page) -> list[_Line]:
    from pdfminer.layout import LTTextContainer, LTTextLine

    out: list[_Line] = []
    for item in page:
        if not isinstance(item, LTTextContainer):
            continue
        for line in item if not isinstance(item, LTTextLine) else [item]:
            if isinstance(line, LTTextLine) and len(out) < _MAX_LINES:
                text = " ".join(line.get_text().split())
                if text:
                    out.append(_Line(unicodedata.normalize("NFC", text), Box(*line.bbox)))
    return out


def _content_bytes(stream, budget: int, name: str) -> int:
    """Decompressed size of one content stream, inflating no more than *budget* + 1 bytes."""
    import zlib

    import pikepdf

    filters = stream.get("/Filter")
    filters = [filters] if isinstance(filters, pikepdf.Name) else list(filters or [])
    raw = stream.read_raw_bytes()
    if not filters:
        return len(raw)
    if [str(f) for f in filters] != ["/FlateDecode"]:
        raise InputError(f"Trang của tệp '{name}' được mã hóa theo cách khác thường ({filters}): không đọc được.")
    try:
        return len(zlib.decompressobj().decompress(raw, budget + 1))
    except zlib.error:
        raise InputError(f"Tệp PDF '{name}' có phần nén bị hỏng.") from None


def _check_pages(path: Path, indexes: list[int]) -> None:
    """Refuse pages whose drawing instructions inflate past the limit, before pdfminer reads them."""
    import pikepdf

    with pikepdf.open(path) as pdf:
        for index in indexes:
            page = pdf.pages[index].obj
            contents = page.get("/Contents")
            streams = [contents] if isinstance(contents, pikepdf.Stream) else list(contents or [])
            xobjects = (page.get("/Resources") or {}).get("/XObject") or {}
            streams += [x for x in list(xobjects.values())[:_MAX_LINES] if isinstance(x, pikepdf.Stream)]
            budget = limits.MAX_PDF_PAGE_CONTENT_BYTES
            for stream in streams[:_MAX_LINES]:
                if stream.get("/Subtype") == "/Image":
                    continue
                budget -= _content_bytes(stream, budget, path.name)
                if budget < 0:
                    raise InputError(
                        f"Trang {index + 1} của '{path.name}' có quá nhiều lệnh vẽ "
                        f"(quá {limits.MAX_PDF_PAGE_CONTENT_BYTES // 1_048_576} MB sau khi giải nén): không tìm khối chữ ký."
                    )


def find_signer_block(pdf_path: str | Path, *, title: str = "", name: str = "") -> SignerBlock:
    """The signer block's lines on the last pages of the PDF (InputError, in Vietnamese, when not found).

    pdfminer's layout analysis gives each text line with its box in PDF points, one page at a time.
    """
    from pdfminer.high_level import extract_pages
    from pdfminer.pdfpage import PDFPage

    path = Path(pdf_path)
    try:
        with open(path, "rb") as fh:
            count = sum(1 for _ in PDFPage.get_pages(fh))
        indexes = list(range(count - 1, max(count - 1 - _MAX_PAGES_SEARCHED, -1), -1))
        _check_pages(path, indexes)
        for index in indexes:
            for page in extract_pages(path, page_numbers=[index]):
                found = _pick(_page_lines(page), page.width, title, name)
                if found:
                    return SignerBlock(index, Box(*page.bbox), found[0].box, found[1].box)
    except InputError:
        raise
    except Exception as exc:  # pdfminer raises many kinds on a broken file
        raise InputError(f"Không đọc được nội dung tệp PDF '{path.name}' ({type(exc).__name__}).") from None
    who = f" ('{title}' rồi '{name}')" if title or name else ""
    raise InputError(
        f"Không tìm thấy khối chữ ký{who} trong {_MAX_PAGES_SEARCHED} trang cuối của '{path.name}'.",
        hint="Ký tệp PDF do dvtemplate xuất, hoặc đặt tệp .docx cùng tên bên cạnh tệp PDF.",
    )


def load_png(path: str | Path, what: str) -> Image.Image:
    """An image file as RGBA (InputError naming *what* when it is missing, too big or not an image);
    decoded once per file version (a batch signs with the same two images), never to be modified."""
    p = Path(path)
    if not p.is_file():
        raise InputError(f"Không tìm thấy tệp ảnh {what} '{p}'.")
    info = p.stat()
    return _load_png(str(p), info.st_mtime_ns, info.st_size, what)


@functools.lru_cache(maxsize=8)
def _load_png(path: str, _mtime: int, size: int, what: str) -> Image.Image:
    p = Path(path)
    if size > limits.MAX_IMAGE_BYTES:
        raise InputError(f"Tệp ảnh {what} '{p.name}' quá lớn (tối đa {limits.MAX_IMAGE_BYTES // 1_000_000} MB).")
    try:
        with Image.open(p) as img:
            if img.width * img.height > limits.MAX_IMAGE_PIXELS:
                raise InputError(f"Ảnh {what} '{p.name}' quá nhiều điểm ảnh ({img.width}×{img.height}).")
            dpi = img.info.get("dpi")
            out = img.convert("RGBA")
            out.info["dpi"] = dpi
            return out
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError):
        raise InputError(f"Tệp '{p.name}' không phải ảnh {what} đọc được (cần ảnh PNG nền trong suốt).") from None


def _seal_mm(seal: Image.Image, seal_mm: float | None) -> float:
    if seal_mm:
        return seal_mm
    dpi = seal.info.get("dpi")
    if dpi and dpi[0] and float(dpi[0]) > 1:
        real = seal.width / float(dpi[0]) * 25.4
        low, high = RULE.seal_mm_range
        if low <= real <= high:
            return real
    return RULE.seal_mm


def signature_boxes(
    block: SignerBlock, signature: Image.Image, seal: Image.Image | None, *, seal_mm: float | None = None
) -> tuple[Box, Box | None]:
    """The signer's image centred between title and name; the seal over its left third."""
    gap_top, gap_bottom = block.title.y0, block.name.y1
    max_w, max_h = (v * MM for v in RULE.signature_max_mm)
    height = min(max(gap_top - gap_bottom, 6 * MM), max_h)
    width = height * signature.width / max(signature.height, 1)
    if width > max_w:
        width, height = max_w, max_w * signature.height / max(signature.width, 1)
    cx, cy = block.title.cx, (gap_top + gap_bottom) / 2
    sig = Box(cx - width / 2, cy - height / 2, cx + width / 2, cy + height / 2)
    if seal is None:
        return sig, None
    d = _seal_mm(seal, seal_mm) * MM
    d_h = d * seal.height / max(seal.width, 1)
    right = sig.x0 + sig.width * RULE.seal_covers
    return sig, Box(right - d, cy - d_h / 2, right, cy + d_h / 2)


def compose(sig_box: Box, signature: Image.Image, seal_box: Box | None, seal: Image.Image | None) -> tuple[Box, bytes]:
    """One transparent PNG holding both images as placed (seal on top), and the box it covers."""
    whole = sig_box if seal_box is None else sig_box.union(seal_box)
    scale = 300 / 72  # 300 dpi
    canvas = Image.new("RGBA", (max(1, round(whole.width * scale)), max(1, round(whole.height * scale))), (0, 0, 0, 0))
    for box, img in ((sig_box, signature), (seal_box, seal)):
        if box is None or img is None:
            continue
        size = (max(1, round(box.width * scale)), max(1, round(box.height * scale)))
        layer = Image.new("RGBA", canvas.size, (0, 0, 0, 0))
        layer.paste(
            img.resize(size, Image.LANCZOS), (round((box.x0 - whole.x0) * scale), round((whole.y1 - box.y1) * scale))
        )
        canvas = Image.alpha_composite(canvas, layer)
    buf = io.BytesIO()
    canvas.save(buf, format="PNG")
    return whole, buf.getvalue()


def stamp_box(page_box: Box, width: float, height: float, inset: float = 0.0) -> Box:
    """The field box of the top-right text block of a copy or attachment: the text (*width* × *height*
    points) sits in the top margin, its right edge on the text's right edge (the decree's smallest
    right margin); *inset* is the drawing's own margin around the text, added on every side."""
    w, h = min(width, RULE.stamp_box_mm[0] * MM * 2), min(height, RULE.stamp_box_mm[1] * MM * 2)
    x1 = page_box.x1 - RULE.stamp_right_mm * MM
    y1 = page_box.y1 - RULE.stamp_top_mm * MM
    return Box(x1 - w - inset, y1 - h - inset, x1 + inset, y1 + inset)
