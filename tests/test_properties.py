"""Issue 7: property-based tests (hypothesis) over plans, YAML and rendering.

- any valid plan, whatever text it holds, renders to a .docx that opens and passes ``check``;
- any mutation of a valid YAML file gives exit 0 or exit 2 with a message, never a traceback;
- rendering is deterministic: same plan, byte-identical package.
"""

from __future__ import annotations

import io
import os
import tempfile
import unicodedata
import zipfile
from pathlib import Path

import docx
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from conftest import EXAMPLES
from dvtemplate.check import check_docx
from dvtemplate.cli import main
from dvtemplate.contexts.plan import plan_context
from dvtemplate.engine import CompiledTemplate, builtin_template_bytes, load_template
from dvtemplate.model import Plan

FAST = settings(
    max_examples=int(os.environ.get("DV_HYPOTHESIS_EXAMPLES", "40")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture],
)

# ----------------------------------------------------------------------------- strategies
VIETNAMESE = "aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵĐƯƠÂ"
NASTY = [
    "{{",
    "}}",
    "{%",
    "%}",
    "{#",
    "#}",
    "&",
    "<",
    ">",
    '"',
    "'",
    "“",
    "”",
    "\t",
    "\n",
    "\x00",
    "\x07",
    "\u202e",
    "\u200f",
    "\ufeff",
    "\ufffe",
    "👍🏽",
    "🇻🇳",
    "👨‍👩‍👧",
    "]]>",
    "</w:t>",
    "[^",
    "\\",
    "$",
    "%",
]

letters = st.sampled_from(list(VIETNAMESE))
pieces = st.one_of(
    st.text(alphabet=VIETNAMESE + " ,.;:-()0123456789", min_size=1, max_size=12),
    st.sampled_from(NASTY),
    st.sampled_from([unicodedata.normalize("NFD", w) for w in ("Nghệ An", "Đắk Lắk", "quản lý", "Huế")]),
    st.text(max_size=4),  # anything Unicode, including surrogates and control characters
)


@st.composite
def texts(draw, max_pieces: int = 8) -> str:
    """Non-empty free text: two letters first (so cleaning leaves something, and the text does not open
    like a numbered point "b)" or "a.", which check rightly reads as list numbering), then nasty pieces."""
    return draw(letters) + draw(letters) + "".join(draw(st.lists(pieces, max_size=max_pieces)))


def sentences(max_size: int = 3):
    return st.lists(texts(), min_size=1, max_size=max_size)


@st.composite
def plans(draw) -> Plan:
    bullets = st.lists(
        st.builds(lambda t, s: {"text": t, "sub": s}, texts(), st.lists(texts(), max_size=2)), max_size=2
    )
    points = st.lists(st.builds(lambda t, b: {"text": t, "bullets": b}, texts(), bullets), max_size=3)
    item = st.one_of(
        texts().map(lambda t: {"text": t}),
        st.builds(
            lambda t, x, p, b: {"title": t, "text": x, "points": p, "bullets": b},
            texts(),
            st.none() | texts(),
            points,
            bullets,
        ),
    )
    section = st.builds(
        lambda t, p, i, b: {"title": t, "paragraphs": p, "items": i, "bullets": b},
        texts(4),
        st.lists(texts(), max_size=2),
        st.lists(item, max_size=3),
        bullets,
    )
    data = {
        "issuer": draw(
            st.sampled_from(
                [
                    {"name": "Ủy ban nhân dân tỉnh Khánh Hòa", "abbreviation": "UBND", "place": "Khánh Hòa"},
                    {
                        "name": "Sở Nội vụ",
                        "parent": "Ủy ban nhân dân tỉnh Lâm Đồng",
                        "abbreviation": "SNV",
                        "place": "Lâm Đồng",
                    },
                    {
                        "name": "Ủy ban nhân dân xã Ea Kao",
                        "name_lines": ["Ủy ban nhân dân", "xã Ea Kao"],
                        "abbreviation": "UBND",
                        "place": "Ea Kao",
                        "level": "xã",
                    },
                ]
            )
        ),
        "title": draw(texts(5)),
        "year": draw(st.integers(2020, 2035)),
        "draft": draw(st.booleans()),
        "number": draw(st.none() | st.integers(1, 999)),
        "legal_bases": draw(st.lists(texts().map(lambda t: {"text": t}), max_size=2)),
        "intro": draw(st.none() | texts()),
        "sections": draw(st.lists(section, min_size=1, max_size=3)),
        "closing": draw(st.none() | texts()),
        "recipients": {"items": draw(st.lists(texts(3), min_size=1, max_size=3)), "archive": "VT, VP"},
        "signer": draw(
            st.sampled_from(
                [
                    {"title": "Chủ tịch", "name": "Nguyễn Văn An"},
                    {
                        "authority": "TM. KT.",
                        "on_behalf_of": "Ủy ban nhân dân",
                        "head_title": "Chủ tịch",
                        "title": "Phó Chủ tịch",
                        "name": "Trần Thị Bích",
                    },
                ]
            )
        ),
    }
    if draw(st.booleans()):
        data["purposes"] = {"items": draw(sentences())}
    if draw(st.booleans()):
        data["targets"] = {
            "items": draw(
                st.lists(
                    st.builds(
                        lambda t, v, u: {"text": t, "value": v, "unit": u},
                        texts(),
                        st.none() | st.sampled_from(["100", "02", "95,5"]),
                        st.none() | st.sampled_from(["%", "mô hình"]),
                    ),
                    min_size=1,
                    max_size=3,
                )
            )
        }
    if draw(st.booleans()):
        data["assignments"] = {
            "items": draw(
                st.lists(
                    st.builds(lambda a, d: {"agency": a, "duties": d}, texts(3), sentences()), min_size=1, max_size=2
                )
            )
        }
    if draw(st.booleans()):
        note = draw(texts())
        data["footnotes"] = {"n1": note}
        data["closing"] = (data["closing"] or "Kết thúc") + "[^n1]"
    return Plan.model_validate(data)


