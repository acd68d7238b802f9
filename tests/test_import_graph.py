"""Issue 19: the import graph (tools/import_graph.py, ``ast`` only) has no circle, between packages or modules.

Lazy imports inside functions and imports under ``TYPE_CHECKING`` count: they hide a circle,
they do not remove it.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

import import_graph  # noqa: E402


def _show(groups: list[list[str]]) -> str:
    return "; ".join(" ↔ ".join(n.removeprefix("dvtemplate.") for n in g) for g in groups)


def test_no_circle_between_packages():
    groups = import_graph.circles(import_graph.package_graph(import_graph.module_graph()))
    assert not groups, f"vòng import giữa các gói: {_show(groups)}"


def test_no_circle_between_modules():
    groups = import_graph.circles(import_graph.module_graph())
    assert not groups, f"vòng import giữa các mô-đun: {_show(groups)}"


def test_the_graph_sees_what_it_should(tmp_path):
    """Relative, lazy and TYPE_CHECKING imports are edges, and a planted circle is found (not vacuous)."""
    graph = import_graph.module_graph()
    assert "dvtemplate.docx.package" in graph["dvtemplate.engine.compiled"]
    assert "dvtemplate.returns.pool" in graph["dvtemplate.batch"]
    assert "dvtemplate.loading" in graph["dvtemplate.comments.remind"]  # imported inside remind_silent
    pkg = tmp_path / "dvtemplate"
    (pkg / "a").mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "a" / "__init__.py").write_text("")
    (pkg / "a" / "x.py").write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from .y import Y\n")
    (pkg / "a" / "y.py").write_text("def f():\n    from . import x\n")
    (pkg / "b.py").write_text("from .a.x import X\n")
    planted = import_graph.module_graph(pkg)
    assert import_graph.circles(planted) == [["dvtemplate.a.x", "dvtemplate.a.y"]]
    assert import_graph.package_graph(planted)["dvtemplate.b"] == {"dvtemplate.a"}
