"""Whatever a clerk pastes renders literally and legibly, and never escapes OUTDIR."""

from __future__ import annotations

import os
import shutil
import unicodedata
import zipfile
from pathlib import Path

import docx
import pytest
from lxml import etree

from dvtemplate.check import check_docx
from dvtemplate.documents import render_plan
from dvtemplate.model import Plan
from nd30 import W, assert_nd30

NFD_PLACE = unicodedata.normalize("NFD", "Thừa Thiên Huế, Đắk Lắk, Nghệ An")
NASTY = {
    "jinja": "Giữ nguyên {{ header.so }} và {% if true %}X{% endif %} và {# chú #} và {{",
    "xml": "A & B < C > D \"kép\" 'đơn' “cong” ‘cong’ ]]> <![CDATA[x]]> </w:t></w:r><w:r><w:t>chèn",
    "tab": "Cột một\tCột hai",
    "newline": "Dòng một\nDòng hai",
    "control": "Có\x00ký\x07tự\x1bđiều\x0ckhiển\x7f",
    "nfd": f"Địa bàn {NFD_PLACE}",
    "bidi": "Chữ\u202e đảo\u200f chiều\u2066",
    "emoji": "Thi đua 👍🏽 🇻🇳 👨‍👩‍👧 ✅",
    "nonchar": "Ký tự cấm\ufffe\uffff\ud800 hết",
}
LONG = ("Đoạn văn rất dài về công tác dân vận chính quyền & cải cách hành chính <thử>. " * 1400)[:100_000]


def nasty_plan(**extra) -> Plan:
    data = {
        "issuer": {"name": "Ủy ban nhân dân xã An & Bình", "abbreviation": "UBND", "place": NFD_PLACE.split(",")[0]},
        "title": NASTY["jinja"],
        "year": 2026,
        "legal_bases": [{"text": NASTY["xml"]}],
        "intro": NASTY["nfd"],
        "sections": [
            {
                "title": NASTY["xml"],
                "paragraphs": [NASTY["tab"], NASTY["newline"], NASTY["control"], LONG],
                "items": [{"title": NASTY["emoji"], "points": [NASTY["bidi"], NASTY["nonchar"]]}],
                "bullets": [{"text": NASTY["jinja"], "sub": [NASTY["xml"]]}],
            }
        ],
        "footnotes": {"k": NASTY["xml"]},
        "closing": "Kết thúc[^k] {{ x }}./.",
        "recipients": {"items": [NASTY["xml"], NASTY["jinja"]], "archive": "VT, VP"},
        "signer": {"title": "Chủ tịch", "name": "Nguyễn Văn <An>"},
    }
    data.update(extra)
    return Plan.model_validate(data)


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("nasty")
    return render_plan(nasty_plan(), out).files[0]


def all_text(path: Path) -> str:
    document = docx.Document(str(path))
    texts = [p.text for p in document.paragraphs]
    for table in document.tables:
        texts += [p.text for cell in table._cells for p in cell.paragraphs]
    return "\n".join(texts)


def test_renders_literally(rendered):
    text = all_text(rendered)
    assert "Giữ nguyên {{ header.so }} và {% if true %}X{% endif %} và {# chú #} và {{" in text
    assert "A & B < C > D \"kép\" 'đơn' “cong” ‘cong’ ]]> <![CDATA[x]]> </w:t></w:r><w:r><w:t>chèn" in text
    assert "A & B < C > D" in text.upper() or "A & B < C > D" in text
    assert "Nguyễn Văn <An>" in text and "Kết thúc" in text and "{{ x }}./." in text
    assert "Thi đua 👍🏽 🇻🇳 👨‍👩‍👧 ✅" in text


def test_no_injected_markup(rendered):
    with zipfile.ZipFile(rendered) as z:
        root = etree.fromstring(z.read("word/document.xml"))
    texts = [t.text or "" for t in root.iter(f"{W}t")]
    assert any("</w:t></w:r><w:r><w:t>chèn" in t for t in texts), "the fake markup stayed text"
    assert not any(t == "chèn" for t in texts), "no run was injected"


def test_text_is_nfc_without_invisible_or_forbidden_characters(rendered):
    text = all_text(rendered)
    assert unicodedata.normalize("NFC", text) == text
    assert unicodedata.normalize("NFC", NFD_PLACE) in text and NFD_PLACE not in text
    for bad in ("\u202e", "\u200f", "\u2066", "\x00", "\x07", "\x1b", "\x0c", "\x7f", "\ufffe", "\uffff", "\ud800"):
        assert bad not in text, repr(bad)
    assert "Cókýtựđiềukhiển" in text
    assert "Ký tự cấm hết" in text


def test_tabs_and_newlines_become_word_tabs_and_breaks(rendered):
    with zipfile.ZipFile(rendered) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    assert "Cột một</w:t><w:tab/><w:t" in xml
    assert "Dòng một</w:t><w:br/><w:t" in xml
    text = all_text(rendered)
    assert "Cột một\tCột hai" in text and "Dòng một\nDòng hai" in text


def test_long_paragraph_kept_whole(rendered):
    document = docx.Document(str(rendered))
    longest = max(document.paragraphs, key=lambda p: len(p.text))
    assert longest.text == LONG.strip()


def test_passes_nd30_and_check(rendered):
    assert_nd30(rendered, "plan")
    report = check_docx(rendered, "plan")
    assert not report.errors, [str(f) for f in report.errors]


def test_footnote_text_escaped(rendered):
    with zipfile.ZipFile(rendered) as z:
        notes = etree.fromstring(z.read("word/footnotes.xml"))
    texts = "".join(t.text or "" for t in notes.iter(f"{W}t"))
    assert 'A & B < C > D "kép"' in texts


