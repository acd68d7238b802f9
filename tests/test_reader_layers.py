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


_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_STYLES = (
    f"<w:styles {_W}>"
    '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>'
    '<w:style w:type="paragraph" w:styleId="Base"><w:name w:val="Base"/><w:basedOn w:val="Normal"/>'
    '<w:pPr><w:outlineLvl w:val="1"/></w:pPr><w:rPr><w:b/></w:rPr></w:style>'
    '<w:style w:type="paragraph" w:styleId="Child"><w:name w:val="Đề mục"/><w:basedOn w:val="Base"/>'
    "<w:rPr><w:i/></w:rPr></w:style>"
    '<w:style w:type="character" w:styleId="Plain"><w:name w:val="Plain"/><w:rPr><w:b w:val="none"/></w:rPr></w:style>'
    "</w:styles>"
)


def test_one_paragraph_model_resolves_styles(tmp_path):
    """Bold and italic through a basedOn chain, a character style switching bold off ("none"), the
    style name and its outline level, in the one paragraph model every reader uses."""
    from hostile import body_docx

    from dvtemplate.docx import open_package, read_document

    body = (
        '<w:p><w:pPr><w:pStyle w:val="Child"/></w:pPr><w:r><w:t>I. MỤC TIÊU</w:t></w:r></w:p>'
        '<w:p><w:pPr><w:pStyle w:val="Child"/></w:pPr><w:r><w:rPr><w:rStyle w:val="Plain"/></w:rPr>'
        "<w:t>thường</w:t></w:r></w:p>"
    )
    path = body_docx(tmp_path / "styled.docx", body, {"word/styles.xml": _STYLES})
    paras = read_document(open_package(path)).paras
    assert [(p.bold, p.italic) for p in paras] == [(True, True), (False, True)]
    assert paras[0].style == "Đề mục" and paras[0].heading == 2


# ------------------------------------------------------------------ engine/ and web/: one zip gate
OTHER_LAYERS = ("engine", "web")
XML_ALLOWED = {
    "engine/compiled.py": "parses the template parts the gate (docx.package.ZipGate) unpacked, and its own output",
    "engine/lint.py": "parses the template parts the gate unpacked",
    "engine/ooxml.py": "post-processes the XML dvtemplate itself rendered",
}
"""The only modules outside docx/ that parse XML, each with the reason; none opens a zip."""


def _layer_sources() -> list[Path]:
    return [path for package in OTHER_LAYERS for path in sorted((ROOT / package).rglob("*.py"))]


@pytest.mark.parametrize("path", _layer_sources(), ids=lambda p: str(p.relative_to(ROOT)))
def test_engine_and_web_open_no_zip_and_parse_only_where_named(path: Path):
    rel = path.relative_to(ROOT).as_posix()
    package = path.relative_to(ROOT).parts[0]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = _imports(tree, package)
    calls = {
        node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
    }
    assert not [n for n in names if n == "zipfile" or n.startswith("zipfile.")], f"{rel}: open zips with ZipGate"
    assert "ZipFile" not in calls, f"{rel} opens a zip itself: use dvtemplate.docx.package.ZipGate"
    parses = bool(calls & (_FORBIDDEN_CALLS - {"ZipFile"})) or any(n.startswith("lxml") for n in names)
    assert not parses or rel in XML_ALLOWED, f"{rel} parses XML; only {sorted(XML_ALLOWED)} may (reasons named)"


def test_templates_go_through_the_gate():
    """The engine reads template parts through docx.package.ZipGate (the one zip gate)."""
    tree = ast.parse((ROOT / "engine" / "compiled.py").read_text(encoding="utf-8"))
    assert "dvtemplate.docx.ZipGate" in _imports(tree, "engine")  # exported by docx from docx.package
    assert all((ROOT / rel).exists() for rel in XML_ALLOWED)
