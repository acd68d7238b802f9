"""Model → the dict one document kind's template reads (all Vietnamese formatting happens here)."""

from __future__ import annotations

from .plan import plan_context

__all__ = ["plan_context"]
