"""Issue 10.3: every reader and the renderer do bounded work (dvtemplate/limits.py), each failure exit 2.

The CLI cases run in a subprocess under a time and memory limit (tests/hostile.py): a hang or an
out-of-memory is a failure. Pure functions are timed in-process on inputs that used to be quadratic.
"""

from __future__ import annotations

import io
import re
import time

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from hostile import EXAMPLE, ROOT, assert_user_error, body_docx, report_with_templates, run_bounded

from dvtemplate import limits
from dvtemplate.engine import builtin_template_bytes
from dvtemplate.engine.sandbox import LimitExceeded, make_environment, render_utf8

PERIOD = ("--period", "2026-H1")


# ----------------------------------------------------------------------------- YAML plan
def test_yaml_alias_bomb_is_refused_quickly(tmp_path):
    lines = ['a0: &a0 ["ha", "ha", "ha", "ha", "ha", "ha", "ha", "ha", "ha", "ha"]']
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 12)]
    plan = tmp_path / "bom.yaml"
    plan.write_text(EXAMPLE.read_text(encoding="utf-8") + "\nbom:\n  " + "\n  ".join(lines) + "\n", encoding="utf-8")
    assert_user_error(run_bounded(["validate", plan], seconds=20, memory_mb=600), 2, "bom.yaml", "bí danh")


def test_yaml_too_large_or_too_deep_is_refused(tmp_path):
    big = tmp_path / "lon.yaml"
    big.write_text("title: '" + "x" * (limits.MAX_YAML_BYTES + 10) + "'\n", encoding="utf-8")
    assert_user_error(run_bounded(["validate", big]), 2, "lon.yaml", "quá lớn")
    deep = tmp_path / "sau.yaml"
    deep.write_text("title: " + "[" * 50_000 + "]" * 50_000 + "\n", encoding="utf-8")
    assert_user_error(run_bounded(["validate", deep]), 2, "sau.yaml")
    many = tmp_path / "nhieu.yaml"
    many.write_text("title: [" + ", ".join(["1"] * (limits.MAX_YAML_NODES + 5)) + "]\n", encoding="utf-8")
    assert_user_error(run_bounded(["validate", many], seconds=30), 2, "nhieu.yaml", "quá nhiều giá trị")


# ----------------------------------------------------------------------------- units list
def test_units_list_over_the_unit_limit_is_refused(tmp_path):
    units = tmp_path / "don-vi.csv"
    rows = "".join(f"Ủy ban nhân dân xã Số {i},xã\n" for i in range(limits.MAX_UNITS + 2))
    units.write_text("Tên đơn vị,Cấp\n" + rows, encoding="utf-8")
    argv = ["batch", EXAMPLE, "--units", units, *PERIOD, "-o", tmp_path / "o"]
    assert_user_error(run_bounded(argv, seconds=60), 2, "don-vi.csv", "đơn vị")
    assert not (tmp_path / "o").exists()


# ----------------------------------------------------------------------------- the template sandbox
def edited(*texts: str, xml: tuple[str, ...] = ()) -> bytes:
    """The built-in report template with paragraphs appended (plain texts, then raw paragraph XML)."""
    document = docx.Document(io.BytesIO(builtin_template_bytes("report")))
    sect = document.element.body[-1]
    for text in texts:
        sect.addprevious(document.add_paragraph(text)._p)
    for fragment in xml:
        sect.addprevious(parse_xml(f"<w:p {nsdecls('w')}>{fragment}</w:p>"))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


HOSTILE_TEMPLATES = {
    "nested range": "{% for i in range(10000) %}{% for j in range(10000) %}{% endfor %}{% endfor %}",
    "filtered loop": "{% for i in range(10000) %}{% for j in range(10000) if false %}{% endfor %}{% endfor %}",
    "pow chain": "{{ ((9 ** 256) ** 256) ** 256 }}",
    "center": "{{ 'x'.center(10 ** 9) }}",
    "str.format": "{{ '{:>1000000000}'.format(1) }}",
    "percent": "{{ '%1000000000d' % 1 }}",
    "join": "{{ (['x' * 1000000] * 100000) | join }}",
    "replace": "{{ ('x' * 100000).replace('', 'y' * 100000) }}",
    "concat": "{% set a = 'x' * 1000000 %}{% set b = a ~ a %}{% set c = b ~ b %}{{ c ~ c }}",
    "recursive macro": "{% macro m(n) %}{{ m(n + 1) }}{% endmacro %}{{ m(0) }}",
    "output": "{% for i in range(10000) %}{{ 'x' * 1000000 }}{% endfor %}",
    "captured": "{% set x %}{% for i in range(10000) %}{{ 'x' * 100000 }}{% endfor %}{% endset %}{{ x | length }}",
}


