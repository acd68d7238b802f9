"""Issue 19: every fillable document we write, filled the way people fill it, reads back whole.

The contract between the writer and the reader lives in ``model/forms.py`` (the report form's
``dvt:item:``/``dvt:target:``/``dvt:ind:``/closing tags and their aliases) and
``model/consultation.py`` (the phiếu góp ý's ``dvt:gy:<part>:agree|text`` tags, their aliases,
"Ý kiến chung", the draft parts' labels). Each test writes the real document (``report``,
``batch``, ``letter --form``), types a distinct value into EVERY control it carries (or, for a
reply letter, cites EVERY part of the draft), reads it back with ``collect`` / ``comments``, and
checks that each value landed on its own indicator, part and unit — with the tags kept, and
with the tags lost (LibreOffice keeps only the aliases).
"""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import pytest
from collectfill import drop_tags, edit, fill
from commentdocs import LETTER_REF, reply_docx
from lxml import etree

from dvtemplate.batch import run_batch
from dvtemplate.collect.core import specs_for
from dvtemplate.collect.form import read_report_form
from dvtemplate.comments import collect_replies, draft_parts
from dvtemplate.documents import render_letter, render_report
from dvtemplate.loading import load_plan
from dvtemplate.model.consultation import AGREE, DISAGREE, FORM_TAG, GENERAL_CODE, GENERAL_LABEL, UNIT_CODE, form_tag
from dvtemplate.model.forms import parse_tag

ROOT = Path(__file__).resolve().parents[1]
PLAN = ROOT / "examples" / "ke-hoach-tinh-2026.yaml"
UNITS = ROOT / "examples" / "don-vi.xlsx"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def plan():
    return load_plan(PLAN).plan


def _tags(data: bytes) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        root = etree.fromstring(z.read("word/document.xml"))
    return [t.get(f"{W}val") for t in root.iter(f"{W}tag")]


# --- the report form (report, batch) ------------------------------------------------------------


def _value(spec, n: int) -> tuple[str, object]:
    """A distinct value of the spec's type, and what the reader must make of it."""
    if spec.vtype == "yes_no":
        return ("Có", True) if n % 2 else ("Không", False)
    if spec.vtype in ("integer", "decimal", "percent"):
        number = n % 89 + 5  # a rate stays within 0–100 %
        return str(number), number
    return f"Nội dung số {n} của {spec.label[:30].strip()}", None


def _fill_every_answer(data: bytes, specs, unit_no: int, lose_tags: bool):
    by_tag = {s.tag: s for s in specs}
    written = [t for t in _tags(data) if parse_tag(t)]
    assert written, "the form carries no answer control"
    assert set(written) <= set(by_tag), f"tags the reader does not know: {set(written) - set(by_tag)}"
    typed = {tag: _value(by_tag[tag], 100 * unit_no + i) for i, tag in enumerate(written)}
    filled = fill(data, {tag: text for tag, (text, _) in typed.items()})
    return (edit(filled, drop_tags) if lose_tags else filled), typed


def _assert_read_back(data: bytes, specs, unit: str, unit_no: int, lose_tags: bool) -> None:
    filled, typed = _fill_every_answer(data, specs, unit_no, lose_tags)
    read = read_report_form(filled, "mau.docx", specs)
    assert not read.error, read.error
    assert read.identity["unit"] == unit
    for tag, (text, value) in typed.items():
        answer = read.answers[tag]
        assert answer.status == "ok", (unit, tag, answer)
        assert answer.raw == text, (unit, tag, answer.raw)
        if value is not None:
            assert answer.value == value, (unit, tag, answer.value)
    asked = {s.tag for s in specs if s.kind in ("item", "target")} & set(typed)
    assert asked, "no plan item or target was asked"


@pytest.mark.parametrize("lose_tags", [False, True])
def test_report_form_of_report_reads_back_every_answer(plan, tmp_path, lose_tags):
    unit = "Ủy ban nhân dân xã An Bình"
    result = render_report(plan, tmp_path, period="2026-H1", unit=unit)
    data = next(f for f in result.files if f.suffix == ".docx").read_bytes()
    _assert_read_back(data, specs_for(plan), unit, 1, lose_tags)