@pytest.mark.skipif(
    shutil.which("soffice") is None and os.environ.get("CI") != "true", reason="LibreOffice (soffice) không có"
)
def test_libreoffice_opens_it(rendered, tmp_path):
    from pypdf import PdfReader

    from dvtemplate.pdf import convert_to_pdf

    source = tmp_path / rendered.name
    shutil.copy(rendered, source)
    pdfs = convert_to_pdf([source])
    assert pdfs and Path(pdfs[0]).stat().st_size > 0
    text = "".join(page.extract_text() or "" for page in PdfReader(str(pdfs[0])).pages[:3])
    assert "A & B < C > D" in text
    assert "{{ header.so }}" in text


# ----------------------------------------------------------------------------- orphan headings
def headings(path: Path) -> list[str]:
    return [p.text for p in docx.Document(str(path)).paragraphs if p.style.name == "DV Phần"]


def minimal(**extra) -> dict:
    data = {
        "issuer": {"name": "Ủy ban nhân dân xã An Bình", "abbreviation": "UBND", "place": "An Bình"},
        "title": "Thử nghiệm",
        "year": 2026,
        "sections": [{"title": "Nội dung", "items": ["Làm việc thứ nhất."]}],
        "recipients": {"items": ["Các thôn"]},
        "signer": {"title": "Chủ tịch", "name": "Nguyễn Văn An"},
    }
    data.update(extra)
    return data


@pytest.mark.parametrize(
    "extra",
    [
        {},
        {"legal_bases": [], "targets": None, "assignments": None, "purposes": None, "footnotes": {}},
        {
            "sections": [
                {"title": "Nội dung", "items": ["Việc."]},
                {"title": "Phần trống"},
                {"title": "Rỗng", "items": []},
            ]
        },
        {"reporting": {"to": "UBND tỉnh", "entries": []}},
    ],
    ids=["bare", "empty-optionals", "empty-sections", "reporting-without-entries"],
)
def test_no_orphan_headings(tmp_path, extra):
    path = render_plan(Plan.model_validate(minimal(**extra)), tmp_path).files[0]
    assert headings(path) == ["I. NỘI DUNG"]
    document = docx.Document(str(path))
    texts = [p.text for p in document.paragraphs]
    assert not any(t.startswith("Căn cứ") for t in texts)
    assert_nd30(path, "plan")
    assert not check_docx(path, "plan").errors


def test_roman_numbers_stay_consecutive_when_parts_are_missing(tmp_path):
    plan = minimal(
        sections=[{"title": "Một"}, {"title": "Hai", "items": ["x."]}, {"title": "Ba", "bullets": ["y."]}],
        reporting={"entries": [{"kind": "yearly", "date": "15/12"}]},
    )
    path = render_plan(Plan.model_validate(plan), tmp_path).files[0]
    assert headings(path) == ["I. HAI", "II. BA", "III. TỔ CHỨC THỰC HIỆN"]


# ----------------------------------------------------------------------------- file names
@pytest.mark.parametrize(
    "title",
    [
        "../../../etc/passwd",
        "..\\..\\Windows\\System32\\x",
        "/tmp/evil",
        "CON",
        'a:b*c?d"e<f>g|h',
        "   ",
        "." * 50,
        "\u202e" + "exe.docx",
    ],
)
def test_output_never_leaves_outdir(tmp_path, title):
    out = tmp_path / "out"
    plan = Plan.model_validate(minimal(title=title.strip() or "x"))
    written = render_plan(plan, out).files[0]
    assert written.resolve().parent == out.resolve()
    assert [p.name for p in tmp_path.rglob("*.docx")] == [written.name]
    stem = written.name.rsplit(".", 1)[0]
    assert stem and all(c not in stem for c in '<>:"/\\|?*') and stem.isascii()


@pytest.mark.parametrize("name", ["../x.docx", "a/b.docx", "..", "/etc/x.docx", "..\\x.docx"])
def test_explicit_filenames_outside_outdir_are_refused(tmp_path, name):
    from dvtemplate.errors import OutputError

    if os.sep == "/" and name == "..\\x.docx":
        pytest.skip("a backslash is an ordinary character on POSIX")
    with pytest.raises(OutputError):
        render_plan(Plan.model_validate(minimal()), tmp_path / "out", filename=name)
    assert not list(tmp_path.rglob("*.docx"))


@pytest.mark.parametrize(("number", "words"), [(13, "không có quyền đọc"), (5, "lỗi đọc ghi ổ đĩa")])
def test_a_file_the_system_will_not_read_is_explained_in_vietnamese(tmp_path, monkeypatch, number, words):
    """Permission denied or a disk error while reading a plan or a .docx: the reason in Vietnamese."""
    import os

    from dvtemplate import reading
    from dvtemplate.docx import open_package
    from dvtemplate.errors import InputError

    plan = tmp_path / "ke-hoach.yaml"
    plan.write_text("year: 2026\n", encoding="utf-8")
    docx = tmp_path / "van-ban.docx"
    docx.write_bytes(b"PK\x03\x04" + b"\0" * 100)

    def refuse(*args, **kwargs):
        raise OSError(number, os.strerror(number))

    monkeypatch.setattr(reading.os, "open", refuse)
    with pytest.raises(InputError) as err:
        reading.read_input(plan, 1000)
    assert words in err.value.message and "ke-hoach.yaml" in err.value.message
    monkeypatch.setattr("builtins.open", refuse)
    monkeypatch.setattr(type(docx), "open", refuse)
    with pytest.raises(InputError) as err:
        open_package(docx)
    assert words in err.value.message
