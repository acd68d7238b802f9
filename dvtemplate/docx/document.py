"""Read a whole .docx once: paragraphs in reading order, sections, header and footer parts, footnotes,
content controls and tracked changes, for every reader.

Body paragraphs and table cells come out in document order (a nested table after the cell text
before it); content controls around paragraphs, rows or cells are entered for the text and also
listed as :class:`Control`. Footnote references read as ``[^n]`` in ``plain``, numbered
by appearance, with the footnote texts in :attr:`Document.footnotes`. Reading stops with an
InputError past ``MAX_PARAGRAPHS`` paragraphs or ``MAX_TEXT_CHARS`` characters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

from .. import limits
from ..errors import InputError
from ..vn import grouped
from .ns import R_NS, control_props, on_off, run_text, w
from .numbering import ListNumbering
from .package import Package
from .paragraphs import Para, ParaReader, clean_text, run_elements
from .styles import StyleSheet, theme_fonts

__all__ = ["Control", "Section", "HeaderPart", "Document", "read_document"]


@dataclass
class Control:
    """A content control: ``tag`` and ``alias`` as stored (LibreOffice drops tags), its value.

    ``block`` is the index of the (first) paragraph it sits in, ``cell`` its table cell;
    ``inline`` is False for a control around whole paragraphs, rows or cells.
    """

    tag: str
    alias: str
    value: str
    placeholder: bool
    block: int
    cell: tuple[int, int, int] | None
    inline: bool


@dataclass
class HeaderPart:
    """A header or footer part: does it hold a PAGE field, where, how big."""

    name: str
    kind: str  # "header" / "footer"
    has_page: bool
    page_align: str | None
    page_size: float | None
    paras: list[Para] = field(default_factory=list)


@dataclass
class Section:
    index: int
    width: int | None
    height: int | None
    orient: str | None
    margins: dict[str, int]
    title_pg: bool
    headers: dict[str, str]  # type → relationship id
    footers: dict[str, str]
    first_para: int = 0
    has_table: bool = False


@dataclass
class Document:
    """What the reader found in one file."""

    name: str
    paras: list[Para]
    sections: list[Section]
    parts: dict[str, HeaderPart]
    styles: StyleSheet
    n_tables: int
    has_footnotes_part: bool
    footnotes: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    """Oddities to warn about (a picture that cannot be read, a footnote without text)."""
    controls: list[Control] = field(default_factory=list)
    tracked: dict[str, int] = field(default_factory=dict)
    """Tracked changes still in the file: ``{"ins": n, "del": m}`` (moves counted as both)."""


def _int(value: str | None) -> int:
    try:
        return int(float(value)) if value is not None else 0
    except ValueError:
        return 0


class _Body:
    """One walk over the body: paragraphs, tables, sections, controls and footnotes."""

    def __init__(self, pkg: Package, sheet: StyleSheet) -> None:
        self.notes_xml = _footnote_map(pkg.xml("word/footnotes.xml"))
        numbering = ListNumbering(pkg.xml("word/numbering.xml"), pkg.xml("word/styles.xml"))
        self.reader = ParaReader(sheet, numbering, reference=self._reference)
        self.paras: list[Para] = []
        self.sections: list[Section] = []
        self.footnotes: dict[str, str] = {}
        self.notes: list[str] = []
        self.controls: list[Control] = []
        self.chars = 0
        self.tables = 0
        self.body_paragraphs = 0
        self.section_start = 0
        self.section_table = False

    # -- footnotes ------------------------------------------------------------------------------
    def _reference(self, ref: etree._Element) -> str:
        if ref.tag != w("footnoteReference"):
            return ""
        fid = ref.get(w("id"))
        note = self.notes_xml.get(fid or "")
        if note is None:
            self.notes.append(f"chú thích số {fid} không có nội dung trong tệp; đã bỏ dấu chú thích")
            return ""
        key = str(len(self.footnotes) + 1)
        paras = ("".join(run_text(r, page_breaks=False) for r in run_elements(p)) for p in note.iter(w("p")))
        self.footnotes[key] = clean_text("\n".join(x.strip() for x in paras if x.strip())) or "(chú thích trống)"
        return f"[^{key}]"

    # -- walk -----------------------------------------------------------------------------------
    def paragraph(self, p: etree._Element, cell=None, in_cell: int = 0) -> None:
        if len(self.paras) >= limits.MAX_PARAGRAPHS:
            raise InputError(f"Tệp có hơn {grouped(limits.MAX_PARAGRAPHS)} đoạn văn; quá lớn để đọc.")
        for sdt in p.iter(w("sdt")):
            self._control(sdt, cell, inline=True)
        if cell is None:
            self.body_paragraphs += 1
            loc = {"paragraph": self.body_paragraphs}
        else:
            loc = {"table": cell[0], "row": cell[1], "cell": cell[2], "paragraph": in_cell}
        para = self.reader.para(p, len(self.paras), loc, cell)
        self.chars += len(para.plain)
        if self.chars > limits.MAX_TEXT_CHARS:
            raise InputError(f"Tệp có hơn {grouped(limits.MAX_TEXT_CHARS)} ký tự; quá lớn để đọc.")
        if para.has_drawing:
            self.notes.append(f"đoạn {len(self.paras) + 1} có hình ảnh/hộp văn bản: không nhập được phần đó")
        self.paras.append(para)
        if cell is None and para.sect_break:
            self._close_section(p.find(f"{w('pPr')}/{w('sectPr')}"))

    def _close_section(self, sect: etree._Element) -> None:
        section = _section(sect, len(self.sections) + 1)
        section.first_para, section.has_table = self.section_start, self.section_table
        self.sections.append(section)
        self.section_start, self.section_table = len(self.paras), False

    def _control(self, sdt: etree._Element, cell, inline: bool, first: int | None = None) -> None:
        """Record one content control; its value is its text with tracked changes accepted."""
        tag, alias, placeholder = control_props(sdt)
        content = sdt.find(w("sdtContent"))
        if inline:
            value = (
                "".join(run_text(r, page_breaks=False) for r in run_elements(content)) if content is not None else ""
            )
            block = len(self.paras)
        else:
            block = first if first is not None else len(self.paras)
            value = "\n".join(p.plain for p in self.paras[block:] if p.plain)
        value = "" if placeholder else clean_text(value).strip()
        self.controls.append(Control(tag, alias, value, placeholder, block, cell, inline))

    def container(self, el: etree._Element, cell=None) -> None:
        in_cell = 0
        for ch in el:
            if ch.tag == w("p"):
                in_cell += 1
                self.paragraph(ch, cell, in_cell)
            elif ch.tag == w("tbl"):
                self.table(ch)
            elif ch.tag == w("sdt"):
                first = len(self.paras)
                content = ch.find(w("sdtContent"))
                if content is not None:
                    self.container(content, cell)
                self._control(ch, cell, inline=False, first=first)
            elif ch.tag in (w("sdtContent"), w("customXml")):
                self.container(ch, cell)
            elif ch.tag == w("sectPr") and cell is None:
                self._close_section(ch)

    def table(self, tbl: etree._Element) -> None:
        self.tables += 1
        self.section_table = True
        number = self.tables
        for r, (tr, _) in enumerate(_unwrap(tbl, "tr"), start=1):
            for c, (tc, sdt) in enumerate(_unwrap(tr, "tc"), start=1):
                first = len(self.paras)
                self.container(tc, (number, r, c))
                if sdt is not None:
                    self._control(sdt, (number, r, c), inline=False, first=first)


def _footnote_map(root) -> dict[str, etree._Element]:
    if root is None:
        return {}
    return {fn.get(w("id")): fn for fn in root.iter(w("footnote")) if fn.get(w("type")) in (None, "normal")}


def _unwrap(parent: etree._Element, tag: str, sdt: etree._Element | None = None):
    """(child *tag*, the content control around it or None), looking through row- and cell-level controls."""
    for ch in parent:
        if ch.tag == w(tag):
            yield ch, sdt
        elif ch.tag == w("sdt"):
            content = ch.find(w("sdtContent"))
            if content is not None:
                yield from _unwrap(content, tag, sdt if sdt is not None else ch)
        elif ch.tag == w("customXml"):
            yield from _unwrap(ch, tag, sdt)


def _section(sp: etree._Element, index: int) -> Section:
    pgsz = sp.find(w("pgSz"))
    mar = sp.find(w("pgMar"))
    margins = {k: abs(_int(mar.get(w(k)))) for k in ("top", "bottom", "left", "right")} if mar is not None else {}
    heads: dict[str, str] = {}
    foots: dict[str, str] = {}
    for ref in sp.iterfind(w("headerReference")):
        heads[ref.get(w("type")) or "default"] = ref.get(f"{{{R_NS}}}id") or ""
    for ref in sp.iterfind(w("footerReference")):
        foots[ref.get(w("type")) or "default"] = ref.get(f"{{{R_NS}}}id") or ""
    return Section(
        index=index,
        width=_int(pgsz.get(w("w"))) if pgsz is not None else None,
        height=_int(pgsz.get(w("h"))) if pgsz is not None else None,
        orient=pgsz.get(w("orient")) if pgsz is not None else None,
        margins=margins,
        title_pg=on_off(sp.find(w("titlePg"))) is True,
        headers=heads,
        footers=foots,
    )


def _has_page_field(instr: str | None) -> bool:
    return bool(re.match(r"\s*PAGE\b", instr or "", re.I))


def _header_part(root: etree._Element, name: str, kind: str, reader: ParaReader) -> HeaderPart:
    paras: list[Para] = []
    has_page, page_align, page_size = False, None, None
    for i, p in enumerate(root.iter(w("p")), start=1):
        para = reader.para(p, i, {"part": name, "paragraph": i}, notes=False)
        paras.append(para)
        found = any(_has_page_field(f.get(w("instr"))) for f in p.iter(w("fldSimple")))
        found = found or any(_has_page_field(t.text) for t in p.iter(w("instrText")))
        if found and not has_page:
            has_page, page_align = True, para.align
            sizes = [r.size for r in para.runs if r.size]
            page_size = sizes[0] if sizes else None
    return HeaderPart(name, kind, has_page, page_align, page_size, paras)


def read_document(pkg: Package) -> Document:
    """Read an opened package; InputError (Vietnamese) when it has no body or is too large."""
    sheet = StyleSheet(pkg.xml("word/styles.xml"), theme_fonts(pkg.xml("word/theme/theme1.xml")))
    body = pkg.xml("word/document.xml").find(w("body"))
    if body is None:
        raise InputError(f"Tệp '{pkg.name}' không có phần thân văn bản (w:body).")
    walk = _Body(pkg, sheet)
    walk.container(body)
    if not walk.sections:
        walk.sections.append(Section(1, None, None, None, {}, False, {}, {}))
    parts: dict[str, HeaderPart] = {}
    for rid, (kind, target) in pkg.rels().items():
        if kind in ("header", "footer"):
            root = pkg.xml(target)
            if root is not None:
                parts[rid] = _header_part(root, target.removeprefix("word/"), kind, ParaReader(sheet))
    tracked = {
        "ins": sum(1 for _ in body.iter(w("ins"), w("moveTo"))),
        "del": sum(1 for _ in body.iter(w("del"), w("moveFrom"))),
    }
    return Document(
        name=pkg.name,
        paras=walk.paras,
        sections=walk.sections,
        parts=parts,
        styles=sheet,
        n_tables=walk.tables,
        has_footnotes_part=pkg.has("word/footnotes.xml"),
        footnotes=walk.footnotes,
        notes=walk.notes,
        controls=walk.controls,
        tracked=tracked,
    )
