"""Issue 10, point 9: a heading never ends a page; a report form never ends on a page holding
only its closing and signature.

From the XML: section and item headings (styles "DV Phần", "DV Mục") keep with the next
paragraph in every kind, widow control is on, and the report form keeps its last heading,
that heading's writing lines and the closing sentence with the signer table (whose rows
cannot split), while the chain stays short. From the PDFs (LibreOffice): in every example
and in plans shifted line by line (so each heading meets a page foot somewhere), the text
after every heading starts on the heading's page.
"""

from __future__ import annotations

import os
import unicodedata

import docx
import pytest
from docx.oxml.ns import qn
from pypdf import PdfReader

from conftest import EXAMPLE_PLANS, EXAMPLES
from dvtemplate.documents import render_letter, render_plan, render_report
from dvtemplate.loading import load_plan
from dvtemplate.model.forms import HINT_TEXT
from dvtemplate.pdf import convert_to_pdf, find_soffice

ON_CI = os.environ.get("CI", "").lower() == "true"
needs_lo = pytest.mark.skipif(find_soffice() is None and not ON_CI, reason="LibreOffice chưa cài")
UNITS = EXAMPLES / "don-vi.csv"
PROVINCE = EXAMPLES / "ke-hoach-tinh-2026.yaml"
COMMUNE = EXAMPLES / "ke-hoach-xa-2026.yaml"
HEADINGS = {"DVSection", "DVItem"}
SHIFTS = range(14)  # 0…13 extra one-line paragraphs: more than a heading's share of a page


def keeps_with_next(paragraph) -> bool:
    """Effective w:keepNext: direct formatting, then each style up the chain."""
    style = paragraph.style
    values = [paragraph.paragraph_format.keep_with_next]
    while style is not None:
        values.append(style.paragraph_format.keep_with_next)
        style = style.base_style
    return bool(next((v for v in values if v is not None), False))


def _report(source, folder, name="bao-cao.docx"):
    plan = load_plan(source).plan
    half = any(e.kind == "half_year" for e in plan.reporting.entries)
    period = f"{plan.year}-H1" if half else str(plan.year)
    unit = "Ủy ban nhân dân xã Diên Khánh"
    return render_report(source, folder, period=period, unit=unit, units_file=UNITS, filename=name).files[0]


# ----------------------------------------------------------------------------- XML
@pytest.mark.parametrize("kind", ["plan-tinh", "plan-xa", "letter"])
def test_every_heading_keeps_with_next(kind, tmp_path):
    if kind == "letter":
        path = render_letter(PROVINCE, tmp_path).files[0]  # the draft plan appended after the letter
    else:
        path = render_plan(PROVINCE if kind == "plan-tinh" else COMMUNE, tmp_path).files[0]
    document = docx.Document(str(path))
    headings = [p for p in document.paragraphs if p.style.style_id in HEADINGS and p.text.strip()]
    assert len(headings) >= 6
    assert all(keeps_with_next(p) for p in headings), [p.text for p in headings if not keeps_with_next(p)]
    assert document.styles["Normal"].paragraph_format.widow_control is True
    body = [p for p in document.paragraphs if p.style.style_id == "DVBody" and p.text.strip()]
    kept = [p.text for p in body if keeps_with_next(p)]
    # text flows freely, but for the closing sentence(s) kept with the signer's table
    assert body and kept == (["Trân trọng./.", body[-1].text] if kind == "letter" else [body[-1].text])
    assert body[-1]._p.getnext().tag == qn("w:tbl")


@pytest.mark.parametrize("source", EXAMPLE_PLANS, ids=lambda p: p.stem)
def test_report_keeps_its_last_block_with_the_signer(source, tmp_path):
    document = docx.Document(str(_report(source, tmp_path)))
    body = document.element.body
    closing = body.findall(qn("w:tbl"))[-1]
    assert "Nơi nhận" in "".join(closing.itertext())
    rows = closing.findall(qn("w:tr"))
    assert rows and all(row.find(f"{qn('w:trPr')}/{qn('w:cantSplit')}") is not None for row in rows)
    children = list(body.iterchildren())
    by_element = {p._p: p for p in document.paragraphs}
    before = [by_element[el] for el in children[: children.index(closing)] if el in by_element]
    last_heading = max(i for i, p in enumerate(before) if p.style.style_id == "DVSection")
    tail = before[last_heading:]
    assert tail[0].text.startswith("V. ") or "KIẾN NGHỊ" in tail[0].text
    assert [p.style.style_id for p in tail].count("DVDots") >= 1
    assert tail[-1].text.startswith("Trên đây là báo cáo")
    assert all(keeps_with_next(p) for p in tail), [(p.style.style_id, p.text) for p in tail if not keeps_with_next(p)]
    # the chain is bounded: the writing lines of the section before flow freely
    assert before[last_heading - 1].style.style_id == "DVDots" and not keeps_with_next(before[last_heading - 1])


