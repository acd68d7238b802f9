"""The plan form's building blocks: schema → form nodes, and the form's JSON merged back into the YAML tree."""

from __future__ import annotations

import datetime as dt

from conftest import EXAMPLE_PLANS
from dvtemplate.importer.yamlout import dump_yaml
from dvtemplate.loading import parse_plan_text, read_yaml
from dvtemplate.web.forms import form_tree, label_and_help, merge_into, plain, templates_for


def _child(node, key):
    return next(c for c in node.children if c.key == key)


def test_every_schema_field_has_a_vietnamese_label():
    tree = form_tree(None)
    seen = []

    def walk(node):
        if node.key:
            seen.append(node.label)
            assert node.label and node.label[0].isupper(), node.path
        for child in (node.children or []) + (node.elements or []):
            walk(child)

    walk(tree)
    for template in templates_for(tree).values():
        walk(template)
    assert "Cơ quan ban hành kế hoạch" in seen and "Người ký" in seen and "Mục đích, yêu cầu" in seen


def test_label_is_the_first_words_of_the_description():
    assert label_and_help("Người liên hệ, ví dụ: bà Nguyễn Thị Hoa", "person") == (
        "Người liên hệ",
        "Người liên hệ, ví dụ: bà Nguyễn Thị Hoa",
    )
    assert label_and_help("Số điện thoại", "phone") == ("Số điện thoại", "")


def test_short_forms_and_dates_are_shown_as_fields():
    data = read_yaml(EXAMPLE_PLANS[0].read_text("utf-8"))
    tree = form_tree(data)
    assert _child(tree, "issued").kind == "string" and _child(tree, "issued").value == "08/01/2026"
    sections = _child(tree, "sections")
    point = _child(sections.elements[0], "items").elements[0]
    first_point = _child(point, "points").elements[0]
    assert first_point.kind == "object" and _child(first_point, "text").value.startswith("Biên soạn tài liệu")
    assert _child(tree, "letter").optional and _child(tree, "letter").present
    assert _child(tree, "footnotes").kind == "map"


def test_unknown_keys_are_shown_and_kept():
    data = read_yaml("title: A\ntittle: B\n")
    tree = form_tree(data)
    unknown = _child(tree, "tittle")
    assert unknown.kind == "unknown" and unknown.value == "B"


def test_unchanged_values_merge_to_the_same_text():
    for path in EXAMPLE_PLANS:
        text = path.read_text("utf-8")
        data = read_yaml(text)
        merged = merge_into(read_yaml(text), plain(data))
        assert dump_yaml(merged, None, width=4096) == dump_yaml(read_yaml(text), None, width=4096)


def test_merge_inserts_new_keys_in_form_order_and_keeps_comments():
    text = "# đầu tệp\ntitle: Cũ   # giữ\nyear: 2026\nsigner:\n  name: A\n"
    data = read_yaml(text)
    merged = merge_into(
        data, {"title": "Mới", "year": 2026, "end_year": 2027, "signer": {"title": "Chủ tịch", "name": "A"}}
    )
    out = dump_yaml(merged, None, width=4096)
    assert out.startswith("# đầu tệp\ntitle: Mới")
    assert "# giữ\nyear: 2026\nend_year: 2027\nsigner:" in out
    assert "signer:\n  title: Chủ tịch\n  name: A\n" in out


def test_merge_keeps_dates_numbers_and_blank_keys():
    data = read_yaml("issued: 2026-01-08\nnumber: 9\nparent: null\nvalue: '100'\n")
    merged = merge_into(data, {"issued": "08/01/2026", "number": "9", "value": "100"})
    assert merged["issued"] == dt.date(2026, 1, 8) and merged["number"] == 9 and "parent" in merged
    out = dump_yaml(merged, None, width=4096)
    assert "value: '100'" in out


def test_merged_plan_validates_like_the_file():
    text = EXAMPLE_PLANS[0].read_text("utf-8")
    values = plain(read_yaml(text))
    values["sections"][0]["items"][0]["points"].reverse()
    out = dump_yaml(merge_into(read_yaml(text), values), None, width=4096)
    plan = parse_plan_text(out).plan
    assert plan.sections[0].items[0].points[0].text.startswith("Phát huy vai trò")
