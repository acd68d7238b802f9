"""Every Nghị định 30 constant is typed once, in dvtemplate/vn/nd30.py, and each user imports it from there."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from dvtemplate.vn import nd30

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "dvtemplate" / "vn" / "nd30.py"
# a demo that types a wrong Tiêu ngữ on purpose, to show the checker finding it
_DEMOS = {ROOT / "tools" / "make_check_demo.py"}


def _modules() -> list[Path]:
    files = sorted((ROOT / "dvtemplate").rglob("*.py")) + sorted((ROOT / "tools").rglob("*.py"))
    return [path for path in files if path != SOURCE and path not in _DEMOS]


def _docstrings(tree: ast.AST) -> set[int]:
    ids = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr):
            if isinstance(body[0].value, ast.Constant) and isinstance(body[0].value.value, str):
                ids.add(id(body[0].value))
    return ids


def _descriptions(tree: ast.AST) -> set[int]:
    """Help texts of model fields (``description=...``): they quote the decree to the user, they state no rule."""
    return {
        id(sub)
        for node in ast.walk(tree)
        if isinstance(node, ast.keyword) and node.arg == "description"
        for sub in ast.walk(node.value)
    }


def _constants(path: Path) -> list[tuple[int, object]]:
    """(line, value) of every literal in *path* that is not a docstring or a field's help text."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = _docstrings(tree) | _descriptions(tree)
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and id(node) not in skip and not isinstance(node.value, bool)
    ]


# the same words meaning something else: a body heading ("Chế độ báo cáo"), not the title BÁO CÁO
_ALLOWED = {("dvtemplate/importer/body.py", "BÁO CÁO")}
_ABBREVIATIONS = nd30.KY_HIEU_TYPES - {"CT", "TC", "TB", "PC", "PA", "DA"}  # short ones mean other things too


def _offence(value: object) -> str | None:
    if isinstance(value, int) and value in nd30.A4_TWIPS:
        return "A4 size in twips"
    if not isinstance(value, str):
        return None
    if nd30.QUOC_HIEU in value or "CỘNG HÒA XÃ HỘI" in value:
        return "Quốc hiệu"
    if nd30.TIEU_NGU in value or "Độc lập -" in value:
        return "Tiêu ngữ"
    if nd30.FONT in value:
        return "font name"
    if value in nd30.AUTHORITY_PREFIXES or "TUQ" in value or "TM|KT" in value:
        return "authority prefix"
    if value in _ABBREVIATIONS or value in nd30.TITLE_TYPES:
        return "Phụ lục III type"
    if any(phrase in value for phrase in (nd30.TRAN_TRONG, nd30.NOI_NHAN, f"- {nd30.AS_ABOVE};", nd30.KINH_GUI + ":")):
        return "closing phrase"
    return None


def test_nd30_literals_typed_only_in_nd30():
    """Quốc hiệu, Tiêu ngữ, authority prefixes, type abbreviations, closing phrases, font and A4 size appear
    in no other module."""
    found = [
        f"{path.relative_to(ROOT)}:{line}: {what} {value!r}"
        for path in _modules()
        for line, value in _constants(path)
        if (what := _offence(value)) and (str(path.relative_to(ROOT)), value) not in _ALLOWED
    ]
    assert not found, "typed outside vn/nd30.py:\n" + "\n".join(found)


def test_nd30_module_holds_them():
    """The scan is not vacuous: the source module itself holds every literal it looks for."""
    values = [value for _line, value in _constants(SOURCE)]
    for probe in (nd30.QUOC_HIEU, nd30.TIEU_NGU, nd30.FONT, "TUQ.", "QyĐ", 11906, nd30.TRAN_TRONG, nd30.NOI_NHAN):
        assert probe in values


