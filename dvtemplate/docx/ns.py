"""WordprocessingML names, ST_OnOff and the text of a run, defined once for every reader."""

from __future__ import annotations

from collections.abc import Callable

from lxml import etree

__all__ = ["W", "R_NS", "w", "on_off", "control_props", "run_text"]

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


_T, _TAB, _NB_HYPHEN = w("t"), w("tab"), w("noBreakHyphen")
_BREAKS = (w("br"), w("cr"))
_REFERENCES = (w("footnoteReference"), w("endnoteReference"))


def run_text(
    run: etree._Element, *, page_breaks: bool = True, reference: Callable[[etree._Element], str] | None = None
) -> str:
    """The text a ``w:r`` shows: ``w:t``, tabs, breaks as ``\\n``, no-break hyphens.

    Page and column breaks count as line breaks unless *page_breaks* is False; a footnote or
    endnote reference becomes ``reference(element)`` (nothing without it).
    """
    parts: list[str] = []
    for child in run:
        tag = child.tag
        if tag == _T:
            parts.append(child.text or "")
        elif tag == _TAB:
            parts.append("\t")
        elif tag in _BREAKS:
            if page_breaks or child.get(w("type")) not in ("page", "column"):
                parts.append("\n")
        elif tag == _NB_HYPHEN:
            parts.append("-")
        elif tag in _REFERENCES and reference is not None:
            parts.append(reference(child))
    return "".join(parts)


def control_props(sdt: etree._Element) -> tuple[str, str, bool]:
    """A content control's ``(tag, alias, showing its placeholder)`` as stored ("" when absent)."""
    props = sdt.find(w("sdtPr"))
    if props is None:
        return "", "", False
    tag_el, alias_el = props.find(w("tag")), props.find(w("alias"))
    tag = tag_el.get(w("val"), "") if tag_el is not None else ""
    alias = alias_el.get(w("val"), "") if alias_el is not None else ""
    return tag, alias, props.find(w("showingPlcHdr")) is not None
