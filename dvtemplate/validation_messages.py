"""Vietnamese for every pydantic error type a plan or a units list can produce.

pydantic's own messages are English ("Input should be a finite number", "Keys should be
strings"); :func:`vietnamese_message` says each in Vietnamese, using the error's context
(bounds, expected values). An error type missing from the table still gets a Vietnamese
sentence, never pydantic's English.
"""

from __future__ import annotations

__all__ = ["MESSAGES", "vietnamese_message"]

_DATE = "phải là ngày, ví dụ 15/12/2025"
_GROUP = "phải là một nhóm trường (tên: giá trị)"
_TEXT = "phải là văn bản"
_INT = "phải là số nguyên"
_NUMBER = "phải là số"
_LIST = "phải là một danh sách (mỗi dòng bắt đầu bằng '- ')"

MESSAGES: dict[str, str] = {
    "missing": "thiếu trường bắt buộc",
    "string_type": _TEXT,
    "string_sub_type": _TEXT,
    "string_unicode": "phải là văn bản Unicode hợp lệ",
    "string_not_ascii": "chỉ được dùng chữ không dấu (ASCII)",
    "int_type": _INT,
    "int_parsing": _INT,
    "int_parsing_size": "số quá lớn",
    "int_from_float": _INT,
    "float_type": _NUMBER,
    "float_parsing": _NUMBER,
    "decimal_type": _NUMBER,
    "decimal_parsing": _NUMBER,
    "complex_type": _NUMBER,
    "complex_str_parsing": _NUMBER,
    "finite_number": "phải là một số hữu hạn (không được là vô cùng .inf hay .nan)",
    "bool_type": "phải là true hoặc false",
    "bool_parsing": "phải là true hoặc false",
    "list_type": _LIST,
    "tuple_type": _LIST,
    "set_type": _LIST,
    "frozen_set_type": _LIST,
    "iterable_type": _LIST,
    "iteration_error": "danh sách không đọc được",
    "set_item_not_hashable": "mỗi ý trong danh sách phải là một giá trị đơn",
    "dict_type": _GROUP,
    "mapping_type": _GROUP,
    "model_type": _GROUP,
    "model_attributes_type": _GROUP,
    "dataclass_type": _GROUP,
    "dataclass_exact_type": _GROUP,
    "invalid_key": "tên trường phải là chữ (không phải số, danh sách hay nhóm)",
    "date_type": _DATE,
    "date_parsing": _DATE,
    "date_from_datetime_parsing": _DATE,
    "date_from_datetime_inexact": "chỉ ghi ngày, không ghi giờ",
    "date_past": "phải là ngày đã qua",
    "date_future": "phải là ngày sắp tới",
    "datetime_type": "phải là ngày giờ",
    "datetime_parsing": "phải là ngày giờ",
    "datetime_object_invalid": "ngày giờ không hợp lệ",
    "datetime_from_date_parsing": "phải là ngày giờ",
    "datetime_past": "phải là thời điểm đã qua",
    "datetime_future": "phải là thời điểm sắp tới",
    "time_type": "phải là giờ, ví dụ 08:00",
    "time_parsing": "phải là giờ, ví dụ 08:00",
    "time_delta_type": "phải là một khoảng thời gian",
    "time_delta_parsing": "phải là một khoảng thời gian",
    "timezone_naive": "không được ghi múi giờ",
    "timezone_aware": "phải ghi múi giờ",
    "timezone_offset": "múi giờ không đúng",
    "too_short": "không được để trống",
    "too_long": "quá nhiều ý",
    "string_too_short": "không được để trống",
    "string_too_long": "quá dài",
    "bytes_type": _TEXT,
    "bytes_too_short": "quá ngắn",
    "bytes_too_long": "quá dài",
    "bytes_invalid_encoding": "mã hóa không hợp lệ",
    "greater_than": "quá nhỏ",
    "greater_than_equal": "quá nhỏ",
    "less_than": "quá lớn",
    "less_than_equal": "quá lớn",
    "multiple_of": "không phải bội số cho phép",
    "string_pattern_mismatch": "không đúng dạng cho phép",
    "enum": "giá trị không hợp lệ",
    "literal_error": "giá trị không hợp lệ",
    "none_required": "phải để trống",
    "url_type": "phải là địa chỉ web (URL)",
    "url_parsing": "địa chỉ web (URL) không hợp lệ",
    "url_syntax_violation": "địa chỉ web (URL) không hợp lệ",
    "url_too_long": "địa chỉ web (URL) quá dài",
    "url_scheme": "địa chỉ web (URL) phải bắt đầu bằng http:// hoặc https://",
    "uuid_type": "phải là mã UUID",
    "uuid_parsing": "phải là mã UUID",
    "uuid_version": "mã UUID không đúng phiên bản",
    "decimal_max_digits": "quá nhiều chữ số",
    "decimal_max_places": "quá nhiều chữ số sau dấu thập phân",
    "decimal_whole_digits": "quá nhiều chữ số phần nguyên",
    "union_tag_invalid": "loại không hợp lệ",
    "union_tag_not_found": "thiếu trường cho biết loại",
    "frozen_field": "không được sửa trường này",
    "frozen_instance": "không được sửa",
    "recursion_loop": "dữ liệu tự tham chiếu vòng (neo & và bí danh * trỏ vào nhau)",
    "json_invalid": "không đọc được",
    "json_type": "không đọc được",
    "is_instance_of": "giá trị không đúng loại",
    "is_subclass_of": "giá trị không đúng loại",
    "callable_type": "giá trị không đúng loại",
    "no_such_attribute": "trường không có trong mẫu",
}
_BOUND = {"greater_than": "gt", "greater_than_equal": "ge", "less_than": "lt", "less_than_equal": "le"}
_LENGTH = {"too_short": "min_length", "too_long": "max_length", "string_too_long": "max_length"}


