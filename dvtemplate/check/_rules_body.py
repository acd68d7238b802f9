"""Title, trích yếu and body rules: typesetting of the text and its numbering.

Paragraph-format rules report the first few offending paragraphs and then one
summary line, so a document typed entirely in 12 pt yields a readable report.
"""

from __future__ import annotations

import re

from ..vn import POINT_ALPHABET, from_roman, roman
from ..vn.nd30 import KINH_GUI, TRAN_TRONG, TYPESET
from ._components import is_upper, lower_unaccented, title_line
from ._rules_header import typeset
from ._rules_page import CL
from .findings import ERROR, WARNING, rule

_BODY = TYPESET["body"]

__all__ = ["numbering_problems", "line_spacing_ok"]

#: Point letters of Vietnamese legal drafting: no f, j, w, z; đ after d.
LEGAL_LETTERS = "".join(POINT_ALPHABET)
SHOW = 3


def roman_value(s: str) -> int | None:
    """Value of a Roman numeral written the standard way (upper case); None if malformed."""
    if not s or not s.isupper():
        return None
    try:
        return from_roman(s)
    except ValueError:
        return None


def _to_roman(n: int) -> str:
    return roman(n) if n > 0 else ""


def capped(items, noun: str = "đoạn"):
    """Yield the first SHOW (message, para) items, then one summary for the rest."""
    items = list(items)
    yield from items[:SHOW]
    if len(items) > SHOW:
        msg, p = items[SHOW][0], items[SHOW][1]
        yield (f"{msg} (và {len(items) - SHOW} {noun} khác cùng lỗi, từ vị trí này trở đi)", p)


_SEC = re.compile(r"([IVXLC]+)\s*[.)\-–]\s*\S")
_ITEM = re.compile(r"(\d{1,2})\.(?!\d)\s*\S")
_POINT = re.compile(r"([a-zđ])\)\s*\S")


def _is_heading(p) -> bool:
    t = p.stripped
    return bool(_SEC.match(t)) or (is_upper(t) and len(t) < 120)


def numbering_problems(texts: list[str]) -> list[tuple[int, str, str]]:
    """(index, rule id, message) for numbering faults in a list of body paragraph texts.

    Sections I, II, III… in order; items 1, 2, 3… restart in each section; points
    a), b), c)… follow the legal alphabet and restart in each item.
    """
    out: list[tuple[int, str, str]] = []
    sec = 0
    item = 0
    letter = -1  # index into LEGAL_LETTERS of the last point
    prev_text = ""
    for i, t in enumerate(texts):
        t = t.strip()
        m = _SEC.match(t)
        if m and roman_value(m.group(1)):
            v = roman_value(m.group(1))
            if v != sec + 1:
                want = _to_roman(sec + 1)
                out.append(
                    (
                        i,
                        "ND30-NUMBERING-SECTIONS",
                        f"Mục '{m.group(1)}' không đúng thứ tự: sau mục '{_to_roman(sec) or '(đầu)'}' "
                        f"phải là mục '{want}'.",
                    )
                )
            sec, item, letter = v, 0, -1
        elif m := _ITEM.match(t):
            v = int(m.group(1))
            if v != item + 1:
                where = f"trong mục {_to_roman(sec)}" if sec else "trong văn bản"
                out.append(
                    (
                        i,
                        "ND30-NUMBERING-ITEMS",
                        f"Khoản '{v}.' không đúng thứ tự {where}: phải là '{item + 1}.' "
                        "(số khoản bắt đầu lại từ 1 ở mỗi mục).",
                    )
                )
            item, letter = v, -1
        elif m := _POINT.match(t):
            ch = m.group(1)
            if ch not in LEGAL_LETTERS:
                out.append(
                    (
                        i,
                        "ND30-NUMBERING-POINTS",
                        f"Điểm '{ch})' không dùng được: chữ cái tiếng Việt không có f, j, w, z; "
                        f"sau '{LEGAL_LETTERS[letter] if letter >= 0 else ''})' là "
                        f"'{LEGAL_LETTERS[letter + 1]})'.",
                    )
                )
                letter += 1
                continue
            k = LEGAL_LETTERS.index(ch)
            if k != letter + 1:
                want = LEGAL_LETTERS[letter + 1] if letter + 1 < len(LEGAL_LETTERS) else "?"
                if letter < 0:
                    msg = f"Điểm '{ch})' đứng đầu nhưng thiếu điểm 'a)'."
                    if re.search(r"(?:^|[\s:;.])a\)\s", prev_text):
                        msg += " Điểm 'a)' đang bị viết dính vào đoạn phía trên, phải xuống dòng."
                elif k == letter:
                    msg = f"Điểm '{ch})' bị lặp lại; phải là '{want})'."
                else:
                    msg = f"Điểm '{ch})' không đúng thứ tự: sau '{LEGAL_LETTERS[letter]})' phải là '{want})'."
                out.append((i, "ND30-NUMBERING-POINTS", msg))
            letter = k
        prev_text = t
    return out


