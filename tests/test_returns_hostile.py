"""Issue 18: no plan, returned form or reply can stop or hang a command, and none ends in exit 70.

Every CLI case runs under a time and memory limit (tests/hostile.py); every hostile input is
generated here. Each test failed on the code before issue 18.
"""

from __future__ import annotations

import time

import pytest
from hostile import EXAMPLE, assert_user_error, run_bounded

from dvtemplate import limits

PERIOD = ("--period", "2026-H1")


# ----------------------------------------------------------------------------- 2. YAML alias amplification
def _amplified_plan(path):
    """A 1.5 MB requirement anchored once and aliased 3,000 times: 4.5 GB once expanded, 1.5 MB on disk."""
    text = EXAMPLE.read_text(encoding="utf-8")
    copies = "    - &a " + "x" * 1_500_000 + "\n" + "    - *a\n" * 3000
    assert "  requirements:\n" in text
    path.write_text(text.replace("  requirements:\n", "  requirements:\n" + copies, 1), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "argv",
    [
        ["validate"],
        ["calendar", "-o", "{out}/lich.ics"],
        ["render", "-o", "{out}"],
        ["letter", "-o", "{out}"],
        ["report", *PERIOD, "--unit", "Sở Nội vụ", "-o", "{out}"],
        ["rollover", "--dry-run"],
        ["collect", *PERIOD, "-o", "{out}", "{out}"],
    ],
    ids=lambda a: a[0],
)
def test_yaml_alias_amplification_is_bounded_by_expanded_size(tmp_path, argv):
    plan = _amplified_plan(tmp_path / "khuech-dai.yaml")
    out = tmp_path / "ra"
    out.mkdir()
    args = [argv[0], plan, *(a.format(out=out) for a in argv[1:])]
    started = time.perf_counter()
    err = assert_user_error(run_bounded(args, seconds=10, memory_mb=400), 2, "khuech-dai.yaml")
    assert f"{limits.MAX_YAML_EXPANDED_CHARS:_}".replace("_", ".") in err, err
    assert time.perf_counter() - started < 5
    assert not list(out.iterdir())


def test_web_list_shows_an_amplified_plan_as_broken_and_the_others_work(tmp_path):
    from starlette.testclient import TestClient

    from dvtemplate.web.app import create_app

    folder = tmp_path / "lam-viec"
    folder.mkdir()
    (folder / "tot.yaml").write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    _amplified_plan(folder / "khuech-dai.yaml")
    app = create_app(folder, token="t", hosts={"127.0.0.1:8765"})
    with TestClient(app, base_url="http://127.0.0.1:8765") as client:
        started = time.perf_counter()
        page = client.get("/?token=t")
        assert time.perf_counter() - started < 10
        assert page.status_code == 200
        assert "khuech-dai.yaml" in page.text and "tot.yaml" in page.text
        assert f"{limits.MAX_YAML_EXPANDED_CHARS:_}".replace("_", ".") in page.text
        assert client.get("/ke-hoach/tot.yaml").status_code == 200
