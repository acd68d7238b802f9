"""Closing-block rules: Nơi nhận and the signer's authority, title and name."""

from __future__ import annotations

import re

from ..vn.nd30 import AS_ABOVE, AUTHORITY_LIKE, AUTHORITY_PREFIXES, DEPUTY, KINH_GUI, NOI_NHAN, TYPESET
from ._components import is_upper, lower_unaccented
from ._rules_header import component_size_problem, typeset
from ._rules_page import CL
from .findings import ERROR, WARNING, rule

__all__ = ["recipient_problems", "name_has_rank"]

_RANKS = (
    "ts",
    "ths",
    "pgs",
    "gs",
    "ks",
    "bs",
    "cn",
    "ls",
    "dong chi",
    "d/c",
    "dai ta",
    "thuong ta",
    "trung ta",
    "thieu ta",
    "dai uy",
    "thuong uy",
    "trung uy",
    "thieu uy",
    "thieu tuong",
    "trung tuong",
    "thuong tuong",
    "dai tuong",
    "nha giao",
    "nghe si",
    "tien si",
    "thac si",
    "giao su",
    "pho giao su",
    "bac si",
    "ky su",
)


_ARCHIVE_TAIL_REVERSED = re.compile(r"\)\d+\(\s*[\w.]*[A-ZĐ]\s*\.")
"""'. NTH(60)' read backwards: matched from the end of the line, so the check is linear in its length."""


def _archive_line_ends(line: str) -> bool:
    """The '- Lưu' line ends with '.', or with '. <drafter>(<copies>)' as in '- Lưu: VT, NV. NTH(60)'."""
    return line.endswith(".") or _ARCHIVE_TAIL_REVERSED.match(line[::-1]) is not None


def recipient_problems(lines: list[str], letter_with_kinh_gui: bool) -> list[tuple[int, str, str]]:
    """(line index or -1, rule id, message) for the recipient list under 'Nơi nhận:'."""
    out: list[tuple[int, str, str]] = []
    if not lines:
        return [(-1, "ND30-NOI-NHAN-LUU", "Nơi nhận không có dòng nào; phải kết thúc bằng '- Lưu: VT, …'.")]
    for i, t in enumerate(lines):
        t = " ".join(t.split())
        last = i == len(lines) - 1
        if not t.startswith("-"):
            out.append((i, "ND30-NOI-NHAN", "Mỗi dòng nơi nhận phải bắt đầu bằng gạch đầu dòng '- '."))
        if not last and not t.endswith(";"):
            out.append((i, "ND30-NOI-NHAN", "Mỗi dòng nơi nhận (trừ dòng cuối) phải kết thúc bằng dấu ';'."))
    last = " ".join(lines[-1].split())
    if not re.match(r"-\s*Lưu\s*:", last, re.I):
        has = [i for i, t in enumerate(lines) if re.match(r"-\s*Lưu\b", t.strip(), re.I)]
        msg = (
            "Dòng '- Lưu: …' phải là dòng cuối của Nơi nhận."
            if has
            else "Nơi nhận thiếu dòng cuối '- Lưu: VT, <đơn vị soạn thảo>.'."
        )
        out.append((len(lines) - 1, "ND30-NOI-NHAN-LUU", msg))
    elif not _archive_line_ends(last):
        out.append((len(lines) - 1, "ND30-NOI-NHAN-LUU", "Dòng '- Lưu: …' phải kết thúc bằng dấu chấm."))
    if letter_with_kinh_gui and not re.match(r"-\s*Như\s+trên\s*;", " ".join(lines[0].split()), re.I):
        out.append((0, "ND30-NOI-NHAN", f"Văn bản có '{KINH_GUI}' thì dòng đầu Nơi nhận phải là '- {AS_ABOVE};'."))
    return out