@pytest.mark.parametrize("name", ["nested range", "pow chain", "str.format", "recursive macro", "captured"])
def test_hostile_template_cli_is_exit_2_and_writes_nothing(tmp_path, name):
    folder = tmp_path / "mau"
    folder.mkdir()
    (folder / "report.docx").write_bytes(edited(HOSTILE_TEMPLATES[name]))
    out = tmp_path / "o"
    argv = report_with_templates(folder, out)
    assert_user_error(run_bounded(argv, seconds=40, memory_mb=1024), 2, "report.docx", "giới hạn")
    assert not out.exists() or not any(out.iterdir())


@pytest.mark.parametrize("name", sorted(HOSTILE_TEMPLATES))
def test_every_amplifier_is_stopped_in_process(name):
    template = make_environment().from_string(HOSTILE_TEMPLATES[name])
    started = time.monotonic()
    with pytest.raises(LimitExceeded) as info:
        render_utf8(template, {})
    assert time.monotonic() - started < 15
    assert re.search(r"[ạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹđ]", str(info.value)), info.value


def test_ordinary_templates_still_render():
    source = (
        "{% for i in range(3) %}{{ i ~ '.' }}{% endfor %} {{ '%02d' | format(5) }} {{ '{:>4}'.format('x') }}"
        " {{ ['a', 'b'] | join(', ') }} {{ 'x' | center(5) }} {{ [1, 2] | sum }} {{ 2 ** 10 }}"
        "{% for x in [[1, [2]]] recursive %}{{ loop(x) if x is iterable else x }}{% endfor %}"
    )
    assert render_utf8(make_environment().from_string(source), {}).decode() == "0.1.2. 05    x a, b   x   3 1024" + "12"


# ----------------------------------------------------------------------------- malformed XML, lint
def test_template_rendering_malformed_xml_is_never_written(tmp_path):
    # an {% if %} that opens in one paragraph and closes inside a link of the next: false cuts the
    # opening <w:hyperlink> away and leaves its closing tag
    folder = tmp_path / "mau"
    folder.mkdir()
    opening = "<w:r><w:t>{% if unit.name == 'không có' %}mở</w:t></w:r>"
    closing = '<w:hyperlink w:anchor="a"><w:r><w:t>đóng{% endif %}</w:t></w:r></w:hyperlink>'
    (folder / "report.docx").write_bytes(edited(xml=(opening, closing)))
    out = tmp_path / "o"
    argv = report_with_templates(folder, out)
    assert_user_error(run_bounded(argv), 2, "XML hỏng")
    assert not out.exists() or not any(out.iterdir())
    code, stdout, _ = run_bounded(["templates", "lint", folder])
    assert code == 1 and "XML hỏng" in stdout, stdout


@pytest.mark.parametrize(
    "text, needle",
    [("{{ unit.name | safe }}", "safe"), ("{% autoescape false %}{{ unit.name }}{% endautoescape %}", "autoescape")],
)
def test_raw_markup_is_refused_by_render_and_flagged_by_lint(tmp_path, text, needle):
    folder = tmp_path / "mau"
    folder.mkdir()
    (folder / "report.docx").write_bytes(edited(text))
    argv = report_with_templates(folder, tmp_path / "o")
    assert_user_error(run_bounded(argv), 2, needle)
    code, stdout, _ = run_bounded(["templates", "lint", folder])
    assert code == 1 and needle in stdout, stdout


# ----------------------------------------------------------------------------- linear text matching
def _timed(func, *args) -> float:
    started = time.perf_counter()
    func(*args)
    return time.perf_counter() - started


