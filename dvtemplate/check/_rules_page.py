"""Page-level rules: paper, margins, font face, page numbers, typed footnotes.

Each rule is a generator over the check context ``ctx`` (``ctx.data`` from the
reader, ``ctx.c`` the components, ``ctx.kind``) yielding ``(message, para)`` or
``(message, para, {options})``; :mod:`.findings` adds id, severity and clause.
"""

from __future__ import annotations

import re

from ..vn.nd30 import A4_MM, A4_TWIPS, FONT, MARGINS_MM, TYPESET
from .findings import ERROR, WARNING, rule

__all__ = ["CL"]

#: Phụ lục I of Nghị định 30/2020/NĐ-CP, Phần I (văn bản hành chính).
CL = {
    "paper": "NĐ 30/2020, Phụ lục I, Phần I, mục II.1–2 (khổ giấy, kiểu trình bày)",
    "margins": "NĐ 30/2020, Phụ lục I, Phần I, mục II.3 (định lề trang)",
    "font": "NĐ 30/2020, Phụ lục I, Phần I, mục II.4 (phông chữ)",
    "size": "NĐ 30/2020, Phụ lục I, Phần I, mục II.5 (cỡ chữ và kiểu chữ)",
    "page": "NĐ 30/2020, Phụ lục I, Phần I, mục II.7 (số trang văn bản)",
    "qh": "NĐ 30/2020, Phụ lục I, Phần I, mục III.1 (Quốc hiệu và Tiêu ngữ)",
    "issuer": "NĐ 30/2020, Phụ lục I, Phần I, mục III.2 (tên cơ quan ban hành)",
    "so": "NĐ 30/2020, Phụ lục I, Phần I, mục III.3 và Phụ lục III (số, ký hiệu)",
    "date": "NĐ 30/2020, Phụ lục I, Phần I, mục III.4 (địa danh và thời gian)",
    "title": "NĐ 30/2020, Phụ lục I, Phần I, mục III.5 (tên loại và trích yếu)",
    "body": "NĐ 30/2020, Phụ lục I, Phần I, mục III.6 (nội dung văn bản)",
    "signer": "NĐ 30/2020, Phụ lục I, Phần I, mục III.7 (chức vụ, họ tên người ký)",
    "noi_nhan": "NĐ 30/2020, Phụ lục I, Phần I, mục III.9 (nơi nhận)",
    "footnote": "NĐ 30/2020, Phụ lục I, Phần I, mục III.6; quy ước dvtemplate: chú thích là footnote thật",
}
_A4_W, _A4_H = A4_TWIPS
_SIDES = {"top": "trên", "bottom": "dưới", "left": "trái", "right": "phải"}
_TOL = 12  # twips (~0.2 mm) of rounding slack: 15 mm is stored as 850 twips = 14.99 mm
_PAGE = TYPESET["page_number"]
_SYMBOL_FONTS = {"symbol", "wingdings", "wingdings 2", "wingdings 3", "webdings"}


def mm(twips: int) -> float:
    """Twips to millimetres (one decimal place is what users see in Word)."""
    return twips * 25.4 / 1440


def _twips(mm_: float) -> int:
    return round(mm_ * 1440 / 25.4)


@rule("ND30-PAGE-SIZE", ERROR, CL["paper"])
def page_size(ctx):
    for s in ctx.data.sections:
        if s.width is None or s.height is None:
            continue
        short, long_ = sorted((s.width, s.height))
        if abs(short - _A4_W) > 30 or abs(long_ - _A4_H) > 30:
            yield (
                f"Khổ giấy {mm(s.width):.0f} × {mm(s.height):.0f} mm, không phải A4 ({A4_MM[0]} × {A4_MM[1]} mm).",
                None,
                {"location": {"section": s.index}, "text": ""},
            )
        elif s.width > s.height and not s.has_table:
            yield (
                "Trang nằm ngang chỉ dùng cho bảng rộng; mục này không có bảng, phải để khổ dọc.",
                None,
                {"location": {"section": s.index}, "text": "", "severity": WARNING},
            )


@rule("ND30-PAGE-MARGINS", ERROR, CL["margins"])
def page_margins(ctx):
    limits = {side: (_SIDES[side], low, high) for side, (low, high) in MARGINS_MM.items()}
    for s in ctx.data.sections:
        if not s.margins or (s.width and s.height and s.width > s.height):
            continue  # landscape pages for wide tables: margins follow the rotated page
        for side, (name, lo, hi) in limits.items():
            v = s.margins.get(side)
            if v is None:
                continue
            if v < _twips(lo) - _TOL or v > _twips(hi) + _TOL:
                yield (
                    f"Lề {name} {mm(v):.1f} mm, phải từ {lo} đến {hi} mm.",
                    None,
                    {"location": {"section": s.index}, "text": ""},
                )


def _bad_face(face: str | None) -> bool:
    return face is not None and face.strip().lower() != FONT.lower()


