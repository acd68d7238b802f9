"""Pydantic models of a plan and everything derived from it (public names re-exported here).

The contract modules are public as modules (listed in ``__all__``): ``forms`` (the report form),
``consultation`` (the phiếu góp ý, the draft's parts), ``wording``, ``units`` (unit-name keys),
``symbols`` (ký hiệu, the letter's issuer), ``periods`` (report periods, deadlines), ``reports``.
"""

from __future__ import annotations

from . import consultation, forms, periods, reports, symbols, units, wording
from .base import PartialDate, StrictModel
from .content import (
    FOOTNOTE_MARK,
    Assignment,
    Bullet,
    CitedDocument,
    Duty,
    Item,
    LegalBasis,
    Point,
    Purposes,
    Section,
    Table,
    Target,
)
from .indicators import Indicator, slug_key
from .people import AUTHORITIES, LEVELS, Issuer, Recipients, Signer
from .plan import Assignments, Contact, Letter, Plan, Targets
from .rules import Problem, plan_problems
from .schedule import KIND_LABELS, Period, ReportingSchedule, ScheduleEntry, parse_period

__all__ = [
    # public modules: the contracts between a document we write and the reader of its return
    "consultation",
    "forms",
    "periods",
    "reports",
    "symbols",
    "units",
    "wording",
    "AUTHORITIES",
    "FOOTNOTE_MARK",
    "KIND_LABELS",
    "LEVELS",
    "Assignment",
    "Assignments",
    "Bullet",
    "CitedDocument",
    "Contact",
    "Duty",
    "Indicator",
    "Issuer",
    "Item",
    "LegalBasis",
    "Letter",
    "PartialDate",
    "Period",
    "Plan",
    "Point",
    "Problem",
    "Purposes",
    "Recipients",
    "ReportingSchedule",
    "ScheduleEntry",
    "Section",
    "Signer",
    "StrictModel",
    "Table",
    "Target",
    "Targets",
    "parse_period",
    "slug_key",
    "plan_problems",
]
