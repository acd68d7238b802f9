"""The comments reader says how far it got: ``progress(done, total)`` once the letters are counted,
then after each letter, in the serial reader and in the process pool; the page's bar reads it."""

from __future__ import annotations

import zipfile

import pytest
from commentdocs import PLAN, reply_docx

from dvtemplate.comments import collect_replies
from dvtemplate.documents import render_comments
from dvtemplate.loading import load_plan
from dvtemplate.returns.pool import READ_SERIAL_BELOW

AGREE = ["Sở Tư pháp thống nhất với nội dung dự thảo."]


def test_render_comments_reports_each_letter(tmp_path):
    replies = tmp_path / "r"
    replies.mkdir()
    for name in ("a", "b", "c"):
        (replies / f"{name}.docx").write_bytes(reply_docx(body=AGREE))
    (replies / "anh.png").write_bytes(b"\x89PNG not a letter")  # listed as not used, still counted
    calls: list[tuple[int, int]] = []
    result = render_comments(PLAN, [replies], tmp_path / "o", progress=lambda d, t: calls.append((d, t)))
    assert len(result.collection.replies) == 3
    total = calls[0][1]
    assert calls[0] == (0, total) and total >= 3
    assert [d for d, _ in calls] == list(range(total + 1))  # one call per file, in order
    assert {t for _, t in calls} == {total}


@pytest.mark.parametrize("jobs", [1, 2])
def test_collect_replies_progress_in_the_pool(tmp_path, jobs):
    count = READ_SERIAL_BELOW + 2  # enough work for the pool when jobs > 1
    bundle = tmp_path / "thu.zip"
    letter = reply_docx(body=AGREE)
    with zipfile.ZipFile(bundle, "w") as z:
        for i in range(count):
            z.writestr(f"don-vi-{i}.docx", letter)
    seen: list[tuple[int, int]] = []
    collection = collect_replies(
        load_plan(PLAN).plan, None, [bundle], jobs=jobs, progress=lambda d, t: seen.append((d, t))
    )
    assert len(collection.replies) == count
    assert seen == [(i, count) for i in range(count + 1)]