def _noi_nhan(ctx, rule_id):
    c = ctx.c
    if c.noi_nhan is None and ctx.kind == "comments_table":
        return  # a bản tổng hợp is signed but not sent on its own: no Nơi nhận
    if c.noi_nhan is None:
        if rule_id == "ND30-NOI-NHAN":
            yield (f"Không tìm thấy phần '{NOI_NHAN}'.", None, {"location": {}, "text": ""})
        return
    letter = ctx.kind in ("letter", "to_trinh") and bool(c.kinh_gui)
    for i, rid, msg in recipient_problems([p.text for p in c.recipients], letter):
        if rid == rule_id:
            yield (msg, c.recipients[i] if i >= 0 else c.noi_nhan)


@rule("ND30-NOI-NHAN", ERROR, CL["noi_nhan"])
def noi_nhan(ctx):
    yield from _noi_nhan(ctx, "ND30-NOI-NHAN")
    c = ctx.c
    if c.noi_nhan is None:
        return
    p = c.noi_nhan
    if not p.stripped.startswith(NOI_NHAN):
        yield (f"Viết đúng '{NOI_NHAN}' (chữ N hoa, có dấu hai chấm).", p)
    if not (p.bold and p.italic):
        yield (f"'{NOI_NHAN}' phải in đậm và in nghiêng.", p)
    msg = component_size_problem(p, f"'{NOI_NHAN}'", "noi_nhan")
    if msg:
        yield (msg, p)
    size = TYPESET["recipients"].size
    bad = sorted({s for q in c.recipients for s in q.sizes() if s != size})
    if bad:
        first = next(q for q in c.recipients if any(s != size for s in q.sizes()))
        yield (f"Các dòng nơi nhận cỡ chữ {', '.join(f'{s:g}' for s in bad)}, phải cỡ {size:g}.", first)


@rule("ND30-NOI-NHAN-LUU", ERROR, CL["noi_nhan"])
def noi_nhan_luu(ctx):
    yield from _noi_nhan(ctx, "ND30-NOI-NHAN-LUU")


def signer_lines(paras):
    """(authority/title lines, name line) of a signer block: the name is the last non-empty line."""
    lines = [p for p in paras if p.stripped and not p.is_rule]
    if not lines:
        return [], None
    name = lines[-1] if not is_upper(lines[-1].stripped) else None
    titles = [p for p in (lines[:-1] if name else lines) if is_upper(p.stripped)]
    return titles, name


def name_has_rank(name: str) -> str | None:
    """The rank/title word placed before a signer's name, if any (e.g. 'TS.', 'Đại tá')."""
    f = lower_unaccented(name)
    for r in _RANKS:
        if re.match(rf"{re.escape(r)}(\.|\s)", f):
            return name.split()[0] if "." in name.split()[0] else " ".join(name.split()[: len(r.split())])
    return None


@rule("ND30-SIGNER", ERROR, CL["signer"])
def signer(ctx):
    c = ctx.c
    titles, name = signer_lines(c.signer)
    if not titles and name is None:
        yield ("Không tìm thấy phần chức vụ, họ tên người ký.", None, {"location": {}, "text": ""})
        return
    if titles:
        first = titles[0].stripped
        m = AUTHORITY_LIKE.match(first)
        if m and not first.startswith(tuple(p + " " for p in AUTHORITY_PREFIXES)):
            yield (
                f"Chữ viết tắt quyền hạn '{m.group(0).strip()}' phải viết là một trong "
                f"{', '.join(AUTHORITY_PREFIXES)} và có dấu cách sau dấu chấm.",
                titles[0],
            )
        if first.startswith(DEPUTY) and len(titles) < 2:
            yield (f"Sau dòng '{DEPUTY} …' phải có dòng chức vụ của người ký thay (ví dụ PHÓ CHỦ TỊCH).", titles[0])
    for p in titles:
        yield from typeset(p, "Quyền hạn, chức vụ người ký", "signer")
    if name is None:
        yield (
            "Không tìm thấy họ tên người ký (dòng cuối phần chữ ký).",
            titles[-1] if titles else None,
            {"severity": WARNING},
        )
        return
    yield from typeset(name, "Họ tên người ký", "signer_name")
    rank = name_has_rank(name.stripped)
    if rank:
        yield (f"Trước họ tên người ký không ghi học hàm, học vị, cấp bậc ('{rank}').", name)
