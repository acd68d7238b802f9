"""Issue 7: offices' own templates — export, lint, fallback per kind, sandbox, a custom letterhead."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Mm, Pt

from conftest import EXAMPLES
from dvtemplate.documents import render_plan
from dvtemplate.engine import KINDS, builtin_template_bytes, load_template
from dvtemplate.engine.lint import context_shape, lint_template
from dvtemplate.templates_tools import available_kinds, example_context
from nd30 import assert_nd30

EXAMPLE = EXAMPLES / "ke-hoach-tinh-2026.yaml"


def png(width: int = 8, height: int = 8) -> bytes:
    """A tiny valid red PNG (no imaging library needed)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    raw = b"".join(b"\x00" + b"\xff\x00\x00" * width for _ in range(height))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def edited(kind: str, *texts: str, runs: list[list[str]] | None = None) -> bytes:
    """The built-in template of *kind* with paragraphs appended (each string one run; *runs* split)."""
    document = docx.Document(io.BytesIO(builtin_template_bytes(kind)))
    body = document.element.body
    sect = body[-1]
    for text in texts:
        p = document.add_paragraph(text, style="DV Đoạn văn")
        sect.addprevious(p._p)
    for pieces in runs or []:
        p = document.add_paragraph(style="DV Đoạn văn")
        for piece in pieces:
            p.add_run(piece)
        sect.addprevious(p._p)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def write(folder: Path, name: str, data: bytes) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(data)
    return folder / name


def texts_of(path: Path) -> list[str]:
    document = docx.Document(str(path))
    out = [p.text for p in document.paragraphs]
    for table in document.tables:
        out += [p.text for cell in table._cells for p in cell.paragraphs]
    return out


# ----------------------------------------------------------------------------- export
def test_export_writes_every_available_builtin_and_refuses_overwrite(run_cli, tmp_path):
    code, out, err = run_cli("templates", "export", tmp_path / "mau")
    assert code == 0, err
    kinds = available_kinds()
    assert "plan" in kinds and set(kinds) <= set(KINDS)
    for kind in kinds:
        assert (tmp_path / "mau" / f"{kind}.docx").read_bytes() == builtin_template_bytes(kind)
    (tmp_path / "mau" / "plan.docx").write_bytes(b"mine")
    code, out, err = run_cli("templates", "export", tmp_path / "mau")
    assert code == 1 and "Không ghi đè" in err and "--force" in err
    assert (tmp_path / "mau" / "plan.docx").read_bytes() == b"mine"
    code, _, err = run_cli("templates", "export", tmp_path / "mau", "--force")
    assert code == 0, err
    assert (tmp_path / "mau" / "plan.docx").read_bytes() == builtin_template_bytes("plan")


def test_exported_templates_lint_clean(run_cli, tmp_path):
    run_cli("templates", "export", tmp_path)
    code, out, err = run_cli("templates", "lint", tmp_path)
    assert code == 0, out + err
    assert "không có lỗi" in out


# ----------------------------------------------------------------------------- lint
def test_lint_reports_syntax_error_with_its_paragraph(run_cli, tmp_path):
    write(tmp_path, "plan.docx", edited("plan", "Kính chuyển {{ subject | }} tới các đơn vị"))
    code, out, err = run_cli("templates", "lint", tmp_path)
    assert code == 1
    assert "cú pháp" in out and "Kính chuyển {{ subject | }} tới các đơn vị" in out


def test_lint_reports_unknown_variables_with_suggestion(tmp_path):
    data = edited(
        "plan",
        "{{ header.sô }}",
        "{% for b in blocks %}{{ b.lede }}{{ b.text.upper() }}{{ loop.index }}{% endfor %}",
        "{{ signer.name }} {{ header.so }} {{ noi_nhan[0] }}",
        "{{ sujbect }}",
    )
    problems = lint_template("plan.docx", data, example_context("plan"))
    messages = [p.message for p in problems]
    assert any("'header.sô'" in m and "có phải 'header.so'" in m for m in messages), messages
    assert any("'b.lede'" in m and "có phải 'b.lead'" in m for m in messages), messages
    assert any("'sujbect'" in m and "có phải 'subject'" in m for m in messages), messages
    assert len(problems) == 3, messages  # valid paths, str methods, loop and indexing are not reported
    assert {p.kind for p in problems} == {"variable"}
    assert any(p.paragraph == "{{ header.sô }}" for p in problems)


