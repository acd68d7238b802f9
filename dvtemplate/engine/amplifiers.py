"""What a template may build: every operation that makes a large value from small ones, checked first.

``'x' * 10**9``, ``9 ** 9 ** 9``, ``'x'.center(10**9)``, ``'{:>1000000000}'.format(1)``,
``'%1000000000d' % 1``, a ``join`` or ``replace`` that multiplies a long string: each is
refused *before* Python allocates the result, with a Vietnamese reason
(:class:`LimitExceeded`), using the limits of :mod:`dvtemplate.limits`. The sandbox
(:mod:`.sandbox`) calls these from its operator, call and format intercepts; the
filters of the same kind are replaced by guarded ones here.
"""

from __future__ import annotations

import functools
import inspect
import string
from collections.abc import Iterable, Sized
from typing import Any

from jinja2.filters import FILTERS
from jinja2.sandbox import SecurityError

from ..limits import MAX_FORMAT_WIDTH, MAX_INT_BITS, MAX_LIST_ITEMS, MAX_RANGE, MAX_STRING_CHARS

__all__ = [
    "LimitExceeded",
    "REMOVED_FILTERS",
    "as_int",
    "bounded_range",
    "check_chars",
    "check_int",
    "check_items",
    "check_percent",
    "check_str_format",
    "check_str_method",
    "dotted",
    "guarded_filters",
    "text_size",
]

REMOVED_FILTERS = {
    "safe": "bộ lọc |safe in nguyên văn, không thoát ký tự đặc biệt: văn bản sẽ hỏng",
    "xmlattr": "bộ lọc |xmlattr tạo thuộc tính HTML, không dùng trong Word",
    "urlize": "bộ lọc |urlize tạo liên kết HTML, không dùng trong Word",
}
"""Filters that emit raw markup into the XML: absent from the sandbox, flagged by lint."""


class LimitExceeded(SecurityError):
    """A template went over one of the limits of :mod:`dvtemplate.limits`; the message is Vietnamese."""


def dotted(value: int) -> str:
    """1000000 → '1.000.000' (Vietnamese thousands separator)."""
    return f"{value:_}".replace("_", ".")


# ----------------------------------------------------------------------------- size checks
def text_size(obj: Any, limit: int) -> int:
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


def check_chars(size: int, what: str) -> None:
    if size > MAX_STRING_CHARS:
        raise LimitExceeded(f"{what} tạo chuỗi quá dài (tối đa {dotted(MAX_STRING_CHARS)} ký tự)")


def check_items(size: int, what: str) -> None:
    if size > MAX_LIST_ITEMS:
        raise LimitExceeded(f"{what} tạo danh sách quá dài (tối đa {dotted(MAX_LIST_ITEMS)} phần tử)")


def check_int(bits: int, what: str) -> None:
    if bits > MAX_INT_BITS:
        raise LimitExceeded(f"{what} tạo số quá lớn")


def as_int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _check_width(width: Any, what: str) -> None:
    width = as_int(width)
    if width is not None and width > MAX_STRING_CHARS:
        check_chars(width, what)


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


def check_percent(fmt: Any, args: Any) -> None:
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
    check_chars(len(fmt) + text_size(args, MAX_STRING_CHARS), "phép định dạng '%'")


def check_str_format(fmt: str, args: tuple, kwargs: dict) -> None:
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
    largest = max((text_size(v, MAX_STRING_CHARS) for v in (*args, *kwargs.values())), default=0)
    check_chars(len(fmt) + fields * largest, "phép format")


def _materialize(value: Any) -> Any:
    """A one-shot iterator as a list (bounded), so it can be measured and still be used."""
    if isinstance(value, (str, Sized)) or not isinstance(value, Iterable):
        return value
    out = []
    for item in value:
        out.append(item)
        check_items(len(out), "phép lặp")
    return out


