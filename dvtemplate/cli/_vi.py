"""click, in Vietnamese: help headings, usage line, metavars and every message click itself writes.

Two parts:

- :class:`Command` and :class:`Group` (used by every command with ``cls=``) write the help page
  with Vietnamese headings ("Cách dùng", "Tùy chọn", "Lệnh"), "[TÙY CHỌN]" / "LỆNH [THAM SỐ]...",
  a Vietnamese help-option text, and Vietnamese words for click's type names and markers;
- :func:`vietnamese` is a context manager that, while :func:`dvtemplate.cli.main` runs, routes
  click's own ``gettext`` calls (error messages: "Invalid value …", "is a directory", "Got
  unexpected extra argument" …) through :data:`MESSAGES`. It is undone afterwards, so a host
  application that imports click keeps its own messages.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator

import click

__all__ = ["Command", "Group", "vietnamese", "MESSAGES", "translate"]

MESSAGES: dict[str, str] = {
    "%(prog)s, version %(version)s": "%(prog)s, phiên bản %(version)s",
    "Aborted!": "Đã hủy.",
    "Argument {name!r} takes {nargs} values.": "Tham số {name!r} cần {nargs} giá trị.",
    "Choose from:\n\t{choices}": "Chọn một trong:\n\t{choices}",
    "Commands": "Lệnh",
    "Could not open file {filename!r}: {message}": "Không mở được tệp {filename!r}: {message}",
    "Error: {message}": "Lỗi: {message}",
    "Invalid value for {param_hint}: {message}": "giá trị của {param_hint} không hợp lệ: {message}",
    "Invalid value: {message}": "giá trị không hợp lệ: {message}",
    "Missing argument": "thiếu tham số",
    "Missing command.": "thiếu tên lệnh.",
    "Missing option": "thiếu tùy chọn",
    "Missing parameter": "thiếu tham số",
    "Missing parameter: {param_name}": "thiếu tham số: {param_name}",
    "Missing {param_type}": "thiếu {param_type}",
    "No such command {name!r}.": "không có lệnh {name!r}.",
    "No such option {name!r}.": "không có tùy chọn {name!r}.",
    "Option {name!r} does not take a value.": "tùy chọn {name!r} không nhận giá trị.",
    "Options": "Tùy chọn",
    "Show the version and exit.": "Hiện phiên bản rồi thoát.",
    "Show this message and exit.": "Hiện hướng dẫn này rồi thoát.",
    "Try '{command} {option}' for help.": "Xem hướng dẫn: {command} {option}",
    "Usage:": "Cách dùng:",
    "Value must be an iterable.": "giá trị phải là một danh sách.",
    "default: {default}": "mặc định: {default}",
    "required": "bắt buộc",
    "deprecated": "không còn dùng",
    "directory": "thư mục",
    "file": "tệp",
    "path": "đường dẫn",
    "unknown error": "lỗi không rõ",
    "env var: {var}": "biến môi trường: {var}",
    "{name} {filename!r} does not exist.": "{filename!r} không tồn tại.",
    "{name} {filename!r} is a directory.": "{filename!r} là thư mục, không phải tệp.",
    "{name} {filename!r} is a file.": "{filename!r} là tệp, không phải thư mục.",
    "{name} {filename!r} is not executable.": "{filename!r} không chạy được.",
    "{name} {filename!r} is not readable.": "không đọc được {filename!r} (không có quyền).",
    "{name} {filename!r} is not writable.": "không ghi được vào {filename!r} (không có quyền).",
    "{value!r} is not a valid UUID.": "{value!r} không phải mã UUID hợp lệ.",
    "{value!r} is not a valid {number_type}.": "{value!r} không phải là số hợp lệ.",
    "{value} is not in the range {range}.": "{value} nằm ngoài khoảng cho phép {range}.",
    # ngettext (singular and plural)
    "Got unexpected extra argument ({args})": "thừa tham số ({args})",
    "Got unexpected extra arguments ({args})": "thừa các tham số ({args})",
    "Option {name!r} requires an argument.": "tùy chọn {name!r} cần một giá trị.",
    "Option {name!r} requires {nargs} arguments.": "tùy chọn {name!r} cần {nargs} giá trị.",
    "{value!r} is not {choice}.": "{value!r} không hợp lệ; chỉ được: {choice}.",
    "{value!r} is not one of {choices}.": "{value!r} không hợp lệ; chọn một trong: {choices}.",
    "Did you mean {possibility}?": "Có phải {possibility}?",
    "(Did you mean one of: {possibilities}?)": "(Có phải một trong: {possibilities}?)",
    "{value!r} does not match the format {format}.": "{value!r} không đúng dạng {format}.",
    "{value!r} does not match the formats {formats}.": "{value!r} không đúng một trong các dạng {formats}.",
    "Takes {nargs} values but 1 was given.": "cần {nargs} giá trị nhưng chỉ có 1.",
    "Takes {nargs} values but {len} were given.": "cần {nargs} giá trị nhưng có {len}.",
    "{len_type} values are required, but {len_value} was given.": "cần {len_type} giá trị, nhưng có {len_value}.",
    "{len_type} values are required, but {len_value} were given.": "cần {len_type} giá trị, nhưng có {len_value}.",
}

_TYPE_WORDS = {
    "TEXT": "VĂN-BẢN",
    "INTEGER RANGE": "SỐ",
    "INTEGER": "SỐ",
    "FLOAT RANGE": "SỐ",
    "FLOAT": "SỐ",
    "DIRECTORY": "THƯ-MỤC",
    "FILE": "TỆP",
    "PATH": "ĐƯỜNG-DẪN",
    "BOOLEAN": "CÓ/KHÔNG",
}
_TYPE_RE = re.compile(r"\b(" + "|".join(re.escape(k) for k in _TYPE_WORDS) + r")\b")
_MARKERS = (("[required]", "[bắt buộc]"), ("[default: ", "[mặc định: "))
_MODULES = ("core", "types", "exceptions", "parser", "decorators", "formatting")


def translate(message: str) -> str:
    """click's English message id → Vietnamese (unknown ids pass through)."""
    return MESSAGES.get(message, message)


