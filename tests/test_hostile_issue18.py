"""Issue 18: no plan, returned form or reply can stop or hang a command, and none ends in exit 70.

Every CLI case runs under a time and memory limit (tests/hostile.py); every hostile input is
generated here. Each test failed on the code before issue 18.
"""

from __future__ import annotations

import time
from decimal import Decimal

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
        ["batch", "--units", str(EXAMPLE.parent / "don-vi.csv"), *PERIOD, "-o", "{out}"],
        ["comments", "{out}", "-o", "{out}"],
    ],
    ids=lambda a: a[0],
)
def test_yaml_alias_amplification_is_bounded_by_expanded_size(tmp_path, argv):
    plan = _amplified_plan(tmp_path / "khuech-dai.yaml")
    out = tmp_path / "ra"
    out.mkdir()
    args = [argv[0], plan, *(a.format(out=out) for a in argv[1:])]
    err = assert_user_error(run_bounded(args, seconds=20, memory_mb=400), 2, "khuech-dai.yaml")
    assert f"{limits.MAX_YAML_EXPANDED_CHARS:_}".replace("_", ".") in err, err
    assert not list(out.iterdir())


WEB_CHILD = """
import json, resource, sys
limit = 800 * 1024 * 1024
resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
sys.path[:0] = [sys.argv[1]]
from starlette.testclient import TestClient
from dvtemplate.web.app import create_app
with TestClient(create_app(sys.argv[2], token="t", hosts={"127.0.0.1:8765"}), base_url="http://127.0.0.1:8765") as c:
    page = c.get("/?token=t")
    plan = c.get("/ke-hoach/tot.yaml")
print(json.dumps({"list": [page.status_code, page.text], "plan": plan.status_code}))
"""


def test_web_list_shows_an_amplified_plan_as_broken_and_the_others_work(tmp_path):
    import json
    import subprocess
    import sys

    from hostile import ROOT

    folder = tmp_path / "lam-viec"
    folder.mkdir()
    (folder / "tot.yaml").write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    _amplified_plan(folder / "khuech-dai.yaml")
    try:  # in a child under a memory limit: the list page once grew to 12 GB on such a plan
        done = subprocess.run(
            [sys.executable, "-c", WEB_CHILD, str(ROOT), str(folder)], capture_output=True, text=True, timeout=30
        )
    except subprocess.TimeoutExpired:
        raise AssertionError("trang danh sách không trả lời trong 30 s") from None
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads(done.stdout)
    status, page = result["list"]
    assert status == 200 and result["plan"] == 200
    assert "khuech-dai.yaml" in page and "tot.yaml" in page
    assert f"{limits.MAX_YAML_EXPANDED_CHARS:_}".replace("_", ".") in page


# ----------------------------------------------------------------------------- returned forms (collect)
UNIT = "Ủy ban nhân dân xã An Bình"


@pytest.fixture(scope="module")
def blank_form(tmp_path_factory) -> bytes:
    """The example plan's report form for one xã, as a unit receives it."""
    from dvtemplate import load_plan, render_report

    out = tmp_path_factory.mktemp("mau")
    return render_report(load_plan(EXAMPLE), out, period="2026-H1", unit=UNIT).files[0].read_bytes()


def _with_parts(form: bytes, path, changes: dict[str, bytes]):
    """*form* with the parts in *changes* replaced or added, written uncompressed to *path*."""
    import io
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(form))
    parts = {name: source.read(name) for name in source.namelist()} | changes
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    path.write_bytes(buffer.getvalue())
    return path


def many_controls(form: bytes, count: int) -> bytes:
    """*count* small filled controls in the first dotted writing line of the form's document.xml."""
    import io
    import zipfile

    document = zipfile.ZipFile(io.BytesIO(form)).read("word/document.xml")
    at = document.find(b"</w:p>", document.find(b'w:val="DVDots"'))
    controls = b"".join(
        b'<w:sdt><w:sdtPr><w:tag w:val="t%d"/></w:sdtPr><w:sdtContent><w:r><w:t>%d</w:t></w:r></w:sdtContent></w:sdt>'
        % (i, i)
        for i in range(count)
    )
    return document[:at] + controls + document[at:]