def test_lint_finds_tag_split_by_tracked_change_that_docxtpl_renders_literally(tmp_path):
    document = docx.Document(io.BytesIO(builtin_template_bytes("plan")))
    p = document.add_paragraph(style="DV Đoạn văn")
    w = nsdecls("w")
    p._p.append(parse_xml(f"<w:r {w}><w:t>{{</w:t></w:r>"))
    p._p.append(parse_xml(f'<w:del {w} w:id="9" w:author="NV"><w:r><w:delText>x</w:delText></w:r></w:del>'))
    p._p.append(parse_xml(f"<w:r {w}><w:t>{{ subject }}}}</w:t></w:r>"))
    document.element.body[-1].addprevious(p._p)
    buffer = io.BytesIO()
    document.save(buffer)
    problems = lint_template("plan.docx", buffer.getvalue(), example_context("plan"))
    assert [p.kind for p in problems] == ["split"], problems
    assert problems[0].paragraph == "{{ subject }}"
    # and it really is a problem: docxtpl's patch leaves it as literal text in the output
    write(tmp_path / "mau", "plan.docx", buffer.getvalue())
    result = render_plan(EXAMPLE, tmp_path / "out", templates=tmp_path / "mau")
    assert "{{ subject }}" in texts_of(result.files[0])


def test_lint_accepts_tags_docxtpl_repairs_and_flags_broken_ones(tmp_path):
    repaired = edited(
        "plan", runs=[["{", "{ subject }", "}"], ["{{ sub", "ject }}"], ["{%", " if draft %}x{% endif %", "}"]]
    )
    assert lint_template("plan.docx", repaired, example_context("plan")) == []
    broken = edited("plan", "{ { subject } }", runs=[["{{ subject"]])
    problems = lint_template("plan.docx", broken, example_context("plan"))
    split = [p for p in problems if p.kind == "split"]
    assert len(split) == 2, problems  # Jinja may add a syntax error for the unclosed tag
    assert "dấu cách" in split[0].message and "không được đóng" in split[1].message
    assert split[1].paragraph == "{{ subject"


def test_lint_flags_unknown_file_names_and_non_docx(run_cli, tmp_path):
    write(tmp_path, "ke-hoach.docx", builtin_template_bytes("plan"))
    write(tmp_path, "plan.docx", b"not a zip")
    code, out, _ = run_cli("templates", "lint", tmp_path)
    assert code == 1
    assert "ke-hoach.docx" in out and "không dùng" in out
    assert "plan.docx" in out and "không phải tệp .docx" in out
    code, _, err = run_cli("templates", "lint", tmp_path / "khong-co")
    assert code == 2 and "Không tìm thấy thư mục" in err and "Traceback" not in err


def test_lint_context_matches_the_provincial_example():
    """The init plan lint compares against gives the same context shape as the full example."""
    from dvtemplate.contexts.plan import plan_context
    from dvtemplate.loading import load_plan

    ours = context_shape(example_context("plan"))
    full = context_shape(plan_context(load_plan(EXAMPLE).plan))
    assert ours.pop("footnotes") and full.pop("footnotes")  # numbered notes: keys are data
    assert ours == full


# ----------------------------------------------------------------------------- fallback
def test_user_template_wins_and_other_kinds_fall_back(tmp_path):
    write(tmp_path / "mau", "plan.docx", edited("plan", "Mẫu riêng của cơ quan."))
    folders = (tmp_path / "mau",)
    assert load_template("plan", folders).name == "plan.docx"
    result = render_plan(EXAMPLE, tmp_path / "a", templates=tmp_path / "mau")
    assert "Mẫu riêng của cơ quan." in texts_of(result.files[0])
    (tmp_path / "empty").mkdir()
    result = render_plan(EXAMPLE, tmp_path / "b", templates=tmp_path / "empty")
    assert "Mẫu riêng của cơ quan." not in texts_of(result.files[0])
    assert_nd30(result.files[0], "plan")
    for kind in available_kinds():  # no user file for this kind → the built-in one
        assert load_template(kind, (tmp_path / "empty",)) is load_template(kind, ())