def render(plan: Plan, template: CompiledTemplate | None = None) -> bytes:
    return (template or load_template("plan")).render_bytes(plan_context(plan))


def all_text(document) -> str:
    out = [p.text for p in document.paragraphs]
    for table in document.tables:
        out += [p.text for cell in table._cells for p in cell.paragraphs]
    return "\n".join(out)


# ----------------------------------------------------------------------------- properties
@FAST
@given(plan=plans())
def test_any_valid_plan_renders_opens_and_passes_check(plan):
    data = render(plan)
    document = docx.Document(io.BytesIO(data))
    text = all_text(document)
    assert unicodedata.normalize("NFC", text) == text
    assert plan.signer.name in text
    for section in plan.sections:  # every body text is there, literally (tabs/newlines as Word tabs/breaks)
        for paragraph in section.paragraphs:
            assert paragraph.replace("\n", " ").split(" ")[0] in text.replace("\n", " ")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "kh.docx"
        path.write_bytes(data)
        report = check_docx(path, "plan")
    assert not report.errors, [str(f) for f in report.errors]


@FAST
@given(plan=plans())
def test_rendering_is_deterministic(plan):
    first = render(plan)
    fresh = CompiledTemplate("plan.docx", builtin_template_bytes("plan"))  # compiled anew
    second = render(plan, fresh)
    assert first == second
    with zipfile.ZipFile(io.BytesIO(first)) as a, zipfile.ZipFile(io.BytesIO(second)) as b:
        assert a.namelist() == b.namelist()
        assert a.read("word/document.xml") == b.read("word/document.xml")
        assert all(i.date_time == (1980, 1, 1, 0, 0, 0) for i in a.infolist())


def test_render_plan_twice_gives_identical_files(tmp_path):
    from dvtemplate.documents import render_plan

    example = EXAMPLES / "ke-hoach-tinh-2026.yaml"
    a = render_plan(example, tmp_path / "a").files[0]
    b = render_plan(example, tmp_path / "b").files[0]
    assert a.read_bytes() == b.read_bytes()


# ----------------------------------------------------------------------------- invalid YAML
SOURCE = (EXAMPLES / "ke-hoach-xa-2026.yaml").read_bytes()


@st.composite
def mutated(draw) -> bytes:
    data = bytearray(SOURCE)
    for _ in range(draw(st.integers(1, 4))):
        op = draw(st.sampled_from(["delete", "insert", "replace", "truncate", "tab", "dup", "bytes"]))
        at = draw(st.integers(0, len(data)))
        if op == "delete":
            del data[at : at + draw(st.integers(1, 40))]
        elif op == "insert":
            data[at:at] = draw(
                st.sampled_from(
                    [
                        b":",
                        b"- ",
                        b"\n",
                        b"  ",
                        b"{",
                        b"[",
                        b"'",
                        b'"',
                        b"&a",
                        b"*a",
                        b"!!python/object:os.system",
                        b"? ",
                        b"%YAML 1.1\n",
                        b"---\n",
                        b"\xef\xbb\xbf",
                        b"\x00",
                        b"#",
                        b"|",
                        b">",
                    ]
                )
            )
        elif op == "replace" and data:
            data[min(at, len(data) - 1)] = draw(st.integers(0, 255))
        elif op == "truncate":
            del data[at:]
        elif op == "tab":
            data[at:at] = b"\t"
        elif op == "dup":
            lines = bytes(data).split(b"\n")
            i = draw(st.integers(0, len(lines) - 1))
            lines.insert(i, lines[i])
            data = bytearray(b"\n".join(lines))
        else:
            data[at:at] = draw(st.binary(min_size=1, max_size=8))
    return bytes(data)


@FAST
@example(data=b"")
@example(data=b"\xff\xfe\x00")
@example(data=b"- a\n- b\n")
@example(data=b"issuer: !!python/object/apply:os.system ['echo pwned']\n")
@example(data=b"a: &x [*x, *x]\n" * 3)
@example(data=SOURCE.replace(b"  name: ", b"  nam: ", 1))
@given(data=mutated())
def test_mutated_yaml_never_crashes(capsys, data):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "kh.yaml"
        path.write_bytes(data)
        code = main(["validate", str(path)])  # must not raise
    out = capsys.readouterr()
    assert "Traceback" not in out.err + out.out
    assert "pwned" not in out.out
    if code == 0:
        assert out.out.startswith("Hợp lệ")
    else:
        assert code == 2, (code, out.err)
        assert out.err.startswith("Lỗi: ") and len(out.err.strip()) > len("Lỗi: ")


@FAST
@given(text=st.text(max_size=300))
def test_random_text_as_yaml_never_crashes(capsys, text):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "kh.yaml"
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        code = main(["validate", str(path)])
    out = capsys.readouterr()
    assert code == 2 and out.err.startswith("Lỗi: ") and "Traceback" not in out.err
