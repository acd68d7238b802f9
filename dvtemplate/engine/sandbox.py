"""The Jinja environment every template renders in, built-in or a user's own: sandboxed and bounded.

Sandboxed (no access to Python internals, no imports, no files), autoescaped
(a ``&`` or ``<`` in user text stays text: it can never become markup) and
strict (a variable the template uses but the context lacks is an error, not a
silent blank). An office's template is untrusted input, so its *work* is
bounded too (:mod:`dvtemplate.limits`), per document:

- every loop iteration, call and piece of output is counted by a :class:`Budget`
  (loops: ``MAX_LOOP_ITERATIONS``, nested loops counted in full; calls and macro
  recursion: ``MAX_CALLS``, ``MAX_CALL_DEPTH``; output, including what macros and
  ``{% set %}`` blocks capture: ``MAX_RENDER_CHARS``; wall-clock ``MAX_RENDER_SECONDS``);
- every operation that can build a large value from small ones is checked
  *before* it runs (:mod:`.amplifiers`): ``*``, ``+``, ``~``, ``**``, ``%``, ``range``, ``str.format``,
  the string methods (``center``, ``ljust``, ``replace``, ``join``, ``expandtabs``…)
  and filters (``join``, ``center``, ``indent``, ``format``, ``replace``,
  ``wordwrap``, ``batch``, ``slice``, ``sum``, ``string``, ``tojson``, ``pprint``);
- the filters that emit raw markup (``safe``, ``xmlattr``, ``urlize``) do not exist,
  and ``{% autoescape false %}`` is refused when the template is compiled.

The counting is compiled into the template: a code generator wraps each loop's
iterable and each output expression, so no tracing or signals are needed and it
works the same on Windows.
"""

from __future__ import annotations

import functools
import operator
import threading
import time
import types
from collections.abc import Iterator
from typing import Any

import jinja2.nodes as nodes
from jinja2 import StrictUndefined, Template
from jinja2.compiler import CodeGenerator
from jinja2.runtime import LoopContext
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup

from ..limits import (
    MAX_CALL_DEPTH,
    MAX_CALLS,
    MAX_LOOP_ITERATIONS,
    MAX_RENDER_CHARS,
    MAX_RENDER_SECONDS,
    MAX_STRING_CHARS,
)
from .amplifiers import (
    REMOVED_FILTERS,
    LimitExceeded,
    as_int,
    bounded_range,
    check_chars,
    check_int,
    check_items,
    check_percent,
    check_str_format,
    check_str_method,
    dotted,
    guarded_filters,
    text_size,
)

__all__ = [
    "make_environment",
    "DvSandbox",
    "Budget",
    "LimitExceeded",
    "render_utf8",
    "forbidden_nodes",
    "REMOVED_FILTERS",
    "MAX_REPEAT",
    "MAX_EXPONENT",
]

MAX_REPEAT = MAX_STRING_CHARS
"""Largest string a template may build with ``*`` (kept for callers of the old name)."""
MAX_EXPONENT = 256
"""Largest integer exponent a template may use with ``**``."""


# ----------------------------------------------------------------------------- the per-document budget
class Budget:
    """What one render may still do; one per document, per thread."""

    __slots__ = ("iterations", "calls", "depth", "chars", "deadline", "ticks")

    def __init__(self) -> None:
        self.iterations = 0
        self.calls = 0
        self.depth = 0
        self.chars = 0
        self.ticks = 0
        self.deadline = time.monotonic() + MAX_RENDER_SECONDS

    def tick(self) -> None:
        self.ticks += 1
        if not self.ticks & 15 and time.monotonic() > self.deadline:
            raise LimitExceeded(f"điền mẫu quá {MAX_RENDER_SECONDS:g} giây")

    def iterate(self) -> None:
        self.iterations += 1
        if self.iterations > MAX_LOOP_ITERATIONS:
            raise LimitExceeded(f"vòng lặp chạy quá {dotted(MAX_LOOP_ITERATIONS)} lượt")
        self.tick()

    def output(self, size: int) -> None:
        self.chars += size
        if self.chars > MAX_RENDER_CHARS:
            raise LimitExceeded(f"văn bản dài quá {dotted(MAX_RENDER_CHARS)} ký tự")
        self.tick()


_local = threading.local()
_TEXT_TYPES = (str, Markup)