def test_templates_key_in_yaml_is_relative_to_the_yaml(tmp_path, run_cli):
    work = tmp_path / "work"
    write(work / "mau", "plan.docx", edited("plan", "Theo mẫu trong YAML."))
    text = EXAMPLE.read_text(encoding="utf-8") + "\ntemplates: mau\n"
    (work / "kh.yaml").write_text(text, encoding="utf-8")
    code, out, err = run_cli("render", work / "kh.yaml", "-o", tmp_path / "out")
    assert code == 0, err
    assert "Theo mẫu trong YAML." in texts_of(next((tmp_path / "out").glob("*.docx")))
    # --templates comes first, the YAML's folder after it
    write(tmp_path / "cli", "plan.docx", edited("plan", "Theo mẫu dòng lệnh."))
    code, out, err = run_cli("render", work / "kh.yaml", "-o", tmp_path / "out2", "--templates", tmp_path / "cli")
    assert code == 0, err
    texts = texts_of(next((tmp_path / "out2").glob("*.docx")))
    assert "Theo mẫu dòng lệnh." in texts and "Theo mẫu trong YAML." not in texts


def test_missing_templates_folder_is_a_clean_error(run_cli, tmp_path):
    code, _, err = run_cli("render", EXAMPLE, "-o", tmp_path, "--templates", tmp_path / "khong-co")
    assert code == 2 and "Không tìm thấy thư mục mẫu" in err and "Traceback" not in err


# ----------------------------------------------------------------------------- sandbox
ATTACKS = [
    "{{ ''.__class__.__mro__ }}",
    "{{ cycler.__init__.__globals__ }}",
    "{{ subject.__class__.__base__.__subclasses__() }}",
    "{{ header.items.__self__ }}",
    "{% import 'os' as os %}{{ os }}",
    "{% include '/etc/passwd' %}",
    "{% extends '/etc/passwd' %}",
    "{% from 'os' import system %}",
    "{{ 'x' * 100000000 }}",
    "{{ range(100000000) | list | length }}",
    "{{ 10 ** 10000000 }}",
    "{{ 1 / 0 }}",
]


@pytest.mark.parametrize("attack", ATTACKS)
def test_sandbox_rejects_with_a_clean_template_error(run_cli, tmp_path, attack):
    write(tmp_path / "mau", "plan.docx", edited("plan", attack))
    out = tmp_path / "out"
    code, stdout, err = run_cli("render", EXAMPLE, "-o", out, "--templates", tmp_path / "mau")
    assert code == 2, (stdout, err)
    assert err.startswith("Lỗi: Mẫu 'plan.docx'"), err
    assert "Traceback" not in err and "root:" not in err and "<class" not in err and "__globals__" not in err
    assert not list(out.glob("*.docx")) if out.exists() else True


def test_sandbox_error_messages_are_vietnamese(run_cli, tmp_path):
    write(tmp_path / "mau", "plan.docx", edited("plan", "{{ ''.__class__ }}"))
    _, _, err = run_cli("render", EXAMPLE, "-o", tmp_path / "o", "--templates", tmp_path / "mau")
    assert "không được phép" in err and "__class__" in err
    write(tmp_path / "m2", "plan.docx", edited("plan", "{% include 'a.docx' %}"))
    _, _, err = run_cli("render", EXAMPLE, "-o", tmp_path / "o", "--templates", tmp_path / "m2")
    assert "include" in err and "không được đọc tệp" in err
    write(tmp_path / "m3", "plan.docx", edited("plan", "{{ header.sô }}"))
    _, _, err = run_cli("render", EXAMPLE, "-o", tmp_path / "o", "--templates", tmp_path / "m3")
    assert "không có trường 'sô'" in err and "templates lint" in err


