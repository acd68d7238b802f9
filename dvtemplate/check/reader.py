"""Read a .docx into plain data: paragraphs in order with effective formatting.

Everything the rules need is computed here once, so the rules stay small pure
functions over :class:`Para`/:class:`Section` objects and never touch XML.
Body paragraphs and table cells are walked in document order; content controls
and tracked insertions are entered, deletions and text boxes are skipped.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from ..errors import InputError
from .package import open_zip as _open_zip
from .package import parse as _parse
from .package import read_part as _read
from .styles import StyleSheet, on_off, theme_fonts, w

__all__ = ["Run", "Para", "Section", "HeaderPart", "DocxData", "read_docx"]

R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_SKIP = {w("del"), w("txbxContent"), w("moveFrom"), w("pPr"), w("rPr")}


@dataclass
class Run:
    """One text run with its effective properties (size in points)."""

    text: str
    font: str | None
    font_ascii: str | None
    size: float | None
    bold: bool
    italic: bool
    caps: bool
    vert_align: str | None
    footnote_ref: bool = False


@dataclass
class Para:
    """One paragraph: text, runs and effective paragraph properties.

    ``loc`` is 1-based and human-facing: ``{"paragraph": 5}`` for the body,
    ``{"table": 1, "row": 1, "cell": 2, "paragraph": 3}`` inside a table.
    Distances are in twips (1/1440 inch), spacing in twips, ``line`` as stored.
    """

    index: int
    loc: dict
    text: str
    runs: list[Run]
    align: str | None
    first_line: int
    hanging: int
    ind_left: int
    ind_right: int
    before: int
    after: int
    line: int | None
    line_rule: str | None
    border_top: bool
    border_bottom: bool
    has_drawing: bool
    auto_number: bool
    style: str | None
    table: int | None = None
    row: int | None = None
    cell: int | None = None
    sect_break: bool = False

    @property
    def stripped(self) -> str:
        return self.text.strip()

    def text_runs(self) -> list[Run]:
        """Runs that carry visible text (not only spaces), footnote marks excluded."""
        return [r for r in self.runs if r.text.strip() and not r.footnote_ref]

    def sizes(self) -> list[float]:
        return [r.size for r in self.text_runs() if r.size is not None and r.vert_align is None]

    def main_size(self) -> float | None:
        """The size carrying the most characters (ignoring superscripts)."""
        count: dict[float, int] = {}
        for r in self.text_runs():
            if r.size is not None and r.vert_align is None:
                count[r.size] = count.get(r.size, 0) + len(r.text.strip())
        return max(count, key=count.get) if count else None

    def all_bold(self) -> bool:
        runs = self.text_runs()
        return bool(runs) and all(r.bold for r in runs)

    def any_bold(self) -> bool:
        return any(r.bold for r in self.text_runs())

    def all_italic(self) -> bool:
        runs = self.text_runs()
        return bool(runs) and all(r.italic for r in runs)

    @property
    def is_rule(self) -> bool:
        """A horizontal rule drawn as border, shape or a line of underscores."""
        t = self.stripped
        return (not t and (self.border_top or self.border_bottom or self.has_drawing)) or bool(
            re.fullmatch(r"[_\u2014\u2015-]{5,}", t)
        )


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
    headers: dict[str, str]  # type → part name
    footers: dict[str, str]
    first_para: int = 0
    has_table: bool = False


@dataclass
class DocxData:
    path: str
    paras: list[Para]
    sections: list[Section]
    parts: dict[str, HeaderPart]
    styles: StyleSheet
    n_tables: int
    has_footnotes_part: bool


def _nfc(s: str) -> str:
    return unicodedata.normalize("NFC", s)


def _int(v: str | None, default: int = 0) -> int:
    try:
        return int(float(v)) if v is not None else default
    except ValueError:
        return default


class _Walker:
    """Turns paragraphs into :class:`Para` using one StyleSheet."""

    def __init__(self, styles: StyleSheet) -> None:
        self.st = styles

    def runs(self, p: etree._Element, pstyle: str | None) -> list[Run]:
        out: list[Run] = []

        def visit(el: etree._Element) -> None:
            for ch in el:
                if ch.tag in _SKIP or not isinstance(ch.tag, str):
                    continue
                if ch.tag == w("r"):
                    out.append(self.run(ch, pstyle))
                elif ch.tag != w("p"):
                    visit(ch)

        visit(p)
        return out

    def run(self, r: etree._Element, pstyle: str | None) -> Run:
        rpr = r.find(w("rPr"))
        rs = rpr.find(w("rStyle")) if rpr is not None else None
        rstyle = rs.get(w("val")) if rs is not None else None
        parts: list[str] = []
        fref = False
        for ch in r:
            if ch.tag == w("t"):
                parts.append(ch.text or "")
            elif ch.tag == w("tab"):
                parts.append("\t")
            elif ch.tag in (w("br"), w("cr")):
                parts.append("\n")
            elif ch.tag == w("noBreakHyphen"):
                parts.append("-")
            elif ch.tag in (w("footnoteReference"), w("endnoteReference")):
                fref = True
        st = self.st
        sz = st.run_prop(rpr, rstyle, pstyle, "sz", lambda e: _int(e.get(w("val")), -1))
        va = st.run_prop(rpr, rstyle, pstyle, "vertAlign", lambda e: e.get(w("val")))
        return Run(
            text=_nfc("".join(parts)),
            font=st.run_font(rpr, rstyle, pstyle, "hAnsi"),
            font_ascii=st.run_font(rpr, rstyle, pstyle, "ascii"),
            size=sz / 2 if sz and sz > 0 else None,
            bold=bool(st.run_prop(rpr, rstyle, pstyle, "b", on_off)),
            italic=bool(st.run_prop(rpr, rstyle, pstyle, "i", on_off)),
            caps=bool(st.run_prop(rpr, rstyle, pstyle, "caps", on_off)),
            vert_align=None if va in (None, "baseline") else va,
            footnote_ref=fref,
        )

    def para(self, p: etree._Element, index: int, loc: dict) -> Para:
        ppr = p.find(w("pPr"))
        ps = ppr.find(w("pStyle")) if ppr is not None else None
        pstyle = ps.get(w("val")) if ps is not None else None
        st = self.st
        runs = self.runs(p, pstyle)
        text = "".join(r.text.upper() if r.caps else r.text for r in runs)
        bdr = st.para_el(ppr, pstyle, "pBdr")

        def has_border(side: str) -> bool:
            el = bdr.find(w(side)) if bdr is not None else None
            return el is not None and el.get(w("val")) not in (None, "nil", "none")

        def ind(attr: str, alt: str | None = None) -> int:
            v = st.para_attr(ppr, pstyle, "ind", attr)
            if v is None and alt:
                v = st.para_attr(ppr, pstyle, "ind", alt)
            return _int(v)

        line = st.para_attr(ppr, pstyle, "spacing", "line")
        before = _int(st.para_attr(ppr, pstyle, "spacing", "before"))
        if st.para_attr(ppr, pstyle, "spacing", "beforeAutospacing") in ("1", "true", "on"):
            before = max(before, 280)
        after = _int(st.para_attr(ppr, pstyle, "spacing", "after"))
        if st.para_attr(ppr, pstyle, "spacing", "afterAutospacing") in ("1", "true", "on"):
            after = max(after, 280)
        drawing = any(True for _ in p.iter(w("drawing"), w("pict"), "{urn:schemas-microsoft-com:vml}line"))
        return Para(
            index=index,
            loc=loc,
            text=text,
            runs=runs,
            align=st.para_attr(ppr, pstyle, "jc", "val"),
            first_line=ind("firstLine"),
            hanging=ind("hanging"),
            ind_left=ind("left", "start"),
            ind_right=ind("right", "end"),
            before=before,
            after=after,
            line=_int(line) if line is not None else None,
            line_rule=st.para_attr(ppr, pstyle, "spacing", "lineRule") or ("auto" if line else None),
            border_top=has_border("top"),
            border_bottom=has_border("bottom"),
            has_drawing=drawing,
            auto_number=st.para_el(ppr, pstyle, "numPr") is not None,
            style=pstyle,
            sect_break=ppr is not None and ppr.find(w("sectPr")) is not None,
        )


def _block_children(el: etree._Element):
    """Body-level children, looking through content controls (w:sdt)."""
    for ch in el:
        if ch.tag == w("sdt"):
            content = ch.find(w("sdtContent"))
            if content is not None:
                yield from _block_children(content)
        else:
            yield ch


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


def _instr_has_page(instr: str) -> bool:
    return bool(re.match(r"\s*PAGE\b", instr or "", re.I))


def _header_part(root: etree._Element, name: str, kind: str, walker: _Walker) -> HeaderPart:
    paras: list[Para] = []
    has_page, page_align, page_size = False, None, None
    for i, p in enumerate(root.iter(w("p")), start=1):
        para = walker.para(p, i, {"part": name, "paragraph": i})
        paras.append(para)
        found = any(_instr_has_page(f.get(w("instr"))) for f in p.iter(w("fldSimple")))
        found = found or any(_instr_has_page(t.text) for t in p.iter(w("instrText")))
        if found and not has_page:
            has_page, page_align = True, para.align
            sizes = [r.size for r in para.runs if r.size]
            page_size = sizes[0] if sizes else None
    return HeaderPart(name, kind, has_page, page_align, page_size, paras)


def read_docx(path: str | Path) -> DocxData:
    """Read ``path``; raise :class:`InputError` (Vietnamese) when it is not a readable .docx."""
    path = Path(path)
    zf = _open_zip(path)
    with zf:
        doc = _parse(_read(zf, "word/document.xml") or b"", "word/document.xml", path)
        theme = theme_fonts(_read(zf, "word/theme/theme1.xml"))
        styles_xml = _read(zf, "word/styles.xml")
        try:
            styles = StyleSheet(styles_xml, theme)
        except etree.XMLSyntaxError:
            raise InputError(f"Tệp '{path.name}' bị hỏng: không đọc được word/styles.xml.") from None
        rels_xml = _read(zf, "word/_rels/document.xml.rels")
        rels: dict[str, str] = {}
        if rels_xml:
            for rel in _parse(rels_xml, "document.xml.rels", path).iter(f"{{{REL_NS}}}Relationship"):
                rels[rel.get("Id")] = rel.get("Target", "").lstrip("/").removeprefix("word/")
        walker = _Walker(styles)
        parts: dict[str, HeaderPart] = {}
        for rid, target in rels.items():
            m = re.search(r"(header|footer)\d*\.xml$", target)
            data = _read(zf, f"word/{target}") if m else None
            if data:
                parts[rid] = _header_part(_parse(data, target, path), target, m.group(1), walker)
        has_fn = "word/footnotes.xml" in zf.namelist()

    body = doc.find(w("body"))
    if body is None:
        raise InputError(f"Tệp '{path.name}' không có phần thân văn bản (w:body).")
    paras: list[Para] = []
    sections: list[Section] = []
    n_tables = 0
    body_idx = 0
    sect_start = 0
    sect_has_table = False

    def close_section(sp: etree._Element) -> None:
        nonlocal sect_start, sect_has_table
        s = _section(sp, len(sections) + 1)
        s.first_para, s.has_table = sect_start, sect_has_table
        sections.append(s)
        sect_start, sect_has_table = len(paras), False

    for el in _block_children(body):
        if el.tag == w("p"):
            body_idx += 1
            paras.append(walker.para(el, len(paras), {"paragraph": body_idx}))
            sp = el.find(f"{w('pPr')}/{w('sectPr')}")
            if sp is not None:
                close_section(sp)
        elif el.tag == w("tbl"):
            n_tables += 1
            sect_has_table = True
            for r_i, tr in enumerate(el.iterfind(w("tr")), start=1):
                for c_i, tc in enumerate(tr.iterfind(w("tc")), start=1):
                    for k, p in enumerate(tc.iter(w("p")), start=1):
                        loc = {"table": n_tables, "row": r_i, "cell": c_i, "paragraph": k}
                        para = walker.para(p, len(paras), loc)
                        para.table, para.row, para.cell = n_tables, r_i, c_i
                        paras.append(para)
        elif el.tag == w("sectPr"):
            close_section(el)
    if not sections:
        sections.append(Section(1, None, None, None, {}, False, {}, {}))
    return DocxData(str(path), paras, sections, parts, styles, n_tables, has_fn)
