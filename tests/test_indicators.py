"""Issue 12: ``reporting.indicators`` — keys, defaults, validation in Vietnamese."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from dvtemplate.model import Indicator, ReportingSchedule, slug_key
from dvtemplate.model.forms import form_fields, indicator_tag, parse_tag


def test_key_from_label_and_defaults():
    ind = Indicator(label="Số cuộc tiếp công dân định kỳ", unit="cuộc")
    assert ind.key == "so-cuoc-tiep-cong-dan-dinh-ky" and ind.type == "integer" and ind.aggregate == "sum"
    assert Indicator(label="Tỷ lệ", type="percent").aggregate == "mean"
    assert Indicator(label="Ghi chú", type="text").aggregate == "none"
    assert len(indicator_tag(slug_key("Đ" * 200))) <= 64


@pytest.mark.parametrize(
    "items, message",
    [
        ([{"label": "A b"}, {"label": "a-b"}], "cùng khóa 'a-b'"),
        ([{"label": "Tỷ lệ", "type": "percent", "aggregate": "weighted"}], "cần 'weight'"),
        ([{"label": "Tỷ lệ", "type": "percent", "aggregate": "weighted", "weight": "khong-co"}], "không phải khóa"),
        ([{"label": "Ghi chú", "type": "text", "aggregate": "sum"}], "không cộng được"),
        ([{"label": "Có không", "type": "yes_no", "aggregate": "mean"}], "không tính bình quân"),
        ([{"label": "X", "key": "Có Dấu"}], "key"),
    ],
)
def test_bad_indicators_are_errors(items, message):
    with pytest.raises(ValidationError) as err:
        ReportingSchedule(indicators=items)
    assert message in str(err.value)


def test_tags_parse_back_and_fit_64():
    from pathlib import Path

    from dvtemplate.loading import load_plan

    plan = load_plan(Path(__file__).resolve().parent.parent / "examples" / "ke-hoach-tinh-2026.yaml").plan
    fields = form_fields(plan)
    assert len({f.tag for f in fields}) == len(fields) and len({f.alias for f in fields}) == len(fields)
    for f in fields:
        assert len(f.tag) <= 64 and parse_tag(f.tag) is not None
    assert parse_tag("dvt:target:3:result") == ("target", "3")
    assert parse_tag("dvt:ind:doi-thoai") == ("ind", "doi-thoai")
    assert parse_tag("something else") is None
