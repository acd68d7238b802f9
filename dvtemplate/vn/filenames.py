"""Safe, readable file names for generated documents.

Users open the output on Windows, often from a zip or a network share, so a
name must survive all of them: ASCII only (Vietnamese transliterated, since
old unzip tools and some mail gateways mangle UTF-8 names), no characters
Windows forbids, no reserved device names, no trailing dot, bounded length.
"""

from __future__ import annotations

import re

from .text import strip_diacritics

__all__ = ["WINDOWS_RESERVED", "safe_filename", "unique_filenames"]

WINDOWS_RESERVED = frozenset(
    ["CON", "PRN", "AUX", "NUL"] + [f"COM{i}" for i in range(1, 10)] + [f"LPT{i}" for i in range(1, 10)]
)
"""Device names Windows refuses as a file name, with or without an extension."""

_FALLBACK = "van-ban"
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
_DASHES = re.compile(r"-{2,}")


def _check_len(max_len: int) -> int:
    if isinstance(max_len, bool) or not isinstance(max_len, int) or max_len < 1:
        raise ValueError(f"max_len must be a positive int, got {max_len!r}")
    return max_len


def _tidy(name: str, max_len: int) -> str:
    """Cut to ``max_len`` and drop what Windows dislikes at the ends."""
    name = name[:max_len]
    name = name.strip("-").lstrip(".").rstrip(".").strip("-")
    return name


def safe_filename(name: str, *, max_len: int = 80) -> str:
    """Transliterate and sanitise ``name`` to ``[A-Za-z0-9._-]``, never empty.

    >>> safe_filename("UBND xã Phước Hà / Thuận Nam")
    'UBND-xa-Phuoc-Ha-Thuan-Nam'
    >>> safe_filename("con"), safe_filename("???"), safe_filename("..Báo cáo.")
    ('con_', 'van-ban', 'Bao-cao')
    """
    max_len = _check_len(max_len)
    if not isinstance(name, str):
        raise ValueError(f"name must be a string, got {name!r}")
    text = _UNSAFE.sub("-", strip_diacritics(name))
    text = _DASHES.sub("-", text)
    text = _tidy(text, max_len) or _tidy(_FALLBACK, max_len) or "v"
    if _reserved(text):
        if len(text) >= max_len:
            # No room for "_": give up the last character instead, which
            # either cuts the extension or shortens the stem below a device name.
            text = _tidy(text[: max_len - 1], max_len)
        if _reserved(text):
            stem, dot, rest = text.partition(".")
            text = stem + "_" + dot + rest
    return text


def _reserved(name: str) -> bool:
    return name.partition(".")[0].upper() in WINDOWS_RESERVED


def unique_filenames(names: list[str], *, max_len: int = 80) -> list[str]:
    """``safe_filename`` each name, then make them unique ignoring case ("-2", "-3", …).

    The first occurrence keeps its name. Suffixes go at the very end, so pass
    names without their extension.

    >>> unique_filenames(["Xã Phước Hà", "xa phuoc ha", "Xa-Phuoc-Ha-2"])
    ['Xa-Phuoc-Ha', 'xa-phuoc-ha-2', 'Xa-Phuoc-Ha-2-2']
    """
    max_len = _check_len(max_len)
    safe = [safe_filename(n, max_len=max_len) for n in names]
    taken: set[str] = set()
    tried: dict[str, int] = {}  # last suffix tried per name: the names taken only grow, so never retry below it
    result: list[str] = []
    for name in safe:
        key = name.casefold()
        candidate, k = name, tried.get(key, 1)
        if k > 1:
            candidate = name[: max_len - len(f"-{k}")].rstrip("-.") + f"-{k}"
        while candidate.casefold() in taken:
            k += 1
            suffix = f"-{k}"
            if len(suffix) >= max_len:
                raise ValueError(f"max_len {max_len} too small to make names unique")
            candidate = name[: max_len - len(suffix)].rstrip("-.") + suffix
        tried[key] = k
        taken.add(candidate.casefold())
        result.append(candidate)
    return result
