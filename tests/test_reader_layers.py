"""Only dvtemplate/docx/ opens an untrusted .docx: check/ and importer/ (and the readers to come) parse no XML."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1] / "dvtemplate"
READERS = ("check", "importer", "collect", "comments")
_FORBIDDEN_MODULES = ("zipfile", "lxml", "xml", "defusedxml", "docx", "dvtemplate.docx.ns")
_FORBIDDEN_CALLS = {"fromstring", "XML", "iterparse", "XMLParser", "parse_xml", "ZipFile"}


def _sources() -> list[Path]:
    return [path for package in READERS if (ROOT / package).is_dir() for path in sorted((ROOT / package).rglob("*.py"))]


def _imports(tree: ast.AST, package: str) -> list[str]:
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: resolve against dvtemplate.<package>
                base = ["dvtemplate", package][: 3 - node.level] if node.level <= 2 else []
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module or ""
            names.append(module)
            names += [f"{module}.{alias.name}" for alias in node.names]
    return names


@pytest.mark.parametrize("path", _sources(), ids=lambda p: str(p.relative_to(ROOT)))
def test_reader_modules_parse_no_xml(path: Path):
    """No zipfile, lxml, xml.* or WordprocessingML names; no XML parsing calls."""
    package = path.relative_to(ROOT).parts[0]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    bad = [
        name
        for name in _imports(tree, package)
        if any(name == mod or name.startswith(mod + ".") for mod in _FORBIDDEN_MODULES)
    ]
    calls = {
        node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
    }
    assert not bad, f"{path.name} imports {bad}: read files through dvtemplate.docx"
    assert not calls & _FORBIDDEN_CALLS, f"{path.name} parses XML itself: {calls & _FORBIDDEN_CALLS}"


def test_the_scan_sees_the_readers():
    """check/ and importer/ are scanned (the test is not vacuous) and docx/ itself would fail it."""
    scanned = {path.relative_to(ROOT).parts[0] for path in _sources()}
    assert {"check", "importer"} <= scanned
    tree = ast.parse((ROOT / "docx" / "package.py").read_text(encoding="utf-8"))
    assert any(name.startswith(("zipfile", "lxml")) for name in _imports(tree, "docx"))
