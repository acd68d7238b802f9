"""Header-block rules: Quốc hiệu, Tiêu ngữ, cơ quan ban hành, số/ký hiệu, ngày tháng, V/v.

The textual rules (:func:`so_problems`, :func:`date_problems`) work on strings alone; the
parsers they use and every constant come from :mod:`dvtemplate.vn.nd30`.
"""

from __future__ import annotations

import re

from ..vn.nd30 import (
    KY_HIEU_TYPES,
    QUOC_HIEU,
    TIEU_NGU,
    TIEU_NGU_DASHES,
    TYPESET,
    kind_abbreviation,
    normalise_tieu_ngu,
    parse_date_line,
    parse_so,
    unspaced_hyphen,
)
from ._components import is_upper
from ._rules_page import CL
from .findings import ERROR, WARNING, rule

__all__ = ["so_problems", "date_problems"]

_KIND_ABBR = {kind: kind_abbreviation(kind) for kind in ("plan", "report", "to_trinh")}


def size_problem(p, lo: float, hi: float, what: str) -> str | None:
    """Message if any text run of ``p`` is outside ``lo``–``hi`` points."""
    bad = sorted({s for s in p.sizes() if not lo <= s <= hi})
    if bad:
        return f"{what} cỡ chữ {', '.join(f'{s:g}' for s in bad)}, phải cỡ {lo:g}–{hi:g}."
    return None


def typesetting(p, what: str, lo: float, hi: float, *, bold: bool = False, italic: bool = False, center: bool = False):
    """Findings for a component that must be bold / italic / centred and *lo*–*hi* points."""
    if bold and not p.bold:
        yield (f"{what} phải in đậm.", p)
    if italic and not p.italic:
        yield (f"{what} phải in nghiêng.", p)
    if center and p.align != "center":
        yield (f"{what} phải căn giữa.", p)
    msg = size_problem(p, lo, hi, what)
    if msg:
        yield (msg, p)


def typeset(p, what: str, component: str):
    """Findings for component *component* of ``vn.nd30.TYPESET`` (sizes, bold, italic, centred)."""
    spec = TYPESET[component]
    yield from typesetting(p, what, spec.low, spec.high, bold=spec.bold, italic=spec.italic, center=spec.center)


def component_size_problem(p, what: str, component: str) -> str | None:
    spec = TYPESET[component]
    msg = size_problem(p, spec.low, spec.high, what)
    if msg and spec.low == spec.high:
        msg = msg.replace(f"cỡ {spec.low:g}–{spec.high:g}", f"cỡ {spec.low:g}")
    return msg


def _has_rule_after(c, p) -> bool:
    """A rule right under ``p``: its bottom border, the next line's top border/shape/underscores."""
    if p.border_bottom or p.has_drawing:
        return True
    seq = c.header
    try:
        i = next(k for k, q in enumerate(seq) if q is p)
    except StopIteration:
        return False
    for q in seq[i + 1 : i + 3]:
        if q.cell != p.cell:
            break
        if q.is_rule or (q.border_top and not q.stripped) or q.has_drawing:
            return True
        if q.stripped:
            break
    return False


@rule("ND30-QUOC-HIEU", ERROR, CL["qh"])
def quoc_hieu(ctx):
    c = ctx.c
    if c.qh is None:
        yield (f"Không tìm thấy Quốc hiệu '{QUOC_HIEU}'.", None, {"location": {}, "text": ""})
        return
    text = " ".join(c.qh.stripped.split())
    if text != QUOC_HIEU:
        yield (f"Quốc hiệu phải viết đúng '{QUOC_HIEU}' (chữ in hoa, 'HÒA').", c.qh)
    yield from typeset(c.qh, "Quốc hiệu", "quoc_hieu")


@rule("ND30-TIEU-NGU", ERROR, CL["qh"])
def tieu_ngu(ctx):
    c = ctx.c
    if c.tn is None:
        if c.qh is not None:
            yield (f"Không tìm thấy Tiêu ngữ '{TIEU_NGU}'.", None, {"location": {}, "text": ""})
        return
    if normalise_tieu_ngu(c.tn.stripped) != TIEU_NGU:
        yield (f"Tiêu ngữ phải viết đúng '{TIEU_NGU}' (viết hoa chữ đầu mỗi cụm từ).", c.tn)
    yield from typeset(c.tn, "Tiêu ngữ", "tieu_ngu")


