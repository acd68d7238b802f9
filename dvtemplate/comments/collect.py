"""Every reply (files, folders, .zip) → one :class:`Collection`: who was asked, who answered, what they said.

The units list says who was asked. A reply's unit is read from its header (never
from the file name) and matched to the list with case, diacritics, spacing and
"UBND" ↔ "Ủy ban nhân dân" ignored; a unit not on the list is kept and flagged.
A .doc, a PDF, a corrupt or hostile file is listed with its reason and the rest go on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .. import limits
from ..docx import open_package, read_document
from ..errors import InputError
from ..model import Plan
from ..model.symbols import letter_issuer, letter_symbol
from ..model.units import match_key
from ..returns import READ_SERIAL_BELOW, Source, default_jobs, gather, load_bytes, run_chunks, split
from ..units import UnitList
from ..vn import grouped
from .draft import Draft, draft_parts
from .form import is_form, read_phieu
from .reply import Comment, Expected, Reply, comment_id, read_reply_blocks

__all__ = ["Collection", "collect_replies", "unit_key", "reply_sources"]

unit_key = match_key
"""Comparison form of a unit's name (:func:`dvtemplate.model.units.match_key`, the one definition)."""


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


def reply_sources(paths: Iterable[str | Path]) -> list[Source]:
    """Every file given, every file of a folder (walked), every member of a .zip (:mod:`dvtemplate.returns.inputs`)."""
    return gather(paths)[0]


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


def _init(draft: Draft, expected: Expected) -> None:
    global _WORKER
    _WORKER = (draft, expected)


def _parse(source: Source) -> Reply | tuple[str, str]:
    """One file → its Reply, or (name, reason) when it cannot be read. Runs in a worker or inline."""
    draft, expected = _WORKER
    data, _digest, problem = load_bytes(source)
    if data is None:
        return source.name, problem
    try:
        document = read_document(open_package(data, name=Path(source.name).name))
    except InputError as exc:
        return source.name, exc.message
    name = source.name
    reply = (
        read_phieu(document, name, draft) if is_form(document) else read_reply_blocks(document, name, draft, expected)
    )
    return _too_large(reply, name) or reply


def _too_large(reply: Reply, name: str) -> tuple[str, str] | None:
    """(name, reason) when *reply* holds more comments or text than one bản tổng hợp should carry for one unit."""
    count = len(reply.comments)
    if count > limits.MAX_REPLY_COMMENTS:
        return name, (
            f"quá nhiều ý kiến ({grouped(count)} ý kiến, tối đa {grouped(limits.MAX_REPLY_COMMENTS)} "
            "trong một văn bản góp ý); không tổng hợp văn bản này, hãy xem lại tệp"
        )
    chars = sum(len(c.text) for c in reply.comments)
    if chars > limits.MAX_REPLY_CHARS:
        return name, (
            f"ý kiến quá dài ({grouped(chars)} ký tự, tối đa {grouped(limits.MAX_REPLY_CHARS)} "
            "trong một văn bản góp ý); không tổng hợp văn bản này, hãy xem lại tệp"
        )
    return None


def _parse_chunk(chunk: list[tuple[int, Source]]) -> list[tuple[int, Reply | tuple[str, str]]]:
    return [(index, _parse(source)) for index, source in chunk]


def _parsed(sources: list[Source], draft: Draft, expected: Expected, jobs: int | None, progress=None) -> list:
    """Every source parsed (in the shared pool when there is enough work), in the order of *sources*;
    *progress(done, total)* once the files are counted, then after each file."""
    work = list(enumerate(sources))
    done: list = [None] * len(work)
    count = 0
    if progress:
        progress(0, len(work))
    jobs = 1 if len(work) < READ_SERIAL_BELOW else (jobs or default_jobs())
    for rows in run_chunks(_parse_chunk, split(work, jobs), jobs=jobs, initializer=_init, initargs=(draft, expected)):
        for index, parsed in rows:
            done[index] = parsed
            count += 1
            if progress:
                progress(count, len(work))
    return done


def _asked(plan: Plan, units: UnitList | None, warnings: list[str]) -> list[str]:
    """The units asked: the list, less the office that asks (a units list shared with the reports
    names it too, and it neither answers nor is reminded of its own letter)."""
    names = [u.name for u in units.units] if units else []
    own = unit_key(letter_issuer(plan).name) if plan.letter else ""
    kept = [n for n in names if unit_key(n) != own]
    if len(kept) < len(names):
        warnings.append(
            f"{letter_issuer(plan).name} là cơ quan lấy ý kiến: không tính là đơn vị được lấy ý kiến dù có trong danh sách"
        )
    return kept


def collect_replies(
    plan: Plan,
    units: UnitList | None,
    paths: Iterable[str | Path],
    *,
    jobs: int | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Collection:
    """Read every reply in *paths* against the draft of *plan* and the units list (*jobs* processes).

    *progress(done, total)*: called once the files are counted (0 done), then after each file read.
    """
    draft = draft_parts(plan)
    warnings: list[str] = []
    collection = Collection(plan, draft, asked=_asked(plan, units, warnings), warnings=warnings)
    listed = _Units(collection.asked)
    expected = Expected(
        plan.title, letter_symbol(plan) if plan.letter else "", plan.letter.subject if plan.letter else ""
    )
    sources = reply_sources(paths)
    for name, reply in zip((s.name for s in sources), _parsed(sources, draft, expected, jobs, progress), strict=True):
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
