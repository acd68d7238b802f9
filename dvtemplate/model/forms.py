"""The report form's reading contract, shared by the form renderer and ``collect``.

Every answer area of the form is an inline plain-text content control with a
stable ``w:tag`` (≤ 64 characters, a public contract documented in the README):

==========================  ==============================================
``dvt:item:<n>:result``     result of content item n (1-based, plan order)
``dvt:target:<n>:result``   result of chỉ tiêu n
``dvt:ind:<key>``           value of indicator *key* (``reporting.indicators``)
``dvt:strengths``           ưu điểm
``dvt:weaknesses``          hạn chế
``dvt:causes``              nguyên nhân (của hạn chế)
``dvt:difficulties``        khó khăn, vướng mắc
``dvt:next``                phương hướng, nhiệm vụ kỳ tới
``dvt:proposals``           đề xuất, kiến nghị
==========================  ==============================================

A chỉ tiêu is asked only of the units the plan assigns it to (:func:`assigned_targets`);
the numbers asked are in the ``dvt.targets`` property ("1,3"; absent on forms of version 1:
every target).

The form also carries who it is for (unit, period, plan, form version), in
``docProps/custom.xml`` (names in :data:`PROPS`) and in one visible line that
:func:`identity_line` writes and :func:`parse_identity_line` reads back, so a
renamed file, or one whose custom properties a word processor dropped, is
still recognised.
"""

from __future__ import annotations

import re

__all__ = [
    "FORM_VERSION",
    "PROPS",
    "IDENTITY_PREFIX",
    "HINT_TEXT",
    "HINT_NUMBER",
    "HINT_YES_NO",
    "HINTS",
    "FormField",
    "form_fields",
    "item_tag",
    "target_tag",
    "indicator_tag",
    "DIFFICULTIES_TAG",
    "PROPOSALS_TAG",
    "DIFFICULTIES_LABEL",
    "PROPOSALS_LABEL",
    "CLOSING_AREAS",
    "STRENGTHS_TAG",
    "WEAKNESSES_TAG",
    "CAUSES_TAG",
    "NEXT_TAG",
    "assigned_targets",
    "target_owners",
    "parse_tag",
    "identity_line",
    "parse_identity_line",
    "plan_reference",
]

FORM_VERSION = "2"
"""Bumped when the tag contract changes; collect reads every version it knows."""

PROPS = {
    "unit": "dvt.unit",
    "period": "dvt.period",
    "plan": "dvt.plan",
    "plan_year": "dvt.plan_year",
    "version": "dvt.form_version",
    "targets": "dvt.targets",
}
"""Field → custom document property name (``docProps/custom.xml``)."""

IDENTITY_PREFIX = "Mẫu dành cho:"
HINT_TEXT = "Nhập kết quả…"
"""Placeholder of a text answer area (grey; Word removes it when the unit types)."""
HINT_NUMBER = "Nhập số"
"""Placeholder of a figure in a table cell (short: the column is narrow)."""
HINT_YES_NO = "Có/Không"
HINTS = (HINT_TEXT, HINT_NUMBER, HINT_YES_NO)
DIFFICULTIES_TAG = "dvt:difficulties"
PROPOSALS_TAG = "dvt:proposals"
DIFFICULTIES_LABEL = "Khó khăn, vướng mắc"
PROPOSALS_LABEL = "Đề xuất, kiến nghị"
STRENGTHS_TAG = "dvt:strengths"
WEAKNESSES_TAG = "dvt:weaknesses"
CAUSES_TAG = "dvt:causes"
NEXT_TAG = "dvt:next"
CLOSING_AREAS = (
    (STRENGTHS_TAG, "strengths", "Ưu điểm"),
    (WEAKNESSES_TAG, "weaknesses", "Hạn chế"),
    (CAUSES_TAG, "causes", "Nguyên nhân của hạn chế"),
    (DIFFICULTIES_TAG, "difficulties", DIFFICULTIES_LABEL),
    (NEXT_TAG, "next", "Phương hướng, nhiệm vụ kỳ tới"),
    (PROPOSALS_TAG, "proposals", PROPOSALS_LABEL),
)
"""The closing answer areas, in form order: (tag, kind, label)."""


def item_tag(number: int) -> str:
    return f"dvt:item:{number}:result"


def target_tag(number: int) -> str:
    return f"dvt:target:{number}:result"


def indicator_tag(key: str) -> str:
    return f"dvt:ind:{key}"


_TAG = re.compile(
    r"dvt:(?:(item|target):(\d{1,4}):result|ind:([a-z0-9][a-z0-9-]{0,39})"
    r"|(strengths|weaknesses|causes|difficulties|next|proposals))"
)


def parse_tag(tag: str) -> tuple[str, str] | None:
    """``dvt:target:3:result`` → ("target", "3"); ``dvt:ind:x`` → ("ind", "x"); other → None."""
    m = _TAG.fullmatch((tag or "").strip())
    if not m:
        return None
    if m.group(1):
        return m.group(1), m.group(2)
    if m.group(3):
        return "ind", m.group(3)
    return m.group(4), ""


