"""Issue 19: each package says what is public, and no module reaches into another package's inner module.

A package's ``__init__.py`` states its public surface in ``__all__``: names (``open_package``)
and public modules (``nd30``, ``forms``: a contract module, imported as a module or name by name
from its own ``__all__``). Across packages, a module imports

- from the package (``from ..docx import parse_header``) a name in its ``__all__``, or
- from a public module (``from ..model.forms import item_tag``) a name in that module's ``__all__``;

never from an inner module the package does not list, and never from a module whose name starts
with ``_``. Inside its own package a module imports what it likes. The walk is ``ast`` only; the
public lists are read from the packages themselves.
"""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "dvtemplate"

ALLOWED = {
    ("dvtemplate.cli._sign", "dvtemplate.sign.many"): (
        "the signing pool's worker calls the package's sign_file: exported from sign/, it would make a circle"
    ),
}
"""(importing module, inner module) → why the inner module is reached into."""


def _module(path: Path, root: Path) -> tuple[str, bool]:
    parts = ["dvtemplate", *path.relative_to(root).with_suffix("").parts]
    if parts[-1] == "__init__":
        return ".".join(parts[:-1]), True
    return ".".join(parts), False


def _target(node: ast.ImportFrom, name: str, is_package: bool) -> str:
    if not node.level:
        return node.module or ""
    base = name.split(".") if is_package else name.split(".")[:-1]
    base = base[: len(base) - node.level + 1]
    return ".".join([*base, node.module] if node.module else base)


def imports(root: Path = PACKAGE):
    """(importing module, target module, imported name, line) for every ``from … import`` in *root*."""
    for path in sorted(root.rglob("*.py")):
        name, is_package = _module(path, root)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                target = _target(node, name, is_package)
                for alias in node.names:
                    yield name, target, alias.name, node.lineno


def _public(module: str) -> set[str]:
    return set(getattr(importlib.import_module(module), "__all__", ()))


def problem(importer: str, target: str, name: str, root: Path = PACKAGE) -> str | None:
    """Why this import reaches into another package's private surface, or None."""
    parts = target.split(".")
    if parts[0] != "dvtemplate" or len(parts) < 2 or not (root / parts[1]).is_dir():
        return None  # a top-level module (documents, errors…) or another library
    package = ".".join(parts[:2])
    if importer == package or importer.startswith(package + "."):
        return None  # inside its own package
    if any(p.startswith("_") for p in parts[2:]):
        return "mô-đun riêng (tên bắt đầu bằng _)"
    if len(parts) == 2:
        return None if name in _public(package) else f"{package} không công bố {name}"
    if parts[2] not in _public(package):
        return f"{package} không công bố mô-đun {parts[2]} (nhập qua gói: from {package} import {name})"
    if len(parts) > 3 or name not in _public(target):
        return f"{target} không công bố {name}"
    return None


def test_no_import_into_another_package_private_surface():
    wrong = [
        f"{importer}:{line} from {target} import {name}: {why}"
        for importer, target, name, line in imports()
        if (importer, target) not in ALLOWED and (why := problem(importer, target, name))
    ]
    assert not wrong, "nhập vào phần riêng của gói khác:\n" + "\n".join(wrong)


def test_every_exception_is_still_needed():
    used = {(importer, target) for importer, target, _, _ in imports()}
    assert set(ALLOWED) <= used, f"exceptions no longer used: {set(ALLOWED) - used}"


def test_every_package_states_its_public_names():
    packages = sorted(p.parent.name for p in PACKAGE.glob("*/__init__.py"))
    silent = [p for p in packages if not _public(f"dvtemplate.{p}")]
    assert not silent, f"packages without __all__: {silent}"
    for package in packages:
        module = importlib.import_module(f"dvtemplate.{package}")
        missing = [n for n in module.__all__ if not hasattr(module, n)]
        assert not missing, f"dvtemplate.{package}.__all__ names what it does not have: {missing}"


def test_the_rule_bites(tmp_path):
    """A planted reach into an inner and into a private module is found (the test is not vacuous)."""
    assert problem("dvtemplate.collect.core", "dvtemplate.docx.frame", "_private_helper")
    assert problem("dvtemplate.collect.core", "dvtemplate.check._components", "detect_kind")
    assert problem("dvtemplate.collect.core", "dvtemplate.docx.paragraphs", "Para")  # exported, but via docx
    assert problem("dvtemplate.collect.core", "dvtemplate.docx", "Para") is None
    assert problem("dvtemplate.collect.core", "dvtemplate.model.forms", "item_tag") is None  # public module
    assert problem("dvtemplate.docx.header", "dvtemplate.docx.frame", "anything") is None  # own package
    pkg = tmp_path / "dvtemplate"
    (pkg / "a").mkdir(parents=True)
    (pkg / "a" / "x.py").write_text("from ..b._y import z\nfrom .. import errors\n")
    assert [(t, n) for _, t, n, _ in imports(pkg)] == [("dvtemplate.b._y", "z"), ("dvtemplate", "errors")]
