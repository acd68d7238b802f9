"""Replies to the consultation letter → comments mapped to the draft's parts, and the clerk's answers.

- :mod:`.draft`: the draft's sections, items and points as the letter rendered them;
- :mod:`.reply`: one reply letter (header, V/v, agreement, comments, citations);
- :mod:`.form`: the fillable phiếu góp ý (content controls) read back exactly;
- :mod:`.collect`: files, folders and .zip → :class:`Collection` (units matched to the list);
- :mod:`.responses`: the answers workbook (.xlsx) written and read back by comment id;
- :mod:`.run`: the loop end to end (outputs checked first, replies read, facts counted once, the bản tổng
  hợp, the workbook and the Tờ trình rendered), mirroring :func:`dvtemplate.collect.run_collect`.

The public operation is :func:`dvtemplate.documents.render_comments`, which calls :func:`.run.run_comments`.
"""

from __future__ import annotations

from .collect import Collection, collect_replies, unit_key
from .draft import Draft, Part, draft_parts
from .remind import remind_silent, reminder_target
from .reply import Comment, Reply, comment_id, with_cited_letter
from .responses import CHOICES, HEADERS, ORPHANS, Answer, answer_text, read_responses, tally, write_responses
from .run import CommentsResult, comments_filename, run_comments

__all__ = [
    "CommentsResult",
    "comments_filename",
    "run_comments",
    "HEADERS",
    "ORPHANS",
    "answer_text",
    "tally",
    "write_responses",
    "with_cited_letter",
    "remind_silent",
    "reminder_target",
    "Answer",
    "CHOICES",
    "Collection",
    "Comment",
    "Draft",
    "Part",
    "Reply",
    "collect_replies",
    "comment_id",
    "draft_parts",
    "read_responses",
    "unit_key",
]