def _ngettext(singular: str, plural: str, n: int) -> str:
    return translate(singular if n == 1 else plural)


@contextlib.contextmanager
def vietnamese() -> Iterator[None]:
    """While active, click's own messages come out in Vietnamese."""
    import importlib

    saved = []
    for name in _MODULES:
        module = importlib.import_module(f"click.{name}")
        for attr, replacement in (("_", translate), ("ngettext", _ngettext)):
            if hasattr(module, attr):
                saved.append((module, attr, getattr(module, attr)))
                setattr(module, attr, replacement)
    try:
        yield
    finally:
        for module, attr, original in reversed(saved):
            setattr(module, attr, original)


def _help_record(record: tuple[str, str]) -> tuple[str, str]:
    names, text = record
    names = _TYPE_RE.sub(lambda m: _TYPE_WORDS[m.group(1)], names)
    for english, vietnamese_text in _MARKERS:
        text = text.replace(english, vietnamese_text)
    return names, text


class Command(click.Command):
    """A click command whose help page is Vietnamese."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("options_metavar", "[TÙY CHỌN]")
        super().__init__(*args, **kwargs)

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = "Hiện hướng dẫn này rồi thoát."
        return option

    def format_usage(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        formatter.write_usage(ctx.command_path, " ".join(self.collect_usage_pieces(ctx)), prefix="Cách dùng: ")

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        records = [r for r in (p.get_help_record(ctx) for p in self.get_params(ctx)) if r is not None]
        if records:
            with formatter.section("Tùy chọn"):
                formatter.write_dl([_help_record(r) for r in records])


class Group(Command, click.Group):
    """A click group whose help page is Vietnamese; its subcommands default to :class:`Command`."""

    command_class = Command

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("subcommand_metavar", "LỆNH [THAM SỐ]...")
        super().__init__(*args, **kwargs)

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        Command.format_options(self, ctx, formatter)
        self.format_commands(ctx, formatter)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = []
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is not None and not command.hidden:
                rows.append((name, command.get_short_help_str(formatter.width - 6 - len(name))))
        if rows:
            with formatter.section("Lệnh"):
                formatter.write_dl(rows)


Group.group_class = Group
