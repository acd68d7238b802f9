"""OOXML post-processing after Jinja: real footnotes from markers, line breaks and tabs.

Parts are handled as UTF-8 bytes, as they come out of the renderer: a 3,000-row table is
tens of megabytes of XML, and a Python string of Vietnamese text weighs twice its bytes.

python-docx has no footnote API and docxtpl cannot create footnotes, so the
context leaves a private-use marker where a footnote belongs and this module
splits the run there, inserts ``<w:footnoteReference>`` and appends the note to
``word/footnotes.xml``. This is the only module of the engine that parses XML.
"""

from __future__ import annotations

import copy
import re
from xml.sax.saxutils import escape

from lxml import etree

from ..markers import FOOTNOTE_CLOSE, FOOTNOTE_OPEN, MERGE_FIRST, MERGE_NEXT

__all__ = [
    "W",
    "resolve_breaks",
    "insert_footnotes",
    "has_footnote_markers",
    "fit_table_grids",
    "DATA_TABLE_STYLE",
    "has_merge_markers",
    "merge_cells",
]

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = f"{{{W}}}"
_SPLIT = re.compile(f"{FOOTNOTE_OPEN}(\\d+){FOOTNOTE_CLOSE}")
_TEXT = re.compile(rb"(<w:t(?: [^>]*)?>)([^<]*)(</w:t>)")
_BREAK = re.compile(rb"<w:t(?: [^>]*)?>[^<]*[\n\t]")
"""A text element holding a newline or tab (else the document is returned as it is, never copied)."""


DATA_TABLE_STYLE = "DVDataTable"
"""Style id of the templates' data tables, whose column count comes from the data."""


