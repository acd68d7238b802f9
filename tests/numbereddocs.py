"""Auto-numbered twins of the hand-typed import fixtures: the same plan, numbered by Word's lists.

``auto_number(src, dst, mode)`` takes a plan whose numbers were typed ("I.", "1.", "a)", "- ",
"+ ") and removes each typed label from the body, numbering the paragraph through ``w:numPr``
and numbering.xml instead, so Word shows the very same labels. Modes:

- ``"levels"``: one multi-level list (I. / 1. / a)) restarted by its own levels, dashes and "+"
  from a bullet list (a Symbol-font glyph on level 0, "+" on level 1);
- ``"style"``: items numbered by the "List Number" style (numPr on the style, none on the
  paragraph), restarted in each section by a new ``w:num`` with ``w:startOverride``; sections,
  points and dashes stay typed.
"""

from __future__ import annotations

import re
from pathlib import Path

from docx import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

__all__ = ["auto_number", "NUMBERING_XML"]

_LABEL = re.compile(r"^(?P<label>(?P<roman>[IVX]+)[.\-]|(?P<item>\d{1,2})\.|(?P<point>[a-zđ])\)|(?P<dash>[-+]))\s")

_LEVELS = (
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/>'
    '<w:suff w:val="space"/></w:lvl>'
    '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2."/>'
    '<w:suff w:val="space"/></w:lvl>'
    '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%3)"/>'
    '<w:suff w:val="space"/></w:lvl>'
)
_BULLETS = (
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="\uf0b7"/>'
    '<w:rPr><w:rFonts w:ascii="Symbol" w:hAnsi="Symbol"/></w:rPr></w:lvl>'
    '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="+"/></w:lvl>'
)
_ITEMS = '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>'


def _numbering(restarts: int) -> str:
    nums = "".join(
        f'<w:num w:numId="{20 + k}"><w:abstractNumId w:val="3"/>'
        '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'
        for k in range(restarts)
    )
    return (
        f"<w:numbering {nsdecls('w')}>"
        f'<w:abstractNum w:abstractNumId="1"><w:multiLevelType w:val="multilevel"/>{_LEVELS}</w:abstractNum>'
        f'<w:abstractNum w:abstractNumId="2"><w:multiLevelType w:val="hybridMultilevel"/>{_BULLETS}</w:abstractNum>'
        f'<w:abstractNum w:abstractNumId="3"><w:multiLevelType w:val="singleLevel"/>{_ITEMS}</w:abstractNum>'
        '<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>'
        '<w:num w:numId="2"><w:abstractNumId w:val="2"/></w:num>'
        '<w:num w:numId="10"><w:abstractNumId w:val="3"/></w:num>'
        f"{nums}</w:numbering>"
    )


NUMBERING_XML = _numbering(8)


def _num_pr(p, num_id: int, ilvl: int | None) -> None:
    ppr = p.get_or_add_pPr()
    lvl = f'<w:ilvl w:val="{ilvl}"/>' if ilvl is not None else ""
    numpr = parse_xml(f'<w:numPr {nsdecls("w")}>{lvl}<w:numId w:val="{num_id}"/></w:numPr>')
    style = ppr.find(qn("w:pStyle"))
    if style is not None:
        style.addnext(numpr)
    else:
        ppr.insert(0, numpr)


def _strip_label(p, label: str) -> None:
    """Remove the typed *label* and the space after it from the paragraph's first text."""
    first = next(t for t in p.iter(qn("w:t")) if t.text)
    first.text = first.text[len(label) :].lstrip(" ")
    first.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")


def _set_style(p, style_id: str) -> None:
    ppr = p.get_or_add_pPr()
    old = ppr.find(qn("w:pStyle"))
    if old is not None:
        ppr.remove(old)
    ppr.insert(0, parse_xml(f'<w:pStyle {nsdecls("w")} w:val="{style_id}"/>'))


def auto_number(src: Path, dst: Path, mode: str = "levels") -> Path:
    """Write *dst*: *src* with its typed body numbering turned into Word list numbering."""
    doc = Document(str(src))
    doc.part.numbering_part._element = parse_xml(_numbering(8))
    style = doc.styles["List Number"].element
    style.get_or_add_pPr().find(qn("w:numPr")).find(qn("w:numId")).set(qn("w:val"), "10")
    body = doc.element.body
    started = False
    sections = 0
    first_item = False
    for p in body.iterchildren(qn("w:p")):
        text = "".join(t.text or "" for t in p.iter(qn("w:t")))
        if text.strip() == "KẾ HOẠCH":
            started = True
            continue
        if text.startswith("Nơi nhận"):
            break
        m = _LABEL.match(text)
        if not started or m is None:
            continue
        if m.group("roman"):
            sections += 1
            first_item = True
        if mode == "levels":
            _strip_label(p, m.group("label"))
            if m.group("dash"):
                _num_pr(p, 2, 0 if m.group("dash") == "-" else 1)
            else:
                _num_pr(p, 1, 0 if m.group("roman") else 1 if m.group("item") else 2)
        elif mode == "style" and m.group("item"):
            _strip_label(p, m.group("label"))
            _set_style(p, "ListNumber")
            if first_item and sections > 1:
                _num_pr(p, 20 + sections, 0)  # "Restart at 1": a new instance of the same list
            first_item = False
    doc.save(str(dst))
    return dst