# ----------------------------------------------------------------------------- PDF
def _norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def _start(paragraph) -> str:
    """What the page shows at the start of *paragraph*: an answer area's grey hint, dots, or its text."""
    if paragraph._p.find(qn("w:sdt")) is not None:
        return HINT_TEXT
    return "....." if paragraph.style.style_id == "DVDots" else _norm(paragraph.text)[:25]


def heading_pairs(path) -> list[tuple[str, str]]:
    """(heading text, start of the paragraph after it) for every heading of *path*."""
    paragraphs = docx.Document(str(path)).paragraphs
    pairs = []
    for i, p in enumerate(paragraphs):
        if p.style.style_id not in HEADINGS or not p.text.strip():
            continue
        following = p._p.getnext()
        if following is not None and following.tag == qn("w:tbl"):  # a heading over a table: its header row
            pairs.append((_norm(p.text), _norm(next(following.iter(qn("w:t"))).text)))
            continue
        after = next((q for q in paragraphs[i + 1 :] if q.text.strip() or q.style.style_id == "DVDots"), None)
        if after is not None:
            pairs.append((_norm(p.text), _start(after)))
    return pairs


def stranded_headings(docx_path, pdf_path) -> list[str]:
    """Headings whose next paragraph does not start on the same PDF page."""
    pages = [_norm(page.extract_text() or "") for page in PdfReader(str(pdf_path)).pages]
    stranded, cursor = [], 0
    for heading, after in heading_pairs(docx_path):
        for number in range(cursor, len(pages)):
            at = pages[number].find(heading)
            if at >= 0:
                cursor = number
                if pages[number].find(after, at + len(heading)) < 0:
                    stranded.append(f"trang {number + 1}: {heading}")
                break
        else:
            stranded.append(f"không thấy: {heading}")
    return stranded


@pytest.fixture(scope="module")
def converted(tmp_path_factory):
    """Every example kind and the shifted plans, converted by one LibreOffice process."""
    folder = tmp_path_factory.mktemp("keep")
    files = {
        "plan-tinh": render_plan(PROVINCE, folder, filename="plan-tinh.docx").files[0],
        "plan-xa": render_plan(COMMUNE, folder, filename="plan-xa.docx").files[0],
        "letter": render_letter(PROVINCE, folder).files[0],
        "report-tinh": _report(PROVINCE, folder, "report-tinh.docx"),
        "report-xa": _report(COMMUNE, folder, "report-xa.docx"),
    }
    for shift in SHIFTS:
        loaded = load_plan(COMMUNE)
        sections = list(loaded.plan.sections)
        extra = [f"Đoạn thêm số {i + 1}." for i in range(shift)]
        sections[0] = sections[0].model_copy(update={"paragraphs": [*sections[0].paragraphs, *extra]})
        loaded.plan = loaded.plan.model_copy(update={"sections": sections})
        files[f"shift-{shift}"] = render_plan(loaded, folder, filename=f"shift-{shift}.docx").files[0]
    pdfs = convert_to_pdf(list(files.values()))
    return {name: (path, pdf) for (name, path), pdf in zip(files.items(), pdfs, strict=True)}


@needs_lo
@pytest.mark.parametrize("name", ["plan-tinh", "plan-xa", "letter", "report-tinh", "report-xa"])
def test_no_heading_ends_a_page_in_the_examples(converted, name):
    assert stranded_headings(*converted[name]) == []


@needs_lo
def test_no_heading_ends_a_page_whatever_the_shift(converted):
    """Before issue 10, shifts 3 and 12 left "2. Phục vụ người dân…" and "1. Thực hiện dân chủ ở
    cơ sở" alone at the foot of page 1."""
    pages = {len(PdfReader(str(converted[f"shift-{s}"][1])).pages) for s in SHIFTS}
    assert len(pages) >= 2, "the shifts must move the text across a page break"
    stranded = {s: stranded_headings(*converted[f"shift-{s}"]) for s in SHIFTS}
    assert {s: v for s, v in stranded.items() if v} == {}


@needs_lo
def test_a_plan_never_ends_on_a_page_holding_only_the_signature(converted):
    """Before issue 10, shifts 9–11 put the Nơi nhận and signer table alone on page 3."""
    for name in ["plan-tinh", "plan-xa", "letter", *(f"shift-{s}" for s in SHIFTS)]:
        last = _norm(PdfReader(str(converted[name][1])).pages[-1].extract_text() or "")
        assert "Nơi nhận" in last and len(last[: last.index("Nơi nhận")]) > 20, (name, last[:80])


@needs_lo
@pytest.mark.parametrize("name", ["report-tinh", "report-xa"])
def test_report_last_page_holds_more_than_the_signature(converted, name):
    last = _norm(PdfReader(str(converted[name][1])).pages[-1].extract_text() or "")
    assert "ĐỀ XUẤT, KIẾN NGHỊ" in last and HINT_TEXT in last  # the heading with its answer area
    assert last.index("ĐỀ XUẤT, KIẾN NGHỊ") < last.index("Trên đây là báo cáo") < last.index("Nơi nhận")
