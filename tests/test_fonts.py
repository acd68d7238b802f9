"""Issue 10, point 1: `--pdf` warns when no Times New Roman-compatible face has Vietnamese letters.

fontconfig is replaced by a fake ``fc-list`` on PATH that prints what a machine would have.
"""

from __future__ import annotations

import os
import stat
import sys

import pytest

from conftest import EXAMPLES
from dvtemplate.fonts import PROBE, font_warning, vietnamese_families
from dvtemplate.pdf import find_soffice

DEBIAN_12_OLD_LIBERATION = "DejaVu Serif,DejaVu Serif Condensed\nDejaVu Sans\nNoto Mono\n"
WITH_LIBERATION2 = DEBIAN_12_OLD_LIBERATION + "Liberation Serif\nLiberation Sans\n"
needs_posix = pytest.mark.skipif(sys.platform == "win32", reason="a fake fc-list is a shell script")


@pytest.fixture
def fake_fc_list(tmp_path, monkeypatch):
    """Put an ``fc-list`` that prints *output* (and exits *status*) first on PATH; returns its log."""
    folder = tmp_path / "bin"
    folder.mkdir()
    log = tmp_path / "fc-list.args"

    def install(output: str, status: int = 0):
        (folder / "out.txt").write_text(output, encoding="utf-8")
        script = folder / "fc-list"
        script.write_text(f'#!/bin/sh\necho "$@" > "{log}"\ncat "{folder / "out.txt"}"\nexit {status}\n')
        script.chmod(script.stat().st_mode | stat.S_IXUSR)
        monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ.get('PATH', '')}")
        return log

    return install


@needs_posix
def test_a_machine_with_liberation2_gets_no_warning(fake_fc_list):
    log = fake_fc_list(WITH_LIBERATION2)
    assert font_warning() is None
    assert log.read_text().split() == [f":charset={PROBE.split()[0]}", PROBE.split()[1], "family"]
    assert "Liberation Serif" in vietnamese_families()


@needs_posix
@pytest.mark.parametrize("face", ["Times New Roman", "Tinos", "liberation serif"])
def test_any_compatible_face_will_do(fake_fc_list, face):
    fake_fc_list(f"DejaVu Sans\n{face},Something Else\n")
    assert font_warning() is None


@needs_posix
def test_coverage_not_family_name_decides(fake_fc_list):
    """Debian 12's fonts-liberation 1.07 is installed but has no ế: fc-list with the charset omits it."""
    fake_fc_list(DEBIAN_12_OLD_LIBERATION)
    message = font_warning()
    assert message is not None
    assert "fonts-liberation2" in message and "Debian/Ubuntu" in message
    assert "Windows" in message and "Times New Roman" in message
    assert "tiếng Việt" in message


@needs_posix
def test_a_broken_fc_list_says_nothing(fake_fc_list):
    fake_fc_list("", status=1)
    assert vietnamese_families() is None and font_warning() is None


def test_no_fontconfig_no_check(monkeypatch):
    """Windows (and macOS) have no fc-list: nothing is checked, nothing is said."""
    monkeypatch.setattr("dvtemplate.fonts.shutil.which", lambda name: None)
    assert vietnamese_families() is None and font_warning() is None


@needs_posix
@pytest.mark.skipif(find_soffice() is None, reason="LibreOffice chưa cài")
def test_render_pdf_warns_and_still_writes_the_pdf(run_cli, fake_fc_list, tmp_path):
    fake_fc_list(DEBIAN_12_OLD_LIBERATION)
    code, out, err = run_cli("render", EXAMPLES / "ke-hoach-xa-2026.yaml", "-o", tmp_path / "out", "--pdf")
    assert code == 0, err
    assert err.count("fonts-liberation2") == 1 and "Cảnh báo:" in err and "Traceback" not in err
    assert list((tmp_path / "out").glob("*.pdf"))


@needs_posix
def test_render_pdf_without_libreoffice_does_not_warn_about_fonts(run_cli, fake_fc_list, tmp_path, monkeypatch):
    fake_fc_list(DEBIAN_12_OLD_LIBERATION)
    monkeypatch.setenv("DVTEMPLATE_SOFFICE", str(tmp_path / "khong-co-soffice"))
    code, out, err = run_cli("render", EXAMPLES / "ke-hoach-xa-2026.yaml", "-o", tmp_path / "out", "--pdf")
    assert code == 3 and "LibreOffice" in err and "fonts-liberation2" not in err