@rule("ND30-TIEU-NGU-HYPHEN", ERROR, CL["qh"])
def tieu_ngu_hyphen(ctx):
    tn = ctx.c.tn
    if tn is None:
        return
    t = tn.stripped
    dashes = sorted(set(TIEU_NGU_DASHES.findall(t)))
    if dashes:
        names = {"–": "gạch ngang dài (–)", "—": "gạch ngang rất dài (—)"}
        shown = ", ".join(names.get(d, repr(d)) for d in dashes)
        yield (f"Tiêu ngữ dùng {shown}; giữa các cụm từ phải là gạch nối '-' có cách chữ hai bên.", tn)
    elif unspaced_hyphen(t):
        yield ("Gạch nối '-' trong Tiêu ngữ phải có một dấu cách ở mỗi bên.", tn)


@rule("ND30-TIEU-NGU-RULE", ERROR, CL["qh"])
def tieu_ngu_rule(ctx):
    c = ctx.c
    if c.tn is not None and not _has_rule_after(c, c.tn):
        yield ("Thiếu đường kẻ ngang nét liền dưới Tiêu ngữ.", c.tn)


@rule("ND30-ISSUER-RULE", ERROR, CL["issuer"])
def issuer_rule(ctx):
    c = ctx.c
    if c.issuer and not _has_rule_after(c, c.issuer[-1]):
        yield ("Thiếu đường kẻ ngang nét liền dưới tên cơ quan ban hành.", c.issuer[-1])


@rule("ND30-ISSUER", ERROR, CL["issuer"])
def issuer(ctx):
    c = ctx.c
    if not c.issuer:
        yield (
            "Không tìm thấy tên cơ quan ban hành văn bản (chữ in hoa, phía trên Số).",
            None,
            {"location": {}, "text": ""},
        )
        return
    for p in c.issuer:
        yield from typeset(p, "Tên cơ quan ban hành", "issuer")
    for p in c.parent:
        if p.any_bold():
            yield ("Tên cơ quan chủ quản (dòng trên tên cơ quan ban hành) không được in đậm.", p)
        msg = component_size_problem(p, "Tên cơ quan chủ quản", "parent")
        if msg:
            yield (msg, p)


def so_problems(text: str, kind: str) -> list[str]:
    """Vietnamese problems of a Số/ký hiệu line for a document of ``kind``."""
    so = parse_so(text)
    if so is None:
        return ["Không đọc được dòng Số, ký hiệu."]
    out = []
    if not so["colon"]:
        out.append("Sau chữ 'Số' phải có dấu hai chấm: 'Số: 05/KH-UBND'.")
    if so["symbol"] is None:
        return out + [f"Số, ký hiệu '{so['raw']}' không đúng dạng 'Số: 05/KH-UBND'."]
    num, sym = so["number"], so["symbol"]
    if num and len(num) == 1:
        out.append(f"Số '{num}' nhỏ hơn 10 phải có số 0 phía trước: '0{num}'.")
    if not sym:
        return out + ["Thiếu ký hiệu văn bản sau dấu '/'."]
    if set(sym) <= set("….") and kind == "form":
        return out  # a phiếu góp ý leaves the replying unit's ký hiệu to be filled in
    parts = sym.split("-")
    if any(not x for x in parts) or " " in sym:
        out.append(f"Ký hiệu '{sym}' phải gồm các chữ viết tắt nối bằng gạch nối, không có dấu cách.")
        return out
    for x in parts:
        if not (is_upper(x) or x in KY_HIEU_TYPES):
            out.append(f"Ký hiệu '{x}' phải viết in hoa.")
    head = parts[0]
    want = _KIND_ABBR.get(kind)
    if kind == "letter":
        if head in KY_HIEU_TYPES and len(parts) >= 2:
            out.append(f"Công văn không có chữ viết tắt tên loại; ký hiệu '{sym}' bắt đầu bằng '{head}'.")
    elif want and head != want:
        out.append(f"Ký hiệu của văn bản này phải bắt đầu bằng '{want}' (Phụ lục III), đang là '{head}'.")
    elif not want and len(parts) >= 2 and head not in KY_HIEU_TYPES:
        out.append(f"'{head}' không phải chữ viết tắt tên loại văn bản ở Phụ lục III.")
    return out


@rule("ND30-SO-KY-HIEU", ERROR, CL["so"])
def so_ky_hieu(ctx):
    c = ctx.c
    if c.so is None and ctx.kind == "comments_table":
        return  # a bản tổng hợp ý kiến góp ý goes with the Tờ trình and carries no number of its own
    if c.so is None:
        yield ("Không tìm thấy dòng Số, ký hiệu (dạng 'Số: 05/KH-UBND').", None, {"location": {}, "text": ""})
        return
    for msg in so_problems(c.so.stripped, ctx.kind):
        yield (msg, c.so)
    msg = component_size_problem(c.so, "Số, ký hiệu", "so")
    if msg:
        yield (msg, c.so, {"severity": WARNING})