def _numbering(ctx, rule_id):
    body = ctx.c.body  # a Word list number counts as typed: "1." restarting in each section or not
    for i, rid, msg in numbering_problems([f"{p.list_label} {p.text}" if p.list_label else p.text for p in body]):
        if rid == rule_id:
            yield (msg, body[i])


@rule("ND30-NUMBERING-SECTIONS", ERROR, CL["body"])
def numbering_sections(ctx):
    yield from _numbering(ctx, "ND30-NUMBERING-SECTIONS")


@rule("ND30-NUMBERING-ITEMS", ERROR, CL["body"])
def numbering_items(ctx):
    yield from _numbering(ctx, "ND30-NUMBERING-ITEMS")


@rule("ND30-NUMBERING-POINTS", ERROR, CL["body"])
def numbering_points(ctx):
    yield from _numbering(ctx, "ND30-NUMBERING-POINTS")


@rule("ND30-HEADING", WARNING, CL["body"])
def headings(ctx):
    bad = []
    for p in ctx.c.body:
        m = _SEC.match(p.stripped)
        if m and roman_value(m.group(1)) and not (is_upper(p.stripped) and p.bold):
            bad.append(("Tên mục đánh số La Mã phải viết in hoa, in đậm.", p))
    yield from capped(bad)


@rule("ND30-TITLE", ERROR, CL["title"])
def title(ctx):
    c = ctx.c
    if c.title is None:
        if ctx.kind in ("plan", "report", "to_trinh"):
            yield (
                "Không tìm thấy tên loại văn bản (KẾ HOẠCH, BÁO CÁO…) dưới phần đầu văn bản.",
                None,
                {"location": {}, "text": ""},
            )
        return
    p = c.title
    if not is_upper(title_line(p)):
        yield (f"Tên loại văn bản phải viết chữ in hoa: '{title_line(p).upper()}'.", p)
    yield from typeset(p, "Tên loại văn bản", "title")


@rule("ND30-TRICH-YEU", ERROR, CL["title"])
def trich_yeu(ctx):
    c = ctx.c
    if c.title is None:
        return
    if not c.trich_yeu:
        yield (
            "Không tìm thấy trích yếu nội dung (dòng in đậm, căn giữa dưới tên loại).",
            c.title,
            {"severity": WARNING},
        )
        return
    for p in c.trich_yeu:
        yield from typeset(p, "Trích yếu nội dung", "trich_yeu")


@rule("ND30-TRICH-YEU-RULE", WARNING, CL["title"])
def trich_yeu_rule(ctx):
    c = ctx.c
    if not c.trich_yeu:
        return
    last = c.trich_yeu[-1]
    following = [p for p in ctx.data.paras[last.index + 1 : last.index + 3]]
    if not (last.border_bottom or any(p.is_rule or (p.border_top and not p.stripped) for p in following)):
        yield ("Thiếu đường kẻ ngang nét liền dưới trích yếu nội dung.", last)


def _text_body(ctx):
    """Body paragraphs that are running text (not headings)."""
    return [p for p in ctx.c.body if p.text_runs() and not _is_heading(p)]


@rule("ND30-BODY-SIZE", ERROR, CL["size"])
def body_size(ctx):
    bad = []
    for p in ctx.c.body:
        s = p.main_size()
        if s is not None and not _BODY.low <= s <= _BODY.high:
            bad.append((f"Chữ phần nội dung cỡ {s:g}, phải cỡ {_BODY.low:g}–{_BODY.high:g}.", p))
    yield from capped(bad)


