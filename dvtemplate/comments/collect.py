"""Every reply (files, folders, .zip) → one :class:`Collection`: who was asked, who answered, what they said.

The units list says who was asked. A reply's unit is read from its header (never
from the file name) and matched to the list with case, diacritics, spacing and
"UBND" ↔ "Ủy ban nhân dân" ignored; a unit not on the list is kept and flagged.
A .doc, a PDF, a corrupt or hostile file is listed with its reason and the rest go on.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .. import limits
from ..contexts.letter import letter_symbol
from ..docx import open_package, read_document
from ..docx.archive import archive_members
from ..errors import InputError, os_reason
from ..model import Plan
from ..units import UnitList
from .draft import Draft, draft_parts, fold
from .form import is_form, read_form
from .reply import Comment, Expected, Reply, comment_id, read_reply_blocks

__all__ = ["Collection", "collect_replies", "unit_key", "reply_sources"]

_ABBREVIATIONS = (
    (r"\bubnd\b", "uy ban nhan dan"),
    (r"\bhdnd\b", "hoi dong nhan dan"),
    (r"\bmttq\b", "mat tran to quoc"),
    (r"\btp\b", "thanh pho"),
)


def unit_key(name: str) -> str:
    """Comparison form of a unit's name ('UBND XÃ DIÊN KHÁNH' = 'Ủy ban nhân dân xã Diên Khánh')."""
    key = fold(name)
    for pattern, full in _ABBREVIATIONS:
        key = re.sub(pattern, full, key)
    return key


@dataclass
class Collection:
    """Replies read and sorted: ``replies`` answer our letter, ``other`` answer another one."""

    plan: Plan
    draft: Draft
    asked: list[str] = field(default_factory=list)
    replies: list[Reply] = field(default_factory=list)
    other: list[Reply] = field(default_factory=list)
    unknown: list[Reply] = field(default_factory=list)
    problems: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def comments(self) -> list[Comment]:
        """Every comment, parts in the draft's order (general last), replies in reading order within a part."""
        every = [c for r in self.replies for c in r.comments]
        return sorted(every, key=lambda c: c.part.order if c.part else 10**9)

    @property
    def answered(self) -> list[str]:
        seen: dict[str, None] = {}
        for r in self.replies:
            seen.setdefault(r.unit)
        return list(seen)

    @property
    def agreed(self) -> list[Reply]:
        return [r for r in self.replies if r.kind in ("agree", "empty")]

    @property
    def silent(self) -> list[str]:
        answered = {unit_key(u) for u in self.answered}
        return [u for u in self.asked if unit_key(u) not in answered]