@pytest.mark.parametrize("lose_tags", [False, True])
def test_every_batch_form_reads_back_on_its_own_unit(plan, tmp_path, lose_tags):
    result = run_batch(plan, UNITS, "2026-H1", tmp_path / "out", jobs=1)
    rows = list(csv.reader(result.manifest.read_text(encoding="utf-8-sig").splitlines()))[1:]
    assert len(rows) >= 5  # the manifest names each unit's file
    specs = specs_for(plan)
    for n, (unit, name, *_) in enumerate(rows, start=1):
        _assert_read_back((result.manifest.parent / name).read_bytes(), specs, unit, n, lose_tags)


# --- the phiếu góp ý (letter --form) --------------------------------------------------------------


@pytest.fixture(scope="module")
def phieu(plan, tmp_path_factory) -> bytes:
    result = render_letter(plan, tmp_path_factory.mktemp("phieu"), form=True)
    return next(f for f in result.files if f.name.startswith("Phieu-gop-y")).read_bytes()


@pytest.mark.parametrize("lose_tags", [False, True])
def test_phieu_reads_back_every_part(plan, phieu, tmp_path, lose_tags):
    tags = _tags(phieu)
    codes = [FORM_TAG.match(t).group("code") for t in tags if FORM_TAG.match(t)]
    parts = {p.code: p for p in draft_parts(plan).parts}
    assert form_tag(UNIT_CODE, "text") in tags and form_tag(GENERAL_CODE, "text") in tags
    asked = [c for c in dict.fromkeys(codes) if c not in (UNIT_CODE, GENERAL_CODE)]
    assert asked and set(asked) <= set(parts), f"codes the reader does not know: {set(asked) - set(parts)}"
    values = {form_tag(UNIT_CODE, "text"): "Sở Tư pháp", form_tag(GENERAL_CODE, "text"): "Góp ý chung số 0."}
    for i, code in enumerate(asked, start=1):
        values[form_tag(code, "agree")] = DISAGREE if i % 2 else AGREE
        values[form_tag(code, "text")] = f"Góp ý số {i} về {code}."
    filled = fill(phieu, {t: v for t, v in values.items() if t in tags})
    path = tmp_path / "phieu.docx"
    path.write_bytes(edit(filled, drop_tags) if lose_tags else filled)
    (reply,) = collect_replies(plan, None, [path]).replies
    assert reply.form and reply.unit == "Sở Tư pháp"
    got = [(c.part.label if c.part else GENERAL_LABEL, c.text) for c in reply.comments]
    want = [(parts[code].label, f"Góp ý số {i} về {code}.") for i, code in enumerate(asked, start=1)]
    assert sorted(got) == sorted([*want, (GENERAL_LABEL, "Góp ý chung số 0.")])


# --- a reply letter (cites the draft's parts by their labels) ----------------------------------


def test_reply_letter_lands_every_cited_part(plan, tmp_path):
    parts = draft_parts(plan).parts
    body = [f"Thực hiện {LETTER_REF} về việc lấy ý kiến góp ý dự thảo Kế hoạch, Sở Tư pháp có ý kiến như sau:"]
    body += [f"{i}. {p.label}: đề nghị làm rõ nội dung số {i}." for i, p in enumerate(parts, start=1)]
    body.append(f"{len(parts) + 1}. Đề nghị rà soát lỗi chính tả toàn văn bản.")
    path = tmp_path / "tra-loi.docx"
    path.write_bytes(reply_docx(body=body))
    (reply,) = collect_replies(plan, None, [path]).replies
    assert reply.unit == "Sở Tư pháp" and not reply.form
    got = [c.part.label if c.part else None for c in reply.comments]
    assert got == [p.label for p in parts] + [None]
    assert all(f"nội dung số {i}." in c.text for i, c in enumerate(reply.comments[:-1], start=1))
