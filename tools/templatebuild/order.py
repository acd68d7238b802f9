"""Schema order of the property elements the builder adds by hand (Word may repair a file otherwise).

WordprocessingML fixes the order of the children of ``w:tblPr``, ``w:pPr`` and
``w:sectPr`` (ECMA-376 Part 1, §17.4.60, §17.3.1.26, §17.6.17). python-docx knows
these sequences but inserts in order only the children it models (``jc``,
``tblLayout``, ``keepNext``…); borders, cell margins and page numbering are
added here, always through :func:`insert_ordered`, which places an element
before its first successor already present (python-docx's own
``insert_element_before``).
"""

from __future__ import annotations

from docx.oxml.ns import qn

__all__ = ["SEQUENCES", "insert_ordered", "sort_children"]

SEQUENCES: dict[str, tuple[str, ...]] = {
    "w:tblPr": (
        "w:tblStyle",
        "w:tblpPr",
        "w:tblOverlap",
        "w:bidiVisual",
        "w:tblStyleRowBandSize",
        "w:tblStyleColBandSize",
        "w:tblW",
        "w:jc",
        "w:tblCellSpacing",
        "w:tblInd",
        "w:tblBorders",
        "w:shd",
        "w:tblLayout",
        "w:tblCellMar",
        "w:tblLook",
        "w:tblCaption",
        "w:tblDescription",
        "w:tblPrChange",
    ),
    "w:pPr": (
        "w:pStyle",
        "w:keepNext",
        "w:keepLines",
        "w:pageBreakBefore",
        "w:framePr",
        "w:widowControl",
        "w:numPr",
        "w:suppressLineNumbers",
        "w:pBdr",
        "w:shd",
        "w:tabs",
        "w:suppressAutoHyphens",
        "w:kinsoku",
        "w:wordWrap",
        "w:overflowPunct",
        "w:topLinePunct",
        "w:autoSpaceDE",
        "w:autoSpaceDN",
        "w:bidi",
        "w:adjustRightInd",
        "w:snapToGrid",
        "w:spacing",
        "w:ind",
        "w:contextualSpacing",
        "w:mirrorIndents",
        "w:suppressOverlap",
        "w:jc",
        "w:textDirection",
        "w:textAlignment",
        "w:textboxTightWrap",
        "w:outlineLvl",
        "w:divId",
        "w:cnfStyle",
        "w:rPr",
        "w:sectPr",
        "w:pPrChange",
    ),
    "w:sectPr": (
        "w:headerReference",
        "w:footerReference",
        "w:footnotePr",
        "w:endnotePr",
        "w:type",
        "w:pgSz",
        "w:pgMar",
        "w:paperSrc",
        "w:pgBorders",
        "w:lnNumType",
        "w:pgNumType",
        "w:cols",
        "w:formProt",
        "w:vAlign",
        "w:noEndnote",
        "w:titlePg",
        "w:textDirection",
        "w:bidi",
        "w:rtlGutter",
        "w:docGrid",
        "w:printerSettings",
        "w:sectPrChange",
    ),
}
"""Parent element → its children in schema order (only the parents the builder edits by hand)."""

_PARENTS = {qn(parent): sequence for parent, sequence in SEQUENCES.items()}


def insert_ordered(parent, element):
    """Insert *element* into *parent* (a python-docx oxml element) at its schema position.

    An existing child of the same name is replaced (none of the children the builder adds
    repeats). Raises ``KeyError`` for a parent, ``ValueError`` for a child, that the
    sequences do not list, so a new kind of edit cannot slip in out of order.
    """
    sequence = _PARENTS[parent.tag]
    position = [qn(tag) for tag in sequence].index(element.tag)  # ValueError: not a child we know
    for old in parent.findall(element.tag):
        parent.remove(old)
    return parent.insert_element_before(element, *sequence[position + 1 :])


def sort_children(parent) -> None:
    """Put every child of *parent* in schema order (stable: repeated children keep their order)."""
    order = [qn(tag) for tag in _PARENTS[parent.tag]]
    children = sorted(parent, key=lambda child: order.index(child.tag) if child.tag in order else len(order))
    for child in children:
        parent.append(child)