@rule("ND30-BODY-SIZE-CONSISTENT", WARNING, CL["size"])
def body_size_consistent(ctx):
    sizes: dict[float, list] = {}
    for p in _text_body(ctx):
        s = p.main_size()
        if s is not None and _BODY.low <= s <= _BODY.high:
            sizes.setdefault(s, []).append(p)
    if len(sizes) > 1:
        main = max(sizes, key=lambda k: len(sizes[k]))
        bad = [
            (f"Cỡ chữ phần nội dung không thống nhất: đoạn này cỡ {s:g}, phần lớn cỡ {main:g}.", p)
            for s, ps in sizes.items()
            if s != main
            for p in ps
        ]
        yield from capped(bad)


@rule("ND30-BODY-ALIGN", ERROR, CL["body"])
def body_align(ctx):
    yield from capped(
        ("Đoạn nội dung phải căn đều hai bên (Justify).", p)
        for p in _text_body(ctx)
        if p.align not in ("both", "distribute")
    )


@rule("ND30-BODY-INDENT", ERROR, CL["body"])
def body_indent(ctx):
    bad = []
    for p in _text_body(ctx):
        if p.hanging or not 567 - 15 <= p.first_line <= 720 + 15:
            cm = (p.first_line - p.hanging) / 567
            bad.append((f"Thụt đầu dòng {cm:.2f} cm, phải từ 1 cm đến 1,27 cm.", p))
    yield from capped(bad)


@rule("ND30-BODY-SPACING", ERROR, CL["body"])
def body_spacing(ctx):
    bad = [
        (f"Khoảng cách giữa các đoạn {(p.before + p.after) / 20:g} pt, phải tối thiểu 6 pt.", p)
        for p in ctx.c.body
        if p.before + p.after < 120
    ]
    yield from capped(bad)


def line_spacing_ok(line: int | None, rule_: str | None, size: float) -> bool:
    """Single to 1.5 lines: auto 240–360; exact/at least between the font size and 1.5 lines."""
    if line is None:
        return True
    if rule_ in (None, "auto"):
        return 240 - 5 <= line <= 360 + 5
    pts = line / 20
    if rule_ == "atLeast":
        return pts <= size * 1.15 * 1.5 + 0.5
    return size <= pts <= size * 1.15 * 1.5 + 0.5


@rule("ND30-BODY-LINE-SPACING", ERROR, CL["body"])
def body_line_spacing(ctx):
    bad = []
    for p in ctx.c.body:
        size = p.main_size() or _BODY.size
        if not line_spacing_ok(p.line, p.line_rule, size):
            shown = f"{p.line / 240:.2f} dòng" if p.line_rule in (None, "auto") else f"{p.line / 20:g} pt"
            bad.append((f"Giãn dòng {shown}, phải từ một dòng (single) đến 1,5 dòng.", p))
    yield from capped(bad)


@rule("ND30-KINH-GUI-TTR", ERROR, CL["body"])
def kinh_gui_to_trinh(ctx):
    """A Tờ trình is submitted to someone: it names them on a 'Kính gửi:' line under the trích yếu."""
    if ctx.kind != "to_trinh" or ctx.c.kinh_gui:
        return
    message = f"Tờ trình phải có dòng '{KINH_GUI}: <cơ quan, người có thẩm quyền>' dưới trích yếu."
    if ctx.c.title is None:
        yield (message, None, {"location": {}, "text": ""})
    else:
        yield (message, ctx.c.title)


@rule("ND30-TRAN-TRONG", ERROR, CL["body"])
def tran_trong(ctx):
    if ctx.kind != "letter":
        return
    hits = [p for p in ctx.c.body if lower_unaccented(p.stripped).startswith("tran trong")]
    if not hits:
        yield (
            f"Công văn nên kết thúc bằng dòng '{TRAN_TRONG}'.",
            ctx.c.body[-1] if ctx.c.body else None,
            {"severity": WARNING},
        )
        return
    p = hits[-1]
    if " ".join(p.stripped.split()) != TRAN_TRONG:
        yield (f"Dòng kết thúc công văn phải viết đúng '{TRAN_TRONG}'.", p)
