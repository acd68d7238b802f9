"""Effective formatting: direct properties → styles (basedOn chain) → docDefaults.

Word stores most formatting in styles, so a checker that looks only at direct
formatting would miss a 12 pt ``Normal`` style or a Calibri ``docDefaults``.
:class:`StyleSheet` gives the layers where a property may be set, in Word's order:
run ``rPr`` → character style chain → paragraph style chain → ``docDefaults``
(and ``pPr`` → paragraph style chain → ``docDefaults`` for paragraphs).
Toggle properties (bold, italic) are resolved as "nearest definition wins";
Word's XOR of toggles across style levels is rare enough to be ignored.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from .ns import w

__all__ = ["StyleSheet", "theme_fonts"]

_A = "http://schemas.openxmlformats.org/drawingml/2006/main"


def theme_fonts(root: etree._Element | None) -> dict[str, str]:
    """Map ``minorHAnsi``/``majorHAnsi``… to the typeface named in a parsed theme1.xml."""
    out: dict[str, str] = {}
    if root is None:
        return out
    for kind in ("minor", "major"):
        latin = root.find(f".//{{{_A}}}{kind}Font/{{{_A}}}latin")
        face = latin.get("typeface") if latin is not None else ""
        for suffix in ("HAnsi", "Ascii", "Bidi", "EastAsia"):
            out[f"{kind}{suffix}"] = face or ""
    return out


@dataclass
class _Style:
    style_id: str
    type: str
    based_on: str | None
    ppr: etree._Element | None
    rpr: etree._Element | None
    name: str


class StyleSheet:
    """Styles part plus docDefaults; answers "what is the effective X here"."""

    def __init__(self, root: etree._Element | None, theme: dict[str, str] | None = None) -> None:
        self.theme = theme or {}
        self.styles: dict[str, _Style] = {}
        self.default_para: str | None = None
        self.default_char: str | None = None
        self.default_rpr: etree._Element | None = None
        self.default_ppr: etree._Element | None = None
        if root is None:
            return
        self.default_rpr = root.find(f"{w('docDefaults')}/{w('rPrDefault')}/{w('rPr')}")
        self.default_ppr = root.find(f"{w('docDefaults')}/{w('pPrDefault')}/{w('pPr')}")
        for st in root.iterfind(w("style")):
            sid = st.get(w("styleId")) or ""
            based = st.find(w("basedOn"))
            name = st.find(w("name"))
            s = _Style(
                style_id=sid,
                type=st.get(w("type")) or "paragraph",
                based_on=based.get(w("val")) if based is not None else None,
                ppr=st.find(w("pPr")),
                rpr=st.find(w("rPr")),
                name=name.get(w("val"), sid) if name is not None else sid,
            )
            self.styles[sid] = s
            if st.get(w("default")) in ("1", "true", "on"):
                if s.type == "paragraph":
                    self.default_para = sid
                elif s.type == "character":
                    self.default_char = sid

    # -- chains -------------------------------------------------------------
    def chain(self, style_id: str | None) -> list[_Style]:
        """The style and its basedOn ancestors, nearest first (cycles cut)."""
        out: list[_Style] = []
        seen: set[str] = set()
        while style_id and style_id in self.styles and style_id not in seen:
            seen.add(style_id)
            st = self.styles[style_id]
            out.append(st)
            style_id = st.based_on
        return out

    def name(self, style_id: str | None) -> str:
        """The style's display name (``Heading 1``), or the id when the style is unknown."""
        st = self.styles.get(style_id) if style_id else None
        return st.name if st is not None else (style_id or "")

    def outline(self, style_id: str | None) -> int | None:
        """Heading level (1-based) the style's outline level gives, through the basedOn chain."""
        for st in self.chain(style_id):
            lvl = st.ppr.find(w("outlineLvl")) if st.ppr is not None else None
            if lvl is not None:
                try:
                    return int(lvl.get(w("val"), "9")) + 1
                except ValueError:
                    return None
        return None

    def para_chain(self, pstyle: str | None) -> list[_Style]:
        return self.chain(pstyle if pstyle in self.styles else self.default_para)

    def run_layers(self, rpr, rstyle, pstyle) -> list[etree._Element]:
        """Where a run property may be set, nearest first: direct, character style, paragraph style, defaults."""
        layers = [rpr] if rpr is not None else []
        layers += [s.rpr for s in self.chain(rstyle) if s.rpr is not None]
        layers += [s.rpr for s in self.para_chain(pstyle) if s.rpr is not None]
        if self.default_rpr is not None:
            layers.append(self.default_rpr)
        return layers

    def para_layers(self, ppr, pstyle) -> list[etree._Element]:
        """Where a paragraph property may be set, nearest first: direct, paragraph style, defaults."""
        layers = [ppr] if ppr is not None else []
        layers += [s.ppr for s in self.para_chain(pstyle) if s.ppr is not None]
        if self.default_ppr is not None:
            layers.append(self.default_ppr)
        return layers

    def font_of(self, layers: list[etree._Element], slot: str = "hAnsi") -> str | None:
        """Effective typeface for ``ascii`` or ``hAnsi`` text along *layers*; theme fonts resolved.

        Attributes inherit one by one, and a theme attribute beats the plain one
        on the same level, as Word does.
        """
        for layer in layers:
            el = layer.find(w("rFonts"))
            if el is None:
                continue
            theme = el.get(w(f"{slot}Theme"))
            if theme:
                face = self.theme.get(theme, "")
                return face or f"(theme {theme})"
            face = el.get(w(slot))
            if face:
                return face
        return None

    def default_font(self) -> str | None:
        """Typeface that docDefaults gives ``hAnsi`` text (theme resolved), if any."""
        if self.default_rpr is None:
            return None
        el = self.default_rpr.find(w("rFonts"))
        if el is None:
            return None
        theme = el.get(w("hAnsiTheme")) or el.get(w("asciiTheme"))
        if theme:
            return self.theme.get(theme) or f"(theme {theme})"
        return el.get(w("hAnsi")) or el.get(w("ascii"))