def _run_faces(r) -> set[str]:
    """Faces a run really shows: hAnsi always, ascii when it has ASCII text; None = Word default."""
    faces = {r.font}
    if re.search(r"[\x21-\x7e]", r.text):
        faces.add(r.font_ascii)
    return {f for f in faces if f is not None}


@rule("ND30-FONT", ERROR, CL["font"])
def font_face(ctx):
    """Every run with visible text must be Times New Roman (effective, via styles).

    Reported once per face, at its first paragraph, with the number of paragraphs using it.
    """
    first: dict[str, object] = {}
    count: dict[str, int] = {}
    for p in ctx.data.paras + [hp for part in ctx.data.parts.values() for hp in part.paras]:
        bad = set()
        for r in p.runs:
            t = r.text.strip()
            if not t:
                continue  # empty runs: symbol/placeholder fonts are harmless
            for face in _run_faces(r):
                if face.lower() in _SYMBOL_FONTS and len(t) <= 2:
                    continue
                if _bad_face(face):
                    bad.add(face)
        for face in bad:
            first.setdefault(face, p)
            count[face] = count.get(face, 0) + 1
    for face, p in first.items():
        more = f" ({count[face]} đoạn dùng phông này)" if count[face] > 1 else ""
        yield (f"Phông chữ '{face}' không phải {FONT}{more}.", p)


@rule("ND30-FONT-DEFAULT", WARNING, CL["font"])
def font_default(ctx):
    """docDefaults should name Times New Roman too: new text and unstyled parts fall back to it."""
    face = ctx.data.styles.default_font()
    if _bad_face(face):
        yield (
            f"Phông mặc định của văn bản (docDefaults) là '{face}', nên đặt {FONT} để chữ gõ thêm không đổi phông.",
            None,
            {"location": {"style": "docDefaults"}, "text": ""},
        )


def _first_page_header(ctx):
    """(part or None, explanation) for the header Word shows on page 1."""
    s = ctx.data.sections[0]
    if s.title_pg:
        rid = s.headers.get("first")
        return ctx.data.parts.get(rid) if rid else None
    rid = s.headers.get("default")
    return ctx.data.parts.get(rid) if rid else None


@rule("ND30-PAGE-NUMBER", WARNING, CL["page"])
def page_number(ctx):
    parts = list(ctx.data.parts.values())
    headers = [p for p in parts if p.kind == "header" and p.has_page]
    footers = [p for p in parts if p.kind == "footer" and p.has_page]
    if not headers and not footers:
        yield (
            "Văn bản không đánh số trang (không có trường PAGE ở đầu trang); văn bản từ 2 trang "
            "trở lên phải đánh số trang ở giữa lề trên.",
            None,
            {"location": {}, "text": ""},
        )
        return
    if footers and not headers:
        yield (
            "Số trang đang ở chân trang; phải đặt ở giữa phần đầu trang (lề trên).",
            footers[0].paras[0] if footers[0].paras else None,
            {"severity": ERROR},
        )
    for h in headers:
        if h.page_align not in ("center",):
            yield (
                "Số trang phải căn giữa ở đầu trang.",
                None,
                {"location": {"part": h.name}, "text": "PAGE", "severity": ERROR},
            )
        if h.page_size is not None and not _PAGE.low <= h.page_size <= _PAGE.high:
            yield (
                f"Số trang cỡ {h.page_size:g}, phải cỡ {_PAGE.low:g}–{_PAGE.high:g}.",
                None,
                {"location": {"part": h.name}, "text": "PAGE", "severity": ERROR},
            )


@rule("ND30-PAGE-NUMBER-FIRST", ERROR, CL["page"])
def page_number_first(ctx):
    first = _first_page_header(ctx)
    if first is not None and first.has_page:
        how = (
            "trang đầu dùng đầu trang chung"
            if not ctx.data.sections[0].title_pg
            else "đầu trang riêng của trang đầu có trường PAGE"
        )
        yield (
            f"Số trang hiện ở trang 1 ({how}); trang đầu không được đánh số: bật "
            "'Different First Page' (titlePg) với đầu trang trang 1 để trống.",
            None,
            {"location": {"part": first.name}, "text": "PAGE"},
        )


_UNIT_BEFORE = re.compile(r"(?:\b(?:m|km|cm|dm|mm|ha)|[²³])\s*$", re.I)


@rule("ND30-FOOTNOTE-TYPED", ERROR, CL["footnote"])
def footnote_typed(ctx):
    """Superscript digits typed into text instead of a real footnote reference."""
    for p in ctx.data.paras:
        before = ""
        for r in p.runs:
            t = r.text.strip()
            if (
                r.vert_align == "superscript"
                and not r.footnote_ref
                and t
                and re.fullmatch(r"[(\[]?\d{1,3}(?:[,;\-–]\s*\d{1,3})*[)\]]?", t)
                and not _UNIT_BEFORE.search(before)
            ):
                yield (
                    f"Chú thích '{t}' được gõ bằng chữ số chỉ số trên; phải dùng chú thích "
                    "thật (Insert Footnote) của Word.",
                    p,
                )
            before += r.text
