"""Issue 10, point 15: Word opens every output without repair.

Every kind dvtemplate writes (plan of each example, plain and draft; công văn with the
draft appended and with ``--separate``; report form; every batch form; a plan imported
from Word and rendered again), the built-in templates themselves and the README's check
demo are valid OOXML for the independent validator openxml-audit (see ``ooxml_valid``).
"""

from __future__ import annotations

import io

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from conftest import EXAMPLE_PLANS, EXAMPLES, ROOT
from dvtemplate.batch import run_batch
from dvtemplate.documents import render_letter, render_plan, render_report
from dvtemplate.engine.discovery import KINDS, builtin_template_bytes
from dvtemplate.importer import import_docx
from dvtemplate.loading import load_plan
from importdocs import build_loose_plan, build_table_plan
from ooxml_valid import assert_valid_ooxml, ooxml_findings
from templatebuild.order import SEQUENCES, insert_ordered

UNITS = EXAMPLES / "don-vi.csv"
PROVINCE = EXAMPLES / "ke-hoach-tinh-2026.yaml"


@pytest.mark.parametrize("kind", KINDS)
def test_builtin_templates_are_valid(kind):
    assert_valid_ooxml(builtin_template_bytes(kind), f"{kind}.docx")


def test_check_demo_is_valid():
    assert_valid_ooxml(ROOT / "docs" / "vi-du-sai-the-thuc.docx")


@pytest.mark.parametrize("source", EXAMPLE_PLANS, ids=lambda p: p.stem)
@pytest.mark.parametrize("draft", [False, True], ids=["final", "draft"])
def test_plan_is_valid(source, draft, tmp_path):
    loaded = load_plan(source)
    loaded.plan = loaded.plan.model_copy(update={"draft": draft})
    assert_valid_ooxml(render_plan(loaded, tmp_path).files[0])


@pytest.mark.parametrize("separate", [False, True], ids=["appended", "separate"])
def test_letter_is_valid(separate, tmp_path):
    files = render_letter(PROVINCE, tmp_path, separate=separate).files
    assert len(files) == (2 if separate else 1)
    for path in files:
        assert_valid_ooxml(path)


@pytest.mark.parametrize("source", EXAMPLE_PLANS, ids=lambda p: p.stem)
def test_report_form_is_valid(source, tmp_path):
    plan = load_plan(source).plan
    period = f"{plan.year}-H1" if any(e.kind == "half_year" for e in plan.reporting.entries) else str(plan.year)
    path = render_report(source, tmp_path, period=period, unit="Ủy ban nhân dân xã Diên Khánh", units_file=UNITS)
    assert_valid_ooxml(path.files[0])


def test_every_batch_form_is_valid(tmp_path):
    run_batch(PROVINCE, UNITS, "2026-Q2", tmp_path, jobs=1)
    forms = sorted(tmp_path.glob("*.docx"))
    assert len(forms) >= 4
    for path in forms:
        assert_valid_ooxml(path)


@pytest.mark.parametrize("origin", ["example", "table", "loose"])
def test_imported_then_rendered_plan_is_valid(origin, tmp_path):
    if origin == "example":
        source = render_plan(PROVINCE, tmp_path / "first").files[0]
    else:
        builder = build_table_plan if origin == "table" else build_loose_plan
        source = builder(tmp_path / "office.docx")
    plan = import_docx(source).plan
    assert_valid_ooxml(render_plan(plan, tmp_path / "again").files[0])


def test_the_validator_sees_a_table_property_out_of_order():
    """The helper is not a rubber stamp: python-docx's tblLook followed by an appended tblBorders
    (what the builder did before issue 10) is reported."""
    doc = docx.Document()
    doc.part.drop_rel(next(r for r, rel in doc.part.rels.items() if rel.reltype.endswith("/stylesWithEffects")))
    table = doc.add_table(rows=1, cols=1)
    table._tbl.tblPr.append(parse_xml(f'<w:tblBorders {nsdecls("w")}><w:top w:val="nil"/></w:tblBorders>'))
    buffer = io.BytesIO()
    doc.save(buffer)
    findings = ooxml_findings(buffer.getvalue())
    assert any("tblBorders" in f and "tblPr" in f for f in findings), findings


def test_insert_ordered_follows_the_schema():
    table = docx.Document().add_table(rows=1, cols=1)
    tblpr = table._tbl.tblPr  # python-docx wrote tblStyle, tblW, tblLook
    insert_ordered(tblpr, parse_xml(f'<w:tblCellMar {nsdecls("w")}><w:left w:w="28" w:type="dxa"/></w:tblCellMar>'))
    insert_ordered(tblpr, parse_xml(f'<w:tblBorders {nsdecls("w")}><w:top w:val="nil"/></w:tblBorders>'))
    table.alignment = 1  # python-docx inserts jc in order itself
    table.autofit = False
    names = [child.tag for child in tblpr]
    order = [qn(tag) for tag in SEQUENCES["w:tblPr"]]
    assert names == sorted(names, key=order.index)
    assert qn("w:tblBorders") in names and qn("w:tblCellMar") in names
    insert_ordered(tblpr, parse_xml(f'<w:tblBorders {nsdecls("w")}><w:top w:val="single"/></w:tblBorders>'))
    assert len(tblpr.findall(qn("w:tblBorders"))) == 1  # replaced, not repeated
    with pytest.raises(ValueError):
        insert_ordered(tblpr, parse_xml(f"<w:keepNext {nsdecls('w')}/>"))
