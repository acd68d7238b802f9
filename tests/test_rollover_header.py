"""Issue 21: rollover writes a correct header — the yaml-language-server line first, its schema path
right for the new folder, the rollover block below it, no hint naming last year's file."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import EXAMPLES
from dvtemplate.loading import load_plan
from dvtemplate.rollover import rollover_file


def test_rollover_header_into_another_folder(tmp_path: Path):
    work = tmp_path / "lam-viec"
    shutil.copytree(EXAMPLES, work / "examples")
    shutil.copytree(EXAMPLES.parent / "schemas", work / "schemas")
    source = work / "examples" / "ke-hoach-tinh-2026.yaml"
    target = work / "nam-2027" / "ke-hoach-tinh-2027.yaml"
    rollover_file(source, target, year=2027)
    text = target.read_text("utf-8")
    lines = text.splitlines()
    assert lines[0] == "# yaml-language-server: $schema=../schemas/plan.schema.json"
    assert (target.parent / "../schemas/plan.schema.json").resolve().is_file()
    assert lines[1].startswith("# dvtemplate rollover: kế hoạch năm 2026 → năm 2027")
    assert text.count("yaml-language-server") == 1
    assert "ke-hoach-tinh-2026.yaml" not in text
    assert "dvtemplate render ke-hoach-tinh-2027.yaml" in text
    assert load_plan(target).plan.year == 2027


def test_rollover_header_beside_the_source(tmp_path: Path):
    folder = tmp_path / "kh"
    folder.mkdir()
    (folder / "plan.schema.json").write_text("{}", encoding="utf-8")
    source = folder / "ke-hoach.yaml"
    source.write_text(
        (EXAMPLES / "ke-hoach-xa-2026.yaml")
        .read_text("utf-8")
        .replace("$schema=../schemas/plan.schema.json", "$schema=plan.schema.json"),
        encoding="utf-8",
    )
    target = folder / "ke-hoach-2027.yaml"
    rollover_file(source, target)
    lines = target.read_text("utf-8").splitlines()
    assert lines[0] == "# yaml-language-server: $schema=plan.schema.json"
    assert lines[1].startswith("# dvtemplate rollover:")
