"""A quick scan of a form's content controls, for readers that need only them (``collect``).

:func:`~dvtemplate.docx.read_document` resolves styles and walks every run of every
paragraph; a returned form that still has all its controls needs much less: each
control's tag, alias and text (tracked changes accepted) and whether the place
around an empty control is untouched. :func:`scan_controls` parses only
``word/document.xml`` and gives exactly that; a caller falls back to the block
full reader as soon as anything is not as the form was made.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import InputError
from .ns import W, control_props, w
from .package import Package, parse_xml
from .paragraphs import clean_text as _clean

__all__ = ["QuickControl", "ControlScan", "scan_controls"]

_SKIP = {w("del"), w("moveFrom"), w("delText"), w("instrText"), w("sdtPr"), w("rPr"), w("pPr")}
_HEADING_STYLES = {"DVItem", "DVSection", "DVBody"}
"""Paragraph styles of the form's own text after an answer area: item and section headings, the closing sentence."""
_FORM_TEXT = re.compile(r"(?:[IVXLC]+|\d{1,3})\.\s|Trên đây là báo cáo")
"""How that text starts (a heading number, the closing sentence): anything else was typed by the unit."""


@dataclass
class QuickControl:
    tag: str
    alias: str
    value: str
    placeholder: bool
    untouched: bool
    """Empty control whose paragraph (or cell) and following blank writing lines hold no other text."""
    in_cell: bool


@dataclass
class ControlScan:
    controls: list[QuickControl]
    tracked: bool
    typed_outside: bool = False
    """Text on the form's dotted writing lines outside any control: the controls alone do not hold every answer."""
    marked_line: str = ""
    """The text of the last paragraph holding the caller's *mark* (a form's visible identity line), if found."""


def _text(el, out: list[str]) -> None:
    for ch in el:
        tag = ch.tag
        if tag in _SKIP:
            continue
        if tag == _T:
            out.append(ch.text or "")
        elif tag == _BR or tag == _CR:
            out.append("\n")
        elif tag == _TAB:
            out.append(" ")
        else:
            _text(ch, out)


def text_of(el) -> str:
    out: list[str] = []
    _text(el, out)
    return _clean("".join(out)).strip()


def _style(p) -> str:
    ps = p.find(f"{w('pPr')}/{w('pStyle')}")
    return ps.get(w("val"), "") if ps is not None else ""


def _untouched(sdt) -> tuple[bool, bool]:
    parent = sdt.getparent()
    if parent is None or parent.tag != w("p"):
        return False, False
    out: list[str] = []
    for ch in parent:
        if ch is not sdt and ch.tag not in _SKIP:
            _text(ch, out)
    if _clean("".join(out)).strip():
        return False, False
    cell = parent.getparent()
    if cell is not None and cell.tag == w("tc"):
        return all(p is parent or not text_of(p) for p in cell.iter(w("p"))), True
    sibling = parent.getnext()
    while sibling is not None and sibling.tag == w("p"):
        text = text_of(sibling)
        if text:
            return _style(sibling) in _HEADING_STYLES and bool(_FORM_TEXT.match(text)), False
        sibling = sibling.getnext()
    return sibling is not None and sibling.tag == w("tbl"), False


_W_DECL = b'xmlns:w="' + W.encode() + b'"'
_PR, _CONTENT, _TAG, _ALIAS, _PLACEHOLDER, _VAL = (
    w(n) for n in ("sdtPr", "sdtContent", "tag", "alias", "showingPlcHdr", "val")
)
_T, _BR, _CR, _TAB = w("t"), w("br"), w("cr"), w("tab")
_TRACKED = re.compile(rb"<w:(?:ins|del|moveTo|moveFrom)[ >/]")


_DOTS = b'w:val="DVDots"'


def _typed_outside(data: bytes) -> bool:
    """Text on one of the form's dotted writing lines outside a control (typed below or beside it).

    One pass over each paragraph, never a copy of it: linear in the size of document.xml
    however many controls a paragraph holds."""
    pos = data.find(_DOTS)
    while pos >= 0:
        end = data.find(b"</w:p>", pos)
        end = len(data) if end < 0 else end
        if _text_between_controls(data, pos, end):
            return True
        pos = data.find(_DOTS, end)
    return False


def _text_between_controls(data: bytes, start: int, end: int) -> bool:
    """A ``<w:t>`` in ``data[start:end]`` outside every ``<w:sdt>…</w:sdt>`` (the control is dropped,
    what is around it kept; an unclosed control runs to *end*)."""
    while start < end:
        control = data.find(b"<w:sdt>", start, end)
        stop = end if control < 0 else control
        if data.find(b"<w:t>", start, stop) >= 0 or data.find(b"<w:t ", start, stop) >= 0:
            return True
        if control < 0:
            return False
        close = data.find(b"</w:sdt>", control, end)
        if close < 0:
            return False
        start = close + 8
    return False