def fit_table_grids(xml: bytes) -> bytes:
    """Give every "DV Bảng nội dung" table as many grid columns as its widest row, of equal width.

    A ``{%tc for %}`` loop makes the number of cells depend on the data while the template's
    ``w:tblGrid`` keeps its own count; Word expects the grid to match the cells. The table keeps
    the width of the template's widest grid column (the text width).
    """
    if f'w:val="{DATA_TABLE_STYLE}"'.encode() not in xml:
        return xml
    root = etree.fromstring(xml)
    for tbl in root.iter(f"{_W}tbl"):
        style = tbl.find(f"{_W}tblPr/{_W}tblStyle")
        grid = tbl.find(f"{_W}tblGrid")
        rows = tbl.findall(f"{_W}tr")
        if style is None or style.get(f"{_W}val") != DATA_TABLE_STYLE or grid is None or not rows:
            continue
        widths = [int(c.get(f"{_W}w", "0")) for c in grid.findall(f"{_W}gridCol") if c.get(f"{_W}w", "").isdigit()]
        columns = max(len(tr.findall(f"{_W}tc")) for tr in rows) or 1
        each = max(max(widths, default=9000) // columns, 1)
        for col in list(grid):
            grid.remove(col)
        for _ in range(columns):
            etree.SubElement(grid, f"{_W}gridCol").set(f"{_W}w", str(each))
        for tcw in tbl.iter(f"{_W}tcW"):
            tcw.set(f"{_W}w", str(each))
            tcw.set(f"{_W}type", "dxa")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def has_footnote_markers(xml: bytes) -> bool:
    return FOOTNOTE_OPEN.encode() in xml


def has_merge_markers(xml: bytes) -> bool:
    return MERGE_FIRST.encode() in xml or MERGE_NEXT.encode() in xml


_TCPR_ORDER = ("cnfStyle", "tcW", "gridSpan", "hMerge", "vMerge")


def merge_cells(xml: bytes) -> bytes:
    """Table cells marked by a context become a vertical merge: ``MERGE_FIRST`` starts one
    (``<w:vMerge w:val="restart"/>``), ``MERGE_NEXT`` continues it (``<w:vMerge/>``, text removed).
    docxtpl's own ``{% vm %}`` fails on several merges in one table (its issues 192, 618)."""
    root = etree.fromstring(xml)
    for t in list(root.iter(_W + "t")):
        text = t.text or ""
        if MERGE_FIRST not in text and MERGE_NEXT not in text:
            continue
        first = MERGE_FIRST in text
        t.text = text.replace(MERGE_FIRST, "").replace(MERGE_NEXT, "")
        cell = next((a for a in t.iterancestors(_W + "tc")), None)
        if cell is None:
            continue
        tcpr = cell.find(_W + "tcPr")
        if tcpr is None:
            tcpr = etree.Element(_W + "tcPr")
            cell.insert(0, tcpr)
        for old in tcpr.findall(_W + "vMerge"):
            tcpr.remove(old)
        merge = etree.Element(_W + "vMerge")
        if first:
            merge.set(_W + "val", "restart")
        position = sum(1 for ch in tcpr if etree.QName(ch).localname in _TCPR_ORDER)
        tcpr.insert(position, merge)
        if not first:
            for r in list(cell.iter(_W + "r")):
                if r.find(_W + "t") is not None and not "".join(x.text or "" for x in r.iter(_W + "t")).strip():
                    r.getparent().remove(r)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def resolve_breaks(xml: bytes) -> bytes:
    """A newline in a value becomes ``<w:br/>``, a tab ``<w:tab/>`` (text stays escaped)."""
    if b"\n" not in xml and b"\t" not in xml or not _BREAK.search(xml):
        return xml

    def fix(m: re.Match) -> bytes:
        body = m.group(2)
        if b"\n" not in body and b"\t" not in body:
            return m.group(0)
        body = body.replace(b"\n", b'</w:t><w:br/><w:t xml:space="preserve">')
        body = body.replace(b"\t", b'</w:t><w:tab/><w:t xml:space="preserve">')
        return b'<w:t xml:space="preserve">' + body + m.group(3)

    return _TEXT.sub(fix, xml)


def _ref_run(number: int) -> etree._Element:
    r = etree.Element(_W + "r")
    rpr = etree.SubElement(r, _W + "rPr")
    etree.SubElement(rpr, _W + "rStyle").set(_W + "val", "FootnoteReference")
    etree.SubElement(rpr, _W + "vertAlign").set(_W + "val", "superscript")
    etree.SubElement(r, _W + "footnoteReference").set(_W + "id", str(number))
    return r


def _text_run(template_run: etree._Element, text: str) -> etree._Element:
    r = etree.Element(_W + "r")
    rpr = template_run.find(_W + "rPr")
    if rpr is not None:
        r.append(copy.deepcopy(rpr))
    t = etree.SubElement(r, _W + "t")
    t.text = text
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return r


def _split_runs(root: etree._Element) -> list[int]:
    used: list[int] = []
    for t in list(root.iter(_W + "t")):
        if t.text is None or FOOTNOTE_OPEN not in t.text:
            continue
        run = t.getparent()
        pieces = _SPLIT.split(t.text)
        t.text = pieces[0]
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        after = []
        sibling = t.getnext()
        while sibling is not None:
            after.append(sibling)
            sibling = sibling.getnext()
        anchor = run
        for i in range(1, len(pieces), 2):
            number = int(pieces[i])
            used.append(number)
            ref = _ref_run(number)
            anchor.addnext(ref)
            anchor = ref
            tail = _text_run(run, pieces[i + 1])
            anchor.addnext(tail)
            anchor = tail
        for element in after:
            anchor.append(element)
    return used


def insert_footnotes(document_xml: bytes, footnotes_xml: bytes, notes: dict[int, str]) -> tuple[bytes, bytes]:
    """Turn markers in *document_xml* into footnote references and add *notes* to the footnotes part."""
    root = etree.fromstring(document_xml)
    used = _split_runs(root)
    notes_root = etree.fromstring(footnotes_xml)
    for number in used:
        text = notes.get(number, "")
        note = etree.fromstring(
            f'<w:footnote xmlns:w="{W}" w:id="{number}"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr>'
            '<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteRef/></w:r>'
            f'<w:r><w:t xml:space="preserve"> {escape(text)}</w:t></w:r></w:p></w:footnote>'
        )
        notes_root.append(note)
    return (
        etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True),
        etree.tostring(notes_root, xml_declaration=True, encoding="UTF-8", standalone=True),
    )
