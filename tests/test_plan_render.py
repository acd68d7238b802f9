"""Every bundled plan renders to a Kế hoạch that meets Nghị định 30."""

from __future__ import annotations

import re
import zipfile

import docx
import pytest
from lxml import etree

from conftest import EXAMPLE_PLANS, EXAMPLES
from dvtemplate.documents import render_plan
from dvtemplate.loading import load_plan
from nd30 import W, assert_nd30, paragraph_size


@pytest.fixture(scope="module", params=EXAMPLE_PLANS, ids=lambda p: p.stem)
def rendered(request, tmp_path_factory):
    out = tmp_path_factory.mktemp(request.param.stem)
    result = render_plan(request.param, out)
    return request.param, result.files[0]


def test_examples_exist():
    assert len(EXAMPLE_PLANS) >= 2


def test_rendered_plan_meets_nd30(rendered):
    assert_nd30(rendered[1], "plan")


def test_number_and_date_line_from_yaml(rendered):
    source, path = rendered
    plan = load_plan(source).plan
    header = docx.Document(str(path)).tables[0]
    number = header.cell(1, 0).paragraphs[0].text
    assert number == f"Số: {plan.number:02d}/KH-UBND"
    date = header.cell(1, 1).paragraphs[0].text
    assert date.startswith(f"{plan.issuer.place}, ngày {plan.issued.day:02d} tháng ")
    assert date.endswith(f"năm {plan.issued.year}")


def test_footnotes_are_real_word_footnotes(rendered):
    source, path = rendered
    plan = load_plan(source).plan
    with zipfile.ZipFile(path) as z:
        body = etree.fromstring(z.read("word/document.xml"))
        notes = etree.fromstring(z.read("word/footnotes.xml"))
    refs = [r.get(f"{W}id") for r in body.iter(f"{W}footnoteReference")]
    assert len(refs) == len(plan.footnotes) and refs == [str(i) for i in range(1, len(refs) + 1)]
    texts = {
        n.get(f"{W}id"): "".join(t.text or "" for t in n.iter(f"{W}t")).strip() for n in notes.iter(f"{W}footnote")
    }
    for text in plan.footnotes.values():
        assert text in texts.values()
    assert "[^" not in "".join(t.text or "" for t in body.iter(f"{W}t"))


def test_sections_points_and_dashes_numbered_in_order(rendered):
    _, path = rendered
    paragraphs = [p for p in docx.Document(str(path)).paragraphs]
    romans = [re.match(r"^([IVX]+)\. ", p.text).group(1) for p in paragraphs if p.style.name == "DV Phần"]
    assert romans == ["I", "II", "III", "IV"][: len(romans)] and len(romans) >= 3
    letters = [p.text.split(")")[0] for p in paragraphs if p.style.name == "DV Điểm"]
    assert letters[:5] == ["a", "b", "c", "d", "đ"]
    assert all(p.text.startswith(("- ", "+ ")) for p in paragraphs if p.style.name == "DV Gạch đầu dòng")


def test_provincial_signer_is_kt_under_tm(tmp_path):
    path = render_plan(EXAMPLES / "ke-hoach-tinh-2026.yaml", tmp_path).files[0]
    right = docx.Document(str(path)).tables[-1].cell(0, 1)
    lines = [p.text for p in right.paragraphs if p.text.strip()]
    assert lines == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Trần Văn Minh"]


def test_draft_blanks_number_and_day_and_shows_mark(tmp_path):
    loaded = load_plan(EXAMPLES / "ke-hoach-tinh-2026.yaml")
    draft = loaded.plan.model_copy(update={"draft": True})
    path = render_plan(draft, tmp_path).files[0]
    document = docx.Document(str(path))
    assert document.paragraphs[0].text == "DỰ THẢO"
    header = document.tables[0]
    assert re.fullmatch(r"Số: +/KH-UBND", header.cell(1, 0).paragraphs[0].text)
    assert re.fullmatch(r"Khánh Hòa, ngày +tháng +năm 2026", header.cell(1, 1).paragraphs[0].text)
    assert "-du-thao" in path.name
    assert_nd30(path, "plan")


def test_draft_keeps_a_month_typed_without_day(tmp_path):
    from dvtemplate.model import PartialDate

    loaded = load_plan(EXAMPLES / "ke-hoach-xa-2026.yaml")
    draft = loaded.plan.model_copy(update={"draft": True, "issued": PartialDate(month=12, year=2025)})
    header = docx.Document(str(render_plan(draft, tmp_path).files[0])).tables[0]
    assert re.fullmatch(r"Cam Hiệp, ngày +tháng 12 năm 2025", header.cell(1, 1).paragraphs[0].text)


def test_not_draft_has_no_mark(rendered):
    assert "DỰ THẢO" not in [p.text for p in docx.Document(str(rendered[1])).paragraphs]


def test_closing_block_sizes(rendered):
    left = docx.Document(str(rendered[1])).tables[-1].cell(0, 0)
    lines = [p for p in left.paragraphs if p.text.strip()]
    assert paragraph_size(lines[0]) == {12.0}
    assert {s for p in lines[1:] for s in paragraph_size(p)} == {11.0}