def _scan_raw(pkg: Package, data: bytes) -> ControlScan | None:
    """The fast lane: each ``<w:sdt>…</w:sdt>`` of document.xml parsed on its own (a few hundred bytes)
    instead of the whole part. None whenever that is not certain to be the same as a full parse — another
    prefix for WordprocessingML, a DTD, nested or attribute-carrying controls, a snippet that does not
    parse alone, or an empty control (whose surroundings must be looked at)."""
    head = data[:4096]
    if _W_DECL not in head or b"<!DOCTYPE" in head or b"<!ENTITY" in head:
        return None
    inners = []
    start = data.find(b"<w:sdt>")
    while start >= 0:
        end = data.find(b"</w:sdt>", start)
        if end < 0:
            return None
        inners.append(data[start + 7 : end])
        start = data.find(b"<w:sdt>", end)
    if len(inners) != data.count(b"<w:sdt ") + data.count(b"<w:sdt>"):
        return None  # nested controls or <w:sdt ...> with attributes
    controls = []
    joined = b"<w:sdt>" + b"</w:sdt><w:sdt>".join(inners) + b"</w:sdt>" if inners else b""
    try:  # every control in one small document: one parse instead of one per control
        root = parse_xml(b"<w:body " + _W_DECL + b">" + joined + b"</w:body>", "word/document.xml", pkg.name)
    except InputError:
        return None
    for sdt in root:
        props = sdt.find(_PR)
        content = sdt.find(_CONTENT)
        if props is None or content is None:
            return None
        tag_el, alias_el = props.find(_TAG), props.find(_ALIAS)
        placeholder = props.find(_PLACEHOLDER) is not None
        value = "" if placeholder else text_of(content)
        if not value:
            return None
        tag = tag_el.get(_VAL, "") if tag_el is not None else ""
        alias = alias_el.get(_VAL, "") if alias_el is not None else ""
        controls.append(QuickControl(tag, alias, value, False, False, False))
    return ControlScan(controls, _TRACKED.search(data) is not None)


def _marked_line(pkg: Package, data: bytes, mark: str) -> str:
    """The text of the last paragraph where *mark* is written in one run (as the form was made), or ""."""
    at = data.rfind(mark.encode()) if mark else -1
    if at < 0:
        return ""
    start = max(data.rfind(b"<w:p>", 0, at), data.rfind(b"<w:p ", 0, at))
    end = data.find(b"</w:p>", at)
    if start < 0 or end < 0 or _W_DECL not in data[:4096]:
        return ""
    try:
        root = parse_xml(
            b"<w:body " + _W_DECL + b">" + data[start : end + 6] + b"</w:body>", "word/document.xml", pkg.name
        )
    except InputError:
        return ""
    return text_of(root)


def _marked_anywhere(pkg: Package, data: bytes, mark: str) -> str:
    """:func:`_marked_line` in the body, else in a footer (where report forms of version 2 print it)."""
    found = _marked_line(pkg, data, mark)
    footers = sorted(n for n in pkg.names if n.startswith("word/footer") and n.endswith(".xml")) if mark else []
    for name in footers:
        if found:
            break
        found = _marked_line(pkg, pkg.read(name) or b"", mark)
    return found


def scan_controls(pkg: Package, mark: str = "") -> ControlScan:
    """Every content control of the body with its value and whether an empty one is untouched;
    with *mark*, also the text of the last paragraph that holds it (:attr:`ControlScan.marked_line`)."""
    data = pkg.read("word/document.xml") or b""
    outside = _typed_outside(data)
    fast = _scan_raw(pkg, data)
    if fast is not None:
        fast.typed_outside = outside
        fast.marked_line = _marked_anywhere(pkg, data, mark)
        return fast
    root = pkg.xml("word/document.xml")
    body = root.find(w("body")) if root is not None else None
    controls: list[QuickControl] = []
    if body is None:
        return ControlScan(controls, False)
    tracked = next(body.iter(w("ins"), w("del"), w("moveTo"), w("moveFrom")), None) is not None
    for sdt in body.iter(w("sdt")):
        tag, alias, placeholder = control_props(sdt)
        content = sdt.find(w("sdtContent"))
        value = "" if placeholder or content is None else text_of(content)
        untouched, in_cell = _untouched(sdt) if not value else (False, False)
        controls.append(QuickControl(tag, alias, value, placeholder, untouched, in_cell))
    return ControlScan(controls, tracked, outside, _marked_anywhere(pkg, data, mark))
