"""Issue 10 point 11: everything a user reads is Vietnamese — click's help and errors, pydantic, YAML, lint."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from dvtemplate.engine.compiled import syntax_message, undefined_message
from dvtemplate.errors import InputError
from dvtemplate.loading import parse_plan_text
from dvtemplate.validation_messages import MESSAGES, vietnamese_message

ROOT = Path(__file__).resolve().parent.parent
PROVINCE = ROOT / "examples" / "ke-hoach-tinh-2026.yaml"
COMMUNE = ROOT / "examples" / "ke-hoach-xa-2026.yaml"

ENGLISH = re.compile(
    r"\b(Usage|Options|Commands|Show|this|message|Invalid|value|range|directory|does|exist|Got|unexpected|"
    r"extra|argument|arguments|required|default|TEXT|INTEGER|DIRECTORY|FILE|PATH|Input|should|Keys|strings|"
    r"expected|found|mapping|token|unknown|tag|dict|Error|Try|Missing|such|the|is|not|of|and|or|be|a|an|"
    r"Encountered|Jinja|looking|version|exit|Aborted|number|finite|valid|allowed|could|while|scanning|block)\b"
)
COMMANDS = ["validate", "render", "import", "rollover", "schema", "check", "init", "letter", "report", "batch"]


def _english(text: str) -> list[str]:
    """English words left once option names, file names and code words are taken out."""
    text = re.sub(r"(?<![\w])--?[\w-]+", " ", text)  # --force, -o
    text = re.sub(r"\S*/\S*", " ", text)  # paths
    text = re.sub(r"trường [\w.\[\]]+", " ", text)  # field names are the YAML's own keys
    text = re.sub(r"\S+\.(yaml|docx|csv|xlsx|json|zip|md)\b", " ", text)  # file names
    text = re.sub(r"\{[{%].*?[%}]\}", " ", text)  # template tags
    text = re.sub(r"\[[a-z|]+\]", " ", text)  # [text|json] choices
    return ENGLISH.findall(text)


def _cases(tmp_path: Path) -> list[tuple[str, ...]]:
    folder = tmp_path / "dir"
    folder.mkdir()
    docx = tmp_path / "x.docx"
    docx.write_bytes(b"PK\x03\x04 not really")
    cases: list[tuple[str, ...]] = [(), ("--help",), ("--version",), ("templates",), ("templates", "--help")]
    cases += [(c, "--help") for c in COMMANDS] + [("templates", "export", "--help"), ("templates", "lint", "--help")]
    cases += [
        ("render",),
        ("render", str(PROVINCE), "-o", str(tmp_path / "o"), "them"),
        ("render", str(PROVINCE), "-o"),
        ("render", str(PROVINCE), "--outdri", "x"),
        ("rendr",),
        ("batch", str(PROVINCE), "--units", "x.csv", "--period", "2026", "-o", "o", "--jobs", "0"),
        ("batch", str(PROVINCE), "--units", "x.csv", "--period", "2026", "-o", "o", "--jobs", "abc"),
        ("validate", str(folder)),
        ("validate", str(docx)),
        ("validate", str(tmp_path / "missing.yaml")),
        ("check", "--format", "xml", str(docx)),
        ("check", str(folder)),
        ("rollover", str(PROVINCE), "--year", "3000"),
        ("templates", "lint", str(docx)),
        ("report", str(PROVINCE), "--period", "2026-Q2", "--unit", "Sở Nội vụ", "-o", str(tmp_path / "r")),
    ]
    return cases


def test_no_english_in_help_and_errors(run_cli, tmp_path):
    found = {}
    for args in _cases(tmp_path):
        code, out, err = run_cli(*args)
        words = _english(out + err)
        if words:
            found[" ".join(args)] = (words, (out + err)[:400])
        assert "Traceback" not in err
    assert not found, found


def test_help_headings_are_vietnamese(run_cli):
    code, out, err = run_cli("render", "--help")
    assert code == 0 and out.startswith("Cách dùng: dvtemplate render [TÙY CHỌN] KE-HOACH.yaml")
    assert "\nTùy chọn:\n" in out and "[bắt buộc]" in out and "Hiện hướng dẫn này rồi thoát." in out
    code, out, err = run_cli("--help")
    assert "\nLệnh:\n" in out and "LỆNH [THAM SỐ]..." in out


def test_click_stays_english_outside_dvtemplate(run_cli):
    import click
    from click.testing import CliRunner

    run_cli("--help")

    @click.command()
    @click.option("--n", type=int)
    def other(n):
        pass

    result = CliRunner().invoke(other, ["--n", "x"])
    assert "Invalid value" in result.output  # our translation is only active while dvtemplate runs


YAML_MISTAKES = {
    "a: b: c\n": "dấu ':'",
    "a:\n\t- x\n": "Tab",
    "a: @x\n": "ký tự đặc biệt",
    "a:\n  b: 1\n c: 2\n": "thụt lề",
    "a: 1\na: 2\n": "hai lần",
    "a: *x\n": "bí danh",
    'a: "abc\n': "ngoặc kép",
    "a: [1, 2\n": "danh sách",
}


@pytest.mark.parametrize("text, phrase", YAML_MISTAKES.items())
def test_yaml_syntax_errors_vietnamese(text, phrase):
    with pytest.raises(InputError) as info:
        parse_plan_text(text, "x.yaml")
    assert phrase in str(info.value) and not _english(str(info.value).split("Gợi ý")[0]), str(info.value)


def test_pydantic_messages_vietnamese():
    base = COMMUNE.read_text(encoding="utf-8")
    bad = [
        base.replace("number: 3", "number: .inf"),
        base.replace("footnotes:\n  gan-dan:", "footnotes:\n  1: x\n  gan-dan:"),
        "1: x\n",
        base.replace("number: 3", "number: [1, 2]"),
    ]
    for text in bad:
        with pytest.raises(InputError) as info:
            parse_plan_text(text, "x.yaml")
        assert not _english(str(info.value)), str(info.value)
    assert vietnamese_message({"type": "some_new_pydantic_type", "msg": "Input should be nice"}) == (
        "giá trị không hợp lệ"
    )
    # Every error type of the installed pydantic-core gets a Vietnamese sentence: its own where we
    # wrote one, the fallback otherwise. A new pydantic release adds types; they fall back, never English.
    import typing

    from pydantic_core import core_schema

    for kind in typing.get_args(core_schema.ErrorType):
        err = {"type": kind, "msg": "Input should be a valid thing", "ctx": {}, "input": "x"}
        message = vietnamese_message(err)
        assert message and not _english(message), (kind, message)
    # the types a plan's fields actually raise have their own sentence, not the fallback
    common = ["missing", "string_type", "int_parsing", "float_parsing", "date_from_datetime_parsing",
              "date_parsing", "bool_parsing", "list_type", "dict_type", "greater_than_equal"]  # fmt: skip
    assert [kind for kind in common if kind not in MESSAGES] == []


def test_jinja2_private_hooks_exist():
    """The sandbox overrides three private methods of jinja2's CodeGenerator (pyproject bounds jinja2
    to the 3.1 series, in which they are tested). If a release renames them, this fails loudly
    instead of the budget silently no longer applying."""
    from jinja2.compiler import CodeGenerator

    from dvtemplate.engine.sandbox import _BoundedCodeGenerator

    for name in ("_output_child_pre", "_output_child_post", "_output_const_repr", "visit_For", "visit_Concat"):
        assert name in vars(_BoundedCodeGenerator)
        assert callable(getattr(CodeGenerator, name, None)), name


def test_template_messages_vietnamese():
    import jinja2

    env = jinja2.Environment()
    sources = ["{% for x in y %}{% if a %}{% endfor %}", "{% endfor %}", "{% if a %}", "{{ a b }}", "{{ a }"]
    for source in sources:
        with pytest.raises(jinja2.TemplateSyntaxError) as info:
            env.parse(source)
        message = syntax_message(info.value.message)
        assert "{%" in message or "'" in message
        assert not _english(message), message
    assert undefined_message("'dict object' has no attribute 'tiltle'") == "không có trường 'tiltle'"
    assert (
        "endfor"
        not in syntax_message(
            "Unexpected end of template. Jinja was looking for the following tags: 'endfor'. "
            "The innermost block that needs to be closed is 'for'."
        ).split("bằng")[0]
    )


def test_check_accepts_a_folder(run_cli, tmp_path):
    from dvtemplate import render_plan

    render_plan(PROVINCE, tmp_path / "kq")
    render_plan(COMMUNE, tmp_path / "kq")
    (tmp_path / "kq" / "~$lock.docx").write_bytes(b"owner")
    code, out, err = run_cli("check", tmp_path / "kq")
    assert code == 0, err
    assert out.count("== ") == 2 and "Tổng cộng: 2 tệp" in out
    (tmp_path / "empty").mkdir()
    code, out, err = run_cli("check", tmp_path / "empty", tmp_path / "kq")
    assert code == 2 and "không có tệp .docx" in err and "Tổng cộng: 2 tệp" in out


def test_validate_on_a_word_file_points_to_import(run_cli, tmp_path):
    from dvtemplate import render_plan

    path = render_plan(PROVINCE, tmp_path).files[0]
    code, out, err = run_cli("validate", path)
    assert code == 2 and "dvtemplate import" in err and "Notepad" not in err
