"""The comments loop, end to end, mirroring :func:`dvtemplate.collect.run_collect`.

Outputs are checked before any reply is read; then the replies are read (:mod:`.collect`), the
clerk's answers joined by comment id (:mod:`.responses`), the facts counted once, and the bản tổng
hợp, the answers workbook and (on request) the Tờ trình rendered like every other kind
(:mod:`dvtemplate.contexts.comments_table`, :mod:`dvtemplate.contexts.to_trinh`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Any

from ..model import Plan
from ..model.consultation import GENERAL_LABEL
from ..vn import safe_filename

__all__ = ["CommentsResult", "comments_filename", "run_comments"]


@dataclass
class CommentsResult:
    """What ``comments`` wrote, the replies it read, files it could not use, answers left without a comment."""

    files: list[Path] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    collection: Any = None
    problems: list[tuple[str, str]] = field(default_factory=list)
    orphans: list[Any] = field(default_factory=list)


def comments_filename(plan: Plan, kind: str) -> str:
    """'Ban-tong-hop-gop-y-…docx', 'TTr-…docx' or 'Tiep-thu-giai-trinh-…xlsx'."""
    from ..contexts.to_trinh import to_trinh_symbol

    if kind == "responses":
        return safe_filename(f"Tiep-thu-giai-trinh-{plan.year}", max_len=60) + ".xlsx"
    stem = {"table": "Ban-tong-hop-gop-y", "to_trinh": f"{to_trinh_symbol(plan)}-To-trinh"}[kind]
    return safe_filename(f"{stem}-{plan.title}", max_len=90) + ".docx"


def run_comments(
    source,
    replies: Sequence[str | Path],
    outdir: str | Path,
    *,
    units_file: str | Path | None = None,
    responses: str | Path | None = None,
    to_trinh: bool = False,
    force: bool = False,
    templates=None,
    made: date | None = None,
    jobs: int | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> CommentsResult:
    """Read the replies, write the bản tổng hợp, the answers workbook and (*to_trinh*) the Tờ trình.

    *progress(done, total)*: reply letters read so far (see :func:`dvtemplate.comments.collect_replies`)."""
    from ..loading import as_loaded
    from ..model.symbols import letter_of
    from ..returns import check_outputs
    from ..units import read_units
    from .collect import collect_replies
    from .reply import with_cited_letter
    from .responses import read_responses

    loaded = as_loaded(source)
    letter_of(loaded.plan)  # the usual message when the plan has no letter: section
    names = [comments_filename(loaded.plan, k) for k in ("table", "responses", "to_trinh")[: 3 if to_trinh else 2]]
    targets = check_outputs(outdir, names, force, rewritten=responses)  # before any reply is read
    units = read_units(units_file) if units_file else None
    collection = collect_replies(loaded.plan, units, replies, jobs=jobs, progress=progress)
    plan, cited_note = with_cited_letter(loaded.plan, collection.replies)
    answers = read_responses(responses) if responses else {}
    summary = _Summary(plan, collection, answers, with_answers=bool(responses))
    _write(loaded, templates, outdir, targets, summary, to_trinh=to_trinh, made=made)
    warnings = [
        *loaded.warnings,
        *collection.warnings,
        *([cited_note] if cited_note else []),
        *summary.warnings(to_trinh),
    ]
    return CommentsResult(
        targets, warnings, collection=collection, problems=list(collection.problems), orphans=summary.orphans
    )


class _Summary:
    """What the bản tổng hợp and the Tờ trình say, counted once from the replies and the answers."""

    def __init__(self, plan: Plan, collection, answers: dict, *, with_answers: bool) -> None:
        from .responses import tally

        self.plan, self.collection, self.answers = plan, collection, answers
        self.comments = collection.comments
        ids = {c.id for c in self.comments}
        self.orphans = [a for key, a in answers.items() if key not in ids and not a.empty]
        self.tally = tally([answers.get(c.id) for c in self.comments]) if with_answers else None
        rank = {unit: i for i, unit in enumerate(collection.asked)}  # replies named in the units list's order
        self.ordered = sorted(collection.replies, key=lambda r: rank.get(r.unit, len(rank)))
        self.letters = [r.unit + (f" (Công văn {r.reference})" if r.reference else "") for r in self.ordered]

    def groups(self) -> list[tuple[str, list[dict[str, str]]]]:
        """Comments grouped by the draft's part (in the draft's order), each with its answer."""
        from .responses import answer_text

        groups: list[tuple[str, list[dict[str, str]]]] = []
        for c in self.comments:
            label = c.part.display if c.part else GENERAL_LABEL
            if not groups or groups[-1][0] != label:
                groups.append((label, []))
            groups[-1][1].append({"unit": c.unit, "text": c.text, "answer": answer_text(self.answers.get(c.id))})
        return groups

    @cached_property
    def facts(self) -> dict[str, int]:
        c = self.collection
        commenting = [r.unit for r in c.replies if r.comments]
        return {
            # every unit that answered was asked (the letter goes to "Các sở, ban, ngành"), listed or not:
            # asked = answered + silent, so the numbers of the bản tổng hợp and the Tờ trình add up
            "asked": len(c.answered) + len(c.silent),
            "answered": len(c.replies),
            "agreed": len({r.unit for r in c.agreed}),
            "commenting": len(dict.fromkeys(commenting)),
            "comments": len(self.comments),
            "silent": len(c.silent),
        }

    def table_context(self, made: date | None) -> dict:
        from ..contexts.comments_table import comments_table_context

        agreeing = {id(r) for r in self.collection.agreed}
        pairs = list(zip(self.ordered, self.letters, strict=True))
        return comments_table_context(
            self.plan,
            facts=self.facts,
            agreed=[x for r, x in pairs if id(r) in agreeing],
            silent=self.collection.silent,
            commenting=list(dict.fromkeys(x for r, x in pairs if r.comments)),
            groups=self.groups(),
            tally=self.tally,
            made=made,
        )

    def to_trinh_context(self, made: date | None) -> dict:
        from ..contexts.comments_table import TITLE
        from ..contexts.to_trinh import to_trinh_context

        return to_trinh_context(
            self.plan, facts=self.facts, tally=self.tally, table_name=TITLE, replies=self.letters, made=made
        )

    def warnings(self, to_trinh: bool) -> list[str]:
        from .responses import ORPHANS

        out = []
        open_answers = (self.tally["chua"] if self.tally else len(self.comments)) if to_trinh else 0
        if open_answers:
            out.append(
                f"Tờ trình: còn {open_answers} ý kiến góp ý chưa có ý kiến tiếp thu, giải trình; hãy điền tệp trả lời "
                "rồi soạn lại trước khi trình ký"
            )
        for reply in self.collection.unknown:
            out.append(f"{reply.source}: {reply.unit} không có trong danh sách đơn vị được lấy ý kiến (vẫn tổng hợp)")
        for orphan in self.orphans:
            out.append(
                f"ý kiến {orphan.id} ({orphan.unit}) đã có trả lời nhưng không còn trong các văn bản góp ý; "
                f"giữ ở trang '{ORPHANS}' của tệp trả lời"
            )
        return out


def _write(loaded, templates, outdir, targets: list[Path], summary: _Summary, *, to_trinh: bool, made) -> None:
    from ..engine import load_template
    from ..loading import template_folders
    from ..output import ensure_outdir, write_atomic
    from .responses import write_responses

    folders = template_folders(loaded, templates)
    context = summary.table_context(made)
    tt_context = summary.to_trinh_context(made) if to_trinh else None
    ensure_outdir(outdir)
    table = load_template("comments_table", folders)
    write_atomic(targets[0], lambda handle: table.write(context, handle))
    write_atomic(targets[1], lambda handle: write_responses(handle, summary.comments, summary.answers, summary.orphans))
    if tt_context is not None:
        tt_template = load_template("to_trinh", folders)
        write_atomic(targets[2], lambda handle: tt_template.write(tt_context, handle))