def _budget() -> Budget:
    try:
        budget = _local.budget
    except AttributeError:  # a thread that never rendered
        budget = None
    if budget is None:  # a caller's own generate()/stream(), outside render_utf8 and render(): bound it anyway
        budget = _local.budget = Budget()
    return budget


def render_utf8(template: Any, context: Any) -> bytes:
    """Render *template* with a fresh :class:`Budget` into UTF-8; LimitExceeded when it goes over.

    Encoded a few thousand pieces at a time, so a large part never exists as one ``str`` (two
    bytes a letter for Vietnamese text) and a list of every piece beside its bytes.
    """
    previous = getattr(_local, "budget", None)
    _local.budget = Budget()
    try:
        chunks: list[bytes] = []
        pieces: list[str] = []
        for piece in template.generate(context):
            pieces.append(piece)
            if len(pieces) == 4096:
                chunks.append("".join(pieces).encode("utf-8"))
                pieces.clear()
        chunks.append("".join(pieces).encode("utf-8"))
        return b"".join(chunks)
    finally:
        _local.budget = previous


class _BoundedTemplate(Template):
    """A template whose ``render`` gets a budget of its own, when a caller renders it directly
    (docxtpl calls ``render`` once per document): one document's budget never runs into the next."""

    def render(self, *args: Any, **kwargs: Any) -> str:
        if getattr(_local, "budget", None) is not None:  # inside render_bounded: its budget counts
            return super().render(*args, **kwargs)
        _local.budget = Budget()
        try:
            return super().render(*args, **kwargs)
        finally:
            _local.budget = None


# ----------------------------------------------------------------------------- compiled-in counting
class _BoundedCodeGenerator(CodeGenerator):
    """Jinja's code generator, plus the budget calls: loop iterables, output, ``~``, constants.

    (Jinja refuses custom node types, so a loop's iterable is recognised by identity
    when :meth:`visit_For` visits it, and wrapped in ``environment.dv_iter(…)``.)
    """

    def visit_For(self, node: nodes.For, frame: Any) -> None:
        self.__dict__.setdefault("_dv_iterables", set()).add(id(node.iter))
        super().visit_For(node, frame)

    def visit(self, node: nodes.Node, *args: Any, **kwargs: Any) -> Any:
        if id(node) in self.__dict__.get("_dv_iterables", ()):
            self.write("environment.dv_iter(")
            super().visit(node, *args, **kwargs)
            self.write(")")
            return None
        return super().visit(node, *args, **kwargs)

    def visit_Concat(self, node: nodes.Concat, frame: Any) -> None:
        if frame.eval_ctx.volatile:
            func_name = "(markup_join if context.eval_ctx.volatile else str_join)"
        else:
            func_name = "markup_join" if frame.eval_ctx.autoescape else "str_join"
        self.write(f"{func_name}(environment.dv_parts((")
        for arg in node.nodes:
            self.visit(arg, frame)
            self.write(", ")
        self.write(")))")

    def _output_child_pre(self, node: Any, frame: Any, finalize: Any) -> None:
        super()._output_child_pre(node, frame, finalize)
        self.write("environment.dv_out(")

    def _output_child_post(self, node: Any, frame: Any, finalize: Any) -> None:
        self.write(")")
        super()._output_child_post(node, frame, finalize)

    def _output_const_repr(self, group: Any) -> str:
        return f"environment.dv_const({super()._output_const_repr(group)})"


def forbidden_nodes(tree: nodes.Template) -> Iterator[tuple[nodes.Node, str]]:
    """Constructs a template may not use, each with the reason (compile refuses them, lint lists them)."""
    loading = (nodes.Include, nodes.Import, nodes.FromImport, nodes.Extends)
    for node in tree.find_all(loading):
        yield node, "mẫu không được dùng {% include/import/extends %}: mẫu không được đọc tệp hay mẫu khác"
    for node in tree.find_all((nodes.ScopedEvalContextModifier, nodes.EvalContextModifier)):
        yield node, "mẫu không được tắt tự động thoát ký tự ({% autoescape %}): văn bản sẽ hỏng"
    for node in tree.find_all(nodes.Filter):
        if node.name in REMOVED_FILTERS:
            yield node, REMOVED_FILTERS[node.name]