def test_collect_reads_a_form_with_100000_controls_in_one_paragraph_in_linear_time(tmp_path, blank_form):
    inbox = tmp_path / "hop-thu"
    inbox.mkdir()
    _with_parts(blank_form, inbox / "nhieu-o.docx", {"word/document.xml": many_controls(blank_form, 100_000)})
    out = tmp_path / "tong-hop"
    started = time.perf_counter()
    code, stdout, err = run_bounded(["collect", EXAMPLE, *PERIOD, "-o", out, inbox], seconds=60, memory_mb=1500)
    print(f"collect, 100.000 ô: {time.perf_counter() - started:.1f} s")
    assert code in (0, 1), err
    assert "Traceback" not in err
    assert (out / "tong-hop-2026-H1.xlsx").exists()


@pytest.mark.parametrize(
    ("custom", "reason"),
    [
        (b'<?xml version="1.0"?><!DOCTYPE p [<!ENTITY a "b">]><Properties>&a;</Properties>', "DTD"),
        (b'<?xml version="1.0"?><Properties><property name="x">', "docProps/custom.xml"),
        (bytes(range(256)) * 64, "docProps/custom.xml"),
    ],
    ids=["dtd", "malformed", "binary"],
)
def test_a_form_with_a_bad_custom_xml_is_listed_and_the_others_are_aggregated(tmp_path, blank_form, custom, reason):
    from collectfill import fill

    inbox = tmp_path / "hop-thu"
    inbox.mkdir()
    (inbox / "tot.docx").write_bytes(fill(blank_form, {"dvt:ind:doi-thoai": "12"}))
    _with_parts(blank_form, inbox / "hong.docx", {"docProps/custom.xml": custom})
    out = tmp_path / "tong-hop"
    code, stdout, err = run_bounded(["collect", EXAMPLE, *PERIOD, "-o", out, inbox], seconds=30)
    assert code == 1, (code, err)
    assert "Traceback" not in err
    listed = stdout + err
    assert "hong.docx" in listed and reason in listed, listed
    import openpyxl

    book = openpyxl.load_workbook(out / "tong-hop-2026-H1.xlsx", read_only=True)
    cells = [str(c) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True) for c in row if c]
    assert any(UNIT in c for c in cells)
    assert any("hong.docx" in c for c in cells)


# ----------------------------------------------------------------------------- 5. no exit 70 from data
@pytest.mark.parametrize("digits", [400, 4000, 4300])
@pytest.mark.parametrize("tag", ["dvt:ind:phan-anh", "dvt:ind:kinh-phi"])
def test_a_huge_figure_is_an_invalid_value_not_a_crash(tmp_path, blank_form, digits, tag):
    import openpyxl
    from collectfill import fill

    inbox = tmp_path / "hop-thu"
    inbox.mkdir()
    (inbox / "so-lon.docx").write_bytes(fill(blank_form, {tag: "9" * digits, "dvt:ind:doi-thoai": "12"}))
    out = tmp_path / "tong-hop"
    code, stdout, err = run_bounded(["collect", EXAMPLE, *PERIOD, "-o", out, inbox], seconds=30)
    assert code in (0, 1), (code, err)
    assert "Traceback" not in err
    assert f"quá {limits.MAX_FIGURE_DIGITS} chữ số" in stdout + err
    book = openpyxl.load_workbook(out / "tong-hop-2026-H1.xlsx", read_only=True)
    cells = [c for sheet in book.worksheets for row in sheet.iter_rows(values_only=True) for c in row]
    assert any(str(c).startswith(f"sai kiểu: {UNIT}") and "chữ số" in str(c) for c in cells), cells
    assert 12 in cells


