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
  *before* it runs: ``*``, ``+``, ``~``, ``**``, ``%``, ``range``, ``str.format``,
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
import inspect
import operator
import string
import threading
import time
import types
from collections.abc import Iterable, Iterator, Sized
from typing import Any

import jinja2.nodes as nodes
from jinja2 import StrictUndefined
from jinja2.compiler import CodeGenerator
from jinja2.filters import FILTERS
from jinja2.runtime import LoopContext
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError
from markupsafe import Markup

from ..limits import (
    MAX_CALL_DEPTH,
    MAX_CALLS,
    MAX_FORMAT_WIDTH,
    MAX_INT_BITS,
    MAX_LIST_ITEMS,
    MAX_LOOP_ITERATIONS,
    MAX_RANGE,
    MAX_RENDER_CHARS,
    MAX_RENDER_SECONDS,
    MAX_STRING_CHARS,
)

__all__ = [
    "make_environment",
    "DvSandbox",
    "Budget",
    "LimitExceeded",
    "render_bounded",
    "forbidden_nodes",
    "REMOVED_FILTERS",
    "MAX_REPEAT",
    "MAX_EXPONENT",
]

MAX_REPEAT = MAX_STRING_CHARS
"""Largest string a template may build with ``*`` (kept for callers of the old name)."""
MAX_EXPONENT = 256
"""Largest integer exponent a template may use with ``**``."""
REMOVED_FILTERS = {
    "safe": "bộ lọc |safe in nguyên văn, không thoát ký tự đặc biệt: văn bản sẽ hỏng",
    "xmlattr": "bộ lọc |xmlattr tạo thuộc tính HTML, không dùng trong Word",
    "urlize": "bộ lọc |urlize tạo liên kết HTML, không dùng trong Word",
}
"""Filters that emit raw markup into the XML: absent from the sandbox, flagged by lint."""


class LimitExceeded(SecurityError):
    """A template went over one of the limits of :mod:`dvtemplate.limits`; the message is Vietnamese."""


def _n(value: int) -> str:
    return f"{value:_}".replace("_", ".")


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
            raise LimitExceeded(f"vòng lặp chạy quá {_n(MAX_LOOP_ITERATIONS)} lượt")
        self.tick()

    def output(self, size: int) -> None:
        self.chars += size
        if self.chars > MAX_RENDER_CHARS:
            raise LimitExceeded(f"văn bản dài quá {_n(MAX_RENDER_CHARS)} ký tự")
        self.tick()


_local = threading.local()
_TEXT_TYPES = (str, Markup)


def _budget() -> Budget:
    try:
        budget = _local.budget
    except AttributeError:  # a thread that never rendered
        budget = None
    if budget is None:  # rendered outside render_bounded (a caller's own template.render): bound it anyway
        budget = _local.budget = Budget()
    return budget


def render_bounded(template: Any, context: Any) -> str:
    """Render *template* with a fresh :class:`Budget`; LimitExceeded when it goes over."""
    previous = getattr(_local, "budget", None)
    _local.budget = Budget()
    try:
        return "".join(template.generate(context))
    finally:
        _local.budget = previous


# ----------------------------------------------------------------------------- size checks
def _size(obj: Any, limit: int) -> int:
    """Characters ``str(obj)`` would have (about), stopping as soon as it passes *limit*."""
    total = 0
    stack = [obj]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            total += len(item)
        elif isinstance(item, (list, tuple, set, frozenset)):
            total += 2 + 2 * len(item)
            stack.extend(item)
        elif isinstance(item, dict):
            total += 2 + 4 * len(item)
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, int) and not isinstance(item, bool):
            total += item.bit_length() // 3 + 1
        else:
            total += 32
        if total > limit:
            return total
    return total


def _check_chars(size: int, what: str) -> None:
    if size > MAX_STRING_CHARS:
        raise LimitExceeded(f"{what} tạo chuỗi quá dài (tối đa {_n(MAX_STRING_CHARS)} ký tự)")


def _check_items(size: int, what: str) -> None:
    if size > MAX_LIST_ITEMS:
        raise LimitExceeded(f"{what} tạo danh sách quá dài (tối đa {_n(MAX_LIST_ITEMS)} phần tử)")


def _check_int(bits: int, what: str) -> None:
    if bits > MAX_INT_BITS:
        raise LimitExceeded(f"{what} tạo số quá lớn")


def _as_int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _check_width(width: Any, what: str) -> None:
    width = _as_int(width)
    if width is not None and width > MAX_STRING_CHARS:
        _check_chars(width, what)


def _check_format_spec(spec: str, what: str) -> None:
    """Width and precision in a ``format`` spec or a ``%`` conversion stay under MAX_FORMAT_WIDTH."""
    digits = ""
    for char in spec + " ":
        if char.isdigit():
            digits += char
            continue
        if digits and int(digits) > MAX_FORMAT_WIDTH:
            raise LimitExceeded(f"{what}: độ rộng {digits} quá lớn (tối đa {MAX_FORMAT_WIDTH})")
        digits = ""


