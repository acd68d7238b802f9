"""Issue 3: the committed JSON Schema and .docx templates are exactly what the code generates."""

from __future__ import annotations

import json
import zipfile

from conftest import ROOT
from dvtemplate.schema import schema_text


def test_committed_schema_is_current():
    committed = (ROOT / "schemas" / "plan.schema.json").read_text(encoding="utf-8")
    assert committed == schema_text(), "schemas/plan.schema.json is stale: run `dvtemplate schema`"


def test_schema_has_vietnamese_hints_and_forbids_unknown_keys():
    schema = json.loads(schema_text())
    assert schema["additionalProperties"] is False
    issuer = schema["$defs"]["Issuer"]
    assert issuer["additionalProperties"] is False
    assert "cơ quan" in issuer["properties"]["name"]["description"]


def test_schema_command_writes_file(run_cli, tmp_path):
    target = tmp_path / "s.json"
    code, out, _ = run_cli("schema", "-o", target)
    assert code == 0 and json.loads(target.read_text(encoding="utf-8"))["title"].startswith("Kế hoạch")


def _parts(path):
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist() if n.startswith("word/") and n.endswith(".xml")}


def test_committed_templates_match_build_script(tmp_path):
    from templatebuild import build_all

    for built in build_all(tmp_path):
        committed = ROOT / "templates" / built.name
        assert committed.exists(), f"{built.name} not committed: run python tools/build_templates.py"
        assert _parts(built) == _parts(committed), f"{built.name} is stale: run python tools/build_templates.py"


def test_builtin_templates_found_from_this_checkout_or_install():
    from dvtemplate.engine import builtin_template_bytes

    for kind in ("plan", "letter", "report"):
        assert builtin_template_bytes(kind)[:2] == b"PK"


def test_wheel_ships_templates_and_data(tmp_path):
    """An installed wheel (no checkout) finds its templates and init files as package data."""
    import subprocess
    import sys

    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(ROOT)],
        check=True,
        capture_output=True,
    )
    wheel = next(tmp_path.glob("dvtemplate-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    for kind in ("plan", "letter", "report"):
        assert f"dvtemplate/templates/{kind}.docx" in names
    assert "dvtemplate/data/ke-hoach.yaml" in names


def test_template_tags_sit_in_one_run():
    """Every {{ }} / {% %} tag of the built-in templates is inside a single <w:t> (docxtpl trap)."""
    import re

    with zipfile.ZipFile(ROOT / "templates" / "plan.docx") as z:
        xml = z.read("word/document.xml").decode("utf-8")
    texts = re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", xml)
    for text in texts:
        assert text.count("{{") == text.count("}}") and text.count("{%") == text.count("%}"), text


def test_template_build_is_byte_for_byte_repeatable(tmp_path):
    from templatebuild import build_all

    first = {p.name: p.read_bytes() for p in build_all(tmp_path / "a")}
    second = {p.name: p.read_bytes() for p in build_all(tmp_path / "b")}
    assert first == second
    for name, data in first.items():
        assert data == (ROOT / "templates" / name).read_bytes(), f"{name} is stale: run python tools/build_templates.py"
