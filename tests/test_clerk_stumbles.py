"""Issue 10 points 7, 13, 14: what a clerk stumbles on — comma lists, NFD text, rollover draft, paths, units."""

from __future__ import annotations

import re
import unicodedata
from importlib import resources
from pathlib import Path

import docx
import pytest

from dvtemplate.loading import load_plan, parse_plan_text
from dvtemplate.rollover import rollover_file

ROOT = Path(__file__).resolve().parent.parent
PROVINCE = ROOT / "examples" / "ke-hoach-tinh-2026.yaml"
COMMUNE = ROOT / "examples" / "ke-hoach-xa-2026.yaml"
INIT_PLAN = resources.files("dvtemplate").joinpath("data/ke-hoach.yaml")
SHIPPED = [PROVINCE, COMMUNE, INIT_PLAN]


# ----------------------------------------------------------------------------- point 7
@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: Path(str(p)).name)
def test_shipped_plans_use_block_lists_and_keep_phrases_whole(path):
    text = Path(str(path)).read_text(encoding="utf-8")
    assert not re.search(r":\s*\[[^\]]*[^\]\s]", text), "a [a, b] list in a shipped plan"
    loaded = parse_plan_text(text, "x.yaml")
    assert not [w for w in loaded.warnings if "cắt rời" in w]
    plan = loaded.plan
    bodies = [r for t in (plan.targets.items if plan.targets else []) for r in t.responsible]
    assert all(not b[:1].islower() for b in bodies) and "ban" not in bodies
    if path == PROVINCE:
        assert "Các sở, ban, ngành tỉnh" in bodies and "UBND các xã, phường, đặc khu" in bodies
    if path == COMMUNE:
        assert plan.recipients.items[-1] == "Các thôn, tổ dân phố"


def test_comma_split_list_warns_with_field_and_line():
    text = PROVINCE.read_text(encoding="utf-8").replace(
        "      responsible:\n        - Các sở, ban, ngành tỉnh\n        - UBND các xã, phường, đặc khu\n",
        "      responsible: [Các sở, ban, ngành tỉnh, UBND các xã, phường, đặc khu]\n",
    )
    line = text.splitlines().index("      responsible: [Các sở, ban, ngành tỉnh, UBND các xã, phường, đặc khu]") + 1
    warnings = [w for w in parse_plan_text(text, "ke-hoach.yaml").warnings if "cắt rời" in w]
    assert len(warnings) == 1
    assert warnings[0].startswith(f"ke-hoach.yaml, dòng {line}, trường targets.items[1].responsible:")
    assert "«Các sở | ban | ngành tỉnh" in warnings[0] and "'- '" in warnings[0]


def test_block_list_of_bodies_cut_apart_warns_but_name_lines_do_not():
    text = COMMUNE.read_text(encoding="utf-8").replace(
        "    - Các thôn, tổ dân phố\n", "    - Các thôn\n    - tổ dân phố\n"
    )
    warnings = [w for w in parse_plan_text(text, "x.yaml").warnings if "cắt rời" in w]
    assert len(warnings) == 1 and "trường recipients.items" in warnings[0]
    flow_names = COMMUNE.read_text(encoding="utf-8").replace(
        "  name_lines:\n    - Ủy ban nhân dân\n    - xã Cam Hiệp\n", "  name_lines: [Ủy ban nhân dân, xã Cam Hiệp]\n"
    )
    assert not [w for w in parse_plan_text(flow_names, "x.yaml").warnings if "cắt rời" in w]


# ----------------------------------------------------------------------------- point 13
def test_nfd_text_is_normalised_before_validation(tmp_path):
    text = COMMUNE.read_text(encoding="utf-8").replace("gan-dan", "gần-dân")
    nfd = unicodedata.normalize("NFD", text)
    # the reference typed NFC, the key and everything else NFD (two keyboards, one file)
    nfd = nfd.replace(unicodedata.normalize("NFD", "dân[^gần-dân]"), "dân[^gần-dân]")
    assert "level: xã" not in nfd and "[^gần-dân]" in nfd
    path = tmp_path / "nfd.yaml"
    path.write_text(nfd, encoding="utf-8")
    plan = load_plan(path).plan
    assert plan.issuer.level == "xã" and list(plan.footnotes) == ["gần-dân"]
    assert plan.issuer.name == "Ủy ban nhân dân xã Cam Hiệp"


