"""Word's list numbers (numbering.xml) computed as Word displays them, and imports that rely on them."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from dvtemplate.docx.numbering import ListNumbering, format_number
from dvtemplate.importer import import_docx
from importdocs import build_loose_plan, build_table_plan
from numbereddocs import auto_number

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = f'xmlns:w="{W}"'


def _lvl(ilvl: int, fmt: str, text: str, extra: str = "") -> str:
    return f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/>{extra}</w:lvl>'


def _numbering(abstracts: dict[int, str], nums: dict[int, tuple[int, str]]) -> etree._Element:
    xml = "".join(f'<w:abstractNum w:abstractNumId="{a}">{body}</w:abstractNum>' for a, body in abstracts.items())
    xml += "".join(
        f'<w:num w:numId="{n}"><w:abstractNumId w:val="{a}"/>{extra}</w:num>' for n, (a, extra) in nums.items()
    )
    return etree.fromstring(f"<w:numbering {NS}>{xml}</w:numbering>")


def _p(num_id: int | None = None, ilvl: int | None = None, style: str | None = None) -> etree._Element:
    ppr = f'<w:pStyle w:val="{style}"/>' if style else ""
    if num_id is not None:
        lvl = f'<w:ilvl w:val="{ilvl}"/>' if ilvl is not None else ""
        ppr += f'<w:numPr>{lvl}<w:numId w:val="{num_id}"/></w:numPr>'
    return etree.fromstring(f"<w:p {NS}><w:pPr>{ppr}</w:pPr><w:r><w:t>x</w:t></w:r></w:p>")


def _labels(numbering: ListNumbering, paragraphs) -> list[str | None]:
    out = []
    for p in paragraphs:
        label = numbering.label(p)
        out.append(label.text if label else None)
    return out


PLAN_LIST = _lvl(0, "upperRoman", "%1.") + _lvl(1, "decimal", "%2.") + _lvl(2, "lowerLetter", "%3)")


def test_formats_as_word_shows_them():
    assert [format_number(n, "upperRoman") for n in (1, 4, 9, 14, 40, 1990)] == ["I", "IV", "IX", "XIV", "XL", "MCMXC"]
    assert [format_number(n, "lowerRoman") for n in (3, 6)] == ["iii", "vi"]
    # Word's lowerLetter is the Latin alphabet: no Vietnamese "đ" after d; after z it doubles the letter
    assert [format_number(n, "lowerLetter") for n in (1, 4, 5, 26, 27, 28)] == ["a", "d", "e", "z", "aa", "bb"]
    assert format_number(3, "upperLetter") == "C" and format_number(7, "decimalZero") == "07"
    assert format_number(5, "none") == "" and format_number(5, "ordinalText") == "5"


def test_levels_restart_under_their_parent_and_counters_follow_document_order():
    numbering = ListNumbering(_numbering({1: PLAN_LIST}, {1: (1, "")}))
    seq = [(0,), (1,), (2,), (2,), (1,), (2,), (0,), (1,), (2,)]
    assert _labels(numbering, [_p(1, lv[0]) for lv in seq]) == ["I.", "1.", "a)", "b)", "2.", "a)", "II.", "1.", "a)"]


def test_lvl_text_with_several_levels_and_legal_numbering():
    levels = _lvl(0, "upperRoman", "%1.") + _lvl(1, "decimal", "%1.%2.") + _lvl(2, "decimal", "%1.%2.%3", "<w:isLgl/>")
    numbering = ListNumbering(_numbering({1: levels}, {1: (1, "")}))
    assert _labels(numbering, [_p(1, 0), _p(1, 1), _p(1, 2), _p(1, 0), _p(1, 1)]) == [
        "I.",
        "I.1.",
        "1.1.1",
        "II.",
        "II.1.",
    ]


def test_lvl_restart_zero_never_restarts_and_start_values():
    levels = _lvl(0, "upperRoman", "%1.") + _lvl(1, "decimal", "%2.", '<w:lvlRestart w:val="0"/>')
    levels = levels.replace(
        '<w:start w:val="1"/><w:numFmt w:val="decimal"', '<w:start w:val="5"/><w:numFmt w:val="decimal"'
    )
    numbering = ListNumbering(_numbering({1: levels}, {1: (1, "")}))
    assert _labels(numbering, [_p(1, 1), _p(1, 0), _p(1, 1), _p(1, 1)]) == ["5.", "I.", "6.", "7."]


def test_instances_of_one_list_continue_unless_restarted():
    restart = '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>'
    numbering = ListNumbering(_numbering({3: _lvl(0, "decimal", "%1.")}, {5: (3, ""), 6: (3, ""), 7: (3, restart)}))
    assert _labels(numbering, [_p(5, 0), _p(5, 0), _p(6, 0), _p(7, 0), _p(5, 0)]) == ["1.", "2.", "3.", "1.", "2."]


def test_level_override_replaces_the_format():
    override = f'<w:lvlOverride w:ilvl="0">{_lvl(0, "lowerLetter", "%1)")}</w:lvlOverride>'
    numbering = ListNumbering(_numbering({3: _lvl(0, "decimal", "%1.")}, {5: (3, override)}))
    assert _labels(numbering, [_p(5, 0), _p(5, 0)]) == ["a)", "b)"]


def test_numbering_from_the_style_chain_and_switched_off():
    styles = etree.fromstring(
        f"<w:styles {NS}>"
        '<w:style w:type="paragraph" w:styleId="ListNumber"><w:pPr><w:numPr><w:numId w:val="4"/></w:numPr></w:pPr></w:style>'
        '<w:style w:type="paragraph" w:styleId="Mine"><w:basedOn w:val="ListNumber"/></w:style>'
        '<w:style w:type="paragraph" w:styleId="Loop"><w:basedOn w:val="Loop"/></w:style>'
        "</w:styles>"
    )
    numbering = ListNumbering(_numbering({3: _lvl(0, "decimal", "%1.")}, {4: (3, "")}), styles)
    paras = [_p(style="ListNumber"), _p(style="Mine"), _p(0, 0, style="ListNumber"), _p(style="Loop"), _p(99, 0)]
    assert _labels(numbering, paras) == ["1.", "2.", None, None, None]


def test_bullets_and_missing_parts():
    bullets = _lvl(0, "bullet", "\uf0b7") + _lvl(1, "bullet", "-") + _lvl(2, "bullet", "o")
    numbering = ListNumbering(_numbering({2: bullets}, {2: (2, "")}))
    labels = [numbering.label(p) for p in (_p(2, 0), _p(2, 1), _p(2, 2))]
    assert [label.text for label in labels] == ["•", "-", "o"] and all(label.bullet for label in labels)
    assert ListNumbering(None, None).label(_p(1, 0)) is None  # no numbering.xml at all


@pytest.mark.parametrize(
    ("builder", "mode"),
    [(build_table_plan, "levels"), (build_loose_plan, "levels"), (build_table_plan, "style")],
    ids=["table-levels", "loose-levels", "table-list-number-style"],
)
def test_auto_numbered_plan_imports_as_if_typed(builder, mode, tmp_path: Path):
    typed = import_docx(builder(tmp_path / "typed.docx"))
    auto = import_docx(auto_number(tmp_path / "typed.docx", tmp_path / "auto.docx", mode))
    assert auto.plan == typed.plan and auto.warnings == typed.warnings
    assert auto.plan.assignments is not None and len(auto.plan.sections[0].items) == 3
    assert [s.title for s in auto.plan.sections] == ["Nội dung thực hiện"]  # IV. is assignments, not content


def _limited(code: str, seconds: int = 60, memory_mb: int = 1500) -> subprocess.CompletedProcess:
    """Run *code* in a fresh interpreter under a CPU-time and address-space limit."""

    def limits() -> None:
        resource.setrlimit(resource.RLIMIT_CPU, (seconds, seconds))
        resource.setrlimit(resource.RLIMIT_AS, (memory_mb << 20, memory_mb << 20))

    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=seconds * 2, preexec_fn=limits, env=env
    )


def test_hostile_numbering_in_a_docx_is_bounded(tmp_path):
    """A crafted numbering.xml (label text of 200 kB, start 10^9, 20,000 numbered paragraphs)."""
    source = auto_number(build_table_plan(tmp_path / "a.docx"), tmp_path / "b.docx", "levels")
    with zipfile.ZipFile(source) as zf:
        parts = {name: zf.read(name) for name in zf.namelist()}
    numbering = parts["word/numbering.xml"].decode()
    numbering = numbering.replace('w:val="%2."', 'w:val="' + "%2%1" * 50_000 + '"', 1)
    parts["word/numbering.xml"] = numbering.replace('<w:start w:val="1"/>', '<w:start w:val="999999999"/>').encode()
    doc = parts["word/document.xml"].decode()
    para = '<w:p><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>x</w:t></w:r></w:p>'
    parts["word/document.xml"] = doc.replace("<w:body>", "<w:body>" + para * 20_000, 1).encode()
    hostile = tmp_path / "hostile.docx"
    with zipfile.ZipFile(hostile, "w", zipfile.ZIP_STORED) as zf:  # no ratio guard: the numbering is the test
        for name, data in parts.items():
            zf.writestr(name, data)
    code = (
        "from dvtemplate.importer import import_docx\n"
        "from dvtemplate.errors import DvtemplateError\n"
        f"try:\n    import_docx({str(hostile)!r})\nexcept DvtemplateError as exc:\n    print('refused', exc)\n"
        "print('ok')"
    )
    done = _limited(code)
    assert done.returncode == 0 and "ok" in done.stdout, done.stderr[-2000:]


def test_hostile_numbering_stays_small():
    huge = _lvl(0, "lowerLetter", "%1" * 50_000).replace('<w:start w:val="1"/>', '<w:start w:val="999999999"/>')
    loop = f"<w:numbering {NS}>" + f'<w:abstractNum w:abstractNumId="1">{huge}</w:abstractNum>'
    loop += '<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num></w:numbering>'
    numbering = ListNumbering(etree.fromstring(loop))
    labels = [numbering.label(_p(1, 0)) for _ in range(1000)]
    assert max(len(label.text) for label in labels) < 1000
    assert format_number(10**9, "lowerLetter") == str(10**9) and format_number(10**9, "upperRoman") == str(10**9)


def test_word_points_numbered_a_dot_read_as_points(tmp_path):
    source = auto_number(build_table_plan(tmp_path / "a.docx"), tmp_path / "b.docx", "levels")
    with zipfile.ZipFile(source) as zf:
        parts = {name: zf.read(name) for name in zf.namelist()}
    parts["word/numbering.xml"] = parts["word/numbering.xml"].replace(b'w:val="%3)"', b'w:val="%3."')
    changed = tmp_path / "c.docx"
    with zipfile.ZipFile(changed, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    assert import_docx(changed).plan == import_docx(tmp_path / "a.docx").plan