# ----------------------------------------------------------------------------- string methods
def check_str_method(obj: Any, args: tuple, kwargs: dict) -> tuple:
    """Checks for the methods of ``str`` that can make a long string from a short one."""
    name, text = obj.__name__, obj.__self__
    what = f"phương thức {name}"
    if name in ("center", "ljust", "rjust", "zfill") and args:
        _check_width(args[0], what)
    elif name == "expandtabs":
        size = as_int(args[0] if args else kwargs.get("tabsize", 8)) or 0
        check_chars(len(text) + text.count("\t") * size, what)
    elif name == "replace" and len(args) >= 2 and isinstance(args[0], str) and isinstance(args[1], str):
        count = len(text) + 1 if args[0] == "" else text.count(args[0])
        limit = as_int(args[2]) if len(args) > 2 else None
        if limit is not None and limit >= 0:
            count = min(count, limit)
        check_chars(len(text) + count * len(args[1]), what)
    elif name == "join" and args:
        items = _materialize(args[0])
        check_chars(text_size(items, MAX_STRING_CHARS) + len(text) * _len(items), what)
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
    per_line = len(width) if isinstance(width, str) else (as_int(width) or 0)
    check_chars(len(text) + (text.count("\n") + 1) * per_line, "bộ lọc indent")


def _f_wordwrap(a: dict) -> None:
    text = a["s"] if isinstance(a["s"], str) else ""
    width = max(as_int(a["width"]) or 1, 1)
    wrap = a["wrapstring"] if isinstance(a["wrapstring"], str) else "\n"
    check_chars(len(text) + (len(text) // width + 1) * len(wrap), "bộ lọc wordwrap")


def _f_replace(a: dict) -> None:
    text, old, new = a["s"], a["old"], a["new"]
    if isinstance(text, str) and isinstance(old, str) and isinstance(new, str):
        count = len(text) + 1 if old == "" else text.count(old)
        if as_int(a["count"]) is not None and a["count"] >= 0:
            count = min(count, a["count"])
        check_chars(len(text) + count * len(new), "bộ lọc replace")


def _f_join(a: dict) -> None:
    items = a["value"] = _materialize(a["value"])
    sep = a["d"] if isinstance(a["d"], str) else ""
    check_chars(text_size(items, MAX_STRING_CHARS) + len(sep) * _len(items), "bộ lọc join")


def _f_sum(a: dict) -> None:
    items = a["iterable"] = _materialize(a["iterable"])
    start = a.get("start", 0)
    if isinstance(start, (str, list, tuple)) or any(isinstance(i, (str, list, tuple)) for i in items or ()):
        check_items(sum(_len(i) for i in items) + _len(start), "bộ lọc sum")


def guarded_filters() -> dict[str, Any]:
    filters = {k: v for k, v in FILTERS.items() if k not in REMOVED_FILTERS}

    def size(what: str):
        return lambda a: check_chars(
            text_size(next(iter(a.values())) if "value" not in a else a["value"], MAX_STRING_CHARS), what
        )

    filters.update(
        center=_guard("center", lambda a: _check_width(a["width"], "bộ lọc center")),
        indent=_guard("indent", _f_indent),
        wordwrap=_guard("wordwrap", _f_wordwrap),
        replace=_guard("replace", _f_replace),
        join=_guard("join", _f_join),
        sum=_guard("sum", _f_sum),
        format=_guard("format", lambda a: check_percent(a["value"], a["args"] or a["kwargs"])),
        batch=_guard("batch", lambda a: check_items(as_int(a["linecount"]) or 0, "bộ lọc batch")),
        slice=_guard("slice", lambda a: check_items(as_int(a["slices"]) or 0, "bộ lọc slice")),
        string=_guard("string", size("bộ lọc string")),
        pprint=_guard("pprint", size("bộ lọc pprint")),
        tojson=_guard("tojson", size("bộ lọc tojson")),
    )
    return filters


def bounded_range(*args: Any) -> range:
    for arg in args:
        if as_int(arg) is None:
            raise TypeError("range() chỉ nhận số nguyên")
    rng = range(*args)
    if len(rng) > MAX_RANGE:
        raise LimitExceeded(f"range() quá {dotted(MAX_RANGE)} phần tử")
    return rng
