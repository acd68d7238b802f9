"""The Jinja environment every template renders in, built-in or a user's own.

Sandboxed (no access to Python internals, no imports, no files), autoescaped
(a ``&`` or ``<`` in user text stays text: it can never become markup) and
strict (a variable the template uses but the context lacks is an error, not a
silent blank).
"""
from __future__ import annotations

from jinja2 import StrictUndefined
from jinja2.sandbox import ImmutableSandboxedEnvironment

__all__ = ["make_environment"]


def make_environment() -> ImmutableSandboxedEnvironment:
    """A fresh sandboxed, autoescaping, strict environment."""
    env = ImmutableSandboxedEnvironment(
        autoescape=True,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        auto_reload=False,
    )
    env.globals.clear()
    env.globals.update(range=range)
    return env
