"""The one paragraph model: every reader (check, import, collect, comments) sees the same :class:`Para`.

A paragraph carries two texts, because two questions are asked of it:

- ``text`` is what the page shows: ``caps`` upper-cased, soft and page breaks as ``\\n``, spaces as
  typed. The checker's rules read it (a title typed in lower case with ``caps`` is an upper-case title).
- ``plain`` is what a clerk would retype: the list number Word displays in front (from numbering.xml),
  footnote references as ``[^n]``, spaces collapsed on each line, control characters dropped. The
  importer, collect and comments read it; ``flat`` is ``plain`` on one line.

Runs are those of the paragraph and of its hyperlinks, fields, smart tags, content controls and
tracked insertions; deletions, moves away and text boxes are not read (tracked changes read as if
accepted). Bold, italic and caps are resolved through the style chain when the paragraph is read;
fonts, sizes, indents, spacing and borders only when a rule asks (:class:`~.styles.StyleSheet`
resolves one property along direct → character style → paragraph style → docDefaults).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property

from lxml import etree

from .ns import on_off, run_text, w
from .numbering import ListLabel
from .styles import StyleSheet

__all__ = ["Run", "Para", "ParaReader", "run_elements", "clean_text"]

_SKIP = {w("del"), w("moveFrom"), w("pPr"), w("rPr"), w("txbxContent")}
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
_R = w("r")
_REFERENCES = {w("footnoteReference"), w("endnoteReference")}
_BR = w("br")
_DRAWINGS = (w("drawing"), w("pict"), "{urn:schemas-microsoft-com:vml}line")


def run_elements(el: etree._Element):
    """The ``w:r`` elements of a paragraph (or a control's content) in reading order."""
    for ch in el:
        tag = ch.tag
        if tag == _R:
            yield ch
        elif tag in _CONTAINERS:
            yield from run_elements(ch)


def clean_text(text: str) -> str:
    """NFC, without control, format or private-use characters (tabs and line breaks kept)."""
    text = unicodedata.normalize("NFC", text)
    if text.isprintable():  # nothing to drop (the usual case)
        return text
    return "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch) not in ("Cc", "Co", "Cf"))


def _int(value: str | None, default: int = 0) -> int:
    try:
        return int(float(value)) if value is not None else default
    except ValueError:
        return default


def _first(layers: list[etree._Element], tag: str, read):
    for layer in layers:
        el = layer.find(w(tag))
        if el is not None:
            value = read(el)
            if value is not None:
                return value
    return None


@dataclass(eq=False)
class Run:
    """One text run: ``text`` as stored (NFC), ``plain`` as retyped; bold/italic/caps resolved."""

    text: str
    plain: str
    bold: bool
    italic: bool
    caps: bool
    footnote_ref: bool
    _layers: list = field(repr=False)
    _sheet: StyleSheet = field(repr=False)

    @cached_property
    def size(self) -> float | None:
        """Size in points."""
        half = _first(self._layers, "sz", lambda e: _int(e.get(w("val")), -1))
        return half / 2 if half and half > 0 else None

    @cached_property
    def vert_align(self) -> str | None:
        value = _first(self._layers, "vertAlign", lambda e: e.get(w("val")))
        return None if value in (None, "baseline") else value

    @cached_property
    def font(self) -> str | None:
        """Typeface of ``hAnsi`` text (Vietnamese letters), theme fonts resolved."""
        return self._sheet.font_of(self._layers, "hAnsi")

    @cached_property
    def font_ascii(self) -> str | None:
        return self._sheet.font_of(self._layers, "ascii")


@dataclass(eq=False)
class Para:
    """One paragraph of the body, a table cell, a header or a footer.

    ``index`` is its place in the document's paragraph list; ``loc`` is 1-based and human-facing
    (``{"paragraph": 5}``, ``{"table": 1, "row": 1, "cell": 2, "paragraph": 3}``). Inside a table,
    ``cell`` is (table, row, column), 1-based. ``style`` is the style's display name.
    Distances are twips; ``line`` as stored.
    """

    index: int
    loc: dict
    text: str
    plain: str
    runs: list[Run]
    style: str
    style_id: str | None
    heading: int | None
    align: str | None
    auto_number: bool
    list_label: str | None
    has_drawing: bool
    sect_break: bool
    cell: tuple[int, int, int] | None
    bold_prefix: str
    """The text of the leading bold runs (a heading typed before plain text), list number included."""
    _layers: list = field(repr=False)

    # -- where --------------------------------------------------------------------------------
    @property
    def table(self) -> int | None:
        return self.cell[0] if self.cell else None

    @property
    def row(self) -> int | None:
        return self.cell[1] if self.cell else None

    @property
    def column(self) -> int | None:
        return self.cell[2] if self.cell else None

    # -- text ---------------------------------------------------------------------------------
    @property
    def stripped(self) -> str:
        return self.text.strip()

    @property
    def flat(self) -> str:
        """``plain`` on one line, spaces collapsed."""
        return re.sub(r"\s+", " ", self.plain).strip()

    def text_runs(self) -> list[Run]:
        """Runs that carry visible text (not only spaces), footnote marks excluded."""
        return [r for r in self.runs if r.text.strip() and not r.footnote_ref]

    @property
    def bold(self) -> bool:
        runs = self.text_runs()
        return bool(runs) and all(r.bold for r in runs)

    @property
    def italic(self) -> bool:
        runs = self.text_runs()
        return bool(runs) and all(r.italic for r in runs)

    def any_bold(self) -> bool:
        return any(r.bold for r in self.text_runs())

    def sizes(self) -> list[float]:
        return [r.size for r in self.text_runs() if r.size is not None and r.vert_align is None]

    def main_size(self) -> float | None:
        """The size carrying the most characters (ignoring superscripts)."""
        count: dict[float, int] = {}
        for r in self.text_runs():
            if r.size is not None and r.vert_align is None:
                count[r.size] = count.get(r.size, 0) + len(r.text.strip())
        return max(count, key=count.get) if count else None

    # -- layout, resolved on first use ----------------------------------------------------------
    def _attr(self, tag: str, attr: str) -> str | None:
        for layer in self._layers:
            el = layer.find(w(tag))
            if el is not None and el.get(w(attr)) is not None:
                return el.get(w(attr))
        return None

    def _indent(self, attr: str, alt: str | None = None) -> int:
        value = self._attr("ind", attr)
        return _int(value if value is not None or not alt else self._attr("ind", alt))

    @cached_property
    def first_line(self) -> int:
        return self._indent("firstLine")

    @cached_property
    def hanging(self) -> int:
        return self._indent("hanging")

    @cached_property
    def ind_left(self) -> int:
        return self._indent("left", "start")

    @cached_property
    def ind_right(self) -> int:
        return self._indent("right", "end")

    def _spacing(self, side: str) -> int:
        value = _int(self._attr("spacing", side))
        if self._attr("spacing", f"{side}Autospacing") in ("1", "true", "on"):
            value = max(value, 280)
        return value

    @cached_property
    def before(self) -> int:
        return self._spacing("before")

    @cached_property
    def after(self) -> int:
        return self._spacing("after")

    @cached_property
    def line(self) -> int | None:
        value = self._attr("spacing", "line")
        return _int(value) if value is not None else None

    @cached_property
    def line_rule(self) -> str | None:
        return self._attr("spacing", "lineRule") or ("auto" if self.line else None)

    def _border(self, side: str) -> bool:
        borders = _first(self._layers, "pBdr", lambda e: e)
        el = borders.find(w(side)) if borders is not None else None
        return el is not None and el.get(w("val")) not in (None, "nil", "none")

    @cached_property
    def border_top(self) -> bool:
        return self._border("top")

    @cached_property
    def border_bottom(self) -> bool:
        return self._border("bottom")

    @property
    def is_rule(self) -> bool:
        """A horizontal rule drawn as border, shape or a line of underscores."""
        t = self.stripped
        return (not t and (self.has_drawing or self.border_top or self.border_bottom)) or bool(
            re.fullmatch(r"[_\u2014\u2015-]{5,}", t)
        )


class ParaReader:
    """Turns ``w:p`` elements into :class:`Para` with one style sheet (and list numbering)."""

    def __init__(self, sheet: StyleSheet, numbering=None, reference=None) -> None:
        self.sheet = sheet
        self.numbering = numbering
        self.reference = reference
        """Called with a footnote reference element; returns the ``[^n]`` mark (body paragraphs only)."""

    def run(self, r: etree._Element, pstyle: str | None, notes: bool) -> Run:
        rpr = r.find(w("rPr"))
        rs = rpr.find(w("rStyle")) if rpr is not None else None
        rstyle = rs.get(w("val")) if rs is not None else None
        layers = self.sheet.run_layers(rpr, rstyle, pstyle)
        text = unicodedata.normalize("NFC", run_text(r))
        plain = text
        fref = False
        for ch in r:
            if ch.tag in _REFERENCES:
                fref = True
            if ch.tag in _REFERENCES or (ch.tag == _BR and ch.get(w("type")) in ("page", "column")):
                plain = run_text(r, page_breaks=False, reference=self.reference if notes else None)
                break
        return Run(
            text,
            clean_text(plain),
            bool(_first(layers, "b", on_off)),
            bool(_first(layers, "i", on_off)),
            bool(_first(layers, "caps", on_off)),
            fref,
            layers,
            self.sheet,
        )

    def para(self, p: etree._Element, index: int, loc: dict, cell=None, notes: bool = True) -> Para:
        ppr = p.find(w("pPr"))
        ps = ppr.find(w("pStyle")) if ppr is not None else None
        style_id = ps.get(w("val")) if ps is not None else None
        sheet = self.sheet
        runs = [self.run(r, style_id, notes) for r in run_elements(p)]
        layers = sheet.para_layers(ppr, style_id)
        label = self.numbering.label(p) if self.numbering is not None else None
        name = sheet.name(style_id or sheet.default_para)
        return Para(
            index=index,
            loc=loc,
            text="".join(r.text.upper() if r.caps else r.text for r in runs),
            plain=_plain(label, runs),
            runs=runs,
            style=name,
            style_id=style_id,
            heading=_heading(name, ppr, sheet, style_id),
            align=_first(layers, "jc", lambda e: e.get(w("val"))),
            auto_number=_first(layers, "numPr", lambda e: e) is not None,
            list_label=label.text if label is not None else None,
            has_drawing=any(True for _ in p.iter(*_DRAWINGS)),
            sect_break=ppr is not None and ppr.find(w("sectPr")) is not None,
            cell=cell,
            bold_prefix=_bold_prefix(label, runs),
            _layers=layers,
        )


def _heading(name: str, ppr, sheet: StyleSheet, style_id: str | None) -> int | None:
    """Heading level 1–6 from a "Heading N" style, a direct outline level or the style's."""
    m = re.fullmatch(r"(?i)heading\s*(\d)", name)
    if m:
        level = int(m.group(1))
    else:
        level = None
        lvl = ppr.find(w("outlineLvl")) if ppr is not None else None
        if lvl is not None and (lvl.get(w("val")) or "9").isdigit():
            level = int(lvl.get(w("val"))) + 1
        level = level or sheet.outline(style_id or sheet.default_para)
    return level if level is not None and level <= 6 else None


def _label_text(label: ListLabel | None) -> str:
    """Word's list number as a clerk would type it: "a." reads as the point "a)", bullets as "-"/"+"."""
    if label is None:
        return ""
    text = label.text
    if label.fmt == "lowerLetter" and re.fullmatch(r"[a-z][.)]", text):
        text = text[0] + ")"
    if label.bullet:
        text = "+" if label.level > 0 and text not in ("-", "–", "•") else "-"
    return text


def _plain(label: ListLabel | None, runs: list[Run]) -> str:
    number = _label_text(label)
    text = (number + " " if number else "") + "".join(r.plain for r in runs)
    text = text.replace("\t", " ")
    return "\n".join(re.sub(r"[ \u00a0]+", " ", line).strip() for line in text.split("\n")).strip("\n ")


def _bold_prefix(label: ListLabel | None, runs: list[Run]) -> str:
    out = []
    number = _label_text(label)
    if number:
        first = next((r for r in runs if r.plain.strip()), None)
        if first is None or not first.bold:
            return ""
        out.append(number + " ")
    for run in runs:
        if not run.plain.strip():
            out.append(run.plain)
            continue
        if not run.bold:
            break
        out.append(run.plain)
    return re.sub(r"\s+", " ", "".join(out)).strip()
