"""WordprocessingML names and ST_OnOff, defined once for every reader."""

from __future__ import annotations

from lxml import etree

__all__ = ["W", "R_NS", "w", "on_off"]

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def w(tag: str) -> str:
    """Clark name of a WordprocessingML tag or attribute: ``w('sz')``."""
    return f"{{{W}}}{tag}"


def on_off(el: etree._Element | None) -> bool | None:
    """Value of an ST_OnOff element (``<w:b/>``, ``<w:b w:val="0"/>``); None if absent.

    ``none`` is not a valid ST_OnOff value but some writers emit it; it reads as off.
    """
    if el is None:
        return None
    return el.get(w("val"), "true").lower() not in ("0", "false", "off", "none")
