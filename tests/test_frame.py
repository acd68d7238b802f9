"""The one frame finder (docx.frame): the same components for check, import and comments."""

from __future__ import annotations

import pytest

from conftest import EXAMPLES
from dvtemplate import import_docx
from dvtemplate.check import check_docx
from dvtemplate.documents import render_letter
from dvtemplate.docx import open_package, read_document
from dvtemplate.docx.frame import detect_kind, document_starts, find_components
from dvtemplate.errors import InputError
from dvtemplate.loading import load_plan
from importdocs import build_bare_plan, build_loose_plan, build_table_plan
from ndfixtures import Spec, build


def _paras(path):
    return read_document(open_package(path)).paras


@pytest.mark.parametrize("builder", [build_table_plan, build_loose_plan])
def test_components_of_a_plan_in_either_layout(builder, tmp_path):
    """Header (table or loose lines), title, trích yếu, body and closing come out where they are."""
    paras = _paras(builder(tmp_path / "plan.docx"))
    c = find_components(paras)
    assert detect_kind(c) == "plan" and c.title.flat.startswith("KẾ HOẠCH")
    assert c.qh is not None and c.so is not None and c.date is not None and c.issuer
    assert c.header[0] is paras[c.start] or not paras[c.start].flat
    assert c.trich_yeu and all(p not in c.body for p in c.trich_yeu)
    assert c.noi_nhan is not None and c.signer and c.body_end <= paras.index(c.noi_nhan)
    assert c.body and c.body[0] not in (c.title, *c.trich_yeu, *c.header)
    assert all(c.body_start <= paras.index(p) < c.body_end for p in c.body)
    assert c.closing_end == len(paras) or not any(p.flat for p in paras[c.closing_end :])


def test_a_letter_with_its_draft_is_two_documents(tmp_path):
    """The công văn lấy ý kiến and the draft after it: check reads the letter, import the draft."""
    plan = load_plan(EXAMPLES / "ke-hoach-tinh-2026.yaml").plan
    (combined,) = render_letter(plan, tmp_path).files
    paras = _paras(combined)
    starts = document_starts(paras)
    assert len(starts) == 2
    letter, draft = (find_components(paras, start) for start in starts)
    assert detect_kind(letter) == "letter" and letter.kinh_gui and letter.closing_end <= starts[1]
    assert detect_kind(draft) == "plan" and draft.start == starts[1] and draft.end == len(paras)
    assert check_docx(combined).kind == "letter"
    assert import_docx(combined).plan.letter is not None


def test_a_plan_without_noi_nhan_still_has_its_signer(tmp_path):
    """No Nơi nhận and no signature table: the signer follows the body's last "…/." line, up to the
    name; an appendix after it is not part of the closing."""
    path = build_bare_plan(tmp_path / "bare.docx")
    paras = _paras(path)
    c = find_components(paras)
    assert c.noi_nhan is None and [p.flat for p in c.signer] == ["CHỦ TỊCH", "(Đã ký)", "Phạm Thị Hoa"]
    assert paras[c.body_end - 1].flat.endswith("/.") and not any(p in c.body for p in c.signer)
    assert [p.flat for p in paras[c.closing_end :]] == ["PHỤ LỤC"]
    rules = {f.rule: f.message for f in check_docx(path).errors}
    assert "Không tìm thấy phần chức vụ" not in rules.get("ND30-SIGNER", "")


def test_a_title_typed_in_lower_case_is_found_and_flagged(tmp_path):
    """'Kế hoạch' in lower case is still the tên loại: import reads it, check asks for capitals."""
    path = build(tmp_path / "lower.docx", Spec(title="Kế hoạch"))
    report = check_docx(path)
    assert report.kind == "plan"
    assert any(f.rule == "ND30-TITLE" and "in hoa" in f.message for f in report.errors)
    result = import_docx(path)
    assert not any("tên loại" in w for w in result.warnings) and "(Chưa rõ" not in result.plan.title


def test_import_refuses_a_document_that_is_not_a_plan(tmp_path):
    """A phiếu góp ý has a title of its own: import names it instead of guessing a plan from it."""
    plan = load_plan(EXAMPLES / "ke-hoach-tinh-2026.yaml").plan
    path = render_letter(plan, tmp_path, separate=True, form=True).files[-1]
    with pytest.raises(InputError, match="đây là phiếu góp ý, không phải Kế hoạch"):
        import_docx(path)


def test_positions_index_the_list_given(tmp_path):
    """A sub-list (a letter's part of a file) gets positions into that sub-list, not the file."""
    plan = load_plan(EXAMPLES / "ke-hoach-tinh-2026.yaml").plan
    (combined,) = render_letter(plan, tmp_path).files
    paras = _paras(combined)
    tail = paras[document_starts(paras)[1] :]
    c = find_components(tail)
    assert c.start == 0 and tail[c.body_start - 1] in (c.title, *c.trich_yeu) or not tail[c.body_start - 1].flat
    assert tail.index(c.noi_nhan) >= c.body_end


def test_word_list_numbers_are_checked_like_typed_ones(tmp_path):
    """Items numbered by a Word list: restarted in each section they pass; a list that runs on
    across sections (no restart) is flagged as if the numbers had been typed."""
    import re
    import zipfile

    from numbereddocs import auto_number

    restarted = auto_number(build_loose_plan(tmp_path / "typed.docx"), tmp_path / "auto.docx", "style")
    assert not [f for f in check_docx(restarted).errors if f.rule.startswith("ND30-NUMBERING")]
    running = tmp_path / "running.docx"
    with zipfile.ZipFile(restarted) as src, zipfile.ZipFile(running, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "word/numbering.xml":
                data = re.sub(rb"<w:lvlOverride\b.*?</w:lvlOverride>", b"", data, flags=re.S)
            dst.writestr(info, data)
    items = [f for f in check_docx(running).errors if f.rule == "ND30-NUMBERING-ITEMS"]
    assert items and "Khoản '3.' không đúng thứ tự trong mục II: phải là '1.'" in items[0].message
