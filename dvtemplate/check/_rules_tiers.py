"""Two-tier local government: no district level (huyện, quận, thị xã) since 1 July 2025.

A document dated from that day (or undated) that names a district-level issuer in its header,
or sends to district-level offices in its Nơi nhận, is flagged with the reason. Older documents
(rollover and import read last year's) are left alone.
"""

from __future__ import annotations

import re

from ..vn.nd30 import DISTRICT_WORDS, TWO_TIER_REASON, TWO_TIER_SINCE, parse_date_line
from .findings import WARNING, rule

__all__ = ["before_two_tiers"]

_CLAUSE = "Luật Tổ chức chính quyền địa phương 2025; Nghị quyết 202/2025/QH15 (chính quyền địa phương hai cấp)"


_YEAR = re.compile(r"(?<!\d)(19|20)(\d{2})(?!\d)")


def before_two_tiers(date_text: str | None, title: str = "") -> bool:
    """True when the document is older than the two-tier system: its date line, or without one the
    latest year its title and trích yếu name ("Kế hoạch … năm 2023")."""
    parts = parse_date_line(date_text or "")
    if not parts:
        years = [int(a + b) for a, b in _YEAR.findall(title)]
        return bool(years) and max(years) < TWO_TIER_SINCE[0]
    try:
        day, month, year = int(parts["d"] or 1), int(parts["m"] or 1), int(parts["y"])
    except (TypeError, ValueError):
        return False
    return (year, month, day) < TWO_TIER_SINCE


@rule("DV-HAI-CAP", WARNING, _CLAUSE)
def district_level(ctx):
    """'UBND HUYỆN …' in the header, or a Nơi nhận line to district-level offices."""
    c = ctx.c
    title = " ".join(p.stripped for p in ([c.title] if c.title else []) + c.trich_yeu + c.vv)
    if before_two_tiers(c.date.stripped if c.date is not None else None, title):
        return
    for p in [*c.parent, *c.issuer]:
        found = DISTRICT_WORDS.search(p.stripped)
        if found:
            yield (f"Tên cơ quan ban hành có cấp '{found.group(1)}': {TWO_TIER_REASON}.", p)
    for p in c.recipients:
        found = DISTRICT_WORDS.search(p.stripped)
        if found:
            yield (f"Nơi nhận gửi tới cơ quan cấp '{found.group(1)}': {TWO_TIER_REASON}.", p)