# ----------------------------------------------------------------------------- point 14
def test_rollover_marks_the_new_plan_draft(tmp_path):
    out = tmp_path / "2027.yaml"
    result = rollover_file(PROVINCE, out, year=2027)
    plan = load_plan(out).plan
    assert plan.draft is True and plan.number is None and plan.issued is None
    assert any(c.path == "draft" and c.review for c in result.changes)
    assert "draft: true" in out.read_text(encoding="utf-8")


def test_written_paths_relative_inside_cwd_absolute_outside(run_cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, out, err = run_cli("render", PROVINCE, "-o", tmp_path / "a")
    assert code == 0 and re.search(r"^Đã ghi: a/KH-UBND-2026-\S+\.docx$", out, re.M), out
    code, out, err = run_cli("render", PROVINCE, "-o", "b")
    assert code == 0 and "Đã ghi: b/KH-" in out
    monkeypatch.chdir(tmp_path / "a")
    code, out, err = run_cli("render", PROVINCE, "-o", "../c")
    assert code == 0 and f"Đã ghi: {tmp_path / 'c'}/KH-" in out
    code, out, err = run_cli(
        "batch", PROVINCE, "--units", ROOT / "examples" / "don-vi.csv", "--period", "2026", "-o", "d"
    )
    assert code == 0 and "vào d;" in out and "danh sách: d/manifest.csv" in out


def test_report_noi_nhan_starts_with_nhu_tren(tmp_path):
    from dvtemplate import render_report

    path = render_report(PROVINCE, tmp_path, period="2026-Q2", unit="Ủy ban nhân dân xã An Bình").files[0]
    closing = docx.Document(str(path)).tables[-1].cell(0, 0)
    lines = [p.text for p in closing.paragraphs if p.text.strip()]
    assert lines[:2] == ["Nơi nhận:", "- Như trên;"] and lines[-1].startswith("- Lưu:")


def test_example_units_have_no_huyen():
    for name in ("don-vi.csv",):
        text = (ROOT / "examples" / name).read_text(encoding="utf-8-sig")
        assert "huyện" not in text
    text = resources.files("dvtemplate").joinpath("data/don-vi.csv").read_text(encoding="utf-8-sig")
    assert "huyện" not in text


# ----------------------------------------------------------------------------- point 12
def test_schema_output_not_overwritten_without_force(run_cli, tmp_path):
    target = tmp_path / "s.json"
    target.write_text("{}", encoding="utf-8")
    code, out, err = run_cli("schema", "-o", target)
    assert code == 1 and "--force" in err and target.read_text(encoding="utf-8") == "{}"
    code, out, err = run_cli("schema", "-o", target, "--force")
    assert code == 0 and target.read_text(encoding="utf-8").startswith("{\n")
    code, out, err = run_cli("schema", "-o", target)  # the same content again: nothing to overwrite
    assert code == 0, err


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: Path(str(p)).name)
def test_plans_point_vscode_at_the_schema(path):
    first = Path(str(path)).read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# yaml-language-server: $schema=")
    if path != INIT_PLAN:
        assert (Path(str(path)).parent / first.split("=", 1)[1]).resolve() == ROOT / "schemas" / "plan.schema.json"


def test_init_writes_the_schema_beside_the_plan(run_cli, tmp_path):
    from dvtemplate.schema import schema_text

    code, out, err = run_cli("init", tmp_path / "w")
    assert code == 0, err
    first = (tmp_path / "w" / "ke-hoach.yaml").read_text(encoding="utf-8").splitlines()[0]
    schema = tmp_path / "w" / first.split("=", 1)[1]
    assert schema.read_text(encoding="utf-8") == schema_text()
