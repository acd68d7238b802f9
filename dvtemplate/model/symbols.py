"""How a document we write is identified, stated once for its writer and for the reader of its return.

The Kế hoạch's ký hiệu is printed on the plan and cited by every report form (``collect`` reads
the citation back); the công văn's ký hiệu and issuer are printed on the letter and cited by
every reply (``comments`` reads them back). Both sides import them from here.
"""

from __future__ import annotations

from ..errors import InputError
from ..vn import ky_hieu
from ..vn.nd30 import kind_abbreviation
from .people import Issuer
from .plan import Letter, Plan

__all__ = ["plan_symbol", "letter_of", "letter_issuer", "letter_symbol", "issued_together", "running_name"]


def plan_symbol(plan: Plan) -> str:
    """The ký hiệu: the plan's own, else KH-<issuer abbreviation>."""
    return plan.symbol or ky_hieu(kind_abbreviation("plan"), plan.issuer.abbreviation)


def letter_of(plan: Plan) -> Letter:
    """The plan's ``letter:``; an InputError naming the missing section when there is none."""
    if plan.letter is None:
        raise InputError(
            "Tệp kế hoạch chưa có mục 'letter:' (công văn lấy ý kiến góp ý dự thảo).",
            hint="Thêm mục letter: với subject, recipients, deadline… (xem examples/ke-hoach-tinh-2026.yaml).",
        )
    return plan.letter


def letter_issuer(plan: Plan) -> Issuer:
    """The office sending the letter: ``letter.issuer``, else the plan's issuer."""
    return letter_of(plan).issuer or plan.issuer


def letter_symbol(plan: Plan) -> str:
    """Ký hiệu of a công văn: <issuer abbreviation>-<drafting unit> (no type abbreviation)."""
    issuer = letter_issuer(plan)
    return ky_hieu(issuer.abbreviation, issuer.drafting_unit or "")


def issued_together(letter: Letter) -> bool:
    """True when the letter has both its number and its full date: the văn thư fills both, or neither."""
    return letter.number is not None and letter.issued is not None and letter.issued.day is not None


def running_name(issuer: Issuer) -> str:
    """The issuer's name as it reads in a sentence ('Sở Nội vụ'), even if typed in capitals."""
    name = issuer.name
    if name.isupper():
        words = name.lower().split()
        name = " ".join([words[0].capitalize()] + words[1:]) if words else name
    return name
