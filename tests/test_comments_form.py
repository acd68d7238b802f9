"""`dvtemplate letter --form`: the phiếu góp ý passes check and is read back exactly, with or without tags."""

from __future__ import annotations

import io
import zipfile

import pytest
from commentdocs import PLAN
from lxml import etree

from dvtemplate import check_docx
from dvtemplate.comments import collect_replies
from dvtemplate.loading import load_plan

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
Q = f"{{{W}}}"


def _fill(path, values: dict[str, str], drop_tags: bool = False) -> bytes:
    """Type *values* (tag → text) into the form's controls, as Word does; optionally lose tags (LibreOffice)."""
    with zipfile.ZipFile(path) as z:
        parts = {i.filename: z.read(i) for i in z.infolist()}
    root = etree.fromstring(parts["word/document.xml"])
    for sdt in root.iter(f"{Q}sdt"):
        props = sdt.find(f"{Q}sdtPr")
        tag = props.find(f"{Q}tag").get(f"{Q}val")
        if tag in values:
            props.remove(props.find(f"{Q}showingPlcHdr"))
            sdt.find(f".//{Q}t").text = values[tag]
        if drop_tags:
            props.remove(props.find(f"{Q}tag"))
    parts["word/document.xml"] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def form(tmp_path_factory):
    out = tmp_path_factory.mktemp("form")
    from dvtemplate.documents import render_letter

    result = render_letter(PLAN, out, form=True)
    return next(f for f in result.files if f.name.startswith("Phieu-gop-y"))


def test_form_passes_check_and_has_a_control_per_part(form):
    from openxml_audit import OpenXmlValidator

    assert check_docx(form).errors == []
    assert OpenXmlValidator().validate(str(form)).is_valid
    with zipfile.ZipFile(form) as z:
        root = etree.fromstring(z.read("word/document.xml"))
    tags = [t.get(f"{Q}val") for t in root.iter(f"{Q}tag")]
    assert "dvt:gy:don-vi:text" in tags and "dvt:gy:II.1:text" in tags and "dvt:gy:IV:agree" in tags
    assert "dvt:gy:chung:text" in tags
    assert all(len(t) <= 64 for t in tags)  # Word's limit on w:tag
    # every control is inline (LibreOffice drops block-level ones)
    assert all(sdt.getparent().tag == f"{Q}p" for sdt in root.iter(f"{Q}sdt"))


@pytest.mark.parametrize("drop_tags", [False, True])
def test_filled_form_is_read_exactly(form, tmp_path, drop_tags):
    values = {
        "dvt:gy:don-vi:text": "Ủy ban nhân dân xã Diên Khánh",
        "dvt:gy:II.1:agree": "Có ý kiến khác",
        "dvt:gy:II.1:text": "Đề nghị bổ sung tuyên truyền trên loa truyền thanh cơ sở.",
        "dvt:gy:IV:agree": "Đồng ý",
        "dvt:gy:chung:text": "Đề nghị bố trí kinh phí.",
    }
    (tmp_path / "phieu.docx").write_bytes(_fill(form, values, drop_tags))
    plan = load_plan(PLAN).plan
    c = collect_replies(plan, None, [tmp_path / "phieu.docx"])
    (reply,) = c.replies
    assert reply.form and reply.unit == "Ủy ban nhân dân xã Diên Khánh"
    got = [(x.part.label if x.part else None, x.text) for x in reply.comments]
    assert got == [
        ("Mục II, khoản 1", "Đề nghị bổ sung tuyên truyền trên loa truyền thanh cơ sở."),
        (None, "Đề nghị bố trí kinh phí."),
    ]


def test_empty_form_is_an_agreement(form, tmp_path):
    (tmp_path / "phieu.docx").write_bytes(_fill(form, {"dvt:gy:don-vi:text": "Sở Tư pháp"}))
    c = collect_replies(load_plan(PLAN).plan, None, [tmp_path / "phieu.docx"])
    assert [(r.unit, r.kind, r.comments) for r in c.replies] == [("Sở Tư pháp", "agree", [])]
