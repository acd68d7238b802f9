"""Draw dvtemplate's import graph from the source (``ast`` only, nothing imported) and find its circles.

    python tools/import_graph.py              # package → packages it imports, then any circle
    python tools/import_graph.py --modules    # the same, module by module
    python tools/import_graph.py --dot        # Graphviz: python tools/import_graph.py --dot | dot -Tsvg > g.svg

Every import counts, also one inside a function or under ``if TYPE_CHECKING:`` (a lazy or
typing-only import hides a circle, it does not remove it). A package is a top-level module or
folder of ``dvtemplate`` (``docx``, ``collect``, ``documents``…); ``dvtemplate/__init__.py``
(the lazy public API) and ``__main__`` are left out. ``tests/test_import_graph.py`` fails on
any circle.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "dvtemplate"
TOP = "dvtemplate"


def module_names(root: Path = PACKAGE) -> dict[str, Path]:
    """``dvtemplate.docx.frame`` → its file, for every module (a package is its ``__init__``)."""
    out = {}
    for path in sorted(root.rglob("*.py")):
        parts = [TOP, *path.relative_to(root).with_suffix("").parts]
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = path
    return out


def _targets(node: ast.AST, name: str, is_package: bool, modules: dict[str, Path]) -> list[str]:
    if isinstance(node, ast.Import):
        wanted = [alias.name for alias in node.names]
    else:
        if node.level:
            base = name.split(".") if is_package else name.split(".")[:-1]
            base = base[: len(base) - node.level + 1]
            stem = ".".join([*base, node.module] if node.module else base)
        else:
            stem = node.module or ""
        wanted = [f"{stem}.{alias.name}" if f"{stem}.{alias.name}" in modules else stem for alias in node.names]
    found = []
    for target in wanted:
        while target and target not in modules:
            target = target.rpartition(".")[0]
        if target.startswith(TOP + ".") and target != name:
            found.append(target)
    return found


def module_graph(root: Path = PACKAGE) -> dict[str, set[str]]:
    """Module → the dvtemplate modules it imports."""
    modules = module_names(root)
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        if name in (TOP, f"{TOP}.__main__"):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        edges = graph.setdefault(name, set())
        for node in ast.walk(tree):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                edges.update(_targets(node, name, path.name == "__init__.py", modules))
    return graph


def package_of(module: str) -> str:
    return ".".join(module.split(".")[:2])


def package_graph(graph: dict[str, set[str]]) -> dict[str, set[str]]:
    """Package → the other packages it imports."""
    out: dict[str, set[str]] = {}
    for source, targets in graph.items():
        edges = out.setdefault(package_of(source), set())
        edges.update(package_of(t) for t in targets if package_of(t) != package_of(source))
    return out


def _reach(graph: dict[str, set[str]], start: str) -> set[str]:
    seen: set[str] = set()
    todo = [start]
    while todo:
        for nxt in graph.get(todo.pop(), ()):
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every group of nodes that reach one another (more than one node), each sorted; a circle lies inside one."""
    reach = {node: _reach(graph, node) for node in graph}
    groups = set()
    for node, reached in reach.items():
        group = frozenset({node} | {other for other in reached if node in reach.get(other, ())})
        if len(group) > 1:
            groups.add(group)
    return sorted(sorted(g) for g in groups)


def _short(name: str) -> str:
    return name.removeprefix(TOP + ".")


def main(argv: list[str]) -> int:
    graph = module_graph()
    shown = graph if "--modules" in argv else package_graph(graph)
    if "--dot" in argv:
        print("digraph dvtemplate {\n  rankdir=LR;")
        for source in sorted(shown):
            for target in sorted(shown[source]):
                print(f'  "{_short(source)}" -> "{_short(target)}";')
        print("}")
        return 0
    for source in sorted(shown):
        print(f"{_short(source)} → {', '.join(_short(t) for t in sorted(shown[source])) or '—'}")
    found = circles(shown)
    for group in found:
        print("VÒNG:", " ↔ ".join(_short(n) for n in group))
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