def _check_percent(fmt: Any, args: Any) -> None:
    """``fmt % args``: widths bounded, ``*`` widths refused, result size bounded."""
    if not isinstance(fmt, str):
        return
    i = fmt.find("%")
    while i != -1:
        j = i + 1
        while j < len(fmt) and fmt[j] in "#0- +*.0123456789()abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_":
            if fmt[j] in "diouxXeEfFgGcrsa%":
                break
            j += 1
        spec = fmt[i + 1 : j]
        if "*" in spec:
            raise LimitExceeded("định dạng '%*' không được phép trong mẫu")
        _check_format_spec(spec, "định dạng '%'")
        i = fmt.find("%", j + 1)
    _check_chars(len(fmt) + _size(args, MAX_STRING_CHARS), "phép định dạng '%'")


def _check_str_format(fmt: str, args: tuple, kwargs: dict) -> None:
    """``'{:>9}'.format(…)``: widths bounded, nested specs refused, result size bounded."""
    fields = 0
    try:
        parsed = list(string.Formatter().parse(fmt))
    except ValueError:
        return  # str.format raises the same error itself
    for _literal, field, spec, _conversion in parsed:
        if field is None:
            continue
        fields += 1
        if spec and "{" in spec:
            raise LimitExceeded("định dạng lồng nhau '{:{}}' không được phép trong mẫu")
        _check_format_spec(spec or "", "phép format")
    largest = max((_size(v, MAX_STRING_CHARS) for v in (*args, *kwargs.values())), default=0)
    _check_chars(len(fmt) + fields * largest, "phép format")


def _materialize(value: Any) -> Any:
    """A one-shot iterator as a list (bounded), so it can be measured and still be used."""
    if isinstance(value, (str, Sized)) or not isinstance(value, Iterable):
        return value
    out = []
    for item in value:
        out.append(item)
        _check_items(len(out), "phép lặp")
    return out


# ----------------------------------------------------------------------------- string methods
def _check_str_method(obj: Any, args: tuple, kwargs: dict) -> tuple:
    """Checks for the methods of ``str`` that can make a long string from a short one."""
    name, text = obj.__name__, obj.__self__
    what = f"phương thức {name}"
    if name in ("center", "ljust", "rjust", "zfill") and args:
        _check_width(args[0], what)
    elif name == "expandtabs":
        size = _as_int(args[0] if args else kwargs.get("tabsize", 8)) or 0
        _check_chars(len(text) + text.count("\t") * size, what)
    elif name == "replace" and len(args) >= 2 and isinstance(args[0], str) and isinstance(args[1], str):
        count = len(text) + 1 if args[0] == "" else text.count(args[0])
        limit = _as_int(args[2]) if len(args) > 2 else None
        if limit is not None and limit >= 0:
            count = min(count, limit)
        _check_chars(len(text) + count * len(args[1]), what)
    elif name == "join" and args:
        items = _materialize(args[0])
        _check_chars(_size(items, MAX_STRING_CHARS) + len(text) * _len(items), what)
        args = (items, *args[1:])
    return args


def _len(value: Any) -> int:
    return len(value) if isinstance(value, Sized) else 0


# ----------------------------------------------------------------------------- filters
_PASS_NAMES = ("eval_ctx", "environment", "context")


def _guard(name: str, check) -> Any:
    """FILTERS[name] with *check(arguments by name)* run first; keeps Jinja's pass_* marker."""
    func = FILTERS[name]
    signature = inspect.signature(func)  # of the sync function, for Jinja's async_variant wrappers
    first = next(iter(signature.parameters), "")
    # an async_variant wrapper takes an eval context its sync function's signature does not show
    lead = 1 if getattr(func, "jinja_pass_arg", None) is not None and first not in _PASS_NAMES else 0

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        bound = signature.bind(*args[lead:], **kwargs)
        bound.apply_defaults()
        check(bound.arguments)  # may replace a one-shot iterator by the list it measured
        return func(*args[:lead], *bound.args, **bound.kwargs)

    return wrapper


def _f_indent(a: dict) -> None:
    text = str(a["s"]) if isinstance(a["s"], str) else ""
    width = a["width"]
    per_line = len(width) if isinstance(width, str) else (_as_int(width) or 0)
    _check_chars(len(text) + (text.count("\n") + 1) * per_line, "bộ lọc indent")