def plan_reference(number: int | None, symbol: str, year: int) -> str:
    """'09/KH-UBND' or, for a plan without a number, 'KH-UBND'."""
    return f"{number:02d}/{symbol}" if number else symbol


def identity_line(unit: str, period_code: str, plan_ref: str, plan_year: int, version: str = FORM_VERSION) -> str:
    """'Mẫu dành cho: Ủy ban nhân dân xã An Bình; kỳ báo cáo: 2026-Q2; Kế hoạch 09/KH-UBND năm 2026; mẫu số 1.'"""
    return (
        f"{IDENTITY_PREFIX} {unit}; kỳ báo cáo: {period_code}; Kế hoạch {plan_ref} năm {plan_year}; mẫu số {version}."
    )


_IDENTITY = re.compile(
    r"Mẫu dành cho:\s*(?P<unit>.+?);\s*kỳ báo cáo:\s*(?P<period>[0-9A-Za-z-]+);\s*"
    r"Kế hoạch\s+(?P<plan>\S+)\s+năm\s+(?P<plan_year>\d{4});\s*mẫu số\s*(?P<version>[\w.]+)\.?"
)


def parse_identity_line(text: str) -> dict[str, str] | None:
    """The fields of an :func:`identity_line` found in *text* (keys as in :data:`PROPS`), or None."""
    m = _IDENTITY.search(re.sub(r"\s+", " ", text or ""))
    return {k: v.strip() for k, v in m.groupdict().items()} if m else None


class FormField:
    """One answer area of the form: its tag, its alias (the label Word shows), what it holds."""

    __slots__ = ("tag", "alias", "kind", "ref", "label", "indicator", "section")

    def __init__(self, tag: str, alias: str, kind: str, ref: str, label: str, indicator=None, section: str = ""):
        self.tag, self.alias, self.kind, self.ref, self.label = tag, alias, kind, ref, label
        self.indicator = indicator
        self.section = section

    def __repr__(self) -> str:
        return f"FormField({self.tag!r})"


def _first_words(text: str, limit: int = 90) -> str:
    text = " ".join(re.sub(r"\[\^[^\]]*\]", "", text or "").split()).rstrip(" .;:")
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + "…"


def form_fields(plan) -> list[FormField]:
    """Every answer area the plan's report form has, in form order (items, targets, indicators, closing)."""
    fields: list[FormField] = []
    for n, item in enumerate(plan.all_items(), 1):
        label = _first_words(item.title or item.text or (item.paragraphs[0] if item.paragraphs else ""))
        fields.append(FormField(item_tag(n), f"Kết quả nhiệm vụ {n}", "item", str(n), label, section="items"))
    if plan.targets:
        for n, target in enumerate(plan.targets.items, 1):
            fields.append(
                FormField(target_tag(n), f"Kết quả chỉ tiêu {n}", "target", str(n), _first_words(target.text))
            )
    for indicator in plan.reporting.indicators if plan.reporting else []:
        alias = f"Chỉ số: {_first_words(indicator.label, 54)}"
        fields.append(FormField(indicator_tag(indicator.key), alias, "ind", indicator.key, indicator.label, indicator))
    for tag, kind, label in CLOSING_AREAS:
        fields.append(FormField(tag, label, kind, "", label))
    return fields


def _folded(text: str) -> str:
    text = " ".join((text or "").casefold().replace("uỷ", "ủy").split())
    return re.sub(r"^ubnd\b", "ủy ban nhân dân", text)


_ALL_UNITS = re.compile(r"\bcác (cơ quan|đơn vị|địa phương)\b")
_COMMUNES = re.compile(r"\b(ủy ban nhân dân|ubnd) (các|cấp) (xã|phường|đặc khu)\b|\bcác xã, phường\b")
_DEPARTMENTS = re.compile(r"\bcác sở\b")


def _covers(entry: str, unit) -> bool:
    """Whether one ``responsible`` entry of a chỉ tiêu names *unit* (itself, or a group it belongs to)."""
    text = _folded(entry)
    if text == _folded(unit.name) or _ALL_UNITS.search(text):
        return True
    if _COMMUNES.search(text) and unit.is_committee and unit.level in ("xã", "phường", "đặc khu"):
        return True
    return bool(_DEPARTMENTS.search(text)) and unit.level == "sở"


def assigned_targets(owners: list[list[str]], unit) -> list[int]:
    """The numbers (1-based) of the chỉ tiêu *unit* reports, given each chỉ tiêu's ``responsible`` list:
    those assigned to it or to a group it belongs to, and those assigned to nobody in particular (every unit)."""
    return [n for n, entries in enumerate(owners, 1) if not entries or any(_covers(e, unit) for e in entries)]


def target_owners(plan) -> list[list[str]]:
    """Each chỉ tiêu's ``responsible`` list, in plan order (what :func:`assigned_targets` reads)."""
    return [list(t.responsible) for t in (plan.targets.items if plan.targets else [])]