def test_one_megabyte_paragraphs_parse_in_well_under_a_second():
    from dvtemplate.check._rules_closing import recipient_problems
    from dvtemplate.engine.lint import tag_spans
    from dvtemplate.importer.parsers import parse_duty, split_deadline, split_report_to, split_schedule_tail

    mb = 1_000_000
    for text in (
        "a" + " " * mb + "x",
        "a" + ", báo cáo kết quả về x" * (mb // 22) + "x",
        "(trước ngày 1/1/2026)" * (mb // 21),
        "a" + ". Định kỳ báo cáo kết quả" * (mb // 26) + "x",
    ):
        for func in (split_deadline, split_report_to, split_schedule_tail):
            assert _timed(func, text) < 0.5, func
        assert _timed(parse_duty, text) < 3  # the model's own cleaning of 1 MB of text included
    assert _timed(recipient_problems, ["- UBND tỉnh;", "- Lưu: " + "A." * (mb // 2) + " "], False) < 0.5
    assert _timed(tag_spans, "{{ " * (mb // 3), ("<w:", "</w:")) < 0.5


def test_unique_filenames_is_linear_on_colliding_names():
    from dvtemplate.vn import unique_filenames

    names = ["Ủy ban nhân dân xã An Bình"] * 20_000
    elapsed = _timed(unique_filenames, names)
    assert unique_filenames(names[:3]) == [
        "Uy-ban-nhan-dan-xa-An-Binh",
        "Uy-ban-nhan-dan-xa-An-Binh-2",
        "Uy-ban-nhan-dan-xa-An-Binh-3",
    ]
    assert elapsed < 3, elapsed  # was 225 s; about 0.3 s on an idle machine


# ----------------------------------------------------------------------------- the README lists every limit
def test_readme_lists_every_limit():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Giới hạn") :]
    missing = [name for name in limits.__all__ if f"`{name}`" not in section]
    assert not missing, missing


def test_each_direct_render_has_its_own_budget(monkeypatch):
    """A caller rendering our environment's templates itself (docxtpl does, once per document):
    every render is bounded, and one document's time never counts against the next."""
    from dvtemplate.engine import make_environment, sandbox
    from dvtemplate.engine.amplifiers import LimitExceeded

    monkeypatch.setattr(sandbox, "MAX_RENDER_SECONDS", 0.3)
    template = make_environment().from_string("{% for i in range(64) %}{{ i }}{% endfor %}")
    for _ in range(3):
        assert template.render().endswith("63")
        time.sleep(0.35)
    monkeypatch.setattr(sandbox, "MAX_LOOP_ITERATIONS", 10)
    with pytest.raises(LimitExceeded):
        template.render()


@pytest.mark.parametrize("layout", ["tables", "loose"])
def test_many_headers_and_tables_are_read_in_linear_time(tmp_path, layout):
    """20,000 one-cell tables (or loose lines) each holding a Quốc hiệu, none a signature: check and
    import find the frame without going quadratic (each a few seconds, not hours)."""
    qh = "<w:r><w:t>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</w:t></w:r>"
    long_line = "Một đoạn nội dung dài hơn chín mươi ký tự, để mỗi Quốc hiệu mở một văn bản mới trong cùng một tệp."
    if layout == "tables":
        unit = f"<w:tbl><w:tr><w:tc><w:p>{qh}</w:p></w:tc></w:tr></w:tbl><w:p><w:r><w:t>{long_line}</w:t></w:r></w:p>"
    else:
        unit = f"<w:p>{qh}</w:p><w:p/>"
    path = body_docx(tmp_path / "nhieu.docx", unit * 20_000, stored=True)  # stored: no ratio limit
    started = time.monotonic()
    code, _, err = run_bounded(["check", path], seconds=60, memory_mb=1500)
    assert code in (0, 1) and "Traceback" not in err
    code, _, err = run_bounded(["import", path, "-o", tmp_path / "ke-hoach.yaml"], seconds=60, memory_mb=1500)
    assert code in (0, 1, 2) and "Traceback" not in err
    assert time.monotonic() - started < 100