def _f_wordwrap(a: dict) -> None:
    text = a["s"] if isinstance(a["s"], str) else ""
    width = max(_as_int(a["width"]) or 1, 1)
    wrap = a["wrapstring"] if isinstance(a["wrapstring"], str) else "\n"
    _check_chars(len(text) + (len(text) // width + 1) * len(wrap), "bộ lọc wordwrap")


def _f_replace(a: dict) -> None:
    text, old, new = a["s"], a["old"], a["new"]
    if isinstance(text, str) and isinstance(old, str) and isinstance(new, str):
        count = len(text) + 1 if old == "" else text.count(old)
        if _as_int(a["count"]) is not None and a["count"] >= 0:
            count = min(count, a["count"])
        _check_chars(len(text) + count * len(new), "bộ lọc replace")


def _f_join(a: dict) -> None:
    items = a["value"] = _materialize(a["value"])
    sep = a["d"] if isinstance(a["d"], str) else ""
    _check_chars(_size(items, MAX_STRING_CHARS) + len(sep) * _len(items), "bộ lọc join")


def _f_sum(a: dict) -> None:
    items = a["iterable"] = _materialize(a["iterable"])
    start = a.get("start", 0)
    if isinstance(start, (str, list, tuple)) or any(isinstance(i, (str, list, tuple)) for i in items or ()):
        _check_items(sum(_len(i) for i in items) + _len(start), "bộ lọc sum")


def _guarded_filters() -> dict[str, Any]:
    filters = {k: v for k, v in FILTERS.items() if k not in REMOVED_FILTERS}

    def size(what: str):
        return lambda a: _check_chars(
            _size(next(iter(a.values())) if "value" not in a else a["value"], MAX_STRING_CHARS), what
        )

    filters.update(
        center=_guard("center", lambda a: _check_width(a["width"], "bộ lọc center")),
        indent=_guard("indent", _f_indent),
        wordwrap=_guard("wordwrap", _f_wordwrap),
        replace=_guard("replace", _f_replace),
        join=_guard("join", _f_join),
        sum=_guard("sum", _f_sum),
        format=_guard("format", lambda a: _check_percent(a["value"], a["args"] or a["kwargs"])),
        batch=_guard("batch", lambda a: _check_items(_as_int(a["linecount"]) or 0, "bộ lọc batch")),
        slice=_guard("slice", lambda a: _check_items(_as_int(a["slices"]) or 0, "bộ lọc slice")),
        string=_guard("string", size("bộ lọc string")),
        pprint=_guard("pprint", size("bộ lọc pprint")),
        tojson=_guard("tojson", size("bộ lọc tojson")),
    )
    return filters


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


def _range(*args: Any) -> range:
    for arg in args:
        if _as_int(arg) is None:
            raise TypeError("range() chỉ nhận số nguyên")
    rng = range(*args)
    if len(rng) > MAX_RANGE:
        raise LimitExceeded(f"range() quá {_n(MAX_RANGE)} phần tử")
    return rng


class DvSandbox(ImmutableSandboxedEnvironment):
    """The immutable sandbox with every amplifying operation checked and the work of a render counted."""

    code_generator_class = _BoundedCodeGenerator
    intercepted_binops = frozenset({"*", "**", "+", "%"})

    # -- called from compiled templates -------------------------------------------------
    def dv_iter(self, iterable: Any) -> Iterator[Any]:
        budget = _budget()
        for item in iterable:
            budget.iterate()
            yield item

    def dv_out(self, value: Any) -> Any:
        budget = _budget()
        budget.chars += len(value) if type(value) in _TEXT_TYPES else _size(value, MAX_RENDER_CHARS)
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
        _check_chars(sum(_size(p, MAX_STRING_CHARS) for p in parts), "phép nối chuỗi '~'")
        return parts

    # -- sandbox intercepts ---------------------------------------------------------------
    def call_binop(self, context: Any, op: str, left: Any, right: Any) -> Any:
        if op == "*":
            for seq, count in ((left, right), (right, left)):
                if isinstance(seq, (str, list, tuple)) and _as_int(count) is not None:
                    if isinstance(seq, str):
                        _check_chars(len(seq) * count, "phép nhân '*'")
                    else:
                        _check_items(len(seq) * count, "phép nhân '*'")
            if _as_int(left) is not None and _as_int(right) is not None:
                _check_int(left.bit_length() + right.bit_length(), "phép nhân '*'")
            return operator.mul(left, right)
        if op == "**":
            if _as_int(right) is not None:
                if abs(right) > MAX_EXPONENT:
                    raise LimitExceeded("số mũ quá lớn")
                if _as_int(left) is not None and right > 0:
                    _check_int(left.bit_length() * right, "phép lũy thừa '**'")
            return operator.pow(left, right)
        if op == "+":
            if isinstance(left, str) and isinstance(right, str):
                _check_chars(len(left) + len(right), "phép cộng chuỗi '+'")
            elif isinstance(left, (list, tuple)) and isinstance(right, (list, tuple)):
                _check_items(len(left) + len(right), "phép cộng danh sách '+'")
            return operator.add(left, right)
        if op == "%":
            _check_percent(left, right)
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
                _check_str_format(fmt, (), args[0])
            else:
                _check_str_format(fmt, args, kwargs)
            return wrapped(*args, **kwargs)

        return checked

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        budget = _budget()
        budget.calls += 1
        if budget.calls > MAX_CALLS:
            raise LimitExceeded(f"mẫu gọi hàm/macro quá {_n(MAX_CALLS)} lần")
        budget.tick()
        if isinstance(__obj, (types.BuiltinMethodType, types.MethodType)) and isinstance(
            getattr(__obj, "__self__", None), str
        ):
            args = _check_str_method(__obj, args, kwargs)
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
    env.globals.update(range=_range)
    env.filters = _guarded_filters()
    return env
