"""Rollover to next year: year-bound vs fixed dates, ranges, 29/02, comments, .docx source, dry run."""

from __future__ import annotations

import datetime as _dt

from conftest import EXAMPLES
from dvtemplate.loading import load_plan, parse_plan_text
from dvtemplate.rollover import rollover
from importdocs import build_table_plan

SOURCE = """\
# Kế hoạch của xã (ghi chú của người dùng ở đầu tệp)
issuer:
  name: Ủy ban nhân dân xã Hòa Phú
  abbreviation: UBND
  place: Hòa Phú
  level: xã
number: 4            # số do văn thư cấp
issued: 10/01/2024
title: Thực hiện công tác dân vận năm 2024
year: 2024
legal_bases:
  - lead: Thực hiện
    documents:
      - kind: Kế hoạch
        number: 05/KH-UBND
        issued: 05/01/2024
        issuer: UBND tỉnh
        subject: về công tác dân vận năm 2024
intro: Thực hiện Đề án giai đoạn 2021-2025 và Chương trình 2022 - 2023, UBND xã ban hành Kế hoạch năm 2024.
sections:
  - title: Nội dung
    items:
      - text: Tổng kết năm 2024, xây dựng kế hoạch năm 2025 trước ngày 15/12/2024. # ý của tôi
      - text: Thực hiện Kế hoạch số 05/KH-UBND ngày 05/01/2024 của UBND tỉnh; Luật năm 2022.
targets:
  items:
    - {text: Tỷ lệ thôn tổ chức hội nghị, value: "100", unit: "%", due_year: 2024}
    - {text: Hoàn thành số hóa hồ sơ, due_year: 2023}
    - {text: Xã đạt chuẩn nông thôn mới nâng cao, due_year: 2030}
assignments:
  items:
    - agency: Văn phòng
      duties:
        - text: Báo cáo nhanh.
          deadline: 29/02/2024   # năm nhuận
        - text: Tổng kết.
          deadline: 2024-12-15
        - text: Nộp báo cáo năm.
          deadline: 13/12/2024
signer:
  title: Chủ tịch
  name: Nguyễn Văn An
"""


def _roll(text=SOURCE, year=None):
    loaded = parse_plan_text(text)
    return rollover(loaded, text, year)


def test_year_bound_values_move_fixed_ones_stay():
    result = _roll()
    plan = parse_plan_text(result.text).plan
    assert plan.year == 2025 and plan.number is None and plan.issued is None
    assert plan.title == "Thực hiện công tác dân vận năm 2025"
    item1, item2 = plan.sections[0].items
    assert item1.text == "Tổng kết năm 2025, xây dựng kế hoạch năm 2026 trước ngày 15/12/2025."  # next year → +1 too
    # cited document, its date and history stay
    assert item2.text == "Thực hiện Kế hoạch số 05/KH-UBND ngày 05/01/2024 của UBND tỉnh; Luật năm 2022."
    doc = plan.legal_bases[0].documents[0]
    assert doc.issued == _dt.date(2024, 1, 5) and doc.subject == "về công tác dân vận năm 2024"
    assert "2021-2025" in plan.intro and "2022 - 2023" in plan.intro and plan.intro.endswith("năm 2025.")
    assert [t.due_year for t in plan.targets.items] == [2025, 2023, 2030]
    assert plan.assignments.items[0].duties[1].deadline == _dt.date(2025, 12, 15)


def test_29_february_becomes_28():
    result = _roll()
    plan = parse_plan_text(result.text).plan
    assert plan.assignments.items[0].duties[0].deadline == _dt.date(2025, 2, 28)
    assert any("29/02" in c.message for c in result.changes)


def test_review_list_flags_what_needs_a_human():
    result = _roll()
    review = {c.path: c.message for c in result.changes if c.review}
    assert "legal_bases[1].documents[1]" in review  # cites last year's parent plan
    assert "targets.items[2].due_year" in review  # due year passed
    assert any("2022 - 2023" in m for m in review.values())  # a range that ended
    assert not any("2021-2025" in m for m in review.values())  # still running in 2025
    assert "thứ Bảy" in review["assignments.items[1].duties[3].deadline"]  # 13/12/2025 is a Saturday
    for c in result.changes:
        assert f"rollover: {c.message}" in result.text or c.message.startswith("đã xóa")


def test_user_comments_survive():
    text = _roll().text
    assert "# Kế hoạch của xã (ghi chú của người dùng ở đầu tệp)" in text
    assert "# ý của tôi" in text and "# năm nhuận" in text
    line = next(ln for ln in text.splitlines() if "29/02" in ln or "28/02/2025" in ln)
    assert "năm nhuận" in line and "rollover:" in line


def test_explicit_year_and_example_files(tmp_path, run_cli):
    out = tmp_path / "new.yaml"
    code, stdout, err = run_cli("rollover", EXAMPLES / "ke-hoach-tinh-2026.yaml", "--year", "2027", "-o", out)
    assert code == 0, err
    plan = load_plan(out).plan
    assert plan.year == 2027 and plan.letter.issued is None
    assert plan.letter.deadline == _dt.date(2026, 12, 5)
    assert "[xem lại] letter.deadline" in stdout  # 05/12/2026 is a Saturday
    assert "# Gợi ý trường" in out.read_text(encoding="utf-8")  # the example's own comments kept


def test_docx_source(tmp_path, run_cli):
    source = build_table_plan(tmp_path / "old.docx")
    out = tmp_path / "new.yaml"
    code, stdout, err = run_cli("rollover", source, "-o", out)
    assert code == 0, err
    plan = load_plan(out).plan
    assert plan.year == 2026 and plan.number is None
    assert plan.assignments.items[0].duties[0].deadline == _dt.date(2026, 12, 15)
    assert plan.legal_bases[1].documents[0].issued == _dt.date(2025, 1, 10)
    assert "legal_bases[2].documents[1]" in stdout


def test_dry_run_writes_nothing(tmp_path, run_cli):
    src = tmp_path / "plan.yaml"
    src.write_text(SOURCE, encoding="utf-8")
    out = tmp_path / "new.yaml"
    code, stdout, _ = run_cli("rollover", src, "-o", out, "--dry-run")
    assert code == 0 and not out.exists()
    assert "-year: 2024" in stdout and "+year: 2025" in stdout and "[xem lại]" in stdout
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.yaml"]


def test_refusals(tmp_path, run_cli):
    src = tmp_path / "plan.yaml"
    src.write_text(SOURCE, encoding="utf-8")
    code, _, err = run_cli("rollover", src, "--year", "2023", "-o", tmp_path / "x.yaml")
    assert code == 2 and "phải sau" in err
    code, _, err = run_cli("rollover", src)
    assert code == 2 and "-o" in err
    (tmp_path / "x.yaml").write_text("cũ", encoding="utf-8")
    code, _, err = run_cli("rollover", src, "-o", tmp_path / "x.yaml")
    assert code == 1 and "--force" in err