def date_problems(text: str, kind: str = "") -> list[str]:
    """Problems of a date line: place, comma, leading zeros, ranges."""
    d = parse_date_line(text)
    if d is None:
        return ["Dòng địa danh, ngày tháng phải có dạng '<Địa danh>, ngày 05 tháng 01 năm 2024'."]
    out = []
    if not d["place"]:
        out.append("Thiếu địa danh trước ngày tháng.")
    elif set(d["place"]) <= set("….") and kind == "form":
        pass  # a phiếu góp ý leaves the replying unit's place to be filled in
    elif not d["place"][0].isupper():
        out.append(f"Địa danh '{d['place']}' phải viết hoa chữ cái đầu.")
    if d["place"] and not d["comma"]:
        out.append("Sau địa danh phải có dấu phẩy.")
    day, mon = d["d"], d["m"]
    if day:
        if not 1 <= int(day) <= 31:
            out.append(f"Ngày '{day}' không hợp lệ.")
        elif int(day) < 10 and len(day) == 1:
            out.append(f"Ngày nhỏ hơn 10 phải có số 0 phía trước: 'ngày 0{day}'.")
    if mon:
        n = int(mon)
        if not 1 <= n <= 12:
            out.append(f"Tháng '{mon}' không hợp lệ.")
        elif n <= 2 and len(mon) == 1:
            out.append(f"Tháng 1 và 2 phải có số 0 phía trước: 'tháng 0{n}'.")
        elif n >= 3 and mon.startswith("0"):
            out.append(f"Tháng 3 đến 12 không có số 0 phía trước: 'tháng {n}' (không viết 'tháng {mon}').")
    if d["y"] and len(d["y"]) != 4:
        out.append(f"Năm '{d['y']}' phải đủ 4 chữ số.")
    return out


def _date(ctx, zero: bool):
    c = ctx.c
    if c.date is None:
        if not zero:
            yield ("Không tìm thấy dòng địa danh và ngày tháng ban hành.", None, {"location": {}, "text": ""})
        return
    for msg in date_problems(c.date.stripped, ctx.kind):
        if ("số 0" in msg) == zero:
            yield (msg, c.date)


@rule("ND30-DATE", ERROR, CL["date"])
def date_line(ctx):
    """Place, comma, form and ranges of the date line (leading zeros: ND30-DATE-ZERO)."""
    yield from _date(ctx, zero=False)


@rule("ND30-DATE-ZERO", ERROR, CL["date"])
def date_zero(ctx):
    """Leading zero for day < 10 and months 1–2, none for months 3–12."""
    yield from _date(ctx, zero=True)


_AGENCY_PLACE = re.compile(
    r"^(sở|phòng|ban|văn phòng|ủy ban|uỷ ban|ubnd|hđnd|hội đồng|trung tâm|chi cục|tổng cục|cục|đảng ủy|"
    r"đảng uỷ|công an|bệnh viện|kho bạc|thanh tra|mặt trận)(\s|$)",
    re.IGNORECASE,
)
"""Words that open an agency's name; none opens a place name ('Trường Sa', 'Hội An', 'Bộ' are left out)."""


def place_problem(place: str) -> str | None:
    """The date line's place must be a place (the seat's administrative unit), not an agency's name."""
    if _AGENCY_PLACE.match(place.strip()):
        return (
            f"Địa danh '{place.strip()}' là tên cơ quan, không phải địa danh: ghi tên đơn vị hành chính nơi cơ "
            "quan đóng trụ sở (ví dụ 'Khánh Hòa', 'An Bình')."
        )
    return None


@rule("ND30-DATE-PLACE", ERROR, CL["date"])
def date_place(ctx):
    """The place of the date line is a place, not the issuing body ('Sở Nội vụ, ngày …' is wrong)."""
    p = ctx.c.date
    parts = parse_date_line(p.stripped) if p is not None else None
    if parts and parts["place"]:
        message = place_problem(parts["place"])
        if message:
            yield (message, p)


@rule("ND30-DATE-STYLE", ERROR, CL["date"])
def date_style(ctx):
    p = ctx.c.date
    if p is None:
        return
    yield from typeset(p, "Dòng địa danh, ngày tháng", "date")


@rule("ND30-TRICH-YEU-CV", ERROR, CL["title"])
def trich_yeu_letter(ctx):
    c = ctx.c
    if ctx.kind != "letter":
        return
    if not c.vv:
        yield ("Công văn phải có trích yếu 'V/v …' dưới số, ký hiệu.", c.so)
        return
    for p in c.vv:
        msg = component_size_problem(p, "Trích yếu công văn", "vv")
        if msg:
            yield (msg, p)
        if p.any_bold():
            yield ("Trích yếu công văn (V/v) không in đậm.", p)
        if p.align not in ("center", None) or (p.align is None and p.table is None):
            yield ("Trích yếu công văn (V/v) phải căn giữa.", p, {"severity": WARNING})
