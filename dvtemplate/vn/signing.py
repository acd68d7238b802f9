"""Signer block, Nơi nhận and Kính gửi lines.

ND30 (Phụ lục I, mục 7–9): the authority prefix (TM., KT., TL., TUQ., Q.)
stands on its own line above the signer's title, all in upper case; a
collective body signs "TM." and its deputy head can sign "TM." then "KT.".
Nơi nhận lines each start with "- " and end with ";", the last one is
"- Lưu: VT, <unit>." with a full stop; several Kính gửi recipients are listed
the same way, the last ending with ".".

Clerks often type the dashes and semicolons themselves; these functions strip
them first so they are never doubled.
"""

from __future__ import annotations

import re

from .nd30 import ACTING, AS_ABOVE, AUTHORITY_CHAIN, AUTHORITY_PREFIXES, COLLECTIVE, chain_allowed
from .text import collapse_spaces, upper_vn

__all__ = [
    "AUTHORITY_PREFIXES",
    "parse_authority",
    "signer_lines",
    "clean_list_item",
    "recipient_lines",
    "kinh_gui_lines",
]

_LEADING = re.compile(r"^(?:[-–—+•·*]\s*)+")
_TRAILING = re.compile(r"[\s;.,:]+$")
_ARCHIVE_PREFIX = re.compile(r"^lưu\s*:\s*", re.IGNORECASE)


def parse_authority(authority: str | None) -> tuple[str, ...]:
    """Normalise an authority to a tuple of prefixes: ``"tm + kt"`` → ``("TM.", "KT.")``.

    Allowed: nothing, one of ``AUTHORITY_PREFIXES``, or ``TM.`` followed by ``KT.``.

    >>> parse_authority("TM.+KT."), parse_authority("kt"), parse_authority(None)
    (('TM.', 'KT.'), ('KT.',), ())
    """
    if authority is None or not authority.strip():
        return ()
    raws = re.sub(r"\s+", "", upper_vn(authority)).split("+")
    result = tuple(raw.rstrip(".") + "." for raw in raws)
    for raw, prefix in zip(raws, result, strict=True):
        if prefix not in AUTHORITY_PREFIXES:
            raise ValueError(f"unknown authority prefix {raw!r} in {authority!r}")
    if not chain_allowed(result):
        raise ValueError(f"only {AUTHORITY_CHAIN[0]} may combine, with {AUTHORITY_CHAIN[1]}: {authority!r}")
    return result


def _line(text: str) -> str:
    return upper_vn(collapse_spaces(text))


def signer_lines(
    authority: str | None,
    on_behalf_of: str | None,
    head_title: str | None,
    title: str,
) -> list[str]:
    """Upper-case lines of the signer block, authority prefix first.

    >>> signer_lines("TM.+KT.", "Ủy ban nhân dân", "Chủ tịch", "Phó Chủ tịch")
    ['TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH']
    >>> signer_lines("TL.", None, "Chủ tịch", "Chánh Văn phòng")
    ['TL. CHỦ TỊCH', 'CHÁNH VĂN PHÒNG']
    """
    prefixes = parse_authority(authority)
    title = _line(title or "")
    if not title:
        raise ValueError("title is required")
    body = _line(on_behalf_of or "")
    head = _line(head_title or "")
    lines: list[str] = []
    for prefix in prefixes:
        if prefix == ACTING:
            return [f"{ACTING} {title}"]
        if prefix == COLLECTIVE:
            if not body:
                raise ValueError(f"{COLLECTIVE} needs on_behalf_of (the collective body)")
            lines.append(f"{COLLECTIVE} {body}")
        else:
            if not head:
                raise ValueError(f"{prefix} needs head_title (the head's title)")
            lines.append(f"{prefix} {head}")
    lines.append(title)
    return lines


def clean_list_item(text: str) -> str:
    """A recipient as typed, without the leading dash and trailing ``;``/``.`` ND30 adds back.

    >>> clean_list_item("  - Sở Nội vụ (b/c);  ")
    'Sở Nội vụ (b/c)'
    """
    text = collapse_spaces(text)
    text = _LEADING.sub("", text)
    return _TRAILING.sub("", text)


def _is_as_above(item: str) -> bool:
    return item.casefold() == AS_ABOVE.casefold()


def recipient_lines(
    recipients: list[str],
    archive: str,
    *,
    as_above: bool = False,
    drafter: str | None = None,
    copies: int | None = None,
) -> list[str]:
    """Lines under "Nơi nhận:", the last one "- Lưu: …." with a full stop.

    A "Như trên" typed among the recipients is moved to the top (as if
    ``as_above``); a "Lưu: …" line typed among them is dropped (``archive``
    makes it). An empty ``archive`` means "VT" (the văn thư always keeps one).

    >>> recipient_lines(["Sở Nội vụ;", "- UBND các huyện (b/c)"], "VT, TCBM", as_above=True, drafter="NV", copies=10)
    ['- Như trên;', '- Sở Nội vụ;', '- UBND các huyện (b/c);', '- Lưu: VT, TCBM, NV(10).']
    """
    if copies is not None and (isinstance(copies, bool) or not isinstance(copies, int) or copies < 1):
        raise ValueError(f"copies must be a positive int, got {copies!r}")
    items: list[str] = []
    for raw in recipients:
        item = clean_list_item(raw)
        if not item or _ARCHIVE_PREFIX.match(item):
            continue
        if _is_as_above(item):
            as_above = True
            continue
        items.append(item)
    lines = [f"- {AS_ABOVE};"] if as_above else []
    lines += [f"- {item};" for item in items]
    store = _ARCHIVE_PREFIX.sub("", clean_list_item(archive or ""))
    names = [n.strip() for n in store.split(",") if n.strip()] or ["VT"]
    store = ", ".join(names)
    drafter = clean_list_item(drafter or "")
    count = f"({copies})" if copies is not None else ""
    if drafter:
        store += f", {drafter}{count}"
    else:
        store += count
    lines.append(f"- Lưu: {store}.")
    return lines


def kinh_gui_lines(recipients: list[str]) -> list[str]:
    """Kính gửi recipients: one alone (the caller writes it inline and adds "."), several as a list.

    >>> kinh_gui_lines(["Sở Nội vụ"])
    ['Sở Nội vụ']
    >>> kinh_gui_lines(["- Sở Nội vụ;", "Sở Tài chính."])
    ['- Sở Nội vụ;', '- Sở Tài chính.']
    """
    items = [item for item in (clean_list_item(r) for r in recipients) if item]
    if len(items) <= 1:
        return items
    return [f"- {item};" for item in items[:-1]] + [f"- {items[-1]}."]
