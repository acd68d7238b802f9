"""The Jinja environment every template renders in, built-in or a user's own.

Sandboxed (no access to Python internals, no imports, no files), autoescaped
(a ``&`` or ``<`` in user text stays text: it can never become markup) and
strict (a variable the template uses but the context lacks is an error, not a
silent blank). An office's template is untrusted input, so the operators that
can allocate unbounded memory (``'x' * 10**9``, ``9 ** 9 ** 9``) and ``range``
are bounded too: a bad template fails with a message instead of hanging Word
users' machines.
"""

from __future__ import annotations

import operator
from typing import Any

from jinja2 import StrictUndefined
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError, safe_range

__all__ = ["make_environment", "DvSandbox", "MAX_REPEAT", "MAX_EXPONENT"]

MAX_REPEAT = 1_000_000
"""Largest string/list a template may build with ``*`` (items or characters)."""
MAX_EXPONENT = 256
"""Largest integer exponent a template may use with ``**``."""


class DvSandbox(ImmutableSandboxedEnvironment):
    """The immutable sandbox with bounded ``*`` and ``**``."""

    intercepted_binops = frozenset({"*", "**"})

    def call_binop(self, context: Any, op: str, left: Any, right: Any) -> Any:
        if op == "*":
            for seq, count in ((left, right), (right, left)):
                if isinstance(seq, (str, list, tuple)) and isinstance(count, int):
                    if max(len(seq), 1) * count > MAX_REPEAT:
                        raise SecurityError("phép nhân tạo chuỗi quá dài")
            return operator.mul(left, right)
        if op == "**":
            if isinstance(right, int) and abs(right) > MAX_EXPONENT:
                raise SecurityError("số mũ quá lớn")
            return operator.pow(left, right)
        return super().call_binop(context, op, left, right)


def make_environment() -> DvSandbox:
    """A fresh sandboxed, autoescaping, strict environment with no loader (no include/import)."""
    env = DvSandbox(
        autoescape=True,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        auto_reload=False,
    )
    env.globals.clear()
    env.globals.update(range=safe_range)
    return env
