"""Documents dvtemplate itself wrote, then tampered with, are refused by
``import`` and ``check`` with a message (exit 2), never parsed unsafely; untampered nasty text
survives the round trip literally."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from test_bad_input import nasty_plan

from dvtemplate.documents import render_plan
from dvtemplate.loading import load_plan

XXE = (
    b'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
    b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    b"<w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>"
)


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> Path:
    return render_plan(nasty_plan(), tmp_path_factory.mktemp("src")).files[0]


def tampered(
    source: Path, target: Path, *, replace: dict[str, bytes] | None = None, add: dict[str, bytes] | None = None
) -> Path:
    replace, add = replace or {}, add or {}
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, replace.get(info.filename, src.read(info.filename)))
        for name, data in add.items():
            dst.writestr(name, data)
    return target


CASES = {
    "xxe": dict(replace={"word/document.xml": XXE}),
    "macro": dict(add={"word/vbaProject.bin": b"\xd0\xcf\x11\xe0" + b"\0" * 512}),
    # four 60 MB members: more than MAX_UNPACKED_BYTES unpacked (a member never read is not refused by itself)
    "bomb": dict(add={f"word/media/bomb{i}.bin": b"\0" * (60 * 1024 * 1024) for i in range(4)}),
}


@pytest.mark.parametrize("case", list(CASES))
def test_import_refuses_tampered_output(run_cli, rendered, tmp_path, case):
    bad = tampered(rendered, tmp_path / f"{case}.docx", **CASES[case])
    code, out, err = run_cli("import", bad, "-o", tmp_path / "kh.yaml")
    assert code == 2, (out, err)
    assert err.startswith("Lỗi: ") and "Traceback" not in err and "root:" not in out + err
    assert not (tmp_path / "kh.yaml").exists()


def test_check_never_resolves_external_entities(run_cli, rendered, tmp_path):
    bad = tampered(rendered, tmp_path / "xxe.docx", **CASES["xxe"])
    code, out, err = run_cli("check", bad)
    # check reads it as a document without components (exit 1) or refuses it (exit 2): never a leak
    assert code in (1, 2) and "Traceback" not in err and "root:" not in out + err


def test_nasty_text_survives_import_literally(run_cli, rendered, tmp_path):
    code, out, err = run_cli("import", rendered, "-o", tmp_path / "kh.yaml")
    assert code == 0, err
    text = (tmp_path / "kh.yaml").read_text(encoding="utf-8")
    plan = load_plan(tmp_path / "kh.yaml").plan
    assert "{{ header.so }}" in plan.title
    assert "A & B < C > D" in text
