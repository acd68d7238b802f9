"""`comments --remind`: the công văn đôn đốc góp ý to exactly the units asked that sent no reply."""

from __future__ import annotations

import datetime as dt
import re
import zipfile

from commentdocs import reply_docx, write
from lxml import etree
from test_every_output_checks_clean import assert_clean

from conftest import EXAMPLES
from dvtemplate.comments import collect_replies
from dvtemplate.comments.remind import plan_reminder
from dvtemplate.loading import load_plan
from dvtemplate.units import read_units
from ooxml_valid import assert_valid_ooxml

PLAN = EXAMPLES / "ke-hoach-tinh-2026.yaml"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
REPLIED = ["Sở Tư pháp", "Công an tỉnh"]
SILENT = ["Sở Tài chính", "Ủy ban nhân dân phường Nha Trang", "Bộ Chỉ huy Quân sự tỉnh"]


def _paragraphs(path) -> list[str]:
    with zipfile.ZipFile(path) as z:
        root = etree.fromstring(z.read("word/document.xml"))
    return ["".join(t.text or "" for t in p.iter(f"{W}t")) for p in root.iter(f"{W}p")]


def _scene(tmp_path, silent=SILENT):
    replies = tmp_path / "replies"
    write(replies, "stp.docx", reply_docx(body=["Sở Tư pháp thống nhất với nội dung dự thảo, không có ý kiến khác."]))
    write(
        replies,
        "ca.docx",
        reply_docx(
            issuer=["CÔNG AN TỈNH"], so="Số: 99/CAT-PV01", body=["Tại khoản 1 Mục II đề nghị bổ sung nội dung."]
        ),
    )
    units = tmp_path / "units.csv"
    rows = [f"{name},khác,X" for name in REPLIED + silent]
    units.write_text("Tên đơn vị,Cấp,Viết tắt\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return replies, units


def _reminder(out):
    found = list(out.glob("CV-don-doc-gop-y-*.docx"))
    assert len(found) == 1
    return found[0]


def test_the_đôn_đốc_names_exactly_the_units_that_sent_nothing(run_cli, tmp_path):
    replies, units = _scene(tmp_path)
    code, out, err = run_cli("comments", PLAN, replies, "--units", units, "-o", tmp_path / "out", "--remind")
    assert code == 0, err
    path = _reminder(tmp_path / "out")
    assert path.name in out
    assert_clean(path)
    assert_valid_ooxml(path)
    paragraphs = _paragraphs(path)
    text = "\n".join(paragraphs)
    start = paragraphs.index("Kính gửi:")
    salutation = paragraphs[start + 1 : start + 1 + len(SILENT)]
    assert salutation == [f"- {n};" for n in SILENT[:-1]] + [f"- {SILENT[-1]}."]
    assert f"{'; '.join(SILENT)}." in paragraphs  # the list in the body, in the order of the units list
    assert not any(name in text for name in REPLIED)
    assert "chưa nhận được văn bản góp ý của 3 cơ quan, đơn vị, địa phương" in text
    assert "trước ngày 05/12/2025" in text  # the letter's deadline, and a new one after today
    assert any(p.startswith("V/v đôn đốc góp ý dự thảo Kế hoạch thực hiện công tác dân vận") for p in paragraphs)
    assert re.search(r"Công văn số +/SNV-XDCQ ngày +/ +/2025 về việc lấy ý kiến góp ý dự thảo", text)
    assert "- Như trên;" in paragraphs and "- Lưu: VT, XDCQ." in paragraphs


def test_many_silent_units_are_listed_in_the_body(run_cli, tmp_path):
    silent = [f"Ủy ban nhân dân xã Số {i}" for i in range(1, 9)]
    replies, units = _scene(tmp_path, silent)
    code, _, err = run_cli("comments", PLAN, replies, "--units", units, "-o", tmp_path / "out", "--remind")
    assert code == 0, err
    paragraphs = _paragraphs(_reminder(tmp_path / "out"))
    assert "Kính gửi: Các cơ quan, đơn vị, địa phương có tên tại danh sách dưới đây." in paragraphs
    assert f"{'; '.join(silent)}." in paragraphs
    assert "Chưa gửi văn bản góp ý (8 đơn vị): " in paragraphs


def test_no_đôn_đốc_without_a_units_list_or_when_everyone_replied(run_cli, tmp_path):
    replies, units = _scene(tmp_path, silent=[])
    code, _, err = run_cli("comments", PLAN, replies, "--units", units, "-o", tmp_path / "all", "--remind")
    assert code == 0 and "Không soạn công văn đôn đốc: mọi đơn vị được lấy ý kiến đã gửi văn bản góp ý." in err
    assert not list((tmp_path / "all").glob("CV-don-doc-*"))
    code, _, err = run_cli("comments", PLAN, replies, "-o", tmp_path / "nolist", "--remind")
    assert code == 0 and "chưa có danh sách đơn vị được lấy ý kiến" in err
    assert not list((tmp_path / "nolist").glob("CV-don-doc-*"))


def test_no_đôn_đốc_before_the_deadline_has_passed(tmp_path):
    replies, units = _scene(tmp_path)
    plan = load_plan(PLAN).plan
    collection = collect_replies(plan, read_units(units), [replies])
    assert collection.silent == SILENT
    on_the_day = plan_reminder(plan, collection.asked, collection.silent, dt.date(2025, 12, 5))
    assert on_the_day.context is None and "chưa quá hạn" in on_the_day.reason
    after = plan_reminder(plan, collection.asked, collection.silent, dt.date(2025, 12, 8))
    assert after.units == SILENT and after.context is not None
    text = "\n".join(b["text"] for b in after.context["blocks"])
    assert "Đến ngày 08/12/2025" in text and "trước ngày 15/12/2025" in text  # five working days later


def test_an_existing_đôn_đốc_stops_the_run_before_anything_is_written(run_cli, tmp_path):
    replies, units = _scene(tmp_path)
    out = tmp_path / "out"
    assert run_cli("comments", PLAN, replies, "--units", units, "-o", out, "--remind")[0] == 0
    before = {p.name: p.stat().st_mtime_ns for p in out.iterdir()}
    for p in out.iterdir():
        if not p.name.startswith("CV-don-doc"):
            p.unlink()
    code, _, err = run_cli("comments", PLAN, replies, "--units", units, "-o", out, "--remind")
    assert code == 1 and "Không ghi đè" in err
    assert [p.name for p in out.iterdir()] == [n for n in before if n.startswith("CV-don-doc")]
