"""dvtemplate.vn as a package: public surface, isolation, docstring examples."""

from __future__ import annotations

import ast
import doctest
import importlib
import inspect
import pathlib

import pytest

import dvtemplate.vn as vn

MODULES = ["text", "dates", "holidays", "numbering", "docrefs", "signing", "filenames", "citations"]
PACKAGE_DIR = pathlib.Path(vn.__file__).parent

# The signatures other modules were written against.
CONTRACT = {
    "nfc": ["text"],
    "clean_text": ["text"],
    "upper_vn": ["text"],
    "sentence_case": ["text"],
    "collapse_spaces": ["text"],
    "day_str": ["day"],
    "month_str": ["month"],
    "date_line": ["place", "day", "month", "year"],
    "date_words": ["d"],
    "short_date": ["d"],
    "parse_vn_date": ["text"],
    "add_years": ["d", "n"],
    "is_working_day": ["d"],
    "holiday_name": ["d"],
    "next_working_day": ["d"],
    "roman": ["n"],
    "from_roman": ["s"],
    "point_letter": ["index"],
    "point_index": ["letter"],
    "doc_number": ["n"],
    "ky_hieu": ["parts"],
    "so_line": ["number", "symbol", "year"],
    "cite_document": ["kind", "number", "symbol", "issued", "issuer", "subject"],
    "signer_lines": ["authority", "on_behalf_of", "head_title", "title"],
    "recipient_lines": ["recipients", "archive", "as_above", "drafter", "copies"],
    "kinh_gui_lines": ["recipients"],
    "safe_filename": ["name", "max_len"],
    "unique_filenames": ["names", "max_len"],
}


@pytest.mark.parametrize("name, params", sorted(CONTRACT.items()))
def test_contract_signatures(name, params):
    assert name in vn.__all__
    sig = inspect.signature(getattr(vn, name))
    assert list(sig.parameters)[: len(params)] == params
    extra = list(sig.parameters.values())[len(params) :]
    assert all(p.default is not inspect.Parameter.empty for p in extra)


def test_contract_keyword_only():
    sig = inspect.signature(vn.recipient_lines)
    for name in ("as_above", "drafter", "copies"):
        assert sig.parameters[name].kind is inspect.Parameter.KEYWORD_ONLY
    assert inspect.signature(vn.safe_filename).parameters["max_len"].kind is inspect.Parameter.KEYWORD_ONLY


def test_constants():
    assert vn.BLANK == "     "
    assert vn.AUTHORITY_PREFIXES == ("TM.", "KT.", "TL.", "TUQ.", "Q.")
    assert isinstance(vn.POINT_ALPHABET, tuple) and isinstance(vn.TYPE_ABBREVIATIONS, dict)


def test_all_is_complete_and_resolvable():
    exported = set(vn.__all__)
    assert len(exported) == len(vn.__all__)
    for module_name in MODULES:
        module = importlib.import_module(f"dvtemplate.vn.{module_name}")
        assert set(module.__all__) <= exported, module_name
        for name in module.__all__:
            assert getattr(vn, name) is getattr(module, name)


@pytest.mark.parametrize("path", sorted(PACKAGE_DIR.glob("*.py")), ids=lambda p: p.name)
def test_imports_nothing_else_of_dvtemplate(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                assert node.level == 1, f"{path.name} reaches outside vn/"
            else:
                assert not (node.module or "").startswith(("dvtemplate", "lxml", "docx")), path.name
        elif isinstance(node, ast.Import):
            for alias in node.names:
                assert not alias.name.startswith(("dvtemplate", "lxml", "docx")), path.name


@pytest.mark.parametrize("module_name", MODULES)
def test_docstring_examples(module_name):
    module = importlib.import_module(f"dvtemplate.vn.{module_name}")
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0
    assert result.failed == 0


@pytest.mark.parametrize("name", [n for n in vn.__all__ if callable(getattr(vn, n))])
def test_every_function_has_an_example(name):
    doc = inspect.getdoc(getattr(vn, name)) or ""
    assert ">>>" in doc, name