def vietnamese_message(err: dict) -> str:
    """The Vietnamese sentence for one pydantic error dict (``type``, ``ctx``, ``input``)."""
    kind = err.get("type", "")
    ctx = err.get("ctx") or {}
    if kind in ("value_error", "assertion_error"):
        return str(ctx.get("error", "giá trị không hợp lệ"))
    if kind in ("literal_error", "enum"):
        return f"giá trị '{err.get('input')}' không hợp lệ; chọn một trong: {ctx.get('expected', '')}"
    if kind in _BOUND and _BOUND[kind] in ctx:
        return f"{MESSAGES[kind]} (giới hạn: {ctx[_BOUND[kind]]}), đang là {err.get('input')!r}"
    if kind in ("string_too_long", "too_long") and ctx.get(_LENGTH[kind]) is not None:
        return f"{MESSAGES[kind]} (tối đa {ctx[_LENGTH[kind]]})"
    return MESSAGES.get(kind, "giá trị không hợp lệ")


_YAML_PROBLEMS: tuple[tuple[str, str], ...] = (
    ("duplicate key", "một trường được ghi hai lần trong cùng một nhóm"),
    ("found character '\\t'", "có ký tự Tab; thụt lề chỉ dùng dấu cách"),
    ("mapping values are not allowed", "dấu ':' ở chỗ không được phép; văn bản có dấu ':' phải đặt trong ngoặc kép"),
    ("could not find expected ':'", "thiếu dấu ':' sau tên trường"),
    ("cannot start any token", "giá trị bắt đầu bằng ký tự đặc biệt (như @, `, %); đặt văn bản trong ngoặc kép"),
    ("expected <block end>", "thụt lề không đều: các dòng cùng cấp phải thẳng hàng"),
    ("expected <block mapping start>", "thụt lề không đều: các dòng cùng cấp phải thẳng hàng"),
    ("block sequence entries are not allowed", "dòng '- ' ở chỗ không được phép; kiểm tra thụt lề"),
    ("found undefined alias", "bí danh '*…' chưa được khai báo bằng '&…'"),
    ("found undefined tag handle", "thẻ '!…' không hợp lệ"),
    ("unknown escape character", "ký tự '\\' trong ngoặc kép không hợp lệ; dùng ngoặc đơn ' ' hoặc viết '\\\\'"),
    ("expected ',' or ']'", "danh sách [ ] chưa đóng hoặc thiếu dấu phẩy"),
    ("expected ',' or '}'", "nhóm { } chưa đóng hoặc thiếu dấu phẩy"),
    ("unexpected end of stream", "hết tệp khi ngoặc kép chưa đóng"),
    ("found unexpected end", "hết tệp khi ngoặc kép chưa đóng"),
    ("while scanning a quoted scalar", "ngoặc kép chưa đóng"),
    ("while scanning a simple key", "thiếu dấu ':' sau tên trường"),
    ("while scanning an alias", "bí danh '*…' viết sai"),
    ("while scanning an anchor", "neo '&…' viết sai"),
    ("while scanning a directive", "dòng bắt đầu bằng '%' không hợp lệ"),
    ("while scanning a block scalar", "khối văn bản (| hoặc >) viết sai"),
    ("while parsing a block mapping", "thụt lề không đều: các dòng cùng cấp phải thẳng hàng"),
    ("while parsing a block collection", "thụt lề không đều trong danh sách"),
    ("while parsing a flow", "ngoặc [ ] hoặc { } chưa đóng"),
    ("found incompatible YAML document", "phiên bản YAML không được hỗ trợ"),
)


def yaml_problem(exc: BaseException) -> str:
    """A Vietnamese phrase for a YAML parser error (ruamel's English is never shown)."""
    text = " ".join(str(getattr(exc, name, "") or "") for name in ("problem", "context")) or str(exc)
    for needle, phrase in _YAML_PROBLEMS:
        if needle in text:
            return phrase
    return "cấu trúc tệp không đúng"
