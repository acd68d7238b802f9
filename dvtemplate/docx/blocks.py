"""The block reader: a .docx as a flat list of paragraphs in reading order.

Body paragraphs and table cells come out in document order, each with its text
(soft line breaks kept as ``\\n``, Word footnote references as ``[^n]``), which
runs are bold or italic (direct formatting or through the style chain), its
style name and heading level. The classifiers never see XML.

Tracked changes read as the document would look with them accepted: inserted
text counts, deleted text does not (:attr:`Document.tracked` counts both, so a
caller can say the changes were not accepted). Content controls (``w:sdt``,
inline or around whole paragraphs, table rows or cells) are entered for the
text and also listed as :class:`Control` with their tag, alias and value; a
control still showing its placeholder has the value "". Reading stops with an
InputError past ``MAX_PARAGRAPHS`` paragraphs or ``MAX_TEXT_CHARS`` characters.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from lxml import etree

from .. import limits
from ..errors import InputError
from .ns import control_props, on_off, run_text, w
from .numbering import ListLabel, ListNumbering
from .package import Package
from .styles import StyleSheet

__all__ = ["Block", "Control", "Document", "read_blocks"]


_SKIP = {w("del"), w("moveFrom"), w("pPr"), w("rPr"), w("txbxContent"), w("fldSimple") + "x"}
_CONTAINERS = {
    w("hyperlink"),
    w("ins"),
    w("smartTag"),
    w("sdt"),
    w("sdtContent"),
    w("customXml"),
    w("moveTo"),
    w("fldSimple"),
    w("dir"),
    w("bdo"),
}


@dataclass
class Block:
    """One paragraph. ``cell`` is (table, row, column) inside a table, else None."""

    index: int
    text: str
    runs: list[tuple[str, bool, bool]]
    style: str = ""
    heading: int | None = None
    align: str | None = None
    cell: tuple[int, int, int] | None = None
    rule: bool = False
    auto_number: bool = False
    list_label: str | None = None

    @property
    def flat(self) -> str:
        """Text on one line, spaces collapsed."""
        return re.sub(r"\s+", " ", self.text).strip()

    def _visible(self) -> list[tuple[str, bool, bool]]:
        return [r for r in self.runs if r[0].strip() and not re.fullmatch(r"\s*\[\^\d+\]\s*", r[0])]

    @property
    def bold(self) -> bool:
        runs = self._visible()
        return bool(runs) and all(b for _, b, _ in runs)

    @property
    def italic(self) -> bool:
        runs = self._visible()
        return bool(runs) and all(i for _, _, i in runs)

    @property
    def bold_prefix(self) -> str:
        """The text of the leading bold runs (a heading typed before plain text)."""
        out = []
        for text, bold, _ in self.runs:
            if not text.strip():
                out.append(text)
                continue
            if not bold:
                break
            out.append(text)
        return re.sub(r"\s+", " ", "".join(out)).strip()


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
class Document:
    """What the reader found: the blocks, the footnote texts by key, oddities to warn about."""

    blocks: list[Block]
    footnotes: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    controls: list[Control] = field(default_factory=list)
    tracked: dict[str, int] = field(default_factory=dict)
    """Tracked changes still in the file: ``{"ins": n, "del": m}`` (moves counted as both)."""


class _Reader:
    def __init__(self, pkg: Package) -> None:
        self.styles = StyleSheet(pkg.xml("word/styles.xml"))
        self.numbering = ListNumbering(pkg.xml("word/numbering.xml"), pkg.xml("word/styles.xml"))
        self.notes_xml = self._footnote_map(pkg.xml("word/footnotes.xml"))
        self.footnotes: dict[str, str] = {}
        self.blocks: list[Block] = []
        self.notes: list[str] = []
        self.controls: list[Control] = []
        self.chars = 0
        self.tables = 0

    @staticmethod
    def _footnote_map(root) -> dict[str, etree._Element]:
        if root is None:
            return {}
        return {fn.get(w("id")): fn for fn in root.iter(w("footnote")) if fn.get(w("type")) in (None, "normal")}

    def _note_text(self, note: etree._Element) -> str:
        paras = []
        for p in note.iter(w("p")):
            paras.append("".join(t for t, _, _ in self._runs(p, None, notes=False)))
        return _clean("\n".join(x.strip() for x in paras if x.strip()))

    def _runs(self, p: etree._Element, pstyle: str | None, notes: bool = True) -> list[tuple[str, bool, bool]]:
        out: list[tuple[str, bool, bool]] = []
        p_bold = bool(self.styles.flag(pstyle, "b"))
        p_italic = bool(self.styles.flag(pstyle, "i"))

        def visit(el: etree._Element) -> None:
            for ch in el:
                if ch.tag in _SKIP:
                    continue
                if ch.tag == w("r"):
                    out.append(self._run(ch, p_bold, p_italic, notes))
                elif ch.tag in _CONTAINERS:
                    visit(ch)

        visit(p)
        return out

    def _run(self, r: etree._Element, p_bold: bool, p_italic: bool, notes: bool) -> tuple[str, bool, bool]:
        rpr = r.find(w("rPr"))
        rstyle = None
        bold = italic = None
        if rpr is not None:
            rs = rpr.find(w("rStyle"))
            rstyle = rs.get(w("val")) if rs is not None else None
            bold, italic = on_off(rpr.find(w("b"))), on_off(rpr.find(w("i")))
        if bold is None:
            bold = self.styles.flag(rstyle, "b")
        if italic is None:
            italic = self.styles.flag(rstyle, "i")
        bold = p_bold if bold is None else bold
        italic = p_italic if italic is None else italic
        text = run_text(r, page_breaks=False, reference=self._reference if notes else None)
        return text, bool(bold), bool(italic)

    def _reference(self, ref: etree._Element) -> str:
        return self._footnote(ref.get(w("id"))) if ref.tag == w("footnoteReference") else ""

    def _footnote(self, fid: str | None) -> str:
        note = self.notes_xml.get(fid or "")
        if note is None:
            self.notes.append(f"chú thích số {fid} không có nội dung trong tệp; đã bỏ dấu chú thích")
            return ""
        key = str(len(self.footnotes) + 1)
        self.footnotes[key] = self._note_text(note) or "(chú thích trống)"
        return f"[^{key}]"

    def paragraph(self, p: etree._Element, cell=None) -> None:
        if len(self.blocks) >= limits.MAX_PARAGRAPHS:
            raise InputError(f"Tệp có hơn {limits.MAX_PARAGRAPHS:,} đoạn văn; quá lớn để đọc.".replace(",", "."))
        for sdt in p.iter(w("sdt")):
            self._control(sdt, cell, inline=True)
        ppr = p.find(w("pPr"))
        sid = align = None
        rule = auto = False
        outline = None
        if ppr is not None:
            ps = ppr.find(w("pStyle"))
            sid = ps.get(w("val")) if ps is not None else None
            jc = ppr.find(w("jc"))
            align = jc.get(w("val")) if jc is not None else None
            rule = ppr.find(w("pBdr")) is not None
            auto = ppr.find(w("numPr")) is not None
            lvl = ppr.find(w("outlineLvl"))
            if lvl is not None and (lvl.get(w("val")) or "9").isdigit():
                outline = int(lvl.get(w("val"))) + 1
        sid = sid or self.styles.default_para
        label = self.numbering.label(p)
        runs = [(_clean(t), b, i) for t, b, i in self._runs(p, sid)]
        if label is not None:
            runs = _labelled(label, runs)
        text = "".join(t for t, _, _ in runs).replace("\t", " ")
        text = "\n".join(re.sub(r"[ \u00a0]+", " ", line).strip() for line in text.split("\n")).strip("\n ")
        self.chars += len(text)
        if self.chars > limits.MAX_TEXT_CHARS:
            raise InputError(f"Tệp có hơn {limits.MAX_TEXT_CHARS:,} ký tự; quá lớn để đọc.".replace(",", "."))
        name = self.styles.name(sid)
        m = re.fullmatch(r"(?i)heading\s*(\d)", name)
        heading = int(m.group(1)) if m else (outline or self.styles.outline(sid))
        if heading is not None and heading > 6:
            heading = None
        if p.find(f".//{w('drawing')}") is not None or p.find(f".//{w('pict')}") is not None:
            self.notes.append(f"đoạn {len(self.blocks) + 1} có hình ảnh/hộp văn bản: không nhập được phần đó")
        number = label.text if label is not None else None
        self.blocks.append(
            Block(len(self.blocks), text, runs, name, heading, align, cell, rule and not text, auto, number)
        )

    def _control(self, sdt: etree._Element, cell, inline: bool, first: int | None = None) -> None:
        """Record one content control; its value is its text with tracked changes accepted."""
        tag, alias, placeholder = control_props(sdt)
        content = sdt.find(w("sdtContent"))
        if inline:
            value = "".join(t for t, _, _ in self._runs(content, None, notes=False)) if content is not None else ""
            block = len(self.blocks)
        else:
            block = first if first is not None else len(self.blocks)
            value = "\n".join(b.text for b in self.blocks[block:] if b.text)
        value = "" if placeholder else _clean(value).strip()
        self.controls.append(Control(tag, alias, value, placeholder, block, cell, inline))

    def container(self, el: etree._Element, cell=None) -> None:
        for ch in el:
            if ch.tag == w("p"):
                self.paragraph(ch, cell)
            elif ch.tag == w("tbl"):
                self.table(ch)
            elif ch.tag == w("sdt"):
                first = len(self.blocks)
                content = ch.find(w("sdtContent"))
                if content is not None:
                    self.container(content, cell)
                self._control(ch, cell, inline=False, first=first)
            elif ch.tag in (w("sdtContent"), w("customXml")):
                self.container(ch, cell)

    def table(self, tbl: etree._Element) -> None:
        self.tables += 1
        number = self.tables
        for r, (tr, _) in enumerate(_unwrap(tbl, "tr")):
            for c, (tc, sdt) in enumerate(_unwrap(tr, "tc")):
                first = len(self.blocks)
                self.container(tc, (number, r, c))
                if sdt is not None:
                    self._control(sdt, (number, r, c), inline=False, first=first)


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


def _labelled(label: ListLabel, runs: list[tuple[str, bool, bool]]) -> list[tuple[str, bool, bool]]:
    """Runs with Word's list number typed in front, as bold as the text it precedes.

    A bullet reads as "- " (or "+ " below the first level) so the classifier sees what a clerk
    would have typed; an empty label (format none) adds nothing.
    """
    text = label.text
    if label.fmt == "lowerLetter" and re.fullmatch(r"[a-z][.)]", text):
        text = text[0] + ")"  # "a." from a Word list reads as the point "a)"
    if label.bullet:
        text = "+" if label.level > 0 and text not in ("-", "–", "•") else "-"
    if not text:
        return runs
    first = next((r for r in runs if r[0].strip()), None)
    bold, italic = (first[1], first[2]) if first else (False, False)
    return [(text + " ", bold, italic), *runs]


def _clean(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    if text.isprintable():  # no control, format or private-use character: nothing to drop (the usual case)
        return text
    return "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch) not in ("Cc", "Co", "Cf"))


def read_blocks(pkg: Package) -> Document:
    """Every paragraph of the body (tables cell by cell), footnotes numbered by appearance."""
    reader = _Reader(pkg)
    body = pkg.xml("word/document.xml").find(w("body"))
    if body is not None:
        reader.container(body)
    tracked = {
        "ins": sum(1 for _ in body.iter(w("ins"), w("moveTo"))) if body is not None else 0,
        "del": sum(1 for _ in body.iter(w("del"), w("moveFrom"))) if body is not None else 0,
    }
    return Document(reader.blocks, reader.footnotes, reader.notes, reader.controls, tracked)
