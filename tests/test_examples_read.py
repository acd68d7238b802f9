"""The example plans read as an office writes them: the sentence that introduces the plan's parts ends
with a colon ("… như sau:", "… với các nội dung sau:"), just before "I. MỤC ĐÍCH, YÊU CẦU"."""

from __future__ import annotations

import docx
import pytest

from conftest import EXAMPLE_PLANS


@pytest.mark.parametrize("source", EXAMPLE_PLANS, ids=lambda p: p.stem)
def test_the_lead_in_before_part_one_ends_with_a_colon(run_cli, tmp_path, source):
    assert run_cli("render", source, "-o", tmp_path)[0] == 0
    texts = [p.text.strip() for p in docx.Document(next(tmp_path.glob("*.docx"))).paragraphs]
    first = next(i for i, t in enumerate(texts) if t.startswith("I. "))
    lead = next(t for t in reversed(texts[:first]) if t)
    assert lead.endswith(":"), lead