class DvSandbox(ImmutableSandboxedEnvironment):
    """The immutable sandbox with every amplifying operation checked and the work of a render counted."""

    code_generator_class = _BoundedCodeGenerator
    template_class = _BoundedTemplate
    intercepted_binops = frozenset({"*", "**", "+", "%"})

    # -- called from compiled templates -------------------------------------------------
    def dv_iter(self, iterable: Any) -> Iterator[Any]:
        budget = _budget()
        for item in iterable:
            budget.iterate()
            yield item

    def dv_out(self, value: Any) -> Any:
        budget = _budget()
        budget.chars += len(value) if type(value) in _TEXT_TYPES else text_size(value, MAX_RENDER_CHARS)
        if budget.chars > MAX_RENDER_CHARS:
            budget.output(0)  # raises, with the message
        return value

    def dv_const(self, text: str) -> str:  # template text: no tick, the loop around it ticks
        budget = _budget()
        budget.chars += len(text)
        if budget.chars > MAX_RENDER_CHARS:
            budget.output(0)
        return text

    def dv_parts(self, parts: tuple) -> tuple:
        check_chars(sum(text_size(p, MAX_STRING_CHARS) for p in parts), "phép nối chuỗi '~'")
        return parts

    # -- sandbox intercepts ---------------------------------------------------------------
    def call_binop(self, context: Any, op: str, left: Any, right: Any) -> Any:
        if op == "*":
            for seq, count in ((left, right), (right, left)):
                if isinstance(seq, (str, list, tuple)) and as_int(count) is not None:
                    if isinstance(seq, str):
                        check_chars(len(seq) * count, "phép nhân '*'")
                    else:
                        check_items(len(seq) * count, "phép nhân '*'")
            if as_int(left) is not None and as_int(right) is not None:
                check_int(left.bit_length() + right.bit_length(), "phép nhân '*'")
            return operator.mul(left, right)
        if op == "**":
            if as_int(right) is not None:
                if abs(right) > MAX_EXPONENT:
                    raise LimitExceeded("số mũ quá lớn")
                if as_int(left) is not None and right > 0:
                    check_int(left.bit_length() * right, "phép lũy thừa '**'")
            return operator.pow(left, right)
        if op == "+":
            if isinstance(left, str) and isinstance(right, str):
                check_chars(len(left) + len(right), "phép cộng chuỗi '+'")
            elif isinstance(left, (list, tuple)) and isinstance(right, (list, tuple)):
                check_items(len(left) + len(right), "phép cộng danh sách '+'")
            return operator.add(left, right)
        if op == "%":
            check_percent(left, right)
            return operator.mod(left, right)
        return super().call_binop(context, op, left, right)

    def wrap_str_format(self, value: Any) -> Any:
        wrapped = super().wrap_str_format(value)
        if wrapped is None:
            return None
        fmt, is_map = value.__self__, value.__name__ == "format_map"

        @functools.wraps(wrapped)
        def checked(*args: Any, **kwargs: Any) -> Any:
            if is_map and len(args) == 1 and isinstance(args[0], dict):
                check_str_format(fmt, (), args[0])
            else:
                check_str_format(fmt, args, kwargs)
            return wrapped(*args, **kwargs)

        return checked

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        budget = _budget()
        budget.calls += 1
        if budget.calls > MAX_CALLS:
            raise LimitExceeded(f"mẫu gọi hàm/macro quá {dotted(MAX_CALLS)} lần")
        budget.tick()
        if isinstance(__obj, (types.BuiltinMethodType, types.MethodType)) and isinstance(
            getattr(__obj, "__self__", None), str
        ):
            args = check_str_method(__obj, args, kwargs)
        elif isinstance(__obj, LoopContext) and args:  # loop(children) in a recursive loop
            args = (__self.dv_iter(args[0]), *args[1:])
        budget.depth += 1
        try:
            if budget.depth > MAX_CALL_DEPTH:
                raise LimitExceeded(f"macro gọi lồng nhau quá {MAX_CALL_DEPTH} tầng (đệ quy?)")
            return super().call(__context, __obj, *args, **kwargs)
        finally:
            budget.depth -= 1


def make_environment() -> DvSandbox:
    """A fresh sandboxed, autoescaping, strict, bounded environment with no loader (no include/import)."""
    env = DvSandbox(
        autoescape=True,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        auto_reload=False,
    )
    env.globals.clear()
    env.globals.update(range=bounded_range)
    env.filters = guarded_filters()
    return env