# ----------------------------------------------------------------------------- custom letterhead
def letterhead(kind: str) -> bytes:
    """The built-in *kind* restyled the way an office would: a logo above the issuer, 13 pt body."""
    document = docx.Document(io.BytesIO(builtin_template_bytes(kind)))
    cell = document.tables[0].cell(0, 0)
    first = cell.paragraphs[0]
    logo = first.insert_paragraph_before(style="DV Đầu trang")
    logo.add_run().add_picture(io.BytesIO(png()), width=Mm(12))
    for name in ("DV Đoạn văn", "DV Phần", "DV Mục", "DV Điểm", "DV Gạch đầu dòng"):
        if name in [s.name for s in document.styles]:
            document.styles[name].font.size = Pt(13)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("kind", [k for k in available_kinds() if k != "form"])  # a form's header is the replier's
def test_custom_letterhead_renders_and_meets_nd30(tmp_path, kind):
    write(tmp_path / "mau", f"{kind}.docx", letterhead(kind))
    assert lint_template(f"{kind}.docx", letterhead(kind), example_context(kind)) == []
    path = _render_kind(kind, tmp_path / "out", tmp_path / "mau")
    assert_nd30(path, kind)
    with zipfile.ZipFile(path) as z:
        media = [n for n in z.namelist() if n.startswith("word/media/")]
        assert media and z.read(media[0]) == png()
    document = docx.Document(str(path))
    assert document.inline_shapes and document.inline_shapes[0].width == Mm(12)
    assert document.styles["DV Đoạn văn"].font.size == Pt(13)


def _render_kind(kind: str, out: Path, templates: Path) -> Path:
    """Render *kind* from the example with the user's *templates* folder."""
    from dvtemplate.documents import render_letter, render_report

    if kind == "plan":
        result = render_plan(EXAMPLE, out, templates=templates)
    elif kind == "report":
        fields = {"abbreviation": "SNV", "signer_title": "Giám đốc"}  # not a UBND: never guessed
        result = render_report(
            EXAMPLE, out, templates=templates, period="2026-H1", unit="Sở Nội vụ", unit_fields=fields
        )
    elif kind in ("summary", "reminder"):  # written by collect: rendered here from the kind's example context
        from dvtemplate.engine import load_template

        out.mkdir(parents=True, exist_ok=True)
        target = out / f"{kind}.docx"
        target.write_bytes(load_template(kind, (templates,)).render_bytes(example_context(kind)))
        return target
    elif kind in ("comments_table", "to_trinh"):
        from commentdocs import reply_docx

        from dvtemplate.documents import render_comments

        (out.parent / "gop-y").mkdir(parents=True, exist_ok=True)
        reply = reply_docx(body=["Tại khoản 1 Mục II: đề nghị bổ sung.", "Đề nghị rà soát chính tả."])
        (out.parent / "gop-y" / "stp.docx").write_bytes(reply)
        result = render_comments(EXAMPLE, [out.parent / "gop-y"], out, templates=templates, to_trinh=True)
        prefix = "TTr-" if kind == "to_trinh" else "Ban-tong-hop"
        return next(f for f in result.files if f.name.startswith(prefix))
    else:
        result = render_letter(EXAMPLE, out, templates=templates)
    return [f for f in result.files if str(f).endswith(".docx")][0]


def test_lint_reads_headers_and_table_row_loops(tmp_path):
    document = docx.Document(io.BytesIO(builtin_template_bytes("plan")))
    header = document.sections[0].header
    p = header.add_paragraph()
    p.add_run("{{ header.symbl }}")
    q = document.sections[0].first_page_header.add_paragraph()
    q.add_run("{{ subject")  # Enter pressed inside a tag (another part: its syntax error stays there)
    table = document.add_table(rows=3, cols=1)
    table.cell(0, 0).paragraphs[0].add_run("{%tr for line in noi_nhan %}")
    table.cell(1, 0).paragraphs[0].add_run("{{ line }} {{ line.strip() }}")
    table.cell(2, 0).paragraphs[0].add_run("{%tr endfor %}")
    document.element.body[-1].addprevious(table._tbl)
    buffer = io.BytesIO()
    document.save(buffer)
    problems = lint_template("plan.docx", buffer.getvalue(), example_context("plan"))
    parts = {(p.part, p.kind) for p in problems}
    assert all(part.startswith("word/header") for part, _ in parts), problems  # the row loop is fine
    assert any(p.kind == "variable" and "có phải 'header.symbol'" in p.message for p in problems)
    assert any(p.kind == "split" and p.paragraph == "{{ subject" for p in problems)