def test_users_import_the_same_objects():
    """Each user holds the very objects of vn.nd30, not copies."""
    from dvtemplate.check import _rules_closing as rules_closing
    from dvtemplate.check import _rules_header as rules_header
    from dvtemplate.check import _rules_page as rules_page
    from dvtemplate.contexts import common
    from dvtemplate.docx import frame as components
    from dvtemplate.docx import header
    from dvtemplate.importer import fields
    from dvtemplate.model import people
    from dvtemplate.vn import docrefs, signing
    from templatebuild import document, parts

    assert rules_header.QUOC_HIEU is nd30.QUOC_HIEU and rules_header.TIEU_NGU is nd30.TIEU_NGU
    assert rules_header.KY_HIEU_TYPES is nd30.KY_HIEU_TYPES and rules_header.parse_so is nd30.parse_so
    assert rules_header.parse_date_line is nd30.parse_date_line
    assert (
        rules_closing.AUTHORITY_PREFIXES is nd30.AUTHORITY_PREFIXES
        and rules_closing.AUTHORITY_LIKE is nd30.AUTHORITY_LIKE
    )
    assert components.TITLE_TYPES is nd30.TITLE_TYPES and header.SO_START is nd30.SO_START
    assert rules_page.FONT is nd30.FONT and rules_page.MARGINS_MM is nd30.MARGINS_MM
    assert people.AUTHORITIES is nd30.AUTHORITY_PREFIXES
    assert (
        signing.AUTHORITY_PREFIXES is nd30.AUTHORITY_PREFIXES and docrefs.TYPE_ABBREVIATIONS is nd30.TYPE_ABBREVIATIONS
    )
    assert common.HEADER_LEFT_TEXT_MM is nd30.HEADER_LEFT_TEXT_MM
    assert (header._QH, header._MOTTO, header._SO, header._DATE, fields._AUTH) == (
        nd30.QUOC_HIEU_START,
        nd30.TIEU_NGU_START,
        nd30.SO_LINE,
        nd30.DATE_LINE,
        nd30.AUTHORITY_LINE,
    )
    assert document.FONT is nd30.FONT and document.TIEU_NGU is nd30.TIEU_NGU and parts.QUOC_HIEU is nd30.QUOC_HIEU
    assert document.LAYOUT.left_col == nd30.HEADER_LEFT_COL_MM and document.LAYOUT.right_col == nd30.HEADER_RIGHT_COL_MM
    assert document.LAYOUT.left == nd30.TEMPLATE_MARGINS_MM["left"] and document.BODY_PT == nd30.BODY_PT


def test_header_text_width_fits_the_column():
    """The contexts' text width is the left column less the table's cell margins (28 twips each side)."""
    cell_margins_mm = 2 * 28 * 25.4 / 1440
    assert nd30.HEADER_LEFT_TEXT_MM <= nd30.HEADER_LEFT_COL_MM - cell_margins_mm


@pytest.mark.parametrize(
    ("prefixes", "allowed"),
    [((), True), (("Q.",), True), (("TM.", "KT."), True), (("TM.", "TL."), False), (("KT.", "TM."), False)],
)
def test_authority_chain_rule(prefixes, allowed):
    """TM. followed by KT. is the only combination; the model and the signer lines agree."""
    from dvtemplate.model import Signer
    from dvtemplate.vn import parse_authority

    assert nd30.chain_allowed(prefixes) is allowed
    if not prefixes:
        return
    typed = " ".join(prefixes)
    fields = {"on_behalf_of": "Ủy ban nhân dân", "head_title": "Chủ tịch", "title": "Phó Chủ tịch", "name": "Lê Văn An"}
    if allowed:
        assert Signer(authority=typed, **fields).authorities == prefixes
        assert parse_authority("+".join(prefixes)) == prefixes
    else:
        with pytest.raises(ValueError):
            Signer(authority=typed, **fields)
        with pytest.raises(ValueError):
            parse_authority("+".join(prefixes))


def test_parsers_read_what_the_formatters_write():
    """parse_so and parse_date_line read back so_line and date_line (a draft's blanks included)."""
    from dvtemplate.vn import date_line, so_line

    so = nd30.parse_so(so_line(5, "KH-UBND"))
    assert (so["colon"], so["number"], so["symbol"]) == (True, "05", "KH-UBND")
    assert nd30.parse_so(so_line(None, "KH-UBND"))["symbol"] == "KH-UBND"
    parts = nd30.parse_date_line(date_line("Ninh Thuận", 5, 1, 2024))
    assert (parts["place"], parts["d"], parts["m"], parts["y"]) == ("Ninh Thuận", "05", "01", "2024")
    blank = nd30.parse_date_line(date_line("Ninh Thuận", None, None, 2024))
    assert (blank["d"], blank["m"], blank["y"]) == ("", "", "2024")
    read = nd30.DATE_LINE.match(date_line("Phường Tân Định", 15, 12, 2025))
    assert read["place"] == "Phường Tân Định" and read["d"] == "15"
    assert nd30.normalise_tieu_ngu("Độc lập–Tự do — Hạnh phúc") == nd30.TIEU_NGU
    assert nd30.is_quoc_hieu("Cộng hoà xã hội chủ nghĩa Việt Nam") and nd30.is_tieu_ngu(nd30.TIEU_NGU.upper())
    assert nd30.kind_abbreviation("plan") == "KH" and nd30.kind_title("report") == "BÁO CÁO"
    assert nd30.kind_abbreviation("letter") == ""


def test_docstring_examples():
    """The examples in vn/nd30.py run (the module is imported as a whole, not re-exported by vn)."""
    import doctest

    result = doctest.testmod(nd30, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0