@pytest.mark.parametrize("cited", ["Mục IIII", "Mục VV", "Mục " + "I" * 200_000], ids=["IIII", "VV", "200000xI"])
def test_a_reply_citing_a_numeral_that_is_not_one_is_unmapped_with_a_warning(tmp_path, cited):
    from commentdocs import reply_docx

    folder = tmp_path / "gop-y"
    folder.mkdir()
    (folder / "sai-so.docx").write_bytes(reply_docx(body=[f"Tại {cited}: đề nghị bổ sung nội dung tuyên truyền."]))
    (folder / "dung.docx").write_bytes(
        reply_docx(issuer=["SỞ Y TẾ"], so="Số: 90/SYT-VP", body=["Tại khoản 1 Mục II: đề nghị bổ sung."])
    )
    out = tmp_path / "tong-hop"
    code, stdout, err = run_bounded(["comments", EXAMPLE, folder, "-o", out], seconds=30)
    assert code in (0, 1), (code, err)
    assert "Traceback" not in err
    shown = stdout + err
    assert f"dự thảo không có '{cited[:60]}" in shown and "xếp vào ý kiến chung" in shown, shown
    assert "I" * 200 not in shown
    assert list(out.glob("*.docx"))


def _xlsx_with_entity(path):
    """A responses workbook whose sheet declares and uses an XML entity (a billion-laughs seed)."""
    import io
    import zipfile

    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(["Mã", "Phần", "Đơn vị", "Nội dung", "Ý kiến", "Lý do"])
    buffer = io.BytesIO()
    book.save(buffer)
    source = zipfile.ZipFile(buffer)
    parts = {name: source.read(name) for name in source.namelist()}
    sheet = parts["xl/worksheets/sheet1.xml"]
    start = sheet.index(b"<worksheet")
    laughs = b'<!DOCTYPE w [<!ENTITY a "hahahahaha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
    parts["xl/worksheets/sheet1.xml"] = (
        sheet[:start]
        + laughs
        + sheet[start:]
        .replace(b'ref="A1:F1"', b'ref="A1:F2"')
        .replace(b"</sheetData>", b'<row r="2"><c r="A2" t="inlineStr"><is><t>GY-&b;</t></is></c></row></sheetData>')
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    path.write_bytes(out.getvalue())
    return path


def test_comments_responses_with_an_xml_entity_is_a_vietnamese_exit_2(tmp_path):
    from commentdocs import reply_docx

    folder = tmp_path / "gop-y"
    folder.mkdir()
    (folder / "dung.docx").write_bytes(reply_docx(body=["Tại khoản 1 Mục II: đề nghị bổ sung."]))
    responses = _xlsx_with_entity(tmp_path / "tra-loi.xlsx")
    out = tmp_path / "tong-hop"
    result = run_bounded(["comments", EXAMPLE, folder, "-o", out, "--responses", responses], seconds=30)
    assert_user_error(result, 2, "tra-loi.xlsx", "DTD")
    assert not out.exists() or not list(out.iterdir())


# ----------------------------------------------------------------------------- 6. the file at fault is named
def _reply_with_paragraphs(lines: list[str]) -> bytes:
    """A reply letter whose body holds *lines*, one paragraph each (written as raw XML: fast for 100,000)."""
    import io
    import zipfile
    from xml.sax.saxutils import escape

    from commentdocs import reply_docx

    base = reply_docx(body=["MARKER-BODY"])
    source = zipfile.ZipFile(io.BytesIO(base))
    parts = {name: source.read(name) for name in source.namelist()}
    paragraphs = "".join(f"<w:p><w:r><w:t>{escape(line)}</w:t></w:r></w:p>" for line in lines)
    document = parts["word/document.xml"].decode()
    parts["word/document.xml"] = document.replace(
        "MARKER-BODY", "Góp ý như sau:</w:t></w:r></w:p>" + paragraphs + "<w:p><w:r><w:t>.", 1
    ).encode()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return out.getvalue()


def test_a_reply_with_100000_citations_is_listed_as_too_large_and_the_others_go_on(tmp_path):
    from commentdocs import reply_docx

    folder = tmp_path / "gop-y"
    folder.mkdir()
    lines = [f"{i}. Tại khoản {i % 9 + 1} Mục II: đề nghị sửa ý số {i}." for i in range(100_000)]
    (folder / "qua-lon.docx").write_bytes(_reply_with_paragraphs(lines))
    (folder / "dung.docx").write_bytes(
        reply_docx(issuer=["SỞ Y TẾ"], so="Số: 90/SYT-VP", body=["Tại khoản 1 Mục II: đề nghị bổ sung hội nghị."])
    )
    out = tmp_path / "tong-hop"
    started = time.perf_counter()
    code, stdout, err = run_bounded(["comments", EXAMPLE, folder, "-o", out], seconds=120, memory_mb=1500)
    print(f"comments, 100.000 trích dẫn: {time.perf_counter() - started:.1f} s")
    assert code in (0, 1), (code, err)
    shown = stdout + err
    assert "comments_table" not in shown and "Mẫu" not in shown, shown
    assert "qua-lon.docx" in shown and "quá nhiều ý kiến" in shown, shown
    import docx

    table = docx.Document(next(out.glob("Ban-tong-hop*.docx")))
    text = "\n".join(c.text for t in table.tables for r in t.rows for c in r.cells)
    assert "đề nghị bổ sung hội nghị" in text and "đề nghị sửa ý số" not in text


# ----------------------------------------------------------------------------- 7. smaller holes
def test_a_10_mb_value_in_one_control_is_named_in_vietnamese(tmp_path, blank_form):
    import io
    import zipfile

    document = zipfile.ZipFile(io.BytesIO(blank_form)).read("word/document.xml")
    hint = "Nhập kết quả…".encode()
    assert hint in document
    huge = document.replace(hint, b"x" * 10_500_000, 1)
    inbox = tmp_path / "hop-thu"
    inbox.mkdir()
    _with_parts(blank_form, inbox / "dai.docx", {"word/document.xml": huge})
    out = tmp_path / "tong-hop"
    code, stdout, err = run_bounded(["collect", EXAMPLE, *PERIOD, "-o", out, inbox], seconds=30)
    shown = stdout + err
    assert code == 1, (code, err)
    assert "XML_PARSE_HUGE" not in shown and "Text node" not in shown, shown
    assert "dai.docx" in shown and "quá 10.000.000 byte" in shown, shown
    checked = run_bounded(["check", inbox / "dai.docx"], seconds=30)
    assert "XML_PARSE_HUGE" not in checked[1] + checked[2]
    assert "quá 10.000.000 byte" in checked[1] + checked[2], checked


@pytest.mark.parametrize("force", [False, True])
def test_calendar_refuses_one_path_for_two_outputs(tmp_path, force):
    target = tmp_path / "lich.ics"
    same = tmp_path / "." / "lich.ics"
    argv = ["calendar", EXAMPLE, "-o", target, "--xlsx", same] + (["--force"] if force else [])
    err = assert_user_error(run_bounded(argv), 1, "lich.ics", "hai")
    assert "Đã ghi" not in err
    assert not target.exists()


def test_every_writer_refuses_one_path_for_two_outputs(tmp_path):
    from dvtemplate.errors import OutputError
    from dvtemplate.output import check_free, write_new

    (tmp_path / "a").mkdir()
    one, other = tmp_path / "a" / "x.docx", tmp_path / "a" / ".." / "a" / "x.docx"
    with pytest.raises(OutputError, match="x.docx"):
        check_free([one, other], force=True)
    with pytest.raises(OutputError, match="x.docx"):
        write_new([(one, b"1"), (other, b"2")], force=True)
    assert not one.exists()
    check_free([one, tmp_path / "a" / "y.docx"], force=False)  # different files: no refusal


@pytest.mark.parametrize("touched", [False, True], ids=["controls-only", "typed-outside"])
def test_a_form_whose_properties_name_another_unit_is_warned_naming_both(tmp_path, blank_form, touched):
    import io
    import os
    import zipfile

    from collectfill import fill

    other = "Ủy ban nhân dân xã Cam Hải"
    inbox = tmp_path / "hop-thu"
    inbox.mkdir()
    forged = fill(blank_form, {"dvt:ind:doi-thoai": "99"})
    custom = zipfile.ZipFile(io.BytesIO(forged)).read("docProps/custom.xml")
    changes = {"docProps/custom.xml": custom.replace(UNIT.encode(), other.encode())}
    if touched:  # text typed outside the controls: the whole document is read, not only the controls
        document = zipfile.ZipFile(io.BytesIO(forged)).read("word/document.xml")
        typed = '<w:p><w:pPr><w:pStyle w:val="DVDots"/></w:pPr><w:r><w:t>Ghi thêm.</w:t></w:r></w:p>'
        changes["word/document.xml"] = document.replace(b"</w:sdt></w:p>", b"</w:sdt></w:p>" + typed.encode(), 1)
        assert changes["word/document.xml"] != document
    path = _with_parts(forged, inbox / "gia-mao.docx", changes)
    os.utime(path, (1_780_000_000, 1_780_000_000))
    out = tmp_path / "tong-hop"
    code, stdout, err = run_bounded(["collect", EXAMPLE, *PERIOD, "-o", out, inbox], seconds=30)
    assert code in (0, 1), err
    warning = next((line for line in err.splitlines() if "gia-mao.docx" in line and "Mẫu dành cho" in line), "")
    assert other in warning and UNIT in warning, err


def test_a_reply_with_too_much_text_is_listed_by_name(tmp_path, monkeypatch):
    from commentdocs import reply_docx

    from dvtemplate.comments import collect_replies
    from dvtemplate.loading import load_plan

    monkeypatch.setattr(limits, "MAX_REPLY_CHARS", 300)
    folder = tmp_path / "gop-y"
    folder.mkdir()
    (folder / "dai.docx").write_bytes(reply_docx(body=["Tại khoản 1 Mục II: " + "đề nghị bổ sung. " * 30]))
    (folder / "ngan.docx").write_bytes(
        reply_docx(issuer=["SỞ Y TẾ"], so="Số: 90/SYT-VP", body=["Tại khoản 1 Mục II: đề nghị bổ sung hội nghị."])
    )
    collection = collect_replies(load_plan(EXAMPLE).plan, None, [folder], jobs=1)
    reasons = {name.rsplit("/", 1)[-1]: reason for name, reason in collection.problems}
    assert (
        list(reasons) == ["dai.docx"]
        and "ý kiến quá dài" in reasons["dai.docx"]
        and "tối đa 300" in reasons["dai.docx"]
    )
    assert [r.unit for r in collection.replies] == ["Sở Y tế"]


# ----------------------------------------------------------------------------- the pure functions behind items 5
@pytest.mark.parametrize("numeral", ["IIII", "VV", "I" * 200_000])
def test_a_numeral_written_wrong_is_a_citation_of_no_section(numeral):
    from dvtemplate.vn import parse_citation

    started = time.perf_counter()
    cited = parse_citation(f"Tại Mục {numeral}: đề nghị bổ sung.")
    assert time.perf_counter() - started < 2
    assert cited is not None and cited.section == 0 and len(cited.text) <= 61
    assert parse_citation("Tại khoản 1 Mục II: đề nghị bổ sung.").section == 2


@pytest.mark.parametrize("digits", [limits.MAX_FIGURE_DIGITS + 1, 400, 4300])
def test_a_figure_longer_than_the_limit_is_a_value_problem(digits):
    from dvtemplate.collect.numbers import ValueProblem, parse_value

    for kind in ("integer", "decimal", "percent"):
        with pytest.raises(ValueProblem, match="chữ số") as problem:
            parse_value("9" * digits, kind)
        assert len(str(problem.value)) < 200
    assert parse_value("9" * limits.MAX_FIGURE_DIGITS, "integer") == int("9" * limits.MAX_FIGURE_DIGITS)
    assert parse_value("1.234.567.890,5", "decimal") == Decimal("1234567890.5")
