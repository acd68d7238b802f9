"""The number Word displays in front of an auto-numbered paragraph (``w:numPr`` → numbering.xml).

Pure functions over already-parsed XML roots (numbering.xml, styles.xml); no file access.
:class:`ListNumbering` is fed every paragraph in document order and keeps Word's counters:

- the paragraph's ``w:numPr`` (``w:numId``, ``w:ilvl``), else the one of its style or of the
  style's ``w:basedOn`` chain (the "List Number" style); ``numId`` 0 switches numbering off;
- a ``w:num`` points to a ``w:abstractNum`` (following ``w:numStyleLink``); its
  ``w:lvlOverride`` replaces a level (``w:lvl``) or restarts it (``w:startOverride``, applied
  when that ``w:num`` is first used: how offices restart "List Number" in each section);
- numbers sharing one abstract list continue from each other, as Word does;
- a deeper level restarts after any higher level, unless ``w:lvlRestart`` says otherwise
  (0: never; n: only after level n or higher);
- ``w:lvlText`` with ``%1``…``%9`` (each level in its own ``w:numFmt``; ``w:isLgl`` forces
  decimal), formats: decimal, decimalZero, upperRoman, lowerRoman, upperLetter, lowerLetter
  (Word's letters are the Latin a, b, c, d, e… — no Vietnamese "đ"; after z: aa, bb…),
  bullet (Symbol/Wingdings private-use glyphs shown as "•"), none.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

__all__ = ["ListLabel", "ListNumbering", "format_number"]

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_MAX_LEVELS = 9
_MAX_LABEL = 40
"""Characters of a level's text kept (Word's own are a few; a crafted file's may be megabytes)."""
_MAX_REPEAT = 30
_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"))
_ROMAN += ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def _val(el: etree._Element | None, default: str | None = None) -> str | None:
    if el is None:
        return default
    return el.get(_w("val"), default)


def _int(el: etree._Element | None, default: int | None = None) -> int | None:
    value = _val(el)
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _ilvl(el: etree._Element) -> int:
    value = el.get(_w("ilvl"), "0") or "0"
    return int(value) if value.isdigit() and len(value) < 3 else -1


def _roman(n: int) -> str:
    if n <= 0 or n >= 4000:
        return str(n)
    out = []
    for value, letters in _ROMAN:
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)


def _letters(n: int) -> str:
    """Word's lowerLetter: a…z, then aa…zz, aaa… (the letter repeated, not base 26)."""
    if n <= 0 or n > 26 * _MAX_REPEAT:
        return str(n)
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def format_number(n: int, fmt: str) -> str:
    """*n* in Word's number format *fmt* (unknown formats fall back to decimal, as Word does)."""
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt == "upperLetter":
        return _letters(n).upper()
    if fmt == "lowerLetter":
        return _letters(n)
    if fmt == "none":
        return ""
    return str(n)


def _bullet(text: str) -> str:
    """A bullet's glyph as read: private-use Symbol/Wingdings characters become '•'."""
    text = text.strip()
    if not text or any(0xE000 <= ord(ch) <= 0xF8FF for ch in text):
        return "•"
    return text


@dataclass(frozen=True)
class ListLabel:
    """What Word shows: ``text`` ("II.", "1.", "a)", "-", "•"), the level's ``fmt``, ``level`` (0-based)
    and ``suffix`` (what separates it from the text: a tab, a space or nothing)."""

    text: str
    fmt: str
    level: int
    suffix: str = "tab"

    @property
    def bullet(self) -> bool:
        return self.fmt == "bullet"


@dataclass
class _Level:
    fmt: str = "decimal"
    text: str = "%1."
    start: int = 1
    restart: int | None = None
    legal: bool = False
    suffix: str = "tab"
    style: str | None = None


def _level(el: etree._Element) -> _Level:
    return _Level(
        fmt=_val(el.find(_w("numFmt")), "decimal") or "decimal",
        text=(_val(el.find(_w("lvlText")), "") or "")[:_MAX_LABEL],
        start=_int(el.find(_w("start")), 1) or 0,
        restart=_int(el.find(_w("lvlRestart"))),
        legal=el.find(_w("isLgl")) is not None and _val(el.find(_w("isLgl")), "1") not in ("0", "false", "off"),
        suffix=_val(el.find(_w("suff")), "tab") or "tab",
        style=_val(el.find(_w("pStyle"))),
    )


@dataclass
class _List:
    """One abstract list: its levels and the running counters (None: level not used yet)."""

    levels: dict[int, _Level]
    counters: list[int | None] = field(default_factory=lambda: [None] * _MAX_LEVELS)


