"""Model → the dict one document kind's template reads (all Vietnamese formatting happens here).

Each kind's builder is a public module (listed in ``__all__``): its own ``__all__`` says what
it offers. ``common`` holds the header, signer and Nơi nhận blocks every kind shares;
``draft`` the draft's numbered parts; ``plan_summary`` is ``to_trinh``'s inner helper.
"""

from __future__ import annotations

from . import comments_table, common, draft, form, letter, plan, reminder, report, summary, to_trinh
from .plan import plan_context

__all__ = [
    "plan_context",
    # public modules, one per kind (and the blocks they share)
    "comments_table",
    "common",
    "draft",
    "form",
    "letter",
    "plan",
    "reminder",
    "report",
    "summary",
    "to_trinh",
]