def reply_sources(paths: Iterable[str | Path]) -> Iterator[tuple[str, bytes | InputError]]:
    """(shown name, bytes or the reason) for every file given, every file of a folder, every member of a .zip."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files = sorted(p for p in path.iterdir() if p.is_file() and not p.name.startswith(("~$", ".")))
            yield from reply_sources(files)
        elif path.suffix.lower() == ".zip" and path.is_file():
            try:
                for member in archive_members(path):
                    problem = InputError(f"Không đọc được tệp '{member.name}': {member.problem}.")
                    yield member.name, member.data if member.data is not None else problem
            except InputError as exc:
                yield path.name, exc
        else:
            try:
                yield str(path), _read(path)
            except InputError as exc:
                yield str(path), exc


def _read(path: Path) -> bytes:
    if not path.exists():
        raise InputError(f"Không tìm thấy tệp '{path}'.")
    try:
        with path.open("rb") as handle:
            data = handle.read(limits.MAX_DOCX_BYTES + 1)
    except OSError as exc:
        raise InputError(f"Không đọc được tệp '{path}': {os_reason(exc, reading=True)}.") from None
    if len(data) > limits.MAX_DOCX_BYTES:
        raise InputError(f"Không đọc được tệp '{path}': quá lớn.")
    return data


class _Units:
    def __init__(self, names: list[str]) -> None:
        self.names = names
        self.by_key = {unit_key(n): n for n in names}

    def match(self, reply: Reply) -> str | None:
        candidates = [reply.unit]
        if reply.parent:
            candidates += [f"{reply.parent} {reply.unit}"]
        for name in candidates:
            if unit_key(name) in self.by_key:
                return self.by_key[unit_key(name)]
        key = unit_key(reply.unit)
        if not key:
            return None
        close = [n for k, n in self.by_key.items() if len(k.split()) >= 2 and (key.startswith(k + " "))]
        return close[0] if len(close) == 1 else None


_WORKER: tuple[Draft, Expected] | None = None
PARALLEL_FROM = 24
"""Below this many files one process reads them all (a worker pool costs more than it saves)."""


def _init(draft: Draft, expected: Expected) -> None:
    global _WORKER
    _WORKER = (draft, expected)


def _parse(item: tuple[str, bytes | InputError]) -> Reply | tuple[str, str]:
    """One file → its Reply, or (name, reason) when it cannot be read. Runs in a worker or inline."""
    name, data = item
    draft, expected = _WORKER
    if isinstance(data, InputError):
        return name, data.message
    try:
        document = read_document(open_package(data, name=Path(name).name))
    except InputError as exc:
        return name, exc.message
    reply = (
        read_form(document, name, draft) if is_form(document) else read_reply_blocks(document, name, draft, expected)
    )
    return _too_large(reply, name) or reply


def _too_large(reply: Reply, name: str) -> tuple[str, str] | None:
    """(name, reason) when *reply* holds more comments or text than one bản tổng hợp should carry for one unit."""
    count = len(reply.comments)
    if count > limits.MAX_REPLY_COMMENTS:
        return name, (
            f"quá nhiều ý kiến ({_number(count)} ý kiến, tối đa {_number(limits.MAX_REPLY_COMMENTS)} "
            "trong một văn bản góp ý); không tổng hợp văn bản này, hãy xem lại tệp"
        )
    chars = sum(len(c.text) for c in reply.comments)
    if chars > limits.MAX_REPLY_CHARS:
        return name, (
            f"ý kiến quá dài ({_number(chars)} ký tự, tối đa {_number(limits.MAX_REPLY_CHARS)} "
            "trong một văn bản góp ý); không tổng hợp văn bản này, hãy xem lại tệp"
        )
    return None


def _number(n: int) -> str:
    return f"{n:_}".replace("_", ".")


def _parsed(items: list[tuple[str, bytes | InputError]], draft: Draft, expected: Expected, jobs: int | None):
    jobs = jobs or min(os.cpu_count() or 1, 4)
    if jobs < 2 or len(items) < PARALLEL_FROM:
        _init(draft, expected)
        return [_parse(item) for item in items]
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=jobs, initializer=_init, initargs=(draft, expected)) as pool:
        return list(pool.map(_parse, items, chunksize=max(1, len(items) // (jobs * 4))))


def collect_replies(
    plan: Plan, units: UnitList | None, paths: Iterable[str | Path], *, jobs: int | None = None
) -> Collection:
    """Read every reply in *paths* against the draft of *plan* and the units list (*jobs* processes)."""
    draft = draft_parts(plan)
    collection = Collection(plan, draft, asked=[u.name for u in units.units] if units else [])
    listed = _Units(collection.asked)
    expected = Expected(
        plan.title, letter_symbol(plan) if plan.letter else "", plan.letter.subject if plan.letter else ""
    )
    items = list(reply_sources(paths))
    for (name, _), reply in zip(items, _parsed(items, draft, expected, jobs), strict=True):
        if isinstance(reply, tuple):
            collection.problems.append(reply)
            continue
        if reply.kind == "other":
            collection.other.append(reply)
            collection.problems.append(
                (name, f"công văn của {reply.unit or 'đơn vị chưa rõ'} (V/v {reply.vv or '…'}) trả lời văn bản khác")
            )
            continue
        if not reply.unit:
            reply.unit = Path(name).stem
            reply.notes.append("không đọc được tên đơn vị ở đầu công văn; tạm lấy tên tệp")
        matched = listed.match(reply) if collection.asked else reply.unit
        if matched is None:
            collection.unknown.append(reply)
        else:
            reply.unit = matched
        for comment in reply.comments:
            comment.unit = reply.unit
            comment.id = comment_id(reply.unit, comment.text)
        if any(r.unit == reply.unit for r in collection.replies):
            collection.warnings.append(f"{reply.unit} gửi nhiều hơn một văn bản góp ý ({name}); đã tổng hợp tất cả")
        collection.replies.append(reply)
        if reply.kind == "empty":
            reply.notes.append(
                "không thấy ý kiến góp ý hay câu thống nhất; tính là thống nhất với dự thảo, hãy xem lại"
            )
        for note in reply.notes:
            collection.warnings.append(f"{name}: {note}")
        for comment in reply.comments:
            if comment.note:
                collection.warnings.append(f"{name}: {comment.note}")
    return collection
