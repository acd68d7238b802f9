"""The small public API: what a Python user imports from `dvtemplate` works without the CLI."""

from __future__ import annotations

import subprocess
import sys

import pytest

import dvtemplate
from conftest import EXAMPLES


def test_public_names_resolve():
    for name in dvtemplate.__all__:
        assert getattr(dvtemplate, name) is not None
    with pytest.raises(AttributeError):
        dvtemplate.khong_co  # noqa: B018


def test_render_from_python(tmp_path):
    loaded = dvtemplate.load_plan(EXAMPLES / "ke-hoach-xa-2026.yaml")
    result = dvtemplate.render_plan(loaded, tmp_path)
    assert result.files[0].exists()
    assert not dvtemplate.check_docx(result.files[0]).errors


def test_bad_data_raises_the_one_error_base(tmp_path):
    bad = tmp_path / "x.yaml"
    bad.write_text("title: [", encoding="utf-8")
    with pytest.raises(dvtemplate.DvtemplateError):
        dvtemplate.load_plan(bad)


def test_import_is_lazy():
    code = "import sys, dvtemplate; print('docx' in sys.modules or 'lxml' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"
