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
    assert "dvtemplate.docx" in graph["dvtemplate.engine.compiled"]  # ZipGate, through the package
    assert "dvtemplate.returns" in graph["dvtemplate.batch"]
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


# What the readers of returned files may take from the document builders: only the kinds they
# render (their outputs are documents like any other) and the draft's parts they map comments
# onto. Plan facts (periods, deadlines, symbols, the letter's issuer) come from model/.
READERS_MAY_IMPORT_FROM_CONTEXTS = {
    "dvtemplate.contexts.summary": "collect renders the báo cáo tổng hợp",
    "dvtemplate.contexts.reminder": "collect --remind / comments --remind render the công văn đôn đốc",
    "dvtemplate.contexts.comments_table": "comments renders the bản tổng hợp góp ý",
    "dvtemplate.contexts.to_trinh": "comments --to-trinh renders the Tờ trình",
    "dvtemplate.contexts.draft": "the draft's numbered parts, built from the blocks the draft is rendered from",
    "dvtemplate.contexts.common": "comments/remind.py builds its công văn with the shared header, signer, Nơi nhận",
}


def test_readers_take_only_rendered_kinds_from_contexts():
    graph = import_graph.module_graph()
    wrong = sorted(
        f"{reader.removeprefix('dvtemplate.')} → {target.removeprefix('dvtemplate.')}"
        for reader, targets in graph.items()
        if reader.startswith(("dvtemplate.collect", "dvtemplate.comments"))
        for target in targets
        if (target == "dvtemplate.contexts" or target.startswith("dvtemplate.contexts."))
        and target not in READERS_MAY_IMPORT_FROM_CONTEXTS
    )
    assert not wrong, "bộ đọc lấy từ contexts/ điều không phải loại văn bản nó soạn: " + "; ".join(wrong)
    used = {t for r, ts in graph.items() if r.startswith(("dvtemplate.collect", "dvtemplate.comments")) for t in ts}
    assert "dvtemplate.contexts.summary" in used and "dvtemplate.model.symbols" in used  # the walk sees them


def test_plan_facts_live_in_model():
    """resolve_period, report_deadline and the symbols are defined in model/, not by a builder."""
    from dvtemplate import contexts
    from dvtemplate.model import periods, symbols

    for name in ("resolve_period", "report_deadline"):
        assert getattr(periods, name).__module__ == "dvtemplate.model.periods"
    for name in ("plan_symbol", "letter_symbol", "letter_issuer"):
        assert getattr(symbols, name).__module__ == "dvtemplate.model.symbols"
    builders = Path(contexts.__file__).parent
    defined = [
        p.name
        for p in builders.glob("*.py")
        for n in ("def resolve_period", "def plan_symbol", "def letter_symbol")
        if n in p.read_text(encoding="utf-8")
    ]
    assert not defined, f"builders still define plan facts: {defined}"