class ListNumbering:
    """Word's list counters over one document; call :meth:`label` on every paragraph in order."""

    def __init__(self, numbering: etree._Element | None, styles: etree._Element | None = None) -> None:
        self._abstract: dict[str, etree._Element] = {}
        self._nums: dict[str, etree._Element] = {}
        if numbering is not None:
            for el in numbering.iterchildren(_w("abstractNum")):
                self._abstract.setdefault(el.get(_w("abstractNumId"), ""), el)
            for el in numbering.iterchildren(_w("num")):
                self._nums.setdefault(el.get(_w("numId"), ""), el)
        self._styles: dict[str, etree._Element] = {}
        if styles is not None:
            for st in styles.iterchildren(_w("style")):
                sid = st.get(_w("styleId"))
                if sid:
                    self._styles.setdefault(sid, st)
        self._lists: dict[str, _List] = {}
        self._overrides: dict[str, dict[int, _Level]] = {}
        self._started: set[str] = set()

    # ------------------------------------------------------------------ definitions
    def _abstract_of(self, num_id: str, depth: int = 0) -> str | None:
        num = self._nums.get(num_id)
        if num is None:
            return None
        abstract_id = _val(num.find(_w("abstractNumId")))
        abstract = self._abstract.get(abstract_id or "")
        link = _val(abstract.find(_w("numStyleLink"))) if abstract is not None else None
        if link and depth < 4:  # a list defined by a numbering style: follow the style's own numPr
            style_num = self._style_numpr(link)[0]
            if style_num and style_num != num_id:
                return self._abstract_of(style_num, depth + 1) or abstract_id
        return abstract_id if abstract is not None else None

    def _list(self, abstract_id: str) -> _List:
        if abstract_id not in self._lists:
            levels = {}
            for el in self._abstract[abstract_id].iterchildren(_w("lvl")):
                ilvl = _ilvl(el)
                if 0 <= ilvl < _MAX_LEVELS:
                    levels[ilvl] = _level(el)
            self._lists[abstract_id] = _List(levels)
        return self._lists[abstract_id]

    def _style_numpr(self, style_id: str | None) -> tuple[str | None, int | None, str | None]:
        """(numId, ilvl, the style that carries it) from *style_id* and its basedOn chain."""
        seen: set[str] = set()
        while style_id and style_id in self._styles and style_id not in seen:
            seen.add(style_id)
            st = self._styles[style_id]
            numpr = st.find(f"{_w('pPr')}/{_w('numPr')}")
            if numpr is not None and numpr.find(_w("numId")) is not None:
                return _val(numpr.find(_w("numId"))), _int(numpr.find(_w("ilvl"))), style_id
            style_id = _val(st.find(_w("basedOn")))
        return None, None, None

    def _numpr(self, p: etree._Element) -> tuple[str | None, int]:
        ppr = p.find(_w("pPr"))
        numpr = ppr.find(_w("numPr")) if ppr is not None else None
        style_id = _val(ppr.find(_w("pStyle"))) if ppr is not None else None
        num_id = _val(numpr.find(_w("numId"))) if numpr is not None else None
        ilvl = _int(numpr.find(_w("ilvl"))) if numpr is not None else None
        if num_id is None:
            num_id, style_lvl, carrier = self._style_numpr(style_id)
            if ilvl is None:
                ilvl = style_lvl
            if ilvl is None and num_id is not None:
                ilvl = self._level_of_style(num_id, carrier)
        return num_id, max(0, min(ilvl or 0, _MAX_LEVELS - 1))

    def _level_of_style(self, num_id: str, style_id: str | None) -> int | None:
        abstract_id = self._abstract_of(num_id)
        if abstract_id is None or style_id is None:
            return None
        for ilvl, level in self._list(abstract_id).levels.items():
            if level.style == style_id:
                return ilvl
        return None

    def _start_num(self, num_id: str, lst: _List) -> dict[int, _Level]:
        """Apply *num_id*'s overrides the first time it is used; its replaced levels."""
        if num_id in self._started:
            return self._overrides.get(num_id, {})
        self._started.add(num_id)
        replaced: dict[int, _Level] = {}
        for ov in self._nums[num_id].iterchildren(_w("lvlOverride")):
            ilvl = _ilvl(ov)
            if not 0 <= ilvl < _MAX_LEVELS:
                continue
            lvl = ov.find(_w("lvl"))
            if lvl is not None:
                replaced[ilvl] = _level(lvl)
            start = _int(ov.find(_w("startOverride")))
            if start is None and lvl is not None and lvl.find(_w("start")) is not None:
                start = replaced[ilvl].start
            if start is not None:
                lst.counters[ilvl] = start - 1
                for deeper in range(ilvl + 1, _MAX_LEVELS):
                    lst.counters[deeper] = None
        self._overrides[num_id] = replaced
        return replaced

    # ------------------------------------------------------------------ counting
    def label(self, p: etree._Element) -> ListLabel | None:
        """The label of paragraph *p* (advancing the counters), or None when it is not numbered."""
        num_id, ilvl = self._numpr(p)
        if not num_id or num_id == "0" or num_id not in self._nums:
            return None
        abstract_id = self._abstract_of(num_id)
        if abstract_id is None:
            return None
        lst = self._list(abstract_id)
        levels = {**lst.levels, **self._start_num(num_id, lst)}
        level = levels.get(ilvl)
        if level is None:
            return None
        current = lst.counters[ilvl]
        lst.counters[ilvl] = level.start if current is None else current + 1
        for deeper in range(ilvl + 1, _MAX_LEVELS):
            restart = levels[deeper].restart if deeper in levels else None
            if restart is None or (restart != 0 and ilvl < restart):
                lst.counters[deeper] = None
        if level.fmt == "bullet":
            return ListLabel(_bullet(level.text), "bullet", ilvl, level.suffix)
        text = level.text
        for n in range(_MAX_LEVELS, 0, -1):
            if f"%{n}" not in text:
                continue
            other = levels.get(n - 1, _Level())
            value = lst.counters[n - 1]
            value = other.start if value is None else value
            fmt = "decimal" if level.legal and other.fmt != "none" else other.fmt
            text = text.replace(f"%{n}", format_number(value, fmt))
        return ListLabel(text, level.fmt, ilvl, level.suffix)
